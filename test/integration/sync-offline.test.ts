import { afterEach, describe, expect, it } from 'vitest'
import { PROVIDER_MODULES } from '../../src/main/providers/registry'
import type { ProviderSimulatorHandle } from '../../src/main/providers/types'
import { createSyncEngine } from '../../src/main/sync'
import type { SyncStatus } from '../../src/shared/domain/inbox'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'

/** Resolves with the first sync.status event that passes `test` (event-driven: no polling, no sleeps). */
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

describe('sync: offline detection and resume', () => {
  let h: SyncHarness | undefined
  let restarted: ProviderSimulatorHandle | undefined
  afterEach(async () => {
    await h?.close()
    await restarted?.close()
    h = restarted = undefined
  })

  it('goes offline when no provider can be reached, and the scheduler syncs again once one answers', async () => {
    h = await startSyncHarness('enco', { volume: 20 })
    const port = Number(new URL(h.sim.baseUrl).port)
    // The scheduler looks often here so the test does not wait a minute; it is driven by its own timers.
    const engine = createSyncEngine(h.ctx, { scheduler: { firstTickMs: 0, tickMs: 50 } })
    await h.sim.close()

    const offline = nextStatus(h, (s) => !s.online)
    const failed = await engine.run({})
    const s = failed.connections[0]!.streams[0]!
    expect(s.status).toBe('failed')
    expect(s.error).toMatch(/^Enco Promoter Survey surveys, the list: Could not reach/)
    expect((await offline).online).toBe(false)
    expect((await engine.status()).online).toBe(false)
    expect(h.count('surveys')).toBe(0)

    // The network comes back (the provider answers on the same address); the scheduler's next look syncs.
    restarted = await PROVIDER_MODULES.enco.startSimulator({ port, seed: 7, volume: 20 })
    const online = nextStatus(h, (st) => st.online && st.connections[0]!.streams[0]!.status === 'done' && !st.connections[0]!.running)
    engine.startScheduler()
    const back = await online
    expect(back.connections[0]!.lastSuccessAt).not.toBeNull()
    expect(h.count('surveys')).toBeGreaterThan(0)
    await engine.shutdown()
  })
})
