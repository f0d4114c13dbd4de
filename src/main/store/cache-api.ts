import { AppError } from '../../shared/errors'
import type { PreparedRow } from './cache/response-row'
import type { PackedBodies } from './cache/packed-bodies'
import type { ManageCache } from './cache/manage-core'
import type { ReportsCache } from '../reports/reports-core'
import type { InboxCount, InboxDetail, InboxFacets, InboxFilters, InboxPage } from '../../shared/domain/inbox'
import type {
  ClientAccount,
  Customer,
  FeedbackRequest,
  Response,
  Site,
  Staff,
  Survey,
  Team,
  Template,
  Unsubscribe
} from '../../shared/domain/model'

/**
 * The local cache of provider data, as the sync engine writes it and the inbox reads it.
 * Implemented in src/main/store/cache/ on worker threads (one writer, one reader, each with its own
 * SQLite connection; WAL lets them run side by side) so no big transaction or heavy query holds the
 * main process's event loop. Every method is async for that reason.
 */

export interface EntityTypes {
  response: Response
  survey: Survey
  site: Site
  staff: Staff
  team: Team
  template: Template
  customer: Customer
  feedback_request: FeedbackRequest
  client_account: ClientAccount
  unsubscribe: Unsubscribe
}
export type EntityType = keyof EntityTypes

export interface PageWrite<T extends EntityType = EntityType> {
  connectionId: string
  /** The sync stream this page belongs to, e.g. 'responses' or 'csat_ratings'. */
  stream: string
  entity: T
  items: Array<EntityTypes[T]>
  /**
   * The stream's cursor after this page (any JSON value), written in the SAME transaction as the
   * items, so a crash at any instant resumes with no row lost and none duplicated. undefined leaves it.
   */
  cursor?: unknown
  /** Full-refresh streams stamp each row they see with the pass's generation (see beginFullRefresh). */
  generation?: number
  /**
   * A response page already hashed and flattened on the caller's thread (preparePage, or
   * ClaimingPreparer, which sends rows it expects stored unchanged as claims); when present the writer uses it and not `items`.
   */
  prepared?: PreparedRow[]
  /** The bodies of `prepared` as UTF-8 in one transferred buffer, on the way to the writer thread (packed-bodies.ts). */
  packed?: PackedBodies
  /**
   * The pages of one stream run form a chain: `id` unique to the run, `page` counting from 1. The
   * writer writes page p of a chain only after page p-1 of it, and refuses it unwritten otherwise.
   * A caller may then hand page N+1 over before page N's answer is in: if N fails (or never reaches
   * the writer), N+1 cannot move the cursor past rows that were not written. Page N sent again after
   * a failure is written.
   */
  chain?: { id: string; page: number }
}

/** The start of the message of a page refused because the page before it in its chain was not written. */
export const EARLIER_PAGE_FAILED = 'An earlier page of this stream was not written'

/** A page the writer refused unwritten because the page before it in its chain was not written. */
export const isEarlierPageRefusal = (err: unknown): boolean => err instanceof AppError && err.code === 'conflict' && err.message.startsWith(EARLIER_PAGE_FAILED)

export interface PageResult {
  inserted: number
  /** Rows whose content changed and replaced their old version. */
  updated: number
  /** Rows identical to what was cached (skipped cheaply). */
  unchanged: number
}

export interface StreamCheckpoint {
  connectionId: string
  stream: string
  cursor: unknown
  /** Generation of the full-refresh pass in progress, 0 when none. */
  generation: number
  lastSuccessAt: string | null
  lastAttemptAt: string | null
  lastError: string | null
  /** Rows this stream has written in total. */
  rows: number
}

export type StreamOutcome = { ok: true; at: string } | { ok: false; at: string; error: string }

export interface CacheWriter {
  /**
   * Optional: does on the caller's thread the part of a page write the writer need not (a response
   * page's flattening and hashing; the sync worker's cache also reads which rows are stored
   * unchanged, unchanged-claims.ts); applyPage of the result skips it. Synchronous.
   */
  prepare?<W extends PageWrite>(write: W): W
  applyPage<T extends EntityType>(write: PageWrite<T>): Promise<PageResult>
  /** Starts a full-refresh pass over a small list and returns the generation to stamp its rows with. */
  beginFullRefresh(connectionId: string, stream: string): Promise<number>
  /**
   * Ends a full-refresh pass: rows of this connection and entity type not seen in it are marked
   * removed (kept, flagged, not silently dropped), and the generation is cleared.
   */
  finishFullRefresh(connectionId: string, stream: string, entity: Exclude<EntityType, 'response'>, generation: number): Promise<{ removed: number }>
  readCheckpoint(connectionId: string, stream: string): Promise<StreamCheckpoint | null>
  /** Records a stream's end; `resetCursor` for a finished pass whose next run starts from a new cursor. */
  recordStreamOutcome(connectionId: string, stream: string, outcome: StreamOutcome): Promise<void>
  /** `sync --full`: forget every cursor of these connections so the next run starts from scratch. */
  resetCursors(connectionIds: string[]): Promise<void>
  /** Everything cached for a connection (it is being removed). */
  removeConnectionData(connectionId: string): Promise<void>
  close(): Promise<void>
}

export interface CacheReader {
  inboxList(input: { filters: InboxFilters; cursor?: string; limit: number }): Promise<InboxPage>
  inboxCount(filters: InboxFilters): Promise<InboxCount>
  inboxDetail(id: number): Promise<InboxDetail | null>
  inboxFacets(connectionIds?: string[]): Promise<InboxFacets>
  checkpoints(connectionIds?: string[]): Promise<StreamCheckpoint[]>
  close(): Promise<void>
}

export interface Cache {
  writer: CacheWriter
  reader: CacheReader
  /** The manage pages' own calls (src/main/store/cache/manage-core.ts), on the same two threads. */
  manage: ManageCache
  /** Report queries on the reader, rollup rebuilds on the writer (src/main/reports/reports-core.ts). */
  reports: ReportsCache
  close(): Promise<void>
}
