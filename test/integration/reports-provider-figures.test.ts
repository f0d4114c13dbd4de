import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/main/ipc/app-context'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { openTestApp, type Call } from '../support/app-harness'

let ctx: AppContext
let cleanup: () => void
let call: Call

beforeAll(async () => {
  ;({ ctx, call, cleanup } = openTestApp('survey-desk-provider-figures-', { secrets: new MemorySecretStore(false), cacheMode: 'inline' }))
  const connections = await ctx.demo().start({ backgroundSync: false })
  await ctx.sync().run({ connectionIds: connections.map((c) => c.id), full: false })
}, 180_000)

afterAll(async () => {
  await ctx.shutdown()
  cleanup()
})

describe('provider figures beside the local ones', () => {
  it('fetches CustomerSure, Enco and Nicereply NPS from their simulators, caches them with the fetch time, and explains differences', async () => {
    const filters = { timeZone: 'UTC', period: '12-months' as const }
    const first = await call('reports.providerFigures', { metric: 'nps', filters })
    const providers = new Set(first.figures.map((f) => f.provider))
    expect([...providers].sort()).toEqual(['customersure', 'enco', 'nicereply'])
    for (const f of first.figures) {
      expect(f.error, `${f.provider} ${f.kind}`).toBeNull()
      expect(f.cached).toBe(false)
      expect(f.local).not.toBeNull()
      expect(f.periodFrom).not.toBeNull()
      if (f.kind !== 'nicereply_histogram') {
        expect(f.n, f.kind).not.toBeNull()
        expect(f.explanations.length).toBeGreaterThan(0)
        if (f.score !== null && f.local!.score !== null) expect(f.difference).toBeCloseTo(f.score - f.local!.score, 6)
      }
    }
    // The provider's NPS agrees with its own published counts.
    const cs = first.figures.find((f) => f.kind === 'customersure_nps')!
    const { promoters = 0, passives = 0, detractors = 0 } = cs.parts
    if (cs.n! > 0) expect(Math.round(cs.score!)).toBe(Math.round(((promoters - detractors) / (promoters + passives + detractors)) * 100))
    const histogram = first.figures.find((f) => f.kind === 'nicereply_histogram')!
    expect(Object.keys(histogram.histogram!)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])

    // Asked again: from the figure cache, same fetch time; refresh fetches anew.
    const again = await call('reports.providerFigures', { metric: 'nps', filters })
    expect(again.figures.every((f) => f.cached)).toBe(true)
    expect(again.figures.map((f) => f.fetchedAt)).toEqual(first.figures.map((f) => f.fetchedAt))
    const refreshed = await call('reports.providerFigures', { metric: 'nps', filters, refresh: true })
    expect(refreshed.figures.every((f) => !f.cached)).toBe(true)
  }, 60_000)

  it('CustomerSure CSAT and response rate, Nicereply CES, with the same scope as the local figure', async () => {
    const filters = { timeZone: 'Europe/Brussels', period: '30-days' as const }
    const csat = await call('reports.providerFigures', { metric: 'csat', filters })
    expect(csat.figures.map((f) => f.kind).sort()).toEqual(['customersure_csat', 'nicereply_histogram', 'nicereply_stats'])
    const rate = await call('reports.providerFigures', { metric: 'response_rate', filters })
    const csRate = rate.figures.find((f) => f.kind === 'customersure_response_rate')!
    expect(csRate.error).toBeNull()
    expect(csRate.parts.sent).toBeGreaterThanOrEqual(csRate.parts.delivered!)
    const enco = rate.figures.find((f) => f.kind === 'enco_global_report')!
    expect(enco.extra).toHaveProperty('responseStatistics')
    const ces = await call('reports.providerFigures', { metric: 'ces', filters })
    expect(ces.figures.filter((f) => f.provider === 'nicereply').length).toBe(2)
  }, 60_000)

  it('keeps the last fetched figure and says why when the provider cannot be reached', async () => {
    const filters = { timeZone: 'UTC', period: '12-months' as const }
    await call('reports.providerFigures', { metric: 'nps', filters })
    await ctx.demo().shutdown()
    const offline = await call('reports.providerFigures', { metric: 'nps', filters, refresh: true })
    const cs = offline.figures.filter((f) => f.provider === 'customersure')
    expect(cs.length).toBeGreaterThan(0)
    for (const f of cs) {
      expect(f.cached).toBe(true)
      expect(f.error).toMatch(/.+/)
      expect(f.score).not.toBeUndefined()
    }
  }, 60_000)
})
