import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { HttpClientOptions } from '../../../src/main/http'
import {
  createNicereplyClient,
  mapCustomer,
  mapRating,
  mapSurvey,
  mapTeam,
  mapUnsubscribe,
  mapUser,
  RATING_PERIOD,
  startNicereplySimulator,
  type NicereplyClient,
  type NicereplySimulatorHandle,
  type Page,
  type WireRating,
  type WireSurvey
} from '../../../src/main/providers/nicereply'
import { AppError } from '../../../src/shared/errors'
import { Customer, Response, Staff, Survey, Team, Unsubscribe } from '../../../src/shared/domain/model'
import { createProviderTestRecorder } from '../../support/provider-test-kit'

const VOLUME = 240
const WRONG_KEY = 'nr-wrong-private-key-0123456789'

let handle: NicereplySimulatorHandle
const clients: NicereplyClient[] = []
/** Every line the HTTP layer logged and every error text the tests saw, for the secret scan. */
const rec = createProviderTestRecorder()
const { logLines } = rec
const errorTexts: string[] = []
const simLines: string[] = []
/** Backoff and Retry-After waits, recorded instead of slept so the suite stays fast. */
const waits = rec.waits
const secretsUsed = new Set<string>([WRONG_KEY])

function client(secret = handle.credentials.secret, baseUrl = handle.baseUrl, httpOptions: Partial<HttpClientOptions> = {}): NicereplyClient {
  secretsUsed.add(secret)
  const c = createNicereplyClient(
    { id: 'conn-nicereply-test', baseUrl, region: null, settings: {}, secret, log: rec.log },
    { httpOptions: rec.httpOptions(httpOptions) }
  )
  clients.push(c)
  return c
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await rec.failure(p)
  errorTexts.push(e.message, JSON.stringify(e.details))
  return e
}

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<{ items: T[]; pages: Page<T>[] }> {
  const all: Page<T>[] = []
  for await (const p of pages) all.push(p)
  return { items: all.flatMap((p) => p.items), pages: all }
}

const time = (v: string | number | null | undefined): number => (typeof v === 'number' ? v * 1000 : Date.parse(String(v)))
const surveyMap = (): Map<string, WireSurvey> => new Map(handle.data.surveys.map((s) => [s.id, s as unknown as WireSurvey]))

beforeAll(async () => {
  handle = await startNicereplySimulator({ seed: 'nicereply-tests', volume: VOLUME, log: (line) => simLines.push(line) })
  secretsUsed.add(handle.credentials.secret)
})
afterEach(() => {
  handle.sim.faults.reset()
})
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await handle.close()
})

// ------------------------------------------------------------------------------------------------

