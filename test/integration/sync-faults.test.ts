import { afterEach, describe, expect, it } from 'vitest'
import type { CustomerGaugeSimulatorHandle } from '../../src/main/providers/customergauge/simulator'
import { createFeedbackApiClient } from '../../src/main/providers/feedbackapi/client'
import type { FeedbackApiSimulatorHandle } from '../../src/main/providers/feedbackapi/simulator'
import type { SyncProgress } from '../../src/shared/domain/inbox'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'

describe('sync: failures stay in their stream, stored data stays as it was', () => {
  let h: SyncHarness<never> | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  it('a malformed CustomerGauge page fails the stream, naming provider, stream and page; committed pages and the cursor stay', async () => {
    const cg = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 2000 })
    h = cg as never
    await cg.ctx.sync().run({})
    const before = cg.ctx.db.prepare('SELECT external_id, comment, score FROM responses WHERE connection_id = ? ORDER BY external_id').all(cg.connectionId)
    expect(before).toHaveLength(2000)

    cg.sim.addResponses(2500)
    // The page asked with cursor 3000 (rows 3001-4000) comes back as broken JSON.
    cg.sim.sim.faults.set({ malformed: { path: '/v7/rest/sync/responses', page: 3000 } })
    const summary = await cg.ctx.sync().run({})
    const s = summary.connections[0]!.streams[0]!
    expect(s.status).toBe('failed')
    expect(s.error).toMatch(/^CustomerGauge responses, the page after cursor 3000: /)
    expect(s.rows).toBe(1000) // the page before the broken one was committed

    expect(cg.count('responses')).toBe(3000)
    const [cp] = await cg.ctx.cache().reader.checkpoints([cg.connectionId])
    expect(cp!.cursor).toEqual({ next: 3000 })
    expect(cp!.lastError).toBe(s.error)
    const kept = cg.ctx.db.prepare('SELECT external_id, comment, score FROM responses WHERE connection_id = ? AND CAST(external_id AS INTEGER) < ? ORDER BY external_id').all(cg.connectionId, 52000 + 2 * 2000)
    expect(kept).toEqual(before)

    const failed = cg.events.filter((e) => e.event === 'sync.progress' && (e.payload as SyncProgress).phase === 'failed')
    expect(failed).toHaveLength(1)
    expect((failed[0]!.payload as SyncProgress).error).toMatchObject({ code: 'provider', message: s.error })

    // Once the provider answers properly again, the next run resumes at that page and completes.
    cg.sim.sim.faults.reset()
    const next = await cg.ctx.sync().run({})
    expect(next.connections[0]!.streams[0]).toMatchObject({ status: 'done', rows: 1500 })
    expect(cg.count('responses')).toBe(4500)
  })

  it('one failing stream of a connection reports its error while the others finish', async () => {
    const fa = await startSyncHarness<FeedbackApiSimulatorHandle>('feedbackapi', { volume: 200 })
    h = fa as never
    await fa.ctx.sync().run({})
    const locations = fa.count('sites', { live: true })
    fa.sim.sim.faults.set({ malformed: { path: `${new URL(fa.sim.baseUrl).pathname.replace(/\/$/, '')}/locations`, page: 0 } })
    const summary = await fa.ctx.sync().run({})
    const byStream = Object.fromEntries(summary.connections[0]!.streams.map((s) => [s.stream, s]))
    expect(byStream.locations).toMatchObject({ status: 'failed', rows: 0 })
    expect(byStream.locations!.error).toMatch(/^FeedbackAPI locations, page 0: /)
    for (const name of ['feedback', 'reviews', 'feedback_requests', 'customers', 'client_accounts', 'users']) expect(byStream[name], name).toMatchObject({ status: 'done', error: null })
    // The interrupted full refresh did not finish, so nothing was marked removed.
    expect(fa.count('sites', { live: true })).toBe(locations)
  })

  it('a reference row that vanished upstream is marked removed, not dropped and not kept as live', async () => {
    const fa = await startSyncHarness<FeedbackApiSimulatorHandle>('feedbackapi', { volume: 200 })
    h = fa as never
    await fa.ctx.sync().run({})
    const total = fa.count('sites')
    expect(total).toBeGreaterThan(1)
    const client = createFeedbackApiClient({ id: 'test', baseUrl: fa.sim.baseUrl, region: null, settings: {}, secret: fa.sim.credentials.secret })
    try {
      const first = (await client.listLocations({ limit: 1 })).items[0]!
      await client.deleteLocation(first.id)
      await fa.ctx.sync().run({})
      expect(fa.count('sites')).toBe(total)
      expect(fa.count('sites', { live: true })).toBe(total - 1)
      const gone = fa.ctx.db.prepare('SELECT removed_at FROM sites WHERE connection_id = ? AND external_id = ?').get(fa.connectionId, first.id) as { removed_at: string | null }
      expect(gone.removed_at).not.toBeNull()
    } finally {
      await client.close()
    }
  })
})
