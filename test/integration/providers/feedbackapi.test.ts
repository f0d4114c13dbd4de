import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { ClientAccount, Customer, FeedbackRequest, Response, Site, Staff } from '../../../src/shared/domain/model'
import { createHttpClient, feedbackApiAuth, feedbackApiErrors, secretForms } from '../../../src/main/http'
import type { FaultConfig } from '../../../src/main/providers/simulator-kit'
import {
  createFeedbackApiClient,
  mapAccount,
  mapCustomer,
  mapFeedback,
  mapFeedbackRequest,
  mapLocation,
  mapReview,
  mapUser,
  readNumber,
  readTimestamp,
  startFeedbackApiSimulator,
  type FeedbackApiClient,
  type FeedbackApiPage,
  type FeedbackApiSimulatorHandle,
  type WireCustomer,
  type WireFeedback
} from '../../../src/main/providers/feedbackapi'
import { createProviderTestRecorder } from '../../support/provider-test-kit'

/**
 * Every FeedbackAPI client function against its simulator on loopback. Backoff and Retry-After
 * waits go through a recording sleep (so a 1 s Retry-After is asserted, not slept), and every log
 * line and error text is kept for the secret scan at the end.
 */

const WRONG_KEY = 'fbapi_wrong_key_5551234abcd'

let handle: FeedbackApiSimulatorHandle
const clients: FeedbackApiClient[] = []
const rec = createProviderTestRecorder()
const { logLines } = rec
const simLines: string[] = []
const errorTexts: string[] = []
const sleeps = rec.waits

beforeAll(async () => {
  handle = await startFeedbackApiSimulator({ seed: 'feedbackapi-test', volume: 120, log: (l) => simLines.push(l) })
})
afterEach(() => {
  handle.sim.faults.reset()
})
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await handle.close()
})

function client(opts: { secret?: string; baseUrl?: string } = {}): FeedbackApiClient {
  const c = createFeedbackApiClient(
    {
      id: 'feedbackapi-test-connection',
      baseUrl: opts.baseUrl ?? handle.baseUrl,
      region: null,
      settings: {},
      secret: opts.secret ?? handle.credentials.secret,
      log: rec.log
    },
    { httpOptions: rec.httpOptions() }
  )
  clients.push(c)
  return c
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await rec.failure(p)
  errorTexts.push(e.message, JSON.stringify(e.details))
  return e
}

async function collect<T>(pages: AsyncIterable<FeedbackApiPage<T>>): Promise<{ items: T[]; pages: FeedbackApiPage<T>[] }> {
  const seen: FeedbackApiPage<T>[] = []
  for await (const page of pages) seen.push(page)
  return { items: seen.flatMap((p) => p.items), pages: seen }
}

const ms = (ts: Parameters<typeof readTimestamp>[0]): number => Date.parse(readTimestamp(ts)!)

function expectNewestFirst(items: { created?: Parameters<typeof readTimestamp>[0] }[]): void {
  for (let i = 1; i < items.length; i++) expect(ms(items[i]!.created)).toBeLessThanOrEqual(ms(items[i - 1]!.created))
}

/** A fresh simulator with faults from the start: its fault decisions are the same on every run. */
async function withSimulator(faults: Partial<FaultConfig>, fn: (sim: FeedbackApiSimulatorHandle, api: FeedbackApiClient) => Promise<void>): Promise<void> {
  const sim = await startFeedbackApiSimulator({ seed: 'feedbackapi-faults', volume: 60, faults, log: (l) => simLines.push(l) })
  try {
    await fn(sim, client({ baseUrl: sim.baseUrl }))
  } finally {
    await sim.close()
  }
}

async function someLocationIds(api: FeedbackApiClient): Promise<string[]> {
  return (await api.listLocations({ limit: 100 })).items.map((l) => l.id)
}