describe('Nicereply ratings per metric (CSAT, CES, NPS)', () => {
  const cases = [
    { metric: 'csat', M: 'CSAT', list: 'listCsatRatingsPages', one: 'listCsatRatings', get: 'getCsatRating', stats: 'getCsatStats', histogram: 'getCsatHistogram', surveys: 'listCsatSurveysPages', surveysOne: 'listCsatSurveys' },
    { metric: 'ces', M: 'CES', list: 'listCesRatingsPages', one: 'listCesRatings', get: 'getCesRating', stats: 'getCesStats', histogram: 'getCesHistogram', surveys: 'listCesSurveysPages', surveysOne: 'listCesSurveys' },
    { metric: 'nps', M: 'NPS', list: 'listNpsRatingsPages', one: 'listNpsRatings', get: 'getNpsRating', stats: 'getNpsStats', histogram: 'getNpsHistogram', surveys: 'listNpsSurveysPages', surveysOne: 'listNpsSurveys' }
  ] as const

  for (const c of cases) {
    it(`${c.M}: pages through every rating, newest first, only ${c.M}, and maps each to a valid Response`, async () => {
      const nr = client()
      const { items, pages } = await collect(nr[c.list]({ per_page: 10 }))
      const expected = Array.from({ length: VOLUME }, (_, i) => handle.data.ratingCore(i)).filter((r) => r.metric === c.M).length
      expect(pages.length).toBeGreaterThan(2)
      expect(items).toHaveLength(expected)
      expect(pages[0]!.page).toMatchObject({ total: expected, perPage: 10, currentPage: 1, nextPage: 2 })
      expect(pages.at(-1)!.page.nextPage).toBeNull()
      expect(new Set(items.map((r) => r.id)).size).toBe(items.length)
      expect(items.every((r) => r.survey?.type === c.M)).toBe(true)
      const times = items.map((r) => time(r.created_at))
      expect(times).toEqual([...times].sort((a, b) => b - a))
      const ctx = { surveys: surveyMap(), metric: c.metric }
      for (const r of items) {
        const mapped = Response.parse(mapRating(r, ctx))
        expect(mapped.metric).toBe(c.metric)
        expect(mapped.score).toBeGreaterThanOrEqual(mapped.scale!.min)
        expect(mapped.score).toBeLessThanOrEqual(mapped.scale!.max)
      }
    })

    it(`${c.M}: period_start/period_end, updated_period_* and sort_order are applied by the simulator`, async () => {
      const nr = client()
      const from = new Date(RATING_PERIOD.start + 90 * 86_400_000)
      const to = new Date(RATING_PERIOD.start + 270 * 86_400_000)
      const expected = Array.from({ length: VOLUME }, (_, i) => handle.data.ratingCore(i)).filter((r) => r.metric === c.M && r.createdMs >= from.getTime() && r.createdMs <= to.getTime())
      const { items } = await collect(nr[c.list]({ per_page: 100, period_start: from, period_end: to.toISOString(), sort_order: 'asc' }))
      expect(items).toHaveLength(expected.length)
      const times = items.map((r) => time(r.created_at))
      expect(times).toEqual([...times].sort((a, b) => a - b))
      expect(times.every((t) => t >= from.getTime() && t <= to.getTime())).toBe(true)
      const sent = handle.sim.requests.find({ path: `/v1/${c.metric}/ratings` }).at(-1)!
      expect(new URLSearchParams(sent.query).get('period_start')).toBe(from.toISOString().replace('.000Z', 'Z'))

      const updated = await nr[c.one]({ per_page: 100, updated_period_start: '2024-06-01T00:00:00+02:00', updated_period_end: '2024-12-31T23:59:59Z' })
      expect(updated.items.every((r) => time(r.updated_at) >= Date.parse('2024-06-01T00:00:00+02:00') && time(r.updated_at) <= Date.parse('2024-12-31T23:59:59Z'))).toBe(true)
      expect(updated.page.total).toBeLessThan(expected.length + VOLUME)
    })

    it(`${c.M}: get one rating, stats and histogram agree with the list, surveys are the ${c.M} ones`, async () => {
      const nr = client()
      const first = await nr[c.one]({ per_page: 10 })
      const one = await nr[c.get](first.items[0]!.id)
      expect(one).toEqual(first.items[0])

      const window = { period_start: '2024-03-01T00:00:00Z', period_end: '2025-03-01T00:00:00Z' }
      const listed = await nr[c.one]({ ...window, per_page: 10 })
      const stats = await nr[c.stats](window)
      expect(Number(stats.count)).toBe(listed.page.total)
      const histogram = await nr[c.histogram](window)
      expect(Object.values(histogram.histogram).reduce<number>((a, b) => a + Number(b), 0)).toBe(listed.page.total)
      if (c.M === 'NPS') {
        const g = stats.groups!
        expect(Number(g.promoters) + Number(g.passives) + Number(g.detractors)).toBe(Number(stats.count))
        expect(Object.keys(histogram.histogram)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
      } else {
        expect(Number(stats.average)).toBeGreaterThan(0)
      }

      const { items: surveys } = await collect(nr[c.surveys]({ sort_order: 'asc' }))
      expect(surveys.map((s) => s.id).sort()).toEqual(handle.data.surveys.filter((s) => s.metric === c.M).map((s) => s.id).sort())
      for (const s of surveys) Survey.parse(mapSurvey(s))
      const onePage = await nr[c.surveysOne]({ sort_order: 'asc', per_page: 10 })
      expect(onePage.items).toEqual(surveys)
    })
  }

  it('a rating of another metric is not found under this one', async () => {
    const nr = client()
    const nps = await nr.listNpsRatings()
    const err = await rejection(nr.getCsatRating(nps.items[0]!.id))
    expect(err.code).toBe('not_found')
    expect(err.message).toContain('get a CSAT rating')
  })
})

describe('Nicereply creating ratings (state)', () => {
  const csat10 = (): string => handle.data.surveys.find((s) => s.scale === 'CSAT10')!.id

  it('createCsatRating: the new rating is listed first, found by id, counted in stats and in its user ratings', async () => {
    const nr = client()
    const before = await nr.getCsatStats()
    const agent = handle.data.users.find((u) => u.type === 'AGENT')!
    const customer = handle.data.customers.at(3)!
    const created = await nr.createCsatRating({
      survey_id: csat10(),
      score: 9,
      from: 'Sanne de Vries',
      comment: 'Heel snel geholpen, dank je wel!',
      ticket: 'ZD-48213',
      user: { id: agent.id },
      customer_id: customer.id,
      ip_address: '192.0.2.44'
    })
    expect(created).toMatchObject({ score: 9, from: 'Sanne de Vries', survey: { id: csat10(), type: 'CSAT' }, user: { id: agent.id }, customer: { id: customer.id }, ticket: { value: 'ZD-48213' } })

    const newest = await nr.listCsatRatings()
    expect(newest.items[0]!.id).toBe(created.id)
    expect(await nr.getCsatRating(created.id)).toEqual(created)
    expect(Number((await nr.getCsatStats()).count)).toBe(Number(before.count) + 1)
    const mine = await nr.listUserRatings(agent.id, { per_page: 100 })
    expect(mine.items.some((r) => r.id === created.id)).toBe(true)
    const theirs = await nr.listCustomerRatings(customer.id, { per_page: 100 })
    expect(theirs.items.some((r) => r.id === created.id)).toBe(true)
    const mapped = Response.parse(mapRating(created, { surveys: surveyMap() }))
    expect(mapped).toMatchObject({ metric: 'csat', score: 9, scale: { min: 1, max: 10 }, comment: 'Heel snel geholpen, dank je wel!', links: { reference: 'ZD-48213' } })
  })

  it('createCesRating and createNpsRating add to their metric; createRating takes any survey and a username', async () => {
    const nr = client()
    const ces = handle.data.surveys.find((s) => s.metric === 'CES')!
    const nps = handle.data.surveys.find((s) => s.metric === 'NPS')!
    const user = handle.data.users[1]!
    const a = await nr.createCesRating({ survey_id: ces.id, score: 6, user: { username: user.username } })
    const b = await nr.createNpsRating({ survey_id: nps.id, score: 10, user: { id: user.id }, comment: 'Je recommande vivement.' })
    expect((await nr.listCesRatings()).items[0]!.id).toBe(a.id)
    expect((await nr.listNpsRatings()).items[0]!.id).toBe(b.id)
    expect(a.user?.id).toBe(user.id)

    const generic = await nr.createRating({ survey_id: nps.id, score: 3, user: { username: 'night-shift-bot' } })
    expect((await nr.getNpsRating(generic.id)).score).toBe(3)
    // An unknown username becomes an unknown agent, as Nicereply does.
    const users = await collect(nr.listUsersPages({ per_page: 100 }))
    expect(users.items.find((u) => u.username === 'night-shift-bot')).toMatchObject({ type: 'UNKNOWN_AGENT' })
    expect(Staff.parse(mapUser(users.items.find((u) => u.username === 'night-shift-bot')!)).kind).toBe('unknown_agent')
  })

  it('a score outside the survey scale is a validation error naming the field (from the simulator)', async () => {
    const nr = client()
    const faces = handle.data.surveys.find((s) => s.scale === 'CSAT3')!
    const err = await rejection(nr.createCsatRating({ survey_id: faces.id, score: 5, user: { id: handle.data.users[0]!.id } }))
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([{ field: 'score', message: 'This value should be between 1 and 3.' }])
    expect(err.message).toMatch(/^Nicereply did not accept the request \(create a CSAT rating\): score: /)

    const wrongMetric = await rejection(nr.createNpsRating({ survey_id: faces.id, score: 2, user: { id: handle.data.users[0]!.id } }))
    expect(wrongMetric.details.map((d) => d.field)).toEqual(['survey_id'])
    const unknownUser = await rejection(nr.createRating({ survey_id: faces.id, score: 2, user: { id: '00000000-0000-4000-8000-000000000000' } }))
    expect(unknownUser.details.map((d) => d.field)).toEqual(['user.id'])
  })

  it('a body the document forbids is refused before sending, naming the field', async () => {
    const nr = client()
    handle.sim.requests.clear()
    const both = await rejection(nr.createCsatRating({ survey_id: csat10(), score: 5, user: { id: 'x', username: 'y' } as never }))
    expect(both.code).toBe('validation')
    expect(both.details[0]).toEqual({ field: 'user', message: 'must contain exactly one of id or username' })
    const ip = await rejection(nr.createRating({ survey_id: csat10(), score: 5, user: { username: 'a' }, ip_address: '2001:db8::1' }))
    expect(ip.details[0]!.field).toBe('ip_address')
    const perPage = await rejection(nr.listCustomers({ per_page: 5 }))
    expect(perPage.details).toEqual([{ field: 'per_page', message: 'must be a whole number from 10 to 100' }])
    const date = await rejection(nr.getNpsStats({ period_start: 'last tuesday' }))
    expect(date.details[0]!.field).toBe('period_start')
    expect(handle.sim.requests.count()).toBe(0)
  })
})

describe('Nicereply customers', () => {
  it('listCustomersPages walks every page; getCustomer, ratings, stats and histogram of one customer agree', async () => {
    const nr = client()
    const { items, pages } = await collect(nr.listCustomersPages({ per_page: 25, sort_order: 'asc' }))
    expect(items).toHaveLength(handle.data.customers.length)
    expect(pages.length).toBe(Math.ceil(handle.data.customers.length / 25))
    expect(items[0]!.id).toBe(handle.data.customers.at(0)!.id)
    const unsubscribed = new Set((await collect(nr.listUnsubscribesPages({ per_page: 100 }))).items.map((u) => u.email!.toLowerCase()))
    for (const c of items) Customer.parse(mapCustomer(c, { unsubscribedEmails: unsubscribed }))

    const busiest = [...new Set(Array.from({ length: VOLUME }, (_, i) => handle.data.ratingCore(i).customerIndex).filter((x): x is number => x !== null))][0]!
    const customer = handle.data.customers.at(busiest)!
    expect(await nr.getCustomer(customer.id)).toMatchObject({ id: customer.id, name: customer.name, email: customer.email })
    const ratings = await collect(nr.listCustomerRatingsPages(customer.id, { per_page: 10 }))
    expect(ratings.items.length).toBeGreaterThan(0)
    expect(ratings.items.every((r) => r.customer?.id === customer.id)).toBe(true)
    const stats = await nr.getCustomerStats(customer.id)
    expect(Number(stats.CSAT!.count) + Number(stats.CES!.count) + Number(stats.NPS!.count)).toBe(ratings.items.length)
    const histogram = await nr.getCustomerHistogram(customer.id)
    expect(Object.keys(histogram.CES!.histogram)).toEqual(['1', '2', '3', '4', '5', '6', '7'])
    expect(Object.values(histogram.CSAT!.histogram).reduce<number>((a, b) => a + Number(b), 0)).toBe(Number(stats.CSAT!.count))
  })

  it('listStatsForAllCustomers pages customers in the same order with the same stats as getCustomerStats', async () => {
    const nr = client()
    const period = { period_start: '2024-01-01T00:00:00Z', period_end: '2025-12-31T00:00:00Z' }
    const all = await nr.listStatsForAllCustomers({ ...period, per_page: 10 })
    const plain = await nr.listCustomers({ per_page: 10 })
    expect(all.items.map((x) => x.id)).toEqual(plain.items.map((x) => x.id))
    expect(all.page.total).toBe(handle.data.customers.length)
    const first = all.items[0]!
    expect(first.stats).toEqual(await nr.getCustomerStats(first.id, period))
    const second = await collect(nr.listStatsForAllCustomersPages({ ...period, per_page: 50 }))
    expect(second.items).toHaveLength(handle.data.customers.length)
  })

  it('a legacy numeric id is redirected to the UUID address and the redirect is followed', async () => {
    const nr = client()
    handle.sim.requests.clear()
    const c = await nr.getCustomer(1)
    expect(c.id).toBe(handle.data.customers.at(0)!.id)
    expect(handle.sim.requests.all().map((r) => r.status)).toEqual([301, 200])
    const err = await rejection(nr.getCustomer('3a5c1c4e-0000-4000-8000-000000000000'))
    expect(err.code).toBe('not_found')
  })
})

describe('Nicereply surveys and unsubscribes', () => {
  it('listSurveys, getSurvey, listStatsForAllSurveys, survey ratings, stats by metric and histogram', async () => {
    const nr = client()
    const surveys = await nr.listSurveys()
    expect(surveys.items).toHaveLength(handle.data.surveys.length)
    expect((await collect(nr.listSurveysPages({ per_page: 10 }))).items).toEqual(surveys.items)
    expect(surveys.items.find((s) => s.metric === 'CES')!.extra_questions).toBeUndefined()
    const nps = surveys.items.find((s) => s.metric === 'NPS')!
    const csat = surveys.items.find((s) => s.scale === 'CSAT3')!
    expect(await nr.getSurvey(nps.id)).toEqual(nps)
    expect(Survey.parse(mapSurvey(csat)).questions).toHaveLength(2)

    const stats = await collect(nr.listStatsForAllSurveysPages({ sort_order: 'asc', period_start: '2024-01-01T00:00:00Z' }))
    expect(stats.items.map((s) => s.type)).toEqual(handle.data.surveys.map((s) => s.metric))

    const npsRatings = await collect(nr.listSurveyRatingsPages(nps.id, { per_page: 20 }))
    expect(npsRatings.items.every((r) => r.survey?.id === nps.id)).toBe(true)
    expect((await nr.listSurveyRatings(nps.id, { per_page: 20 })).items).toEqual(npsRatings.items.slice(0, 20))
    const npsStats = await nr.getSurveyStats(nps.id)
    expect(npsStats).toHaveProperty('nps_score')
    expect(Number(npsStats.count)).toBe(npsRatings.items.length)
    expect(stats.items.find((s) => s.id === nps.id)!.stats.count).toBe(npsStats.count)
    const csatStats = await nr.getSurveyStats(csat.id, { period_start: '2024-01-01T00:00:00Z', period_end: '2026-01-01T00:00:00Z' })
    expect(csatStats).toHaveProperty('average')
    expect(Number(csatStats.average)).toBeLessThanOrEqual(3)
    const histogram = await nr.getSurveyHistogram(csat.id)
    expect(Number(histogram.histogram['4'])).toBe(0)
  })

  it('listUnsubscribes pages the unsubscribed addresses', async () => {
    const nr = client()
    const { items } = await collect(nr.listUnsubscribesPages({ per_page: 10 }))
    expect(items.length).toBe(handle.data.unsubscribes.length)
    for (const u of items) Unsubscribe.parse(mapUnsubscribe(u))
    const times = items.map((u) => time(u.unsubscribed_at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })
})

describe('Nicereply teams', () => {
  it('listTeams, getTeam, team users and ratings, users and stats for all teams', async () => {
    const nr = client()
    const teams = await nr.listTeamsPages({ sort_order: 'asc' })
    const { items } = await collect(teams)
    expect(items.map((t) => t.id)).toEqual(handle.data.teams.map((t) => t.id))
    const team = items[0]!
    expect(await nr.getTeam(team.id)).toEqual(team)

    const members = await collect(nr.listTeamUsersPages(team.id))
    expect(members.items.map((u) => u.id).sort()).toEqual([...handle.data.teams[0]!.memberIds].sort())
    const everyTeam = await nr.listUsersForAllTeams({ sort_order: 'asc' })
    expect(everyTeam.items[0]!.users.map((u) => u.id).sort()).toEqual(members.items.map((u) => u.id).sort())
    Team.parse(mapTeam(team, { members: members.items }))
    expect((await nr.listTeamUsers(team.id)).items).toEqual(members.items.slice(0, 10))
    const everyTeamAllPages = await collect(nr.listUsersForAllTeamsPages({ per_page: 10 }))
    expect(everyTeamAllPages.items.map((t) => t.id).sort()).toEqual(handle.data.teams.map((t) => t.id).sort())

    const ratings = await collect(nr.listTeamRatingsPages(team.id, { per_page: 50 }))
    const memberIds = new Set(handle.data.teams[0]!.memberIds)
    expect(ratings.items.length).toBeGreaterThan(0)
    expect(ratings.items.every((r) => memberIds.has(String(r.user?.id)))).toBe(true)
    expect((await nr.listTeamRatings(team.id, { per_page: 50 })).items).toEqual(ratings.items.slice(0, 50))
    const teamCtx = { surveys: surveyMap(), team: { id: team.id, name: team.name } }
    expect(Response.parse(mapRating(ratings.items[0]!, teamCtx)).teamName).toBe(team.name)

    const stats = await nr.getTeamStats(team.id)
    expect(Number(stats.CSAT!.count) + Number(stats.CES!.count) + Number(stats.NPS!.count)).toBe(ratings.items.length)
    const histogram = await nr.getTeamHistogram(team.id, { period_start: '2020-01-01T00:00:00Z' })
    expect(Object.values(histogram.NPS!.histogram).reduce<number>((a, b) => a + Number(b), 0)).toBe(Number(stats.NPS!.count))
    const allStats = await collect(nr.listStatsForAllTeamsPages({ per_page: 10 }))
    expect(allStats.items.find((t) => t.id === team.id)!.stats).toEqual(stats)
    const oneTeamPage = await nr.listStatsForAllTeams()
    expect(oneTeamPage.page.total).toBe(handle.data.teams.length)
  })
})

describe('Nicereply users', () => {
  it('createAgent and createThingOrAction: created users are listed, found and mapped by kind', async () => {
    const nr = client()
    const agent = await nr.createAgent({ fullname: 'Camille Dubois', username: 'camille.dubois', email: 'camille.dubois@example.fr' })
    expect(agent).toMatchObject({ type: 'AGENT', has_access: false, role: '', email: 'camille.dubois@example.fr' })
    const thing = await nr.createThingOrAction({ fullname: 'Chatbot Wouter', username: 'chatbot-wouter' })
    expect(thing).toMatchObject({ type: 'THING_OR_ACTION', email: '' })
    expect(await nr.getUser(agent.id)).toEqual(agent)
    const newest = await nr.listUsers()
    expect(newest.items.slice(0, 2).map((u) => u.id)).toEqual([thing.id, agent.id])
    expect(Staff.parse(mapUser(agent))).toMatchObject({ kind: 'agent', name: 'Camille Dubois' })
    expect(Staff.parse(mapUser(thing))).toMatchObject({ kind: 'thing_or_action', email: null })

    const dup = await rejection(nr.createAgent({ fullname: 'Someone Else', username: 'camille.dubois', email: 'else@example.com' }))
    expect(dup.code).toBe('validation')
    expect(dup.details).toEqual([{ field: 'username', message: 'This value is already used.' }])
  })

  it('getUser, listUserRatings, getUserStats, getUserHistogram, listUserTeams, listStatsForAllUsers', async () => {
    const nr = client()
    const seeded = handle.data.users.find((u) => u.type === 'AGENT' && handle.data.teams.some((t) => t.memberIds.includes(u.id)))!
    const user = await nr.getUser(seeded.id)
    expect(user.username).toBe(seeded.username)
    const ratings = await collect(nr.listUserRatingsPages(user.id, { per_page: 10, sort_order: 'asc' }))
    expect(ratings.items.every((r) => r.user?.id === user.id)).toBe(true)
    const stats = await nr.getUserStats(user.id)
    expect(Number(stats.CSAT!.count) + Number(stats.CES!.count) + Number(stats.NPS!.count)).toBe(ratings.items.length)
    const histogram = await nr.getUserHistogram(user.id)
    expect(Object.values(histogram.CES!.histogram).reduce<number>((a, b) => a + Number(b), 0)).toBe(Number(stats.CES!.count))
    const teams = await collect(nr.listUserTeamsPages(user.id))
    expect(teams.items.map((t) => t.id).sort()).toEqual(handle.data.teams.filter((t) => t.memberIds.includes(String(user.id))).map((t) => t.id).sort())
    expect(Staff.parse(mapUser(user, { teams: teams.items })).teamExternalIds.length).toBeGreaterThan(0)
    const oneTeams = await nr.listUserTeams(user.id)
    expect(oneTeams.items.length).toBe(teams.items.length)

    const all = await collect(nr.listStatsForAllUsersPages({ per_page: 10, sort_order: 'asc' }))
    expect(all.items.find((x) => x.id === user.id)!.stats).toEqual(stats)
    const firstPage = await nr.listStatsForAllUsers({ period_start: '2024-01-01T00:00:00Z' })
    expect(firstPage.items.length).toBe(Math.min(10, firstPage.page.total))
    expect(firstPage.page.total).toBe(all.items.length)
  })
})

describe('Nicereply auth, probe and reachability', () => {
  it('probe works with the right key', async () => {
    const result = await client().probe()
    expect(result.outcome).toBe('works')
    expect(result.message).toMatch(/Connected to Nicereply: the private key works and the account has 7 surveys/)
    const logged = handle.sim.requests.last()!
    expect(logged.headers).toMatchObject({ accept: 'application/json', authorization: 'Basic' })
  })

  it('a wrong key: 401 in the documented format, AppError unauthorized, probe says credentials rejected', async () => {
    const nr = client(WRONG_KEY)
    const err = await rejection(nr.listSurveys())
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('Nicereply did not accept the private key (list surveys)')
    const probe = await nr.probe()
    expect(probe.outcome).toBe('credentials_rejected')
    errorTexts.push(probe.message)

    const raw = await fetch(`${handle.baseUrl}/v1/surveys`)
    expect(raw.status).toBe(401)
    expect(await raw.json()).toEqual({ errors: ['Wrong or missing basic authentication.'] })
  })

  it('a key revoked after N requests (tokenExpiryAfter) turns the probe into credentials rejected', async () => {
    const sim = await startNicereplySimulator({ seed: 3, volume: 30, faults: { tokenExpiryAfter: 2 } })
    try {
      const nr = client(sim.credentials.secret, sim.baseUrl)
      expect((await nr.probe()).outcome).toBe('works')
      expect((await nr.probe()).outcome).toBe('works')
      const third = await nr.probe()
      expect(third.outcome).toBe('credentials_rejected')
      errorTexts.push(third.message)
    } finally {
      await sim.close()
    }
  })

  it('a stopped simulator: probe says not reachable', async () => {
    const sim = await startNicereplySimulator({ seed: 4, volume: 20 })
    const nr = client(sim.credentials.secret, sim.baseUrl, { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 } })
    await sim.close()
    const probe = await nr.probe()
    expect(probe.outcome).toBe('not_reachable')
    expect(probe.message).toMatch(/^Could not reach Nicereply/)
    errorTexts.push(probe.message)
  })

  it('the simulator answers bad query parameters in the documented error format', async () => {
    const auth = `Basic ${Buffer.from(`:${handle.credentials.secret}`).toString('base64')}`
    const res = await fetch(`${handle.baseUrl}/v1/csat/ratings?per_page=101&page=x&sort_order=up`, { headers: { authorization: auth } })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      errors: [
        'Validation error in queryParameters[page]: This value should be a valid number.',
        'Validation error in queryParameters[per_page]: This value should be 100 or less.',
        'Validation error in queryParameters[sort_order]: The value you selected is not a valid choice.'
      ]
    })
  })
})

