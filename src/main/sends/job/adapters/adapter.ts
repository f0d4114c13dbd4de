import type { HttpClientOptions } from '../../../http/types'
import type { ProviderConnectionConfig } from '../../../providers/types'
import type { RowRecord } from '../../ledger/ledger'
import type { DescribedRequest, SendProviderId, SendRow } from '../types'

/** One row handed to an adapter: its ledger number, its idempotency key, and what an earlier attempt got to. */
export interface AdapterRow {
  rowNumber: number
  key: string
  row: SendRow
  stage: Record<string, unknown> | null
}

export interface SentRow {
  rowNumber: number
  /** What the provider calls what it created (feedback request id, rating id, Enco referenceId). */
  providerRef: string | null
  /** The provider's answer, shortened, for the per-row results. */
  answer: string | null
}

/** What reconciling an `unknown` row with the provider found. */
export type Reconciled = { found: true; providerRef: string | null; answer: string | null } | { found: false }

export interface SendIo {
  /** Commits progress inside a row before the adapter's next call (FeedbackAPI's customer id). */
  setStage(rowNumber: number, stage: Record<string, unknown>): void
}

/**
 * One provider's way of sending rows. `send` makes the calls for one batch (one row, or up to
 * `batchSize` Enco requests of one survey) and returns the rows it sent, or throws the AppError
 * the HTTP layer gave; the runner decides what that error means for each row.
 */
export interface SendAdapter {
  provider: SendProviderId
  batchSize: number
  /** Rows of one batch share this (Enco: the survey). */
  batchKey(row: SendRow): string
  /** The exact request(s) for a row, as the ledger keeps them and the dry run shows them. */
  describe(row: SendRow, key: string): DescribedRequest[]
  send(rows: readonly AdapterRow[], io: SendIo): Promise<SentRow[]>
  /** Looks a row up at the provider by its key (or by what it sent); absent where the API has no way to. */
  reconcile?(row: RowRecord, signal: AbortSignal): Promise<Reconciled>
  close(): Promise<void>
}

export interface AdapterDeps {
  config: ProviderConnectionConfig
  httpOptions: Partial<HttpClientOptions>
  /** Awaited before every call to the provider: holds it while the connection waits out a Retry-After. */
  pace: () => Promise<void>
  encoBatchSize?: number
}

export const clip = (value: unknown, max = 500): string | null => {
  if (value === undefined || value === null || value === '') return null
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Undefined fields are left out, as JSON.stringify would on the wire. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/** Reconciliation looks for what was created since a little before the row went out (clocks differ). */
export const RECONCILE_MARGIN_MS = 10 * 60_000