describe('customers', () => {
  it('pages through every customer, newest first, 0-based pages and a null next page at the end', async () => {
    const api = client()
    const { items, pages } = await collect(api.listCustomersPages({ limit: 25 }))
    expect(pages.map((p) => p.page)).toEqual([0, 1, 2])
    expect(pages.at(-1)!.nextPage).toBeNull()
    expect(items).toHaveLength(pages[0]!.totalCount!)
    expect(new Set(items.map((c) => c.id)).size).toBe(items.length)
    expectNewestFirst(items)
    for (const c of items) expect(Customer.safeParse(mapCustomer(c)).success).toBe(true)
    const oldestFirst = await api.listCustomers({ limit: 5, sort_by: 'created-asc' })
    expect(oldestFirst.items.map((c) => c.id)).toEqual(items.slice(-5).reverse().map((c) => c.id))
  })

  it('applies every filter in the simulator', async () => {
    const api = client()
    const all = (await collect(api.listCustomersPages({ limit: 100 }))).items
    const sample = all.find((c) => c.email && c.mobile_number && c.fname && c.sname)!
    expect((await api.listCustomers({ email: sample.email! })).items.map((c) => c.id)).toEqual([sample.id])
    expect((await api.listCustomers({ mobile_number: sample.mobile_number! })).items.map((c) => c.id)).toEqual([sample.id])
    const byName = await api.listCustomers({ fname: sample.fname!, sname: sample.sname!, limit: 100 })
    expect(byName.items.map((c) => c.id)).toContain(sample.id)
    expect(byName.items.every((c) => c.fname === sample.fname && c.sname === sample.sname)).toBe(true)
    const country = await api.listCustomers({ country_code: sample.country_code!, limit: 100 })
    expect(country.totalCount).toBe(all.filter((c) => c.country_code === sample.country_code).length)
    const optedOut = await api.listCustomers({ opt_out: true, limit: 100 })
    expect(optedOut.totalCount).toBe(all.filter((c) => c.opt_out === true).length)
    expect(optedOut.items.every((c) => c.opt_out === true)).toBe(true)
    const valid = await api.listCustomers({ invalid: false, limit: 100 })
    expect(valid.totalCount).toBe(all.filter((c) => c.invalid !== true).length)
    // created_after / created_before are inclusive limits; the client sends Dates as ISO 8601 and numbers as epoch seconds.
    const mid = all[Math.floor(all.length / 2)]!
    const cut = ms(mid.created)
    const after = await api.listCustomers({ created_after: new Date(cut), limit: 100 })
    expect(after.totalCount).toBe(all.filter((c) => ms(c.created) >= cut).length)
    const before = await api.listCustomers({ created_before: Math.floor(cut / 1000), limit: 100 })
    expect(before.totalCount).toBe(all.filter((c) => ms(c.created) <= cut).length)
    expect(handle.sim.requests.last()!.query).toContain(`created_before=${Math.floor(cut / 1000)}`)
  })

  it('retrieves a customer', async () => {
    const api = client()
    const first = (await api.listCustomers({ limit: 1 })).items[0]!
    expect(await api.retrieveCustomer(first.id)).toEqual(first)
  })

  it('creates a customer, then lists it; a create for a known email or mobile number updates that customer', async () => {
    const api = client()
    const [loc1, loc2] = await someLocationIds(api)
    const created = await api.createCustomer({ email: 'noor.dekker@example.nl', mobile_number: '+31612345678', fname: 'Noor', sname: 'Dekker', country_code: 'NL', location: loc1! })
    expect(created.matchedExisting).toBe(false)
    expect(created.customer).toMatchObject({ email: 'noor.dekker@example.nl', fname: 'Noor', locations: [loc1] })
    expect(typeof created.customer.created).toBe('string') // ISO 8601 for API-created records
    const listed = await api.listCustomers({ email: 'noor.dekker@example.nl' })
    expect(listed.items.map((c) => c.id)).toEqual([created.customer.id])
    expect(mapCustomer(listed.items[0]!).createdAt).toMatch(/Z$/)

    // Same mobile number, another location: FeedbackAPI treats it as an update.
    const again = await api.createCustomer({ mobile_number: '+31612345678', sname: 'Dekker-Visser', location: loc2! })
    expect(again.customer.id).toBe(created.customer.id)
    expect(again.customer.locations).toEqual([loc1, loc2])
    expect(again.customer.sname).toBe('Dekker-Visser')
    expect(again.matchedExisting).toBe(true)
    expect((await api.listCustomers({ mobile_number: '+31612345678' })).totalCount).toBe(1)

    // A seeded customer (created months ago) matched by email.
    const seeded = (await api.listCustomers({ sort_by: 'created-asc', limit: 20 })).items.find((c) => c.email)!
    const upsert = await api.createCustomer({ email: seeded.email!.toUpperCase(), location: seeded.locations![0]! })
    expect(upsert.customer.id).toBe(seeded.id)
    expect(upsert.matchedExisting).toBe(true)
  })

  it('updates a customer: fields, opt_out, location_add and location_remove', async () => {
    const api = client()
    const [loc1, loc2, loc3] = await someLocationIds(api)
    const { customer } = await api.createCustomer({ email: 'hugo.faure@example.fr', location: loc1! })
    const updated = await api.updateCustomer(customer.id, { fname: 'Hugo', opt_out: true, location_add: [loc2!, loc3!, loc1!], location_remove: [loc1!] })
    expect(updated).toMatchObject({ fname: 'Hugo', opt_out: true, locations: [loc2, loc3] })
    expect(await api.retrieveCustomer(customer.id)).toEqual(updated)
    expect((await api.listCustomers({ opt_out: true, email: 'hugo.faure@example.fr' })).totalCount).toBe(1)
  })

  it('deletes a customer by making it inactive: gone from the list, still retrievable', async () => {
    const api = client()
    const [loc] = await someLocationIds(api)
    const { customer } = await api.createCustomer({ email: 'zoe.girard@example.fr', location: loc! })
    expect(await api.deleteCustomer(customer.id)).toEqual({ id: customer.id, deleted: true })
    expect((await api.listCustomers({ email: 'zoe.girard@example.fr' })).totalCount).toBe(0)
    expect((await api.retrieveCustomer(customer.id)).id).toBe(customer.id)
  })

  it('reports validation errors with the field FeedbackAPI named', async () => {
    const api = client()
    const [loc] = await someLocationIds(api)
    const badMobile = await failure(api.createCustomer({ mobile_number: '0612345678', location: loc! }))
    expect(badMobile.code).toBe('validation')
    expect(badMobile.details[0]).toMatchObject({ field: 'mobile_number' })
    expect(badMobile.message).toContain('E.164')
    const noLocation = await failure(api.createCustomer({ email: 'a@example.com' } as never))
    expect(noLocation.details[0]!.field).toBe('location')
    const unknownLocation = await failure(api.updateCustomer((await api.listCustomers({ limit: 1 })).items[0]!.id, { location_add: ['nope00'] }))
    expect(unknownLocation.details[0]!.field).toBe('location_add')
    const missing = await failure(api.retrieveCustomer('zzzzzz'))
    expect(missing.code).toBe('not_found')
  })

  it('refuses a limit outside 1-100 or a negative page before asking FeedbackAPI', async () => {
    const api = client()
    const before = handle.sim.requests.total
    const err = await failure(api.listCustomers({ limit: 101 }))
    expect(err.code).toBe('validation')
    expect(err.details.map((d) => d.field)).toEqual(['limit'])
    expect((await failure(api.listFeedback({ page: -1 }))).details[0]!.field).toBe('page')
    expect(handle.sim.requests.total).toBe(before)
  })
})

