import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Db } from '../../src/main/store/database'
import { createSyncEngine } from '../../src/main/sync'
import { STALE_AFTER_MS, SyncLocks } from '../../src/main/sync/sync-lock'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'
import { makeTempDir } from '../support/temp-dir'

/** A real other process that stays alive until killed: the "other syncer" whose pid the lock names. */
function otherProcess(): { child: ChildProcess; pid: number; exited: Promise<void> } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return { child, pid: child.pid!, exited }
}

function holdAs(h: SyncHarness, pid: number, kind: 'app' | 'cli', heartbeatMs = Date.now()): void {
  h.ctx.db
    .prepare('INSERT INTO sync_locks (connection_id, owner_pid, owner_kind, owner_token, taken_at, heartbeat_ms) VALUES (?, ?, ?, ?, ?, ?)')
    .run(h.connectionId, pid, kind, 'someone-else', new Date(heartbeatMs).toISOString(), heartbeatMs)
}

describe('sync lock: one syncer per connection across processes', () => {
  let h: SyncHarness | undefined
  let other: ReturnType<typeof otherProcess> | undefined
  afterEach(async () => {
    other?.child.kill('SIGKILL')
    await other?.exited
    await h?.close()
    h = other = undefined
  })

  it('skips a connection another live process is syncing, saying who, and touches nothing', { timeout: 60_000 }, async () => {
    h = await startSyncHarness('customergauge', { volume: 1500 })
    other = otherProcess()
    holdAs(h, other.pid, 'cli')
    const engine = createSyncEngine(h.ctx, { mode: 'inline' })
    try {
      const summary = await engine.run({ connectionIds: [h.connectionId] })
      const s = summary.connections[0]!.streams[0]!
      expect(s.status).toBe('failed')
      expect(s.error).toContain(`already syncing in ${other.pid}/cli`)
      expect(s.error).toContain('CustomerGauge responses')
      expect(h.count('responses')).toBe(0)
      // A busy connection is not a failed sync: the stored state says nothing went wrong.
      const state = h.ctx.db.prepare('SELECT last_error FROM sync_state WHERE connection_id = ?').all(h.connectionId) as Array<{ last_error: string | null }>
      expect(state.every((r) => r.last_error === null)).toBe(true)
      // The app's status says why, so the Inbox's sync panel can tell the user.
      const status = (await engine.status()).connections.find((c) => c.connectionId === h!.connectionId)!
      expect(status.lastError).toContain(`already syncing in ${other.pid}/cli`)

      // The other process dies without letting go (kill -9): its row is taken over at once.
      other.child.kill('SIGKILL')
      await other.exited
      const after = await engine.run({ connectionIds: [h.connectionId] })
      expect(after.connections[0]!.streams[0]).toMatchObject({ status: 'done', rows: 1500 })
      expect((await engine.status()).connections[0]!.lastError).toBeNull()
      expect(h.count('responses')).toBe(1500)
      // Released at the end: nobody holds the connection.
      expect(h.ctx.db.prepare('SELECT COUNT(*) FROM sync_locks').pluck().get()).toBe(0)
    } finally {
      await engine.shutdown()
    }
  })

  it('takes over a lock whose heartbeat went stale even while its pid exists (a hung or reused process)', { timeout: 60_000 }, async () => {
    h = await startSyncHarness('customergauge', { volume: 300 })
    other = otherProcess()
    holdAs(h, other.pid, 'app', Date.now() - STALE_AFTER_MS - 1000)
    const engine = createSyncEngine(h.ctx, { mode: 'inline' })
    try {
      const summary = await engine.run({ connectionIds: [h.connectionId] })
      expect(summary.connections[0]!.streams[0]).toMatchObject({ status: 'done', rows: 300 })
    } finally {
      await engine.shutdown()
    }
  })
})

/** Two connections on one fresh database file, closed and removed after the test. */
const opened: Array<() => void> = []
afterEach(() => opened.splice(0).forEach((close) => close()))
function twoConnections(prefix: string): [Db, Db] {
  const tmp = makeTempDir(prefix)
  const a = openDatabase(`${tmp.dir}/cache.sqlite3`)
  const b = openDatabase(`${tmp.dir}/cache.sqlite3`)
  opened.push(() => {
    a.close()
    b.close()
    tmp.cleanup()
  })
  return [a, b]
}

describe('SyncLocks on one database file from two connections', () => {
  it('lets one owner in, names it to the second, and hands over on release', () => {
    const [a, b] = twoConnections('survey-desk-lock-')
    const app = new SyncLocks(a, 'app')
    const cli = new SyncLocks(b, 'cli')
    expect(app.acquire('c1')).toEqual({ ok: true })
    const refused = cli.acquire('c1')
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.holder).toMatchObject({ pid: process.pid, kind: 'app' })
    // Other connections are independent.
    expect(cli.acquire('c2')).toEqual({ ok: true })
    // The owner may take its own lock again (a second run of the same engine).
    expect(app.acquire('c1')).toEqual({ ok: true })
    app.release('c1')
    expect(cli.acquire('c1')).toEqual({ ok: true })
    cli.releaseAll()
    expect(a.prepare('SELECT COUNT(*) FROM sync_locks').pluck().get()).toBe(0)
  })
})

describe('SyncLocks heartbeat', () => {
  it('a holder that keeps beating keeps its connection; one that stops loses it after STALE_AFTER_MS', () => {
    const [a, b] = twoConnections('survey-desk-lock-beat-')
    let now = 1_000_000
    const holder = new SyncLocks(a, 'cli', () => now)
    const other = new SyncLocks(b, 'app', () => now)
    expect(holder.acquire('c1').ok).toBe(true)
    now += STALE_AFTER_MS - 1000
    holder.beat()
    now += STALE_AFTER_MS - 1000
    // Long past the first stamp, but the beat keeps it live.
    expect(other.acquire('c1').ok).toBe(false)
    now += STALE_AFTER_MS
    expect(other.acquire('c1')).toEqual({ ok: true })
    holder.releaseAll()
    other.releaseAll()
  })

  it('a beat never waits for another connection writing: it answers at once and stamps once the writer is done', async () => {
    const [a, writer] = twoConnections('survey-desk-lock-busy-')
    let now = 1_000_000
    const holder = new SyncLocks(a, 'cli', () => now)
    expect(holder.acquire('c1').ok).toBe(true)
    const stamp = (): number => (writer.prepare('SELECT heartbeat_ms FROM sync_locks WHERE connection_id = ?').get('c1') as { heartbeat_ms: number }).heartbeat_ms
    // A beat that waited for the writer would hang past the test's own timeout (5 s).
    a.pragma('busy_timeout = 60000')
    writer.exec('BEGIN IMMEDIATE')
    now += 5000
    expect(holder.beat()).toBe(false)
    expect(a.pragma('busy_timeout', { simple: true })).toBe(60000)
    writer.exec('COMMIT')
    expect(stamp()).toBe(1_000_000)
    // The retry BUSY_RETRY_MS later stamps the row.
    await vi.waitFor(() => expect(stamp()).toBe(1_005_000), { timeout: 5000, interval: 50 })
    holder.releaseAll()
  })
})
