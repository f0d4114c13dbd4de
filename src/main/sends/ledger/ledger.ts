import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { JobCounts, JobRowStatus, JobStatus, ProtectionSettings, SendPurpose } from '../../../shared/domain/sends'
import { AppError } from '../../../shared/errors'
import { nativeBindingFor } from '../../native-modules'
import { migrate, type Db } from '../../store/database'
import type { SendProviderId, SendRow } from '../job/types'
import { LEDGER_MIGRATIONS, LEDGER_SCHEMA_VERSION } from './schema'

export const LEDGER_FILE_NAME = 'sends.sqlite'

export interface JobRecord {
  id: string
  connectionId: string
  connectionLabel: string
  provider: SendProviderId
  purpose: SendPurpose
  fileName: string
  status: JobStatus
  statusDetail: string | null
  protection: ProtectionSettings
  createdAt: string
  finishedAt: string | null
}

export interface NewRow {
  rowNumber: number
  key: string
  status: 'pending' | 'skipped'
  detail: string | null
  row: SendRow
}

export interface RowRecord {
  jobId: string
  rowNumber: number
  key: string
  status: JobRowStatus
  attempts: number
  recipient: string | null
  email: string | null
  phone: string | null
  timeZone: string | null
  row: SendRow
  cells: Record<string, string>
  request: unknown
  stage: Record<string, unknown> | null
  providerRef: string | null
  detail: string | null
  inFlightAt: number | null
  notBefore: number
  updatedAt: string | null
}

type Raw = Record<string, unknown>

function toJob(r: Raw): JobRecord {
  return {
    id: r.id as string,
    connectionId: r.connection_id as string,
    connectionLabel: r.connection_label as string,
    provider: r.provider as SendProviderId,
    purpose: r.purpose as SendPurpose,
    fileName: r.file_name as string,
    status: r.status as JobStatus,
    statusDetail: r.status_detail as string | null,
    protection: JSON.parse(r.protection as string) as ProtectionSettings,
    createdAt: r.created_at as string,
    finishedAt: r.finished_at as string | null
  }
}

function toRow(r: Raw): RowRecord {
  return {
    jobId: r.job_id as string,
    rowNumber: r.row_number as number,
    key: r.idempotency_key as string,
    status: r.status as JobRowStatus,
    attempts: r.attempts as number,
    recipient: r.recipient as string | null,
    email: r.email as string | null,
    phone: r.phone as string | null,
    timeZone: r.time_zone as string | null,
    row: JSON.parse(r.payload as string) as SendRow,
    cells: JSON.parse(r.cells as string) as Record<string, string>,
    request: r.request === null ? null : (JSON.parse(r.request as string) as unknown),
    stage: r.stage === null ? null : (JSON.parse(r.stage as string) as Record<string, unknown>),
    providerRef: r.provider_ref as string | null,
    detail: r.detail as string | null,
    inFlightAt: r.in_flight_at as number | null,
    notBefore: r.not_before as number,
    updatedAt: r.updated_at as string | null
  }
}

export const recipientOf = (row: SendRow): string | null => row.email ?? row.phone ?? null

/**
 * The durable record of every send (sends.sqlite, WAL, synchronous=FULL): a job and all its rows
 * are written in one transaction before the first call, and each state change is its own small
 * committed transaction, so whatever was committed survives a crash, a kill or a power cut.
 */
export class Ledger {
  readonly db: Db
  private readonly now: () => number

  constructor(file: string, opts: { clock?: () => number } = {}) {
    mkdirSync(dirname(file), { recursive: true })
    const nativeBinding = nativeBindingFor('better_sqlite3')
    this.db = new Database(file, nativeBinding ? { nativeBinding } : {})
    this.db.pragma('journal_mode = WAL')
    // FULL: a row marked in_flight or sent is on disk before the next call goes out.
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    migrate(this.db, LEDGER_SCHEMA_VERSION, LEDGER_MIGRATIONS)
    this.now = opts.clock ?? Date.now
  }