describe('locations', () => {
  it('creates, retrieves, updates, lists (by name by default) and deletes locations', async () => {
    const api = client()
    const created = await api.createLocation({
      name: 'Antwerpen Servicepunt',
      address_line_1: 'Grote Markt 1',
      address_line_2: 'Antwerpen',
      postal_code: '2000',
      country_code: 'BE',
      review_profile: ['https://reviews.example.com/google/antwerpen']
    })
    expect(created).toMatchObject({ name: 'Antwerpen Servicepunt', country_code: 'BE', address_line_3: null })
    expect(await api.retrieveLocation(created.id)).toEqual(created)
    const updated = await api.updateLocation(created.id, { name: 'Antwerpen Centrum', review_profile: ['https://reviews.example.com/yelp/antwerpen'] })
    expect(updated).toMatchObject({ id: created.id, name: 'Antwerpen Centrum', postal_code: '2000' })
    expect(Site.safeParse(mapLocation(updated)).success).toBe(true)

    const { items, pages } = await collect(api.listLocationsPages({ limit: 2 }))
    expect(pages.length).toBeGreaterThanOrEqual(2)
    const names = items.map((l) => l.name!)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
    expect((await api.listLocations({ name: 'antwerpen centrum' })).items.map((l) => l.id)).toEqual([created.id])
    expect((await api.listLocations({ postal_code: '2000', country_code: 'BE' })).items.map((l) => l.id)).toContain(created.id)
    const after = await api.listLocations({ created_after: new Date(Date.now() - 60_000) })
    expect(after.items.map((l) => l.id)).toContain(created.id)

    expect(await api.deleteLocation(created.id)).toEqual({ id: created.id, deleted: true })
    expect((await api.listLocations({ name: 'Antwerpen Centrum' })).totalCount).toBe(0)
    expect((await api.retrieveLocation(created.id)).name).toBe('Antwerpen Centrum')
  })

  it('names the missing field of a location', async () => {
    const err = await failure(client().createLocation({ name: 'Nowhere' } as never))
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([{ field: 'country_code', message: 'Missing required param: country_code.' }])
    const badUrl = await failure(client().createLocation({ name: 'X', country_code: 'GB', review_profile: ['not a url'] }))
    expect(badUrl.details[0]!.field).toBe('review_profile')
    const badSort = await failure(client().listLocations({ sort_by: 'colour-asc' }))
    expect(badSort.details[0]!.field).toBe('sort_by')
  })
})

