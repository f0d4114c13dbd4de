import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { Db } from './database'

/**
 * One owner per key across processes that share the data folder (the app and the `survey-desk`
 * command line): one syncer per connection (sync_locks, migration 7), one runner per send job
 * (job_locks in sends.sqlite, ledger migration 2). A row names the owner: its pid, whether it is the
 * app or the CLI, and a heartbeat. The row counts only while that process exists and its heartbeat
 * is recent, so a `kill -9`'d owner never blocks the next one.
 */

export type OwnerKind = 'app' | 'cli'

export interface LockHolder {
  pid: number
  kind: OwnerKind
  takenAt: string
}

export type LockResult = { ok: true } | { ok: false; holder: LockHolder }

/** The SQL of a lock table keyed by `key` (sync_locks of migration 7, job_locks of ledger migration 2). */
export function lockTableSql(table: string, key: string): string {
  return `
  CREATE TABLE ${table} (
    ${key} TEXT PRIMARY KEY,
    owner_pid     INTEGER NOT NULL,
    owner_kind    TEXT NOT NULL CHECK (owner_kind IN ('app','cli')),
    owner_token   TEXT NOT NULL,
    taken_at      TEXT NOT NULL,
    heartbeat_ms  INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
`
}

/** The lock table and its key column (each table: key, owner_pid, owner_kind, owner_token, taken_at, heartbeat_ms). */
export interface LockTable {
  table: string
  key: string
}

/** How often a holder stamps its rows. */
export const HEARTBEAT_MS = 5_000
/** How soon a beat that found another connection writing tries again. */
export const BUSY_RETRY_MS = 250
/** A row not stamped for this long is abandoned (a hung or frozen process) and may be taken. */
export const STALE_AFTER_MS = 30_000

interface LockRow {
  owner_pid: number
  owner_kind: OwnerKind
  owner_token: string
  taken_at: string
  heartbeat_ms: number
}

/** The Electron app and its web host are "app"; anything else running the engine is the command line. */
export function defaultOwnerKind(): OwnerKind {
  if (process.versions.electron) return 'app'
  return /^web\.[cm]?[jt]s$/.test(basename(process.argv[1] ?? '')) ? 'app' : 'cli'
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class ProcessLocks {
  /** Tells two engines of one process apart (same pid). */
  private readonly token = randomUUID()
  private readonly held = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private retry: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Db,
    private readonly where: LockTable,
    private readonly kind: OwnerKind,
    private readonly now: () => number = Date.now
  ) {}

  acquire(key: string): LockResult {
    const { table, key: column } = this.where
    const take = this.db.transaction((): LockResult => {
      const row = this.db.prepare(`SELECT owner_pid, owner_kind, owner_token, taken_at, heartbeat_ms FROM ${table} WHERE ${column} = ?`).get(key) as LockRow | undefined
      if (row && row.owner_token !== this.token && this.live(row)) {
        return { ok: false, holder: { pid: row.owner_pid, kind: row.owner_kind, takenAt: row.taken_at } }
      }
      const now = this.now()
      this.db
        .prepare(
          `INSERT INTO ${table} (${column}, owner_pid, owner_kind, owner_token, taken_at, heartbeat_ms) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (${column}) DO UPDATE SET owner_pid = excluded.owner_pid, owner_kind = excluded.owner_kind,
             owner_token = excluded.owner_token, taken_at = excluded.taken_at, heartbeat_ms = excluded.heartbeat_ms`
        )
        .run(key, process.pid, this.kind, this.token, new Date(now).toISOString(), now)
      return { ok: true }
    })
    // IMMEDIATE: the read and the write happen under one write lock, so two takers cannot both win.
    const result = take.immediate()
    if (result.ok) {
      this.held.add(key)
      this.arm()
    }
    return result
  }

  /** Who holds `key` now, if a live process other than this owner does. */
  holder(key: string): LockHolder | null {
    const { table, key: column } = this.where
    const row = this.db.prepare(`SELECT owner_pid, owner_kind, owner_token, taken_at, heartbeat_ms FROM ${table} WHERE ${column} = ?`).get(key) as LockRow | undefined
    return row && row.owner_token !== this.token && this.live(row) ? { pid: row.owner_pid, kind: row.owner_kind, takenAt: row.taken_at } : null
  }

  release(key: string): void {
    this.held.delete(key)
    if (this.held.size === 0) this.disarm()
    try {
      this.db.prepare(`DELETE FROM ${this.where.table} WHERE ${this.where.key} = ? AND owner_token = ?`).run(key, this.token)
    } catch {
      // The database is closing or busy: the row lapses by itself once this process ends or stops beating.
    }
  }

  releaseAll(): void {
    for (const id of [...this.held]) this.release(id)
  }

  private live(row: LockRow): boolean {
    return this.now() - row.heartbeat_ms < STALE_AFTER_MS && processExists(row.owner_pid)
  }

  private arm(): void {
    if (this.timer) return
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS)
    // The CLI exits when its sync is done; a heartbeat must not keep it alive.
    this.timer.unref()
  }

  private disarm(): void {
    if (this.timer) clearInterval(this.timer)
    if (this.retry) clearTimeout(this.retry)
    this.timer = null
    this.retry = null
  }

  /**
   * Stamps every row this engine holds (every HEARTBEAT_MS while it holds any). It never waits for
   * another connection's write: the sync's own writer commits page after page on another thread,
   * and a beat waiting its turn behind them held the sync thread ~185 ms a time (bench/sync-1m).
   * When the database is busy it tries again BUSY_RETRY_MS later, well inside STALE_AFTER_MS.
   * Returns whether the rows were stamped.
   */
  beat(): boolean {
    if (!this.db.open) {
      this.disarm()
      return false
    }
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number
    this.db.pragma('busy_timeout = 0')
    try {
      this.db.prepare(`UPDATE ${this.where.table} SET heartbeat_ms = ? WHERE owner_token = ?`).run(this.now(), this.token)
      return true
    } catch {
      // SQLITE_BUSY (or the database closing): try again shortly, unless nothing is held any more.
      if (this.held.size > 0) {
        this.retry = setTimeout(() => this.beat(), BUSY_RETRY_MS)
        this.retry.unref()
      }
      return false
    } finally {
      if (this.db.open) this.db.pragma(`busy_timeout = ${timeout}`)
    }
  }
}
