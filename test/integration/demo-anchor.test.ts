import { afterEach, describe, expect, it } from 'vitest'
import { startCustomerGaugeSimulator } from '../../src/main/providers/customergauge/simulator'
import { DATA_PERIOD as CG_PERIOD } from '../../src/main/providers/customergauge/simulator-data'
import { startEncoSimulator } from '../../src/main/providers/enco/simulator'
import type { ProviderSimulatorHandle } from '../../src/main/providers/types'

// The demo anchors the seeded history to "now" so a "last 30 days" view of it is never empty;
// simulators without an anchor keep their fixed periods (their own tests pin those).
const DAY = 86_400_000
const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const started: ProviderSimulatorHandle[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()))
})

type CgDates = { date_creation: string; date_survey_response: string }
const cgMs = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`)

async function cgResponses(h: ProviderSimulatorHandle, query: string): Promise<CgDates[]> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: h.credentials.clientId!, client_secret: h.credentials.secret })
  const token = (await (await fetch(`${h.baseUrl}/oauth2/token`, { method: 'POST', body: form })).json()) as { access_token: string }
  const res = await fetch(`${h.baseUrl}/v7/rest/sync/responses?${query}`, { headers: { authorization: `Bearer ${token.access_token}` } })
  expect(res.status).toBe(200)
  return ((await res.json()) as { data: CgDates[] }).data
}

describe('simulator anchor', () => {
  it('CustomerGauge: with an anchor the newest responses are in the 30 days before it; without, the fixed period stays', async () => {
    const anchor = Math.floor(Date.now() / 3_600_000) * 3_600_000
    const anchored = await startCustomerGaugeSimulator({ volume: 2000, seed: 1, anchor })
    const fixed = await startCustomerGaugeSimulator({ volume: 2000, seed: 1 })
    started.push(anchored, fixed)
    const window = `period[start]=${ymd(anchor - 30 * DAY)}&period[end]=${ymd(anchor)}&per_page=1000`
    const recent = await cgResponses(anchored, window)
    expect(recent.length).toBeGreaterThan(10)
    // Nothing answered after the anchor, though answers come days after the survey was created.
    const newest = await cgResponses(anchored, 'cursor=1999&per_page=1')
    expect(cgMs(newest[0]!.date_survey_response)).toBeLessThanOrEqual(anchor)
    expect(cgMs(newest[0]!.date_survey_response)).toBeGreaterThan(anchor - 10 * DAY)
    const newestFixed = await cgResponses(fixed, 'cursor=1999&per_page=1')
    expect(cgMs(newestFixed[0]!.date_creation)).toBeLessThan(CG_PERIOD.end)
  })

  it('Enco: with an anchor the global report over the last 30 days counts sends', async () => {
    const anchor = Date.now()
    const h = await startEncoSimulator({ volume: 1000, seed: 1, anchor })
    started.push(h)
    const from = new Date(anchor - 30 * DAY).toISOString()
    const res = await fetch(`${h.baseUrl}/report?startDate=${encodeURIComponent(from)}`, { headers: { authorization: `Bearer ${h.credentials.secret}` } })
    expect(res.status).toBe(200)
    const report = (await res.json()) as { responseStatistics: { totalRequests: number } }
    expect(report.responseStatistics.totalRequests).toBeGreaterThan(0)
  })
})