describe('reviews', () => {
  it('pages through reviews and retrieves one', async () => {
    const api = client()
    const { items, pages } = await collect(api.listReviewsPages({ limit: 15 }))
    expect(pages).toHaveLength(3)
    expect(items).toHaveLength(handle.plan.counts.reviews)
    expectNewestFirst(items)
    for (const r of items) expect(Response.safeParse(mapReview(r)).success).toBe(true)
    expect(await api.retrieveReview(items[7]!.id)).toEqual(items[7])
  })

  it('filters by location, platform and rating range', async () => {
    const api = client()
    const all = (await collect(api.listReviewsPages({ limit: 100 }))).items
    const sample = all[0]!
    const byLocation = await api.listReviews({ location: sample.location!, limit: 100 })
    expect(byLocation.totalCount).toBe(all.filter((r) => r.location === sample.location).length)
    const byPlatform = await api.listReviews({ platform: sample.platform!, limit: 100 })
    expect(byPlatform.items.every((r) => r.platform === sample.platform)).toBe(true)
    const good = await api.listReviews({ rating_greater_than: '4.5', limit: 100 })
    expect(good.totalCount).toBe(all.filter((r) => readNumber(r.rating)! >= 4.5).length)
    const bad = await api.listReviews({ rating_less_than: 2, rating_greater_than: 1, limit: 100 })
    expect(bad.items.every((r) => readNumber(r.rating)! <= 2 && readNumber(r.rating)! >= 1)).toBe(true)
    expect(bad.totalCount).toBeGreaterThan(0)
  })
})

describe('feedback', () => {
  let all: WireFeedback[]
  beforeAll(async () => {
    all = (await collect(client().listFeedbackPages({ limit: 100 }))).items
  })

  it('pages through all feedback and maps it to responses', async () => {
    expect(all).toHaveLength(handle.plan.counts.feedback)
    expectNewestFirst(all)
    for (const f of all) expect(Response.safeParse(mapFeedback(f)).success).toBe(true)
    const metrics = new Set(all.map((f) => mapFeedback(f).metric))
    expect(metrics).toEqual(new Set(['nps', 'star', 'happy']))
    expect(await client().retrieveFeedback(all[3]!.id)).toEqual(all[3])
  })

  it('applies every filter in the simulator', async () => {
    const api = client()
    const count = (pred: (f: WireFeedback) => boolean): number => all.filter(pred).length
    const detractors = await api.listFeedback({ type: 'nps', nps_score_less_than: 6, limit: 100 })
    expect(detractors.totalCount).toBe(count((f) => f.type === 'nps' && readNumber(f['nps-score'])! <= 6))
    expect(detractors.totalCount).toBeGreaterThan(0)
    const promoters = await api.listFeedback({ nps_score_greater_than: 9, limit: 100 })
    expect(promoters.totalCount).toBe(count((f) => readNumber(f['nps-score']) !== null && readNumber(f['nps-score'])! >= 9))
    const stars = await api.listFeedback({ type: 'star-rating', star_rating_greater_than: 2, star_rating_less_than: 4, limit: 100 })
    expect(stars.totalCount).toBe(count((f) => f.type === 'star-rating' && readNumber(f['star-rating'])! >= 2 && readNumber(f['star-rating'])! <= 4))
    const unhappy = await api.listFeedback({ happy: false, limit: 100 })
    expect(unhappy.totalCount).toBe(count((f) => f.happy === false))
    const sample = all.find((f) => f.campaign)!
    expect((await api.listFeedback({ campaign: sample.campaign!, limit: 100 })).totalCount).toBe(count((f) => f.campaign === sample.campaign))
    expect((await api.listFeedback({ campaign_step: sample.campaign_step!, limit: 100 })).totalCount).toBe(count((f) => f.campaign_step === sample.campaign_step))
    expect((await api.listFeedback({ location: sample.location!, limit: 100 })).totalCount).toBe(count((f) => f.location === sample.location))
    expect((await api.listFeedback({ subscriber: sample.subscriber!, limit: 100 })).items.every((f) => f.subscriber === sample.subscriber)).toBe(true)
    const cut = ms(all[40]!.created)
    expect((await api.listFeedback({ created_before: new Date(cut), limit: 100 })).totalCount).toBe(count((f) => ms(f.created) <= cut))
    const err = await failure(api.listFeedback({ type: 'smiley' }))
    expect(err.details[0]!.field).toBe('type')
  })
})

