import { afterEach, describe, expect, it } from 'vitest'
import { PROVIDER_MODULES } from '../../src/main/providers/registry'
import type { CustomerGaugeSimulatorHandle } from '../../src/main/providers/customergauge/simulator'
import type { ProviderSimulatorHandle } from '../../src/main/providers/types'
import type { SyncProgress } from '../../src/shared/domain/inbox'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'

describe('sync: cancel, resume and updates', () => {
  let h: SyncHarness<never> | undefined
  const extra: ProviderSimulatorHandle[] = []
  afterEach(async () => {
    await h?.close()
    h = undefined
    for (const s of extra.splice(0)) await s.close()
  })

  it('cancel mid-sync stops after the page in flight; the next run resumes from the cursor (worker-thread cache)', { timeout: 90_000 }, async () => {
    const cg = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 20_000 }, { cacheMode: 'worker' })
    h = cg as never
    let rowsAtCancel = -1
    const engine = cg.ctx.sync()
    const unsubscribe = cg.ctx.events.subscribe((event, payload) => {
      const p = payload as SyncProgress
      if (event === 'sync.progress' && p.phase === 'running' && p.rows >= 2000 && rowsAtCancel < 0) {
        rowsAtCancel = p.rows
        expect(engine.cancel([cg.connectionId]).cancelled).toEqual([cg.connectionId])
      }
    })
    const summary = await engine.run({})
    unsubscribe()
    const s = summary.connections[0]!.streams[0]!
    expect(s.status).toBe('cancelled')
    // The engine runs on its worker thread: while the progress event travels to this thread and the cancel
    // back, the worker may write the next page; it stops after that one (it looks for a cancel between pages).
    expect(s.rows).toBeGreaterThanOrEqual(rowsAtCancel)
    expect(s.rows).toBeLessThanOrEqual(rowsAtCancel + 2000)
    expect(s.rows).toBeLessThan(20_000)
    const [cp] = await cg.ctx.cache().reader.checkpoints([cg.connectionId])
    // Keys are 1..n in order, so the stored cursor must equal the number of rows stored: nothing lost, nothing ahead.
    expect(cp!.cursor).toEqual({ next: s.rows })
    expect(cg.count('responses')).toBe(s.rows)
    expect((await engine.status()).connections[0]!.streams[0]!.status).toBe('cancelled')

    const resumed = await engine.run({})
    expect(resumed.connections[0]!.streams[0]).toMatchObject({ status: 'done', rows: 20_000 - s.rows })
    expect(cg.count('responses')).toBe(20_000)
    const dupes = cg.ctx.db.prepare('SELECT COUNT(*) AS n FROM (SELECT external_id FROM responses WHERE connection_id = ? GROUP BY external_id HAVING COUNT(*) > 1)').get(cg.connectionId) as { n: number }
    expect(dupes.n).toBe(0)
  })

  it('an updated response replaces its old version (same ids, new content, after sync --full)', async () => {
    const cg = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 300, seed: 1 })
    h = cg as never
    await cg.ctx.sync().run({})
    const read = (): Array<{ external_id: string; comment: string | null; score: number | null }> =>
      cg.ctx.db.prepare('SELECT external_id, comment, score FROM responses WHERE connection_id = ? ORDER BY external_id').all(cg.connectionId) as never
    const before = read()

    // The same account now answers with different content for the same response ids (another seed).
    const changed = await PROVIDER_MODULES.customergauge.startSimulator({ volume: 300, seed: 2 })
    extra.push(changed)
    const conn = await cg.call('connections.get', { id: cg.connectionId })
    await cg.call('connections.update', { id: conn.id, provider: 'customergauge', label: conn.label, baseUrl: changed.baseUrl, region: 'eu', clientId: conn.settings.clientId! })
    const summary = await cg.ctx.sync().run({ full: true })
    expect(summary.connections[0]!.streams[0]).toMatchObject({ status: 'done', rows: 300 })

    const after = read()
    expect(after.map((r) => r.external_id)).toEqual(before.map((r) => r.external_id))
    const differing = after.filter((r, i) => r.comment !== before[i]!.comment || r.score !== before[i]!.score)
    expect(differing.length).toBeGreaterThan(100)
    const changedEvents = cg.events.filter((e) => e.event === 'inbox.changed')
    expect(changedEvents.length).toBeGreaterThan(0)
  })
})