  static inDataDir(dataDir: string, opts: { clock?: () => number } = {}): Ledger {
    return new Ledger(join(dataDir, LEDGER_FILE_NAME), opts)
  }

  /**
   * A second connection to this ledger's file for the job locks (job_locks): a heartbeat needs no
   * fsync, so it commits with synchronous NORMAL and never waits on the disk the way the rows'
   * synchronous=FULL commits do (2 ms typical, over 50 ms at the 99th percentile here).
   */
  openLocksConnection(): Db {
    const nativeBinding = nativeBindingFor('better_sqlite3')
    const db = new Database(this.db.name, nativeBinding ? { nativeBinding } : {})
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    return db
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private iso(): string {
    return new Date(this.now()).toISOString()
  }

  // ---------- jobs ----------

  /** The job and every row in ONE transaction: either the whole job exists or none of it. */
  createJob(job: Omit<JobRecord, 'createdAt' | 'finishedAt'>, rows: readonly NewRow[]): JobRecord {
    const at = this.iso()
    const insertJob = this.db.prepare(
      `INSERT INTO jobs (id, connection_id, connection_label, provider, purpose, file_name, status, status_detail, protection, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    const insertRow = this.db.prepare(
      `INSERT INTO job_rows (job_id, row_number, idempotency_key, status, recipient, email, phone, time_zone, payload, cells, detail, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    this.db.transaction(() => {
      insertJob.run(job.id, job.connectionId, job.connectionLabel, job.provider, job.purpose, job.fileName, job.status, job.statusDetail, JSON.stringify(job.protection), at, at)
      for (const r of rows) {
        const { cells, ...payload } = r.row
        insertRow.run(job.id, r.rowNumber, r.key, r.status, recipientOf(r.row), r.row.email, r.row.phone, r.row.timeZone ?? null, JSON.stringify(payload), JSON.stringify(cells ?? {}), r.detail, at)
      }
    })()
    return this.job(job.id)!
  }

  job(id: string): JobRecord | undefined {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Raw | undefined
    return r ? toJob(r) : undefined
  }

  requireJob(id: string): JobRecord {
    const job = this.job(id)
    if (!job) throw new AppError('not_found', `There is no send job ${id}.`)
    return job
  }

  jobs(): JobRecord[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, id').all() as Raw[]).map(toJob)
  }

  setJobStatus(id: string, status: JobStatus, detail: string | null): void {
    const finished = status === 'done' || status === 'cancelled' || status === 'failed'
    this.db
      .prepare('UPDATE jobs SET status = ?, status_detail = ?, finished_at = CASE WHEN ? THEN coalesce(finished_at, ?) ELSE NULL END, updated_at = ? WHERE id = ?')
      .run(status, detail, finished ? 1 : 0, this.iso(), this.iso(), id)
  }

  counts(jobId: string): JobCounts {
    const rows = this.db.prepare('SELECT status, count(*) AS n FROM job_rows WHERE job_id = ? GROUP BY status').all(jobId) as Array<{ status: JobRowStatus; n: number }>
    const c: JobCounts = { total: 0, pending: 0, inFlight: 0, sent: 0, failed: 0, skipped: 0, unknown: 0 }
    for (const { status, n } of rows) {
      c.total += n
      if (status === 'in_flight') c.inFlight += n
      else c[status] += n
    }
    return c
  }

  // ---------- rows ----------

  row(jobId: string, rowNumber: number): RowRecord | undefined {
    const r = this.db.prepare('SELECT * FROM job_rows WHERE job_id = ? AND row_number = ?').get(jobId, rowNumber) as Raw | undefined
    return r ? toRow(r) : undefined
  }

  rowsWithStatus(jobId: string, statuses: readonly JobRowStatus[], offset = 0, limit = -1): RowRecord[] {
    if (statuses.length === 0) return []
    const marks = statuses.map(() => '?').join(',')
    return (
      this.db.prepare(`SELECT * FROM job_rows WHERE job_id = ? AND status IN (${marks}) ORDER BY row_number LIMIT ? OFFSET ?`).all(jobId, ...statuses, limit, offset) as Raw[]
    ).map(toRow)
  }

  countWithStatus(jobId: string, statuses: readonly JobRowStatus[]): number {
    if (statuses.length === 0) return 0
    const marks = statuses.map(() => '?').join(',')
    return this.db.prepare(`SELECT count(*) FROM job_rows WHERE job_id = ? AND status IN (${marks})`).pluck().get(jobId, ...statuses) as number
  }

  /** The next pending rows that may go now, in file order. */
  nextPending(jobId: string, limit: number, now: number): RowRecord[] {
    return (
      this.db.prepare(`SELECT * FROM job_rows WHERE job_id = ? AND status = 'pending' AND not_before <= ? ORDER BY row_number LIMIT ?`).all(jobId, now, limit) as Raw[]
    ).map(toRow)
  }

  /** Earliest not_before among pending rows that must wait (a 429's Retry-After), or null. */
  nextWake(jobId: string): number | null {
    return this.db.prepare(`SELECT min(not_before) FROM job_rows WHERE job_id = ? AND status = 'pending'`).pluck().get(jobId) as number | null
  }

  /** pending -> in_flight, committed before the call goes out (all rows of an Enco batch in one commit). */
  markInFlight(jobId: string, rows: ReadonlyArray<{ rowNumber: number; request: unknown }>): void {
    const at = this.now()
    const stmt = this.db.prepare(
      `UPDATE job_rows SET status = 'in_flight', attempts = attempts + 1, request = ?, in_flight_at = ?, updated_at = ? WHERE job_id = ? AND row_number = ? AND status = 'pending'`
    )
    this.db.transaction(() => {
      for (const r of rows) {
        const changed = stmt.run(JSON.stringify(r.request), at, new Date(at).toISOString(), jobId, r.rowNumber).changes
        if (changed !== 1) throw new AppError('conflict', `Row ${r.rowNumber} of job ${jobId} is no longer pending.`)
      }
    })()
  }

  /** Progress inside one in-flight row, committed before its next call (FeedbackAPI's customer id). */
  setStage(jobId: string, rowNumber: number, stage: Record<string, unknown>): void {
    this.db.prepare('UPDATE job_rows SET stage = ?, updated_at = ? WHERE job_id = ? AND row_number = ?').run(JSON.stringify(stage), this.iso(), jobId, rowNumber)
  }

  /** -> sent, together with the send history the over-survey rule reads, in one commit. */
  markSent(job: Pick<JobRecord, 'id' | 'provider' | 'connectionId' | 'purpose'>, outcomes: ReadonlyArray<{ rowNumber: number; providerRef: string | null; answer: string | null; detail?: string | null }>): void {
    const at = this.now()
    const update = this.db.prepare(
      `UPDATE job_rows SET status = 'sent', provider_ref = ?, answer = ?, detail = ?, updated_at = ? WHERE job_id = ? AND row_number = ? AND status IN ('in_flight','unknown','pending')`
    )
    const history = this.db.prepare(
      `INSERT INTO send_history (email, phone, provider, connection_id, job_id, row_number, sent_at_ms) SELECT email, phone, ?, ?, job_id, row_number, ? FROM job_rows WHERE job_id = ? AND row_number = ?`
    )
    this.db.transaction(() => {
      for (const o of outcomes) {
        const changed = update.run(o.providerRef, o.answer, o.detail ?? null, new Date(at).toISOString(), job.id, o.rowNumber).changes
        // Imported ratings are not surveys sent to anyone: they do not count for the over-survey rule.
        if (changed === 1 && job.purpose === 'send') history.run(job.provider, job.connectionId, at, job.id, o.rowNumber)
      }
    })()
  }

  /** -> failed (final), pending (retry later, from not_before) or unknown (the provider may or may not have it). */
  markOutcome(jobId: string, rowNumbers: readonly number[], status: 'failed' | 'pending' | 'unknown' | 'skipped', detail: string | null, notBefore = 0): void {
    const stmt = this.db.prepare(
      `UPDATE job_rows SET status = ?, detail = ?, not_before = ?, in_flight_at = CASE WHEN ? = 'pending' THEN NULL ELSE in_flight_at END, updated_at = ? WHERE job_id = ? AND row_number = ?`
    )
    const at = this.iso()
    this.db.transaction(() => {
      for (const n of rowNumbers) stmt.run(status, detail, notBefore, status, at, jobId, n)
    })()
  }

  /** After a crash: every row still in_flight may or may not have reached the provider. */
  inFlightToUnknown(jobId: string): number {
    return this.db
      .prepare(`UPDATE job_rows SET status = 'unknown', detail = 'Survey Desk stopped while this row was being sent; checking with the provider.', updated_at = ? WHERE job_id = ? AND status = 'in_flight'`)
      .run(this.iso(), jobId).changes
  }

  /** A cancelled job's rows that never went out. */
  skipPending(jobId: string, detail: string): number {
    return this.db.prepare(`UPDATE job_rows SET status = 'skipped', detail = ?, updated_at = ? WHERE job_id = ? AND status = 'pending'`).run(detail, this.iso(), jobId).changes
  }

  // ---------- protection data ----------

  /** Addresses and numbers this app sent a survey to since `sinceMs`, across all providers. */
  recentlySurveyed(sinceMs: number): { emails: Map<string, number>; phones: Map<string, number> } {
    const rows = this.db.prepare('SELECT email, phone, max(sent_at_ms) AS at FROM send_history WHERE sent_at_ms >= ? GROUP BY email, phone').all(sinceMs) as Array<{ email: string | null; phone: string | null; at: number }>
    const emails = new Map<string, number>()
    const phones = new Map<string, number>()
    for (const r of rows) {
      if (r.email) emails.set(r.email, Math.max(r.at, emails.get(r.email) ?? 0))
      if (r.phone) phones.set(r.phone, Math.max(r.at, phones.get(r.phone) ?? 0))
    }
    return { emails, phones }
  }

  doNotContact(): Set<string> {
    return new Set(this.db.prepare('SELECT value FROM do_not_contact').pluck().all() as string[])
  }

  doNotContactCount(): number {
    return this.db.prepare('SELECT count(*) FROM do_not_contact').pluck().get() as number
  }

  /** Adds entries (already normalised); returns how many were new. */
  addDoNotContact(entries: ReadonlyArray<{ value: string; kind: 'email' | 'phone' }>): number {
    const stmt = this.db.prepare('INSERT OR IGNORE INTO do_not_contact (value, kind, added_at) VALUES (?, ?, ?)')
    const at = this.iso()
    let added = 0
    this.db.transaction(() => {
      for (const e of entries) added += stmt.run(e.value, e.kind, at).changes
    })()
    return added
  }

  // ---------- settings and saved mappings ----------

  setting<T>(key: string): T | undefined {
    const v = this.db.prepare('SELECT value FROM ledger_settings WHERE key = ?').pluck().get(key) as string | undefined
    return v === undefined ? undefined : (JSON.parse(v) as T)
  }

  setSetting(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO ledger_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value))
  }

  mapping(connectionId: string, signature: string): Record<string, unknown> | null {
    const v = this.db.prepare('SELECT mapping FROM saved_mappings WHERE connection_id = ? AND header_signature = ?').pluck().get(connectionId, signature) as string | undefined
    return v === undefined ? null : (JSON.parse(v) as Record<string, unknown>)
  }

  saveMapping(connectionId: string, signature: string, headers: readonly string[], mapping: Record<string, unknown>): void {
    this.db
      .prepare(
        `INSERT INTO saved_mappings (connection_id, header_signature, headers, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (connection_id, header_signature) DO UPDATE SET headers = excluded.headers, mapping = excluded.mapping, updated_at = excluded.updated_at`
      )
      .run(connectionId, signature, JSON.stringify(headers), JSON.stringify(mapping), this.iso())
  }
}