describe('feedback requests', () => {
  async function reachableCustomer(api: FeedbackApiClient): Promise<WireCustomer> {
    const page = await api.listCustomers({ opt_out: false, invalid: false, sort_by: 'created-asc', limit: 100 })
    return page.items.find((c) => c.email && c.locations && c.locations.length > 0)!
  }

  it('creates a feedback request (due, suppress_message), retrieves it and lists it', async () => {
    const api = client()
    const customer = await reachableCustomer(api)
    const emailTemplate = handle.templates.find((t) => t.channel === 'email')!
    const due = new Date(Date.now() + 3 * 86_400_000)
    const created = await api.createFeedbackRequest({ subscriber: customer.id, template: emailTemplate.id, location: customer.locations![0]!, due })
    expect(created).toMatchObject({ subscriber: customer.id, template: emailTemplate.id, type: 'email', feedback: null })
    expect(readTimestamp(created.due)).toBe(new Date(Math.floor(due.getTime() / 1000) * 1000).toISOString())
    expect(mapFeedbackRequest(created).status).toBe('scheduled')
    expect(await api.retrieveFeedbackRequest(created.id)).toEqual(created)
    const suppressed = await api.createFeedbackRequest({ subscriber: customer.id, template: emailTemplate.id, location: customer.locations![0]!, suppress_message: true })
    expect(suppressed.type).toBe('suppressed')
    const mine = await api.listFeedbackRequests({ subscriber: customer.id, template: emailTemplate.id, limit: 100 })
    expect(mine.items.map((r) => r.id)).toEqual(expect.arrayContaining([created.id, suppressed.id]))
    for (const r of mine.items) expect(FeedbackRequest.safeParse(mapFeedbackRequest(r)).success).toBe(true)
  })

  it('pages through requests and applies every filter', async () => {
    const api = client()
    const { items, pages } = await collect(api.listFeedbackRequestsPages({ limit: 50 }))
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(items.length).toBe(pages[0]!.totalCount)
    expectNewestFirst(items)
    const count = (pred: (r: (typeof items)[number]) => boolean): number => items.filter(pred).length
    for (const flag of ['message_opened', 'message_clicked', 'message_bounced', 'spam_complaint'] as const) {
      const res = await api.listFeedbackRequests({ [flag]: true, limit: 100 })
      expect(res.totalCount, flag).toBe(count((r) => r[flag] === true))
    }
    const sample = items.find((r) => r.feedback)!
    expect(mapFeedbackRequest(sample).status).toBe('responded')
    expect((await api.listFeedbackRequests({ location: sample.location!, limit: 100 })).totalCount).toBe(count((r) => r.location === sample.location))
    const cut = ms(sample.updated)
    expect((await api.listFeedbackRequests({ updated_after: new Date(cut), limit: 100 })).totalCount).toBe(count((r) => ms(r.updated) >= cut))
    const dueCut = ms(sample.due)
    expect((await api.listFeedbackRequests({ due_before: new Date(dueCut), limit: 100 })).totalCount).toBe(count((r) => ms(r.due) <= dueCut))
    expect((await api.listFeedbackRequests({ due_after: new Date(dueCut), updated_before: new Date(Date.now()), limit: 100 })).totalCount).toBe(
      count((r) => ms(r.due) >= dueCut && ms(r.updated) <= Date.now())
    )
    expect((await api.listFeedbackRequests({ created_after: new Date(ms(sample.created)), limit: 100 })).totalCount).toBe(count((r) => ms(r.created) >= ms(sample.created)))
  })

  it('says why a request for an opted-out customer failed, and names a bad template', async () => {
    const api = client()
    const customer = await reachableCustomer(api)
    await api.updateCustomer(customer.id, { opt_out: true })
    const refused = await failure(api.createFeedbackRequest({ subscriber: customer.id, template: handle.templates[0]!.id, location: customer.locations![0]! }))
    expect(refused.code).toBe('provider') // 402 "The parameters were valid but the request failed."
    expect(refused.message).toContain('opted out')
    await api.updateCustomer(customer.id, { opt_out: false })
    const badTemplate = await failure(api.createFeedbackRequest({ subscriber: customer.id, template: 'nope00', location: customer.locations![0]! }))
    expect(badTemplate.code).toBe('validation')
    expect(badTemplate.details[0]!.field).toBe('template')
  })
})

