import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelOutput } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import { PROVIDER_IDS, type ProviderId } from '../../src/shared/providers'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { PROVIDER_MODULES } from '../../src/main/providers/registry'
import type { ProviderSimulatorHandle } from '../../src/main/providers/types'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { makeTempDir } from '../support/temp-dir'

let ctx: AppContext
let cleanup: () => void
const sims = new Map<ProviderId, ProviderSimulatorHandle>()

async function call<C extends 'connections.add' | 'connections.update' | 'connections.test'>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await createDispatch(handlers, ctx)(channel, input)
  if (!r.ok) throw AppError.fromShape(r.error)
  return r.value as ChannelOutput<C>
}

function connectionInput(h: ProviderSimulatorHandle, secret: string): ChannelInput<'connections.add'> {
  const c = h.credentials
  const base = { label: `${h.provider} sim`, baseUrl: h.baseUrl, secret }
  switch (h.provider) {
    case 'customersure':
      return { provider: 'customersure', ...base, companyName: c.companyName ?? 'Survey Desk Demo' }
    case 'customergauge':
      return { provider: 'customergauge', ...base, region: c.region ?? 'eu', clientId: c.clientId ?? '' }
    default:
      return { provider: h.provider, ...base }
  }
}

beforeAll(async () => {
  const t = makeTempDir()
  cleanup = t.cleanup
  ctx = createAppContext({ dataDir: t.dir, secrets: new MemorySecretStore() })
  for (const p of PROVIDER_IDS) sims.set(p, await PROVIDER_MODULES[p].startSimulator({ volume: 30, seed: 7 }))
})
afterAll(async () => {
  await Promise.all([...sims.values()].map((s) => s.close()))
  ctx.close()
  cleanup()
})

describe('Test connection against each provider simulator', () => {
  for (const provider of PROVIDER_IDS) {
    it(`${provider}: works, then credentials rejected, then not reachable`, async () => {
      const sim = sims.get(provider)!
      const conn = await call('connections.add', connectionInput(sim, sim.credentials.secret))
      const ok = await call('connections.test', { id: conn.id })
      expect(ok.outcome, ok.message).toBe('works')

      const wrongSecret = `wrong-${sim.credentials.secret}`
      await call('connections.update', { ...connectionInput(sim, wrongSecret), id: conn.id })
      const rejected = await call('connections.test', { id: conn.id })
      expect(rejected.outcome, rejected.message).toBe('credentials_rejected')
      expect(rejected.message).not.toContain(wrongSecret)

      await sim.close()
      const unreachable = await call('connections.test', { id: conn.id })
      expect(unreachable.outcome, unreachable.message).toBe('not_reachable')
    })
  }
})
