import { afterEach, describe, expect, it } from 'vitest'
import type { CustomerSureSimulatorHandle } from '../../src/main/providers/customersure/simulator'
import type { FeedbackApiSimulatorHandle } from '../../src/main/providers/feedbackapi/simulator'
import type { NicereplySimulatorHandle } from '../../src/main/providers/nicereply/simulator'
import type { SyncRunSummary } from '../../src/main/sync/sync-api'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'

/** stream name -> rows read, for the one connection of a run. */
function rowsByStream(summary: SyncRunSummary): Record<string, number> {
  const c = summary.connections[0]!
  for (const s of c.streams) expect(s, `${s.stream}: ${s.error}`).toMatchObject({ status: 'done', error: null })
  return Object.fromEntries(c.streams.map((s) => [s.stream, s.rows]))
}

describe('sync: each provider against its simulator', () => {
  let h: SyncHarness<never> | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  it('CustomerSure: every response, survey, site, staff member and template', async () => {
    const cs = await startSyncHarness<CustomerSureSimulatorHandle>('customersure', { volume: 300 })
    h = cs as never
    const rows = rowsByStream(await cs.ctx.sync().run({}))
    const d = cs.sim.data
    expect(cs.count('responses')).toBe(d.volume)
    expect(rows.responses).toBe(d.volume)
    expect(cs.count('surveys')).toBe(d.surveys.length)
    expect(cs.count('sites')).toBe(d.sites.length)
    expect(cs.count('staff')).toBe(d.staff.length)
    expect(cs.count('templates')).toBe(d.emailTemplates.length + d.textMessageTemplates.length)
    // The responses were named with the sites and staff the same run fetched.
    const named = cs.ctx.db.prepare('SELECT COUNT(*) AS n FROM responses WHERE connection_id = ? AND site_name IS NOT NULL').get(cs.connectionId) as { n: number }
    expect(named.n).toBeGreaterThan(0)

    // A second run is a new "since" pass: it reads only what changed since the first began (minus the margin).
    const again = rowsByStream(await cs.ctx.sync().run({}))
    expect(again.responses).toBeLessThan(d.volume)
    expect(cs.count('responses')).toBe(d.volume)
    const cp = (await cs.ctx.cache().reader.checkpoints([cs.connectionId])).find((c) => c.stream === 'responses')!
    expect(cp.cursor).toMatchObject({ pass: null })
    expect(typeof (cp.cursor as { nextSince: unknown }).nextSince).toBe('string')
  })

  it('FeedbackAPI: feedback, reviews and requests by keyset; customers, locations, accounts and users in full', async () => {
    const fa = await startSyncHarness<FeedbackApiSimulatorHandle>('feedbackapi', { volume: 300 })
    h = fa as never
    const rows = rowsByStream(await fa.ctx.sync().run({}))
    const n = fa.sim.plan.counts
    expect(fa.count('responses')).toBe(n.feedback + n.reviews)
    expect(fa.count('feedback_requests')).toBe(n.requests)
    expect(fa.count('customers')).toBe(n.customers)
    expect(fa.count('sites')).toBe(n.locations)
    expect(fa.count('client_accounts')).toBe(n.accounts)
    expect(fa.count('staff')).toBe(rows.users)
    // Keyset reads re-read only rows sharing a boundary second, never skip: the stored count is exact.
    expect(rows.feedback).toBeGreaterThanOrEqual(n.feedback)
    const cp = (await fa.ctx.cache().reader.checkpoints([fa.connectionId])).find((c) => c.stream === 'feedback')!
    expect(cp.cursor).toMatchObject({ page: 0 })

    const again = rowsByStream(await fa.ctx.sync().run({}))
    expect(again.feedback).toBeLessThan(n.feedback)
    expect(fa.count('responses')).toBe(n.feedback + n.reviews)
  })

  it('Nicereply: CSAT, CES and NPS ratings, surveys, teams, users, customers, unsubscribes', async () => {
    const nr = await startSyncHarness<NicereplySimulatorHandle>('nicereply', { volume: 300 })
    h = nr as never
    const rows = rowsByStream(await nr.ctx.sync().run({}))
    const d = nr.sim.data
    const byMetric = { csat: 0, ces: 0, nps: 0 }
    for (let i = 0; i < d.ratingCount; i++) byMetric[d.ratingCore(i).metric.toLowerCase() as keyof typeof byMetric] += 1
    expect(rows.csat_ratings).toBe(byMetric.csat)
    expect(rows.ces_ratings).toBe(byMetric.ces)
    expect(rows.nps_ratings).toBe(byMetric.nps)
    expect(nr.count('responses')).toBe(d.ratingCount)
    expect(nr.count('surveys')).toBe(d.surveys.length)
    expect(nr.count('teams')).toBe(d.teams.length)
    expect(nr.count('staff')).toBe(d.users.length)
    expect(nr.count('customers')).toBe(d.customers.length)
    expect(nr.count('unsubscribes')).toBe(d.unsubscribes.length)
    // Ratings carry the survey name from the shared survey lookup.
    const named = nr.ctx.db.prepare('SELECT COUNT(*) AS n FROM responses WHERE connection_id = ? AND survey_name IS NOT NULL').get(nr.connectionId) as { n: number }
    expect(named.n).toBe(d.ratingCount)
  })

  it('Enco: its surveys (it publishes no individual responses)', async () => {
    const en = await startSyncHarness('enco', { volume: 50 })
    h = en as never
    const rows = rowsByStream(await en.ctx.sync().run({}))
    expect(Object.keys(rows)).toEqual(['surveys'])
    expect(rows.surveys).toBeGreaterThan(0)
    expect(en.count('surveys')).toBe(rows.surveys)
    expect(en.count('responses')).toBe(0)
  })
})