describe('client accounts', () => {
  it('creates, retrieves, updates, lists and deletes accounts', async () => {
    const api = client()
    const created = await api.createAccount({ name: 'Hollands Fietsen B.V.', active: true, verb: 'visit', max_locations: 5 })
    expect(created).toMatchObject({ name: 'Hollands Fietsen B.V.', active: true, max_locations: 5, max_users: null, active_locations: 0 })
    expect(await api.retrieveAccount(created.id)).toEqual(created)
    const updated = await api.updateAccount(created.id, { sms_allowance: 2000, max_locations: null, active: false })
    // The simulator answers the allowance as a string, as the document's example does.
    expect(updated.sms_allowance).toBe('2000')
    expect(mapAccount(updated)).toMatchObject({ active: false, limits: { sms_allowance: 2000, max_locations: null } })
    expect(ClientAccount.safeParse(mapAccount(updated)).success).toBe(true)

    const { items } = await collect(api.listAccountsPages({ limit: 2 }))
    expect(items.map((a) => a.id)).toContain(created.id)
    expectNewestFirst(items)
    expect((await api.listAccounts({ name: 'hollands fietsen b.v.' })).items.map((a) => a.id)).toEqual([created.id])
    const inactive = await api.listAccounts({ active: false, limit: 100 })
    expect(inactive.items.every((a) => a.active === false)).toBe(true)
    expect(inactive.items.map((a) => a.id)).toContain(created.id)

    expect(await api.deleteAccount(created.id)).toEqual({ id: created.id, deleted: true })
    expect((await failure(api.retrieveAccount(created.id))).code).toBe('not_found')
  })

  it('names an invalid verb', async () => {
    const err = await failure(client().createAccount({ name: 'X', active: true, verb: 'borrow' as never }))
    expect(err.code).toBe('validation')
    expect(err.details[0]!.field).toBe('verb')
  })
})

