import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { Db } from '../store/database'

/**
 * One syncer per connection across processes. The app and a `survey-desk sync` share the data
 * folder; each would page through the same stream with its own cursor, so their pages and cursor
 * writes would interleave. A row in sync_locks (migration 7) names the owner: its pid, whether it
 * is the app or the CLI, and a heartbeat. The row counts only while that process exists and its
 * heartbeat is recent, so a `kill -9`'d sync never blocks the next one.
 */

export type SyncOwnerKind = 'app' | 'cli'

export interface SyncLockHolder {
  pid: number
  kind: SyncOwnerKind
  takenAt: string
}

export type SyncLockResult = { ok: true } | { ok: false; holder: SyncLockHolder }

/** How often a holder stamps its rows. */
export const HEARTBEAT_MS = 5_000
/** A row not stamped for this long is abandoned (a hung or frozen process) and may be taken. */
export const STALE_AFTER_MS = 30_000

interface LockRow {
  owner_pid: number
  owner_kind: SyncOwnerKind
  owner_token: string
  taken_at: string
  heartbeat_ms: number
}

/** The Electron app and its web host are "app"; anything else running the engine is the command line. */
export function defaultOwnerKind(): SyncOwnerKind {
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

/** "already syncing in 4242/cli": the words both the CLI and the app show. */
export function describeHolder(h: SyncLockHolder): string {
  return `already syncing in ${h.pid}/${h.kind}`
}

export class SyncLocks {
  /** Tells two engines of one process apart (same pid). */
  private readonly token = randomUUID()
  private readonly held = new Set<string>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Db,
    private readonly kind: SyncOwnerKind,
    private readonly now: () => number = Date.now
  ) {}

  acquire(connectionId: string): SyncLockResult {
    const take = this.db.transaction((): SyncLockResult => {
      const row = this.db.prepare('SELECT owner_pid, owner_kind, owner_token, taken_at, heartbeat_ms FROM sync_locks WHERE connection_id = ?').get(connectionId) as LockRow | undefined
      if (row && row.owner_token !== this.token && this.live(row)) {
        return { ok: false, holder: { pid: row.owner_pid, kind: row.owner_kind, takenAt: row.taken_at } }
      }
      const now = this.now()
      this.db
        .prepare(
          `INSERT INTO sync_locks (connection_id, owner_pid, owner_kind, owner_token, taken_at, heartbeat_ms) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (connection_id) DO UPDATE SET owner_pid = excluded.owner_pid, owner_kind = excluded.owner_kind,
             owner_token = excluded.owner_token, taken_at = excluded.taken_at, heartbeat_ms = excluded.heartbeat_ms`
        )
        .run(connectionId, process.pid, this.kind, this.token, new Date(now).toISOString(), now)
      return { ok: true }
    })
    // IMMEDIATE: the read and the write happen under one write lock, so two takers cannot both win.
    const result = take.immediate()
    if (result.ok) {
      this.held.add(connectionId)
      this.arm()
    }
    return result
  }

  release(connectionId: string): void {
    this.held.delete(connectionId)
    if (this.held.size === 0) this.disarm()
    try {
      this.db.prepare('DELETE FROM sync_locks WHERE connection_id = ? AND owner_token = ?').run(connectionId, this.token)
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
    this.timer = null
  }

  /** Stamps every row this engine holds (every HEARTBEAT_MS while it holds any). */
  beat(): void {
    if (!this.db.open) return this.disarm()
    try {
      this.db.prepare('UPDATE sync_locks SET heartbeat_ms = ? WHERE owner_token = ?').run(this.now(), this.token)
    } catch {
      // Busy for longer than busy_timeout: the next beat tries again, well inside STALE_AFTER_MS.
    }
  }
}
