import type { ProviderId } from '../../shared/providers'
import type { ProviderConnectionConfig } from '../providers/types'
import type { EntityType, EntityTypes } from '../store/cache-api'

/**
 * What a provider's streams file gives the engine. A stream is one list of one provider account
 * (CustomerSure responses, Nicereply CSAT ratings, FeedbackAPI locations, ...), read page by page.
 *
 *  - 'incremental' streams carry a cursor: every page says which cursor to store WITH it (the cache
 *    writes both in one transaction), so a kill at any instant resumes exactly after the last
 *    committed page.
 *  - 'full' streams re-read a small list each time; the engine stamps every row with the pass's
 *    generation and, when the pass completes, the cache marks the rows it did not see as removed.
 */

export interface StreamPage<E extends EntityType = EntityType> {
  items: Array<EntityTypes[E]>
  /** Incremental streams: the cursor to store in the same transaction as these items. */
  cursor?: unknown
  /** Rows the provider says the whole list (or pass) holds, when it says; for the progress bar. */
  totalRows?: number | null
}

/** Per-run state a stream shares with the engine. */
export interface StreamRun {
  /** The stream's stored cursor (already JSON): undefined/null when it never ran or after --full. */
  cursor: unknown
  signal: AbortSignal
  /** Set before each request ("page 3", "cursor 12000"), so an error can say which page failed. */
  where: string
  now(): Date
}

export interface StreamSpec<E extends EntityType = EntityType> {
  name: string
  entity: E
  mode: 'incremental' | 'full'
  pages(run: StreamRun): AsyncGenerator<StreamPage<E>, void, undefined>
}

/** One connection's streams for one run, over ONE provider client (so its rate limiter is shared). */
export interface ProviderSync {
  streams: Array<StreamSpec<EntityType>>
  close(): Promise<void>
}

/** `signal` ends with the connection's run (cancel, shutdown): shared lookups stop with it. */
export type ProviderSyncFactory = (config: ProviderConnectionConfig, signal: AbortSignal) => ProviderSync

export interface ProviderStreams {
  provider: ProviderId
  /** Stream names, in the order they are shown (status before a first sync lists them too). */
  names: readonly string[]
  create: ProviderSyncFactory
}
