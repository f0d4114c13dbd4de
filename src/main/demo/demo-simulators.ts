import { AppError } from '../../shared/errors'
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../shared/providers'
import type { ProviderModule } from '../providers/registry'
import type { ProviderSimulatorHandle } from '../providers/types'
import { DEMO_SEED, DEMO_VOLUMES } from './demo-plan'

/** The five simulators of the demo, started and stopped together, on random loopback ports. */
export class DemoSimulators {
  private handles: Map<ProviderId, ProviderSimulatorHandle> | null = null
  private runningAnchor: number | null = null

  constructor(private readonly modules: Record<ProviderId, ProviderModule>) {}

  get running(): boolean {
    return this.handles !== null
  }

  get anchor(): number | null {
    return this.runningAnchor
  }

  handle(provider: ProviderId): ProviderSimulatorHandle | undefined {
    return this.handles?.get(provider)
  }

  /** Starts all five (restarting them if they run with another anchor); all or none. */
  async start(anchor: number): Promise<void> {
    if (this.handles && this.runningAnchor === anchor) return
    await this.stop()
    const started = await Promise.allSettled(
      PROVIDER_IDS.map((provider) => this.modules[provider].startSimulator({ seed: DEMO_SEED, volume: DEMO_VOLUMES[provider], anchor }))
    )
    const handles = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    const failedAt = started.findIndex((s) => s.status === 'rejected')
    if (failedAt !== -1) {
      // Half a demo would sync some providers and fail others for no reason a user could fix.
      await Promise.allSettled(handles.map((h) => h.close()))
      const failed = started[failedAt] as PromiseRejectedResult
      const reason = failed.reason instanceof Error ? failed.reason.message : String(failed.reason)
      throw new AppError('internal', `Could not start the simulated ${PROVIDERS[PROVIDER_IDS[failedAt]!].name} on this computer: ${reason}`, { retryable: true })
    }
    this.handles = new Map(handles.map((h) => [h.provider, h]))
    this.runningAnchor = anchor
  }

  async stop(): Promise<void> {
    const handles = this.handles
    this.handles = null
    this.runningAnchor = null
    if (handles) await Promise.allSettled([...handles.values()].map((h) => h.close()))
  }
}
