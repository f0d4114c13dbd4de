import { afterEach, describe, expect, it } from 'vitest'
import type { CustomerGaugeSimulatorHandle } from '../../src/main/providers/customergauge/simulator'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'

describe('sync: CustomerGauge against its simulator', () => {
  let h: SyncHarness<CustomerGaugeSimulatorHandle> | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  it('syncs every response by cursor, then only the new ones', async () => {
    h = await startSyncHarness<CustomerGaugeSimulatorHandle>('customergauge', { volume: 2500 })
    const first = await h.ctx.sync().run({})
    const stream = first.connections[0]!.streams[0]!
    expect(stream).toMatchObject({ stream: 'responses', status: 'done', rows: 2500, error: null })
    expect(h.count('responses')).toBe(2500)
    const [cp] = await h.ctx.cache().reader.checkpoints([h.connectionId])
    expect(cp).toMatchObject({ stream: 'responses', cursor: { next: 2500 }, lastError: null })
    expect(cp!.lastSuccessAt).not.toBeNull()

    h.sim.addResponses(120)
    const second = await h.ctx.sync().run({})
    // Only the new page is read: the cursor picks up after the last stored key.
    expect(second.connections[0]!.streams[0]).toMatchObject({ status: 'done', rows: 120 })
    expect(h.count('responses')).toBe(2620)
    const [cp2] = await h.ctx.cache().reader.checkpoints([h.connectionId])
    expect(cp2!.cursor).toEqual({ next: 2620 })
  })
})