describe('users', () => {
  it('invites a user (pending, not listed), lists active users by type, retrieves and deletes', async () => {
    const api = client()
    const invited = await api.createUser({ email: 'femke.bos@example.nl', send_invite: true })
    expect(invited).toMatchObject({ email: 'femke.bos@example.nl', status: 'pending', type: 'standard' })
    expect(invited.invite_url).toMatch(/^https:\/\//)
    expect(handle.invites).toContainEqual({ email: 'femke.bos@example.nl', sent: true })
    expect(Staff.safeParse(mapUser(invited)).success).toBe(true)

    const { items } = await collect(api.listActiveUsersPages({ limit: 2 }))
    expect(items).toHaveLength(handle.plan.counts.users)
    expect(items.map((u) => u.email)).not.toContain('femke.bos@example.nl')
    for (const u of items) expect(Staff.safeParse(mapUser(u)).success).toBe(true)
    const restricted = await api.listActiveUsers({ type: 'restricted', limit: 100 })
    expect(restricted.totalCount).toBe(items.filter((u) => u.type === 'restricted').length)

    const target = items[0]!
    expect(await api.retrieveUser(target.id)).toEqual(target)
    expect(await api.deleteUser(target.id)).toEqual({ id: target.id, deleted: true })
    expect((await failure(api.retrieveUser(target.id))).code).toBe('not_found')
    expect((await api.listActiveUsers({ limit: 100 })).totalCount).toBe(items.length - 1)

    const dup = await failure(api.createUser({ email: items[1]!.email! }))
    expect(dup.code).toBe('validation')
    expect(dup.details[0]!.field).toBe('email')
  })
})

describe('authentication, headers and the connection test', () => {
  it('sends Basic auth with the key as username, JSON:API media types, and probes as working', async () => {
    const api = client()
    const result = await api.probe()
    expect(result.outcome).toBe('works')
    expect(result.message).toContain('FeedbackAPI')
    const get = handle.sim.requests.last()!
    expect(get.headers.authorization).toBe('Basic')
    expect(get.headers.accept).toContain('application/vnd.api+json')
    const [loc] = await someLocationIds(api)
    await api.createCustomer({ email: 'headers.check@example.com', location: loc! })
    const post = handle.sim.requests.find({ method: 'POST', path: '/v1.3/customers' }).at(-1)!
    expect(post.headers['content-type']).toBe('application/vnd.api+json')
    expect(post.body).toMatchObject({ email: 'headers.check@example.com', location: loc })
  })

  it('maps a wrong key to unauthorized, and the probe to credentials rejected', async () => {
    const api = client({ secret: WRONG_KEY })
    const err = await failure(api.listCustomers())
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('API key')
    const result = await api.probe()
    expect(result.outcome).toBe('credentials_rejected')
    errorTexts.push(result.message)
  })

  it('probes a stopped simulator as not reachable', async () => {
    const other = await startFeedbackApiSimulator({ seed: 'stopped', volume: 10 })
    const baseUrl = other.baseUrl
    await other.close()
    const result = await client({ baseUrl }).probe()
    expect(result.outcome).toBe('not_reachable')
    errorTexts.push(result.message)
  })
})

describe('faults: rate limits, server errors, dropped connections, malformed pages, redirects', () => {
  it('waits out a 429 with Retry-After on a GET and then succeeds', async () => {
    const api = client()
    handle.sim.faults.set({ pathPrefix: '/v1.3/reviews', rateLimitBurst: { every: 1, count: 1, retryAfterSeconds: 1 } })
    sleeps.length = 0
    handle.sim.requests.clear()
    const first = await api.listReviews({ limit: 5 })
    const second = await api.listReviews({ limit: 5, page: 1 })
    expect(first.items).toHaveLength(5)
    expect(second.items).toHaveLength(5)
    expect(handle.sim.requests.count({ fault: 'rate-limit' })).toBe(1)
    expect(sleeps.some((d) => d >= 1000)).toBe(true)
    expect(logLines.some((l) => l.includes('Retry-After 1 s'))).toBe(true)
  })

  it('reports a lasting 429 on a create as rate limited and retryable, without sending it twice', async () => {
    const api = client()
    const [loc] = await someLocationIds(api)
    handle.sim.faults.set({ pathPrefix: '/v1.3/customers', rateLimit: { limit: 0, windowMs: 60_000, retryAfterSeconds: 30 } })
    handle.sim.requests.clear()
    const err = await failure(api.createCustomer({ email: 'slow.down@example.com', location: loc! }))
    expect(err.code).toBe('rate_limited')
    expect(err.retryable).toBe(true)
    expect(err.message).toContain('30 seconds')
    expect(handle.sim.requests.count({ method: 'POST' })).toBe(1)
  })

  it('retries a GET through 5xx answers', async () => {
    // A simulator of its own, so the seeded fault sequence does not depend on the tests before this one.
    await withSimulator({ pathPrefix: '/v1.3/feedback', errorRate: 0.5 }, async (sim, api) => {
      const { items } = await collect(api.listFeedbackPages({ limit: 10 }))
      expect(items).toHaveLength(sim.plan.counts.feedback)
      expect(sim.sim.requests.count({ fault: 'error' })).toBeGreaterThan(0)
    })
  })

  it('does not retry a create that got a 5xx: the simulator saw exactly one POST', async () => {
    const api = client()
    const [loc] = await someLocationIds(api)
    handle.sim.faults.set({ pathPrefix: '/v1.3/customers', errorRate: 1 })
    handle.sim.requests.clear()
    const err = await failure(api.createCustomer({ email: 'once.only@example.com', location: loc! }))
    expect(err.code).toBe('provider')
    expect(err.retryable).toBe(true)
    expect(err.message).toContain('create customer')
    expect(handle.sim.requests.count({ method: 'POST', path: '/v1.3/customers' })).toBe(1)
    handle.sim.faults.reset()
    expect((await api.listCustomers({ email: 'once.only@example.com' })).totalCount).toBe(0)
  })

  it('recovers a GET from dropped connections', async () => {
    await withSimulator({ pathPrefix: '/v1.3/locations', dropRate: 0.5 }, async (sim, api) => {
      for (let i = 0; i < 4; i++) expect((await api.listLocations({ limit: 1 })).items).toHaveLength(1)
      expect(sim.sim.requests.count({ fault: 'drop' })).toBeGreaterThan(0)
    })
  })

  it('stops on a malformed page with an error naming the operation', async () => {
    const api = client()
    handle.sim.faults.set({ malformed: { path: '/v1.3/feedback', page: 1, times: 1 } })
    const seen: number[] = []
    const err = await failure(
      (async () => {
        for await (const page of api.listFeedbackPages({ limit: 20 })) seen.push(page.page)
      })()
    )
    expect(seen).toEqual([0])
    expect(err.code).toBe('provider')
    expect(err.message).toContain('list feedback')
    expect(err.message).toContain('not valid JSON')
  })

  it('follows the redirect from the document’s older /subscribers path', async () => {
    const lines: string[] = []
    const http = createHttpClient({
      provider: 'feedbackapi',
      baseUrl: handle.baseUrl,
      auth: feedbackApiAuth(handle.credentials.secret),
      mapError: feedbackApiErrors,
      rateLimit: { perSecond: 1000, burst: 1000 },
      log: (l) => lines.push(l)
    })
    try {
      const res = await http.request<{ data: unknown[] }>({ method: 'GET', path: '/subscribers', query: { limit: 2 } })
      expect(res.url).toContain('/v1.3/customers?limit=2')
      expect(res.body.data).toHaveLength(2)
    } finally {
      await http.close()
    }
    logLines.push(...lines)
  })
})

describe('seed data', () => {
  it('is deterministic and generated lazily, so a large volume costs only the page asked for', async () => {
    const big = await startFeedbackApiSimulator({ seed: 'feedbackapi-test', volume: 1_000_000 })
    try {
      const api = client({ baseUrl: big.baseUrl })
      const started = Date.now()
      const deep = await api.listFeedback({ limit: 100, page: 7_000 })
      expect(deep.totalCount).toBe(1_000_000)
      expect(deep.items).toHaveLength(100)
      expect(Date.now() - started).toBeLessThan(5_000)
      const again = await api.retrieveFeedback(deep.items[0]!.id)
      expect(again).toEqual(deep.items[0])
      const comments = new Set((await api.listFeedback({ limit: 100 })).items.map((f) => f.comments).filter(Boolean))
      expect(comments.size).toBeGreaterThan(5)
    } finally {
      await big.close()
    }
    const same = await startFeedbackApiSimulator({ seed: 'feedbackapi-test', volume: 120 })
    try {
      const a = await client({ baseUrl: same.baseUrl }).listReviews({ limit: 10, sort_by: 'created-asc' })
      const b = await client().listReviews({ limit: 10, sort_by: 'created-asc' })
      expect(a.items).toEqual(b.items)
    } finally {
      await same.close()
    }
  })
})

describe('secrets', () => {
  it('never appear in log lines, error messages, details or the simulator logs', () => {
    expect(logLines.length).toBeGreaterThan(20)
    expect(errorTexts.length).toBeGreaterThan(10)
    const haystack = [...logLines, ...errorTexts, ...simLines, JSON.stringify(handle.sim.requests.all())].join('\n')
    for (const secret of [handle.credentials.secret, WRONG_KEY]) {
      const forms = [...secretForms(secret), Buffer.from(`${secret}:`).toString('base64')]
      for (const form of forms) expect(haystack.includes(form), `found a form of a secret: ${form.slice(0, 4)}…`).toBe(false)
    }
  })
})