describe('Nicereply resilience against simulator faults', () => {
  it('429 with Retry-After on a GET is waited out and retried', async () => {
    const nr = client()
    handle.sim.requests.clear()
    waits.length = 0
    handle.sim.faults.set({ rateLimitBurst: { every: 1, count: 1, retryAfterSeconds: 1 } })
    await nr.listTeams()
    const page = await nr.listSurveys()
    expect(page.items).toHaveLength(handle.data.surveys.length)
    expect(handle.sim.requests.count({ status: 429 })).toBe(1)
    expect(waits.some((ms) => ms >= 1000 && ms < 2000)).toBe(true)
  })

  it('5xx on a GET is retried with backoff until it succeeds', async () => {
    const nr = client()
    handle.sim.requests.clear()
    handle.sim.faults.set({ errorRate: 0.3 })
    const { items } = await collect(nr.listCesRatingsPages({ per_page: 10 }))
    expect(items.length).toBeGreaterThan(0)
    expect(handle.sim.requests.count({ fault: 'error' })).toBeGreaterThan(0)
  })

  it('a POST that creates is not retried on 5xx: the simulator saw exactly one', async () => {
    const nr = client()
    const before = await nr.getNpsStats()
    handle.sim.requests.clear()
    handle.sim.faults.set({ errorRate: 1, pathPrefix: '/v1/nps/ratings' })
    const nps = handle.data.surveys.find((s) => s.metric === 'NPS')!
    const err = await rejection(nr.createNpsRating({ survey_id: nps.id, score: 8, user: { id: handle.data.users[0]!.id } }))
    expect(err.code).toBe('provider')
    expect(err.retryable).toBe(true)
    expect(err.message).toMatch(/create a NPS rating/)
    expect(handle.sim.requests.count({ method: 'POST' })).toBe(1)
    handle.sim.faults.reset()
    expect(Number((await nr.getNpsStats()).count)).toBe(Number(before.count))
  })

  it('a dropped connection on a GET is recovered by a retry', async () => {
    const nr = client()
    handle.sim.requests.clear()
    handle.sim.faults.set({ dropRate: 0.5 })
    const { items } = await collect(nr.listUsersPages({ per_page: 10 }))
    expect(items.length).toBeGreaterThan(0)
    expect(handle.sim.requests.count({ fault: 'drop' })).toBeGreaterThan(0)
  })

  it('latency is tolerated', async () => {
    handle.sim.faults.set({ latencyMs: 30 })
    const res = await client().listTeams()
    expect(res.items.length).toBe(handle.data.teams.length)
    expect(handle.sim.requests.last()!.durationMs).toBeGreaterThanOrEqual(25)
  })

  it('a malformed page stops the walk with AppError provider naming the operation, after the good pages', async () => {
    const nr = client()
    handle.sim.faults.set({ malformed: { path: '/v1/csat/ratings', page: 2 } })
    const seen: WireRating[][] = []
    const err = await rejection(
      (async () => {
        for await (const p of nr.listCsatRatingsPages({ per_page: 10 })) seen.push(p.items)
      })()
    )
    expect(seen).toHaveLength(1)
    expect(err.code).toBe('provider')
    expect(err.message).toBe('Nicereply sent an answer Survey Desk could not read (list CSAT ratings, page 2): it is not valid JSON.')
  })
})

describe('Nicereply secrets stay secret', () => {
  it('no log line, error message or error detail contains a key or its Basic auth forms', () => {
    expect(logLines.length).toBeGreaterThan(50)
    expect(errorTexts.length).toBeGreaterThan(10)
    const haystack = [...logLines, ...errorTexts, ...simLines, JSON.stringify(handle.sim.requests.all())].join('\n')
    for (const secret of secretsUsed) {
      const forms = [secret, `:${secret}`, Buffer.from(`:${secret}`).toString('base64'), Buffer.from(secret).toString('base64')]
      for (const form of forms) expect(haystack.includes(form), `found a form of a key in logs/errors`).toBe(false)
    }
  })
})
