import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { HttpClientOptions } from '../../../src/main/http'
import {
  createCustomerSureClient,
  DATE_PERIODS,
  mapEmailTemplate,
  mapFeedbackRequest,
  mapFeedbackResponse,
  mapSite,
  mapStaffMember,
  mapSurvey,
  mapTextMessageTemplate,
  startCustomerSureSimulator,
  type CustomerSureClient,
  type CustomerSureSimulatorHandle,
  type DatePeriod
} from '../../../src/main/providers/customersure'
import { FeedbackRequest as DomainFeedbackRequest, Response, Site as DomainSite, Staff, Survey, Template } from '../../../src/shared/domain/model'
import { createProviderTestRecorder } from '../../support/provider-test-kit'

const SECRET = `cs-it-${randomBytes(12).toString('hex')}`
const COMPANY = 'Acme Ltd'
const VOLUME = 250
const ANCHOR = Date.UTC(2024, 4, 15, 9) // a fixed clock: the seed data and the periods do not move with the day the tests run
const NOW = (): number => ANCHOR + 30 * 60_000

/** Everything the code under test wrote or threw, scanned for the secret at the end. */
const rec = createProviderTestRecorder()
const { logLines, failure } = rec
const simLines: string[] = []
const errorsSeen = rec.errors
/** Backoff and Retry-After waits asked of the HTTP layer (recorded, not slept, so the suite stays fast). */
const waits = rec.waits

let cs: CustomerSureSimulatorHandle
const clients: CustomerSureClient[] = []

beforeAll(async () => {
  cs = await startCustomerSureSimulator({ volume: VOLUME, seed: 42, token: SECRET, companyName: COMPANY, anchor: ANCHOR, now: NOW, log: (l) => simLines.push(l) })
})
afterEach(async () => {
  cs.sim.faults.reset()
  cs.sim.requests.clear()
  await Promise.all(clients.splice(0).map((c) => c.close()))
})
afterAll(async () => {
  await cs.close()
})

function client(opts: { secret?: string; companyName?: string; baseUrl?: string } = {}, http: Partial<HttpClientOptions> = {}): CustomerSureClient {
  const c = createCustomerSureClient(
    { id: 'conn-cs-1', baseUrl: opts.baseUrl ?? cs.baseUrl, region: null, settings: { companyName: opts.companyName ?? COMPANY }, secret: opts.secret ?? SECRET, log: rec.log },
    { httpOptions: rec.httpOptions({ retry: { maxRetries: 4, baseDelayMs: 10, maxDelayMs: 50 }, ...http }) }
  )
  clients.push(c)
  return c
}


async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = []
  let n = 0
  for await (const page of pages) {
    items.push(...page.items)
    n++
  }
  return { items, pages: n }
}

const inFuture = (hours: number): Date => new Date(Date.now() + hours * 3_600_000)

