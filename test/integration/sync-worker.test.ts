import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CustomerGaugeSimulatorHandle } from '../../src/main/providers/customergauge/simulator'
import type { Cache, CacheWriter } from '../../src/main/store/cache-api'
import { createSyncEngine, type SyncEngine } from '../../src/main/sync'
import type { SyncProgress, SyncStatus } from '../../src/shared/domain/inbox'
import { AppError } from '../../src/shared/errors'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'

/**
 * The sync engine in worker mode (the app's, web host's and CLI's default): the engine runs on the
 * sync worker thread with its own SQLite connection; this thread keeps a proxy that routes calls,
 * re-emits events and answers secret requests.
 */

/** Makes the main thread's cache writer refuse every page: in worker mode no page may come through it. */
function forbidMainThreadWrites(h: SyncHarness): { pagesThroughMain: () => number } {
  let pages = 0
  const real = h.ctx.cache.bind(h.ctx)
  h.ctx.cache = (): Cache => {
    const cache = real()
    const writer: CacheWriter = {
      ...cache.writer,
      applyPage: async () => {
        pages++
        throw new Error('a page was written through the main thread')
      }
    }
    return { ...cache, writer }
  }
  return { pagesThroughMain: () => pages }
}

function nextStatus(h: SyncHarness, test: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const off = h.ctx.events.subscribe((event, payload) => {
      if (event === 'sync.status' && test(payload as SyncStatus)) {
        off()
        resolve(payload as SyncStatus)
      }
    })
  })
}

describe('sync engine on its worker thread', () => {
  let h: SyncHarness<CustomerGaugeSimulatorHandle> | undefined
  let engine: SyncEngine | undefined
  afterEach(async () => {
    await engine?.shutdown()
    await h?.close()
    h = engine = undefined
  })

  it('syncs a simulator into the cache off the main thread; progress, status and inbox.changed arrive on ctx.events', async () => {
    h = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 3000 })
    const guard = forbidMainThreadWrites(h)
    engine = createSyncEngine(h.ctx)
    const summary = await engine.run({})

    expect(summary.connections[0]!.streams[0]).toMatchObject({ stream: 'responses', status: 'done', rows: 3000, error: null })
    expect(h.count('responses')).toBe(3000)
    expect(guard.pagesThroughMain()).toBe(0)

    const progress = h.events.filter((e) => e.event === 'sync.progress').map((e) => e.payload as SyncProgress)
    expect(progress[0]).toMatchObject({ connectionId: h.connectionId, stream: 'responses', phase: 'running', rows: 0 })
    expect(progress.at(-1)).toMatchObject({ phase: 'done', rows: 3000, pages: 4, error: null })
    expect(h.events.some((e) => e.event === 'inbox.changed' && (e.payload as { connectionIds: string[] }).connectionIds.includes(h!.connectionId))).toBe(true)
    // The sync.status events come from the worker too, and the last one says the run is over. It is
    // read from the worker's cache reader thread, so it may land just after run() has answered.
    await vi.waitFor(() => {
      const statuses = h!.events.filter((e) => e.event === 'sync.status').map((e) => e.payload as SyncStatus)
      expect(statuses.at(-1)!.connections[0]).toMatchObject({ connectionId: h!.connectionId, running: false })
      expect(statuses.at(-1)!.connections[0]!.streams[0]).toMatchObject({ stream: 'responses', status: 'done', rows: 3000 })
    })

    // The secret crossed to the worker only as a reply; it is in no event.
    expect(JSON.stringify(h.events)).not.toContain(h.sim.credentials.secret)

    // status() is answered by the worker, from its own view of the cache.
    const status = await engine.status()
    expect(status.connections[0]!.lastSuccessAt).not.toBeNull()
    expect(status.intervalMinutes).toBe(60)
  })

  it('cancel() answers at once from main and stops the worker after the page in flight; start() runs in the background', async () => {
    h = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 20_000 })
    engine = createSyncEngine(h.ctx)
    const e = engine
    const cancelled = new Promise<{ cancelled: string[]; rowsAtCancel: number }>((resolve) => {
      const off = h!.ctx.events.subscribe((event, payload) => {
        const p = payload as SyncProgress
        if (event === 'sync.progress' && p.phase === 'running' && p.rows >= 2000) {
          off()
          resolve({ ...e.cancel([h!.connectionId]), rowsAtCancel: p.rows })
        }
      })
    })
    const ended = nextStatus(h, (s) => !s.connections[0]!.running && s.connections[0]!.streams[0]!.status === 'cancelled')
    const started = await engine.start({})
    expect(started).toEqual({ started: [h.connectionId], alreadyRunning: [] })
    const { cancelled: ids, rowsAtCancel } = await cancelled
    expect(ids).toEqual([h.connectionId])
    await ended

    const [cp] = await h.ctx.cache().reader.checkpoints([h.connectionId])
    const rows = h.count('responses')
    expect(rows).toBeGreaterThanOrEqual(rowsAtCancel)
    // The page after the event may be written while the cancel crosses to the worker; none after that.
    expect(rows).toBeLessThanOrEqual(rowsAtCancel + 2000)
    expect(rows).toBeLessThan(20_000)
    expect(cp!.cursor).toEqual({ next: rows })
    // Nothing runs any more, so there is nothing to cancel.
    expect(engine.cancel().cancelled).toEqual([])
  })

  it("a run's AbortSignal cancels it in the worker", async () => {
    h = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 20_000 })
    engine = createSyncEngine(h.ctx)
    const controller = new AbortController()
    const off = h.ctx.events.subscribe((event, payload) => {
      if (event === 'sync.progress' && (payload as SyncProgress).rows >= 1000) controller.abort()
    })
    const summary = await engine.run({ signal: controller.signal })
    off()
    const s = summary.connections[0]!.streams[0]!
    expect(s.status).toBe('cancelled')
    expect(s.rows).toBeLessThan(20_000)
    expect(h.count('responses')).toBe(s.rows)
  })

  it('asks main for the secret: a connection without one fails every stream with the keychain message', async () => {
    h = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 10 })
    await h.ctx.secrets.delete(h.connectionId)
    engine = createSyncEngine(h.ctx)
    const summary = await engine.run({})
    expect(summary.connections[0]!.streams[0]).toMatchObject({ status: 'failed', rows: 0 })
    expect(summary.connections[0]!.streams[0]!.error).toMatch(/^CustomerGauge responses, the start: No .* is saved in the keychain/)
  })

  it('errors cross as AppErrors; after shutdown nothing starts', async () => {
    h = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 10 })
    engine = createSyncEngine(h.ctx)
    const unknown = await engine.run({ connectionIds: ['nope'] }).catch((err: unknown) => err)
    expect(unknown).toBeInstanceOf(AppError)
    expect(unknown).toMatchObject({ code: 'not_found', message: 'No connection with id nope' })

    const status = await engine.setIntervalMinutes(30)
    expect(status.intervalMinutes).toBe(30)
    // The worker wrote the setting on its own connection; main's connection reads the same value.
    expect((h.ctx.db.prepare("SELECT value FROM app_settings WHERE key = 'sync.intervalMinutes'").get() as { value: string }).value).toBe('30')

    engine.startScheduler()
    expect((await engine.status()).nextRunAt).not.toBeNull()
    await engine.shutdown()
    await expect(engine.start({})).rejects.toMatchObject({ code: 'unsupported' })
    expect(engine.cancel().cancelled).toEqual([])
  })
})
