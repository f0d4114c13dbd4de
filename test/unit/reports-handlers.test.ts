import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/main/ipc/app-context'
import { rollupsSettled } from '../../src/main/ipc/handlers/reports'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { openTestApp, type Call } from '../support/app-harness'
import { makeResponse } from '../support/responses'

const CS = '11111111-1111-4111-8111-111111111111'
let ctx: AppContext
let cleanup: () => void
let call: Call

beforeEach(async () => {
  ;({ ctx, call, cleanup } = openTestApp('survey-desk-report-handlers-', { secrets: new MemorySecretStore(false), cacheMode: 'inline' }))
  const now = new Date().toISOString()
  ctx.db.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', 'CS', '{"companyName":"Acme"}', ?, ?)`).run(CS, now, now)
  const items = Array.from({ length: 12 }, (_, i) => makeResponse(`r${i}`, { score: i < 8 ? 10 : 2, respondedAt: `2025-06-${String(10 + i).padStart(2, '0')}T23:30:00Z` }))
  await ctx.cache().writer.applyPage({ connectionId: CS, stream: 'responses', entity: 'response', items })
})

afterEach(async () => {
  await rollupsSettled(ctx)
  await ctx.shutdown()
  cleanup()
})

describe('reports handlers', () => {
  it('flags figures under the minimum sample size, which the settings change', async () => {
    expect((await call('reports.settings', {})).minimumSample).toBe(30)
    const filters = { timeZone: 'UTC', from: '2025-06-01T00:00:00Z', to: '2025-06-30T23:59:59.999Z' }
    const before = await call('reports.run', { metric: 'nps', filters })
    expect(before.headline).toMatchObject({ n: 12, belowMinimum: true })
    expect(Math.round(before.headline.score!)).toBe(Math.round(((8 - 4) / 12) * 100))
    await call('reports.settings', { minimumSample: 10 })
    const after = await call('reports.run', { metric: 'nps', filters })
    expect(after.headline.belowMinimum).toBe(false)
    expect(after.minimumSample).toBe(10)
  })

  it('rebuilds the rollups in a new report time zone, after which that zone is answered from them', async () => {
    const settings = await call('reports.settings', { timeZone: 'Pacific/Auckland' })
    expect(settings.timeZone).toBe('Pacific/Auckland')
    await rollupsSettled(ctx)
    expect((await call('reports.settings', {})).rollupTimeZone).toBe('Pacific/Auckland')
    // 23:30 UTC is the next morning in Auckland: the daily series moves by a day.
    const r = await call('reports.run', { metric: 'nps', filters: { timeZone: 'Pacific/Auckland', period: 'last_year' }, trend: 'day', previous: false })
    expect(r.source).toBe('rollup')
    const zone = await call('reports.run', { metric: 'nps', filters: { timeZone: 'Pacific/Auckland', from: '2025-06-10T12:00:00Z', to: '2025-06-11T11:59:59.999Z' }, previous: false })
    expect(zone.headline.n).toBe(1)
  })

  it('refuses bad input with the field named', async () => {
    await expect(call('reports.run', { metric: 'happiness' as never, filters: { timeZone: 'UTC' } })).rejects.toMatchObject({ code: 'validation', details: [expect.objectContaining({ field: 'metric' })] })
    await expect(call('reports.settings', { minimumSample: 0 })).rejects.toMatchObject({ code: 'validation', details: [expect.objectContaining({ field: 'minimumSample' })] })
    await expect(call('reports.settings', { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'validation', details: [expect.objectContaining({ field: 'timeZone' })] })
  })
})