describe('CustomerSure client against its simulator', () => {
  it('probe: works, sending the documented Accept, User-Agent and Token headers', async () => {
    const result = await client().probe()
    expect(result.outcome).toBe('works')
    expect(result.message).toMatch(/6 surveys/)
    const req = cs.sim.requests.last()!
    expect(req.headers['accept']).toBe('application/vnd.customersure.v1+json')
    expect(req.headers['user-agent']).toBe(COMPANY)
    expect(req.headers['authorization']).toBe('Token')
  })

  describe('feedback requests', () => {
    it('createFeedbackRequest: an e-mail send with data and reminders is stored and echoed', async () => {
      const created = await client().createFeedbackRequest({
        email: 'john.smith@example.com',
        send_at: inFuture(2),
        survey_id: 277,
        email_template_id: 123456,
        first_name: 'John',
        surname: 'Smith',
        reference: '#1041',
        machine_id: '8736245',
        data: [
          { key: 'staff_code', value: 'rod-magnusson' },
          { key: 'site_code', value: 'hq' }
        ],
        reminders: [{ email_template_id: 123460, send_at: '2099-08-27T18:00:00+0100' }]
      })
      expect(created).toMatchObject({ email: 'john.smith@example.com', state: 'pending', survey_id: 277, email_template_id: 123456, reference: '#1041', sent_at: null })
      expect(created.data?.map((d) => [d.key, d.value])).toEqual([
        ['staff_code', 'rod-magnusson'],
        ['site_code', 'hq']
      ])
      // The reminder's time comes back as sent, offset and all (as in the document's example).
      expect(created.reminders?.[0]?.send_at).toBe('2099-08-27T18:00:00+0100')
      expect(cs.state.feedbackRequests.get(Number(created.id))).toBeDefined()
      const mapped = DomainFeedbackRequest.parse(mapFeedbackRequest(created))
      expect(mapped).toMatchObject({ channel: 'email', status: 'pending', recipient: 'john.smith@example.com', templateExternalId: '123456' })
      expect(cs.sim.requests.last()!.body).toMatchObject({ survey_id: 277, send_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) })
    })

    it('createFeedbackRequest: an SMS send with number + text_message_template_id, external_link and ignore_throttle', async () => {
      const created = await client().createFeedbackRequest({
        send_at: inFuture(1),
        survey_id: 2166,
        sms: { number: '+447700900123', text_message_template_id: 223456 },
        external_link: true,
        ignore_throttle: true,
        reminders: [{ text_message_template_id: 223457, send_at: inFuture(48) }]
      })
      expect(created).toMatchObject({ email: null, state: 'sent', email_template_id: null, ignore_throttle: true })
      expect(created.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r\//)
      expect(created.sent_at).not.toBeNull()
      expect(mapFeedbackRequest(created).channel).toBe('sms')
      expect(cs.sim.requests.last()!.body).toMatchObject({ sms: { number: '+447700900123', text_message_template_id: 223456 }, external_link: true, ignore_throttle: true })
    })

    it('createFeedbackRequest: validation errors come back as AppError validation naming each field', async () => {
      const c = client()
      const long = await failure(
        c.createFeedbackRequest({ email: 'a@example.com', send_at: inFuture(1), survey_id: 277, email_template_id: 123456, data: [{ key: 'k'.repeat(31), value: 'v'.repeat(101) }] })
      )
      expect(long.code).toBe('validation')
      expect(long.details).toEqual([
        { field: 'data[0].key', message: 'must be at most 30 characters long' },
        { field: 'data[0].value', message: 'must be at most 100 characters long' }
      ])
      expect(long.message).toMatch(/^CustomerSure did not accept the request \(create a feedback request\): data\[0\]\.key/)

      const missing = await failure(c.createFeedbackRequest({ send_at: inFuture(1), survey_id: 999 }))
      expect(missing.details.map((d) => d.field)).toEqual(['survey_id', 'email', 'email_template_id'])

      const both = await failure(
        c.createFeedbackRequest({ email: 'a@example.com', send_at: inFuture(1), survey_id: 277, email_template_id: 123456, reminders: [{ send_at: inFuture(5), email_template_id: 123456, text_message_template_id: 223456 }] })
      )
      expect(both.details[0]).toEqual({ field: 'reminders[0]', message: 'provide either email_template_id or text_message_template_id, not both' })

      const sms = await failure(c.createFeedbackRequest({ send_at: inFuture(1), survey_id: 277, sms: { number: '', text_message_template_id: 223459 } }))
      expect(sms.details.map((d) => d.field)).toEqual(['sms.number', 'sms.text_message_template_id'])

      const past = await failure(c.createFeedbackRequest({ email: 'a@example.com', send_at: '2020-01-01T00:00:00Z', survey_id: 277, email_template_id: 123456 }))
      expect(past.details[0]?.field).toBe('send_at')
      expect(cs.state.feedbackRequests.size).toBe(2)
    })
  })

  describe('feedback responses', () => {
    it('retrieveFeedbackResponse: returns the response the list shows, mapping to a valid Response; unknown id is not_found', async () => {
      const c = client()
      const first = (await c.listFeedbackResponses({ per_page: 1 })).items[0]!
      const one = await c.retrieveFeedbackResponse(first.id)
      expect(one).toEqual(first)
      const mapped = Response.parse(mapFeedbackResponse(one))
      expect(mapped.metric).toBe('nps')
      expect(mapped.scale).toEqual({ min: 0, max: 10 })
      expect((await failure(c.retrieveFeedbackResponse(1))).code).toBe('not_found')
    })

    it('listFeedbackResponsesPages: pages through all responses, newest first, with Link / X-Total-Pages / X-Total-Count', async () => {
      const seen: { page: number; totalPages: number | null; totalCount: number | null; nextPage: number | null; n: number }[] = []
      const ids: number[] = []
      const times: number[] = []
      for await (const page of client().listFeedbackResponsesPages({ per_page: 40 })) {
        seen.push({ page: page.page, totalPages: page.totalPages, totalCount: page.totalCount, nextPage: page.nextPage, n: page.items.length })
        for (const r of page.items) {
          expect(Response.parse(mapFeedbackResponse(r)).metric).toBe('nps')
          ids.push(Number(r.id))
          times.push(Date.parse(String(r.submitted_at)))
        }
      }
      expect(seen).toHaveLength(7)
      expect(seen[0]).toEqual({ page: 1, totalPages: 7, totalCount: VOLUME, nextPage: 2, n: 40 })
      expect(seen[6]).toEqual({ page: 7, totalPages: 7, totalCount: VOLUME, nextPage: null, n: 10 })
      expect(new Set(ids).size).toBe(VOLUME)
      expect([...times].sort((a, b) => b - a)).toEqual(times)
      const langs = new Set<string>()
      for (const id of ids.slice(0, 60)) langs.add(cs.data.surveys.find((s) => s.id === cs.data.responses.at(id - 16_001)!.surveyId)!.locale)
      expect([...langs].sort()).toEqual(['en', 'fr', 'nl'])
    })

    it('listFeedbackResponses: survey_ids[], site_ids[], staff_ids[], email, created_since and updated_since are applied', async () => {
      const c = client()
      const bySurvey = await collect(c.listFeedbackResponsesPages({ survey_ids: [277, 1484], per_page: 100 }))
      expect(bySurvey.items.length).toBeGreaterThan(0)
      expect(bySurvey.items.every((r) => [277, 1484].includes(Number(r.survey?.id)))).toBe(true)
      expect(cs.sim.requests.last()!.query).toContain('survey_ids%5B%5D=277&survey_ids%5B%5D=1484')

      const sample = cs.data.responses.at(10)!
      const bySite = (await c.listFeedbackResponses({ site_ids: [sample.siteId], per_page: 100 })).items
      expect(bySite.length).toBeGreaterThan(0)
      expect(bySite.every((r) => cs.data.responses.at(Number(r.id) - 16_001)!.siteId === sample.siteId)).toBe(true)
      const byStaff = (await c.listFeedbackResponses({ staff_ids: [sample.staffId], per_page: 100 })).items
      expect(byStaff.map((r) => r.fields?.staff_code)).toEqual(byStaff.map(() => cs.data.staff.find((s) => s.id === sample.staffId)!.code))

      const byEmail = (await c.listFeedbackResponses({ email: sample.email.toUpperCase() })).items
      expect(byEmail.map((r) => r.id)).toContain(sample.id)
      expect(byEmail.every((r) => r.fields?.email === sample.email)).toBe(true)

      const since = new Date(ANCHOR - 30 * 86_400_000)
      const recent = await collect(c.listFeedbackResponsesPages({ created_since: since, per_page: 100 }))
      expect(recent.items.length).toBeGreaterThan(5)
      expect(recent.items.length).toBeLessThan(VOLUME)
      expect(recent.items.every((r) => Date.parse(String(r.submitted_at)) >= since.getTime())).toBe(true)
      const updated = await collect(c.listFeedbackResponsesPages({ updated_since: since.toISOString(), per_page: 100 }))
      expect(updated.items.every((r) => Date.parse(String(r.updated_at)) >= since.getTime())).toBe(true)
      expect(updated.items.length).toBeGreaterThanOrEqual(recent.items.length)

      const bad = await failure(c.listFeedbackResponses({ created_since: 'last tuesday' }))
      expect(bad.details[0]?.field).toBe('created_since')
    })
  })

  describe('metrics', () => {
    it('showRatingQuestion: band counts add up, survey filter applies, unknown question is not_found', async () => {
      const c = client()
      const stats = await c.showRatingQuestion(12345, { period: '12-months' })
      expect(stats.questionText).toBe('How likely are you to recommend us to a friend or colleague?')
      const sum = Object.values(stats.counts).reduce((a, b) => a + b, 0)
      expect(sum).toBe(stats.totalNumberOfRatings)
      expect(stats.totalNumberOfRatings).toBe([...Array(VOLUME).keys()].filter((i) => cs.data.responses.at(i)!.surveyId === 277).length)
      expect(stats.standardisedScore).toBeGreaterThan(0)
      expect(stats.averageRating).toBeGreaterThan(5)
      const req = cs.sim.requests.last()!
      expect([req.method, req.path, req.query]).toEqual(['POST', '/rating_questions/12345', 'period=12-months'])
      const oneSite = await c.showRatingQuestion(12345, { from_time: new Date(cs.data.start), to_time: new Date(ANCHOR), site_ids: [cs.data.sites[1]!.id] })
      expect(oneSite.totalNumberOfRatings).toBeLessThan(stats.totalNumberOfRatings)
      expect((await failure(c.showRatingQuestion(12347))).code).toBe('not_found')
    })

    it('retrieveNetPromoterScore: all 18 named periods are accepted; an unknown one is the documented validation error', async () => {
      const c = client()
      for (const period of DATE_PERIODS) {
        const nps = await c.retrieveNetPromoterScore({ period })
        expect(nps.promoterCount + nps.passiveCount + nps.detractorCount, period).toBe(nps.totalNumberOfRatings)
      }
      const year = await c.retrieveNetPromoterScore({ period: '12-months' })
      expect(year.totalNumberOfRatings).toBe(VOLUME)
      expect(year.netPromoterScore).toBe(Math.round(((year.promoterCount - year.detractorCount) / VOLUME) * 100))
      const oneSurvey = await c.retrieveNetPromoterScore({ period: '12-months', survey_ids: [277] })
      expect(oneSurvey.totalNumberOfRatings).toBeLessThan(VOLUME)
      const company = cs.data.responses.at(3)!.company ?? cs.data.responses.at(4)!.company!
      const byCompany = await c.retrieveNetPromoterScore({ period: '12-months', company_name: company.slice(2, 8).toLowerCase() })
      expect(byCompany.totalNumberOfRatings).toBeGreaterThan(0)
      expect(byCompany.totalNumberOfRatings).toBeLessThan(VOLUME)
      const byStaff = await c.retrieveNetPromoterScore({ period: '12-months', staff_ids: [cs.data.responses.at(0)!.staffId] })
      expect(byStaff.totalNumberOfRatings).toBeGreaterThan(0)

      const bad = await failure(c.retrieveNetPromoterScore({ period: 'fortnight' as DatePeriod }))
      expect(bad.code).toBe('validation')
      expect(bad.details).toHaveLength(1)
      expect(bad.details[0]?.field).toBe('period')
      expect(bad.details[0]?.message).toContain('must be one of 7-days, 30-days')
    })

    it('retrieveCsatScore: from_time/to_time window and filters', async () => {
      const c = client()
      const all = await c.retrieveCsatScore({ from_time: new Date(cs.data.start), to_time: new Date(ANCHOR) })
      expect(all.totalNumberOfRatings).toBe(VOLUME)
      expect(all.csat).toBe(Math.round(((all.counts.positive + all.counts.veryPositive) / VOLUME) * 100))
      const recent = await c.retrieveCsatScore({ from_time: '2024-04-15T00:00Z', to_time: '2024-05-15T23:59Z', site_ids: [cs.data.sites[0]!.id] })
      expect(recent.totalNumberOfRatings).toBeLessThan(all.totalNumberOfRatings)
      const bad = await failure(c.retrieveCsatScore({ from_time: 'the 1st of May' }))
      expect(bad.details[0]).toMatchObject({ field: 'from_time' })
    })

    it('retrieveResponseRate: default window and survey_ids / site_ids filters', async () => {
      const c = client()
      const rate = await c.retrieveResponseRate()
      expect(rate.sentCount).toBeGreaterThanOrEqual(rate.deliveredCount)
      expect(rate.deliveredCount).toBeGreaterThanOrEqual(rate.replyCount)
      expect(rate.replyCount).toBeGreaterThan(0)
      expect(rate.responseRatePercent).toBe(Math.round((rate.replyCount / rate.deliveredCount) * 100))
      const req = cs.sim.requests.last()!
      expect([req.method, req.path, req.query]).toEqual(['GET', '/response_rate', ''])
      const year = await c.retrieveResponseRate({ from_time: new Date(cs.data.start), to_time: new Date(ANCHOR) })
      const oneSurvey = await c.retrieveResponseRate({ from_time: new Date(cs.data.start), to_time: new Date(ANCHOR), survey_ids: [277], site_ids: cs.data.sites.map((s) => s.id) })
      expect(oneSurvey.replyCount).toBeLessThan(year.replyCount)
      expect(oneSurvey.replyCount).toBeGreaterThan(0)
    })
  })

  describe('sites', () => {
    it('createSite then listSitesPages and retrieveSite show it; validation names the field', async () => {
      const c = client()
      const created = await c.createSite({ site_code: 'ams-zuid', name: 'Amsterdam Zuid Winkel', city: 'Amsterdam', region: 'Noord-Holland', site_type: 'Store' })
      expect(created).toMatchObject({ site_code: 'ams-zuid', name: 'Amsterdam Zuid Winkel', site_type: 'Store' })
      const all = await collect(c.listSitesPages({ per_page: 3 }))
      expect(all.pages).toBe(Math.ceil(all.items.length / 3))
      expect(all.items.map((s) => s.id)).toContain(created.id)
      const names = all.items.map((s) => s.name)
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
      expect(await c.retrieveSite(created.id)).toEqual(created)
      expect(DomainSite.parse(mapSite(created)).code).toBe('ams-zuid')

      const missing = await failure(c.createSite({ site_code: 'x', name: 'X' } as never))
      expect(missing.details).toEqual([{ field: 'region', message: 'is required' }])
      const taken = await failure(c.createSite({ site_code: 'ams-zuid', name: 'Again', region: 'Noord-Holland' }))
      expect(taken.details).toEqual([{ field: 'site_code', message: 'has already been taken' }])
    })

    it('retrieveSite by site_code follows the 301 redirect to the site id', async () => {
      const site = await client().retrieveSite('hq')
      expect(site).toMatchObject({ id: '111', site_code: 'hq', name: 'Head Office', city: 'Newcastle', region: 'Tyne and Wear', site_type: 'Office' })
      expect(cs.sim.requests.all().map((r) => [r.method, r.path, r.status])).toEqual([
        ['GET', '/sites/hq', 301],
        ['GET', '/sites/111', 200]
      ])
    })

    it('updateSite (PATCH) by site_code follows the 307 redirect with its body; the change is kept', async () => {
      const c = client()
      const updated = await c.updateSite('hq', { name: 'Main Office' })
      expect(updated).toMatchObject({ id: '111', name: 'Main Office', city: 'Newcastle' })
      expect(cs.sim.requests.all().map((r) => [r.method, r.path, r.status])).toEqual([
        ['PATCH', '/sites/hq', 307],
        ['PATCH', '/sites/111', 200]
      ])
      expect(cs.sim.requests.last()!.body).toEqual({ name: 'Main Office' })
      expect((await c.retrieveSite('111')).name).toBe('Main Office')
      const blank = await failure(c.updateSite('111', { region: '' }))
      expect(blank.details).toEqual([{ field: 'region', message: 'is required' }])
      expect((await failure(c.updateSite('no-such-site', { name: 'X' }))).code).toBe('not_found')
      await c.updateSite('111', { name: 'Head Office' })
    })
  })

  describe('staff, surveys and templates', () => {
    it('retrieveStaffMember and listStaff (email, code filters); listStaffPages reads them all', async () => {
      const c = client()
      const rod = await c.retrieveStaffMember('98723')
      expect(Staff.parse(mapStaffMember(rod))).toMatchObject({ name: 'Rod Magnusson', teamExternalIds: [], active: true })
      const other = cs.data.staff[3]!
      expect((await c.listStaff({ email: other.email.toUpperCase() })).items.map((s) => s.id)).toEqual([other.id])
      expect((await c.listStaff({ code: other.code })).items.map((s) => s.id)).toEqual([other.id])
      const all = await collect(c.listStaffPages({ per_page: 5 }))
      expect(all.items).toHaveLength(cs.data.staff.length)
      for (const s of all.items) Staff.parse(mapStaffMember(s))
      expect((await failure(c.retrieveStaffMember('1'))).code).toBe('not_found')
    })

    it('listSurveys / listSurveysPages: sorted by name, with questions, mapping to Survey', async () => {
      const c = client()
      const first = await c.listSurveys()
      expect(first).toMatchObject({ totalCount: 6, totalPages: 1, nextPage: null })
      const paged = await collect(c.listSurveysPages({ per_page: 4 }))
      expect(paged.pages).toBe(2)
      expect(paged.items).toEqual(first.items)
      for (const s of paged.items) expect(Survey.parse(mapSurvey(s)).questions).toHaveLength(4)
      expect(new Set(paged.items.map((s) => s.locale))).toEqual(new Set(['en', 'nl', 'fr']))
    })

    it('listEmailTemplates / listEmailTemplatesPages and listTextMessageTemplates / listTextMessageTemplatesPages', async () => {
      const c = client()
      const email = await collect(c.listEmailTemplatesPages({ per_page: 4 }))
      expect(email.pages).toBe(2)
      expect(email.items.map((t) => Template.parse(mapEmailTemplate(t)).archived)).toContain(true)
      expect((await c.listEmailTemplates()).items.map((t) => t.name)).toEqual(email.items.map((t) => t.name))
      const sms = await collect(c.listTextMessageTemplatesPages({ per_page: 2 }))
      expect(sms.items).toHaveLength(4)
      for (const t of sms.items) expect(Template.parse(mapTextMessageTemplate(t)).channel).toBe('sms')
      expect((await c.listTextMessageTemplates({ page: 2, per_page: 2 })).items).toEqual(sms.items.slice(2))
    })
  })

  describe('credentials and reachability', () => {
    it('a wrong token is unauthorized (401), and probe says credentials_rejected', async () => {
      const c = client({ secret: 'not-the-token' })
      const err = await failure(c.listSites())
      expect(err.code).toBe('unauthorized')
      expect(err.message).toMatch(/CustomerSure did not accept the API token \(list sites\)/)
      expect(cs.sim.requests.last()!.status).toBe(401)
      const probe = await c.probe()
      expect(probe.outcome).toBe('credentials_rejected')
      expect(probe.message).toContain('company name')
    })

    it('a wrong company name (User-Agent) is forbidden (403 "Missing or invalid User Agent string"), and probe says credentials_rejected', async () => {
      const c = client({ companyName: 'Someone Else Ltd' })
      const err = await failure(c.listSurveys())
      expect(err.code).toBe('forbidden')
      expect(err.message).toContain('Missing or invalid User Agent string')
      expect((await c.probe()).outcome).toBe('credentials_rejected')
      expect(() => createCustomerSureClient({ id: 'x', baseUrl: cs.baseUrl, region: null, settings: {}, secret: SECRET })).toThrow(/company name/)
    })

    it('a stopped simulator is not_reachable', async () => {
      const gone = await startCustomerSureSimulator({ volume: 10, token: SECRET, companyName: COMPANY })
      const url = gone.baseUrl
      await gone.close()
      const probe = await client({ baseUrl: url }, { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } }).probe()
      expect(probe.outcome).toBe('not_reachable')
      expect(probe.message).toMatch(/Could not reach CustomerSure/)
    })

    it('tokenExpiryAfter: the token turned down after N requests is reported as rejected, not retried forever', async () => {
      cs.sim.faults.set({ tokenExpiryAfter: 2 })
      const c = client()
      await c.listSurveys()
      await c.listSites()
      expect((await failure(c.listStaff())).code).toBe('unauthorized')
      expect((await c.probe()).outcome).toBe('credentials_rejected')
      expect(cs.sim.requests.count({ status: 401 })).toBe(2)
    })
  })

  describe('faults', () => {
    it('429 with Retry-After on a GET is waited out (in full) and retried', async () => {
      cs.sim.faults.set({ rateLimitBurst: { every: 1, count: 1, retryAfterSeconds: 1 } })
      const c = client()
      waits.length = 0
      await c.listSurveys()
      const page = await c.listSites()
      expect(page.items.length).toBeGreaterThan(0)
      expect(cs.sim.requests.count({ fault: 'rate-limit' })).toBe(1)
      expect(waits.some((ms) => ms >= 1000)).toBe(true)
    })

    it('5xx on GETs are retried until they succeed', async () => {
      cs.sim.faults.set({ errorRate: 0.5, pathPrefix: '/feedback_responses' })
      const c = client({}, { retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 2 } })
      const all = await collect(c.listFeedbackResponsesPages({ per_page: 100 }))
      expect(new Set(all.items.map((r) => r.id)).size).toBe(VOLUME)
      expect(cs.sim.requests.count({ fault: 'error' })).toBeGreaterThan(0)
    })

    it('a POST that creates is NOT retried on 5xx: the simulator sees exactly one request', async () => {
      cs.sim.faults.set({ errorRate: 1, pathPrefix: '/feedback_requests' })
      const err = await failure(client().createFeedbackRequest({ email: 'once@example.com', send_at: inFuture(3), survey_id: 277, email_template_id: 123456 }))
      expect(err.code).toBe('provider')
      expect(err.retryable).toBe(true)
      expect(cs.sim.requests.count({ method: 'POST', path: '/feedback_requests' })).toBe(1)

      cs.sim.faults.set({ errorRate: 1, pathPrefix: '/sites' })
      await failure(client().createSite({ site_code: 'once', name: 'Once', region: 'X' }))
      expect(cs.sim.requests.count({ method: 'POST', path: '/sites' })).toBe(1)
    })

    it('dropped connections on a GET are recovered', async () => {
      cs.sim.faults.set({ dropRate: 0.5, pathPrefix: '/staff' })
      const c = client({}, { retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 2 } })
      const all = await collect(c.listStaffPages({ per_page: 10 }))
      expect(all.items).toHaveLength(cs.data.staff.length)
      expect(cs.sim.requests.count({ fault: 'drop' })).toBeGreaterThan(0)
    })

    it('a malformed page is an AppError provider naming the operation, after the good pages were yielded', async () => {
      cs.sim.faults.set({ malformed: { path: '/feedback_responses', page: 2, times: 1 } })
      const got: number[] = []
      const err = await failure(
        (async () => {
          for await (const page of client().listFeedbackResponsesPages({ per_page: 50 })) got.push(page.page)
        })()
      )
      expect(got).toEqual([1])
      expect(err.code).toBe('provider')
      expect(err.message).toMatch(/CustomerSure sent an answer Survey Desk could not read \(list feedback responses\)/)
    })
  })

  describe('simulator', () => {
    it('is deterministic per seed, and serves a large volume lazily', async () => {
      const a = await startCustomerSureSimulator({ seed: 'same', volume: 1_000_000, anchor: ANCHOR, token: SECRET, companyName: COMPANY })
      const b = await startCustomerSureSimulator({ seed: 'same', volume: 1_000_000, anchor: ANCHOR, token: SECRET, companyName: COMPANY })
      try {
        const ca = client({ baseUrl: a.baseUrl })
        const cb = client({ baseUrl: b.baseUrl })
        const pa = await ca.listFeedbackResponses({ page: 5000, per_page: 100 })
        const pb = await cb.listFeedbackResponses({ page: 5000, per_page: 100 })
        expect(pa.items).toEqual(pb.items)
        expect(pa.totalCount).toBe(1_000_000)
        expect(pa.totalPages).toBe(10_000)
        expect(await ca.retrieveFeedbackResponse(16_001 + 999_999)).toEqual(await cb.retrieveFeedbackResponse(16_001 + 999_999))
        expect((await ca.listSites({ per_page: 100 })).totalCount).toBe(200)
      } finally {
        await a.close()
        await b.close()
      }
    })
  })

  it('no secret in any log line, error message or error detail produced by these tests', () => {
    expect(logLines.length).toBeGreaterThan(50)
    expect(errorsSeen.length).toBeGreaterThan(10)
    const forms = [SECRET, `Token token="${SECRET}"`, `token=${SECRET}`, Buffer.from(SECRET).toString('base64')]
    const texts = [
      ...logLines,
      ...simLines,
      ...errorsSeen.flatMap((e) => [e.message, JSON.stringify(e.details), JSON.stringify(e.toShape())]),
      JSON.stringify(cs.sim.requests.all())
    ]
    for (const t of texts) for (const f of forms) expect(t.includes(f), `secret found in: ${t.slice(0, 200)}`).toBe(false)
  })
})
