import type { Channel, ChannelInput, ChannelOutput, EventName } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import type { ProviderId } from '../../src/shared/providers'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { PROVIDER_MODULES } from '../../src/main/providers/registry'
import type { ProviderSimulatorHandle, ProviderSimulatorOptions } from '../../src/main/providers/types'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { makeTempDir } from './temp-dir'

/**
 * A real app context (real SQLite file, real cache, real sync engine) with an in-memory keychain,
 * plus a provider simulator on loopback and a connection pointing at it: what every sync
 * integration test starts from.
 */
export interface SyncHarness<S extends ProviderSimulatorHandle = ProviderSimulatorHandle> {
  ctx: AppContext
  sim: S
  connectionId: string
  events: Array<{ event: EventName; payload: unknown }>
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** Rows of a cache table for this connection (responses, surveys, ...), optionally only those not marked removed. */
  count(table: string, opts?: { live?: boolean }): number
  close(): Promise<void>
}

export function connectionInput(provider: ProviderId, sim: ProviderSimulatorHandle, label = `${provider} sim`): ChannelInput<'connections.add'> {
  const c = sim.credentials
  const base = { label, baseUrl: sim.baseUrl, secret: c.secret }
  switch (provider) {
    case 'customersure':
      return { provider, ...base, companyName: c.companyName! }
    case 'customergauge':
      return { provider, ...base, region: c.region ?? 'eu', clientId: c.clientId! }
    default:
      return { provider, ...base }
  }
}

export async function startSyncHarness<S extends ProviderSimulatorHandle = ProviderSimulatorHandle>(
  provider: ProviderId,
  simOpts: ProviderSimulatorOptions = {},
  opts: { cacheMode?: 'worker' | 'inline' } = {}
): Promise<SyncHarness<S>> {
  const tmp = makeTempDir('survey-desk-sync-')
  const ctx = createAppContext({ dataDir: tmp.dir, secrets: new MemorySecretStore(), cacheMode: opts.cacheMode ?? 'inline' })
  const sim = (await PROVIDER_MODULES[provider].startSimulator({ seed: 7, ...simOpts })) as S
  const dispatch = createDispatch(handlers, ctx)
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const r = await dispatch(channel, input)
    if (!r.ok) throw AppError.fromShape(r.error)
    return r.value as ChannelOutput<C>
  }
  const events: SyncHarness['events'] = []
  ctx.events.subscribe((event, payload) => events.push({ event, payload }))
  const conn = await call('connections.add', connectionInput(provider, sim))
  return {
    ctx,
    sim,
    connectionId: conn.id,
    events,
    call,
    count(table, o = {}) {
      const row = ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE connection_id = ?${o.live ? ' AND removed_at IS NULL' : ''}`).get(conn.id) as { n: number }
      return row.n
    },
    async close() {
      await ctx.shutdown()
      await sim.close()
      tmp.cleanup()
    }
  }
}
