import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ZodType } from 'zod'
import { ClientAccount, Customer, FeedbackRequest, Response, Site, Staff } from '../../../src/shared/domain/model'
import {
  feedbackRequestStatus,
  mapAccount,
  mapCustomer,
  mapFeedback,
  mapFeedbackRequest,
  mapLocation,
  mapReview,
  mapUser
} from '../../../src/main/providers/feedbackapi/mapping'
import {
  timestampToIso,
  WireAccount,
  WireAccountList,
  WireCreatedUser,
  WireCustomer,
  WireCustomerList,
  WireDeleted,
  WireFeedback,
  WireFeedbackList,
  WireFeedbackRequest,
  WireFeedbackRequestList,
  WireLocation,
  WireLocationList,
  WireReview,
  WireReviewList,
  WireUser,
  WireUserList
} from '../../../src/main/providers/feedbackapi/wire'

/**
 * Every example response printed in feedbackapi-v1.3.txt, copied verbatim into
 * test/fixtures/feedbackapi/. All 34 are valid JSON as printed: no punctuation had to be fixed.
 * Each one is parsed by its wire schema, mapped, and the mapped object checked against the
 * unified model's zod schema.
 */
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'feedbackapi', `${name}.json`), 'utf8'))

function parse<T>(schema: ZodType<T>, name: string): T {
  const result = schema.safeParse(fixture(name))
  if (!result.success) throw new Error(`${name}: ${result.error.message}`)
  return result.data
}

/** The mapped object passes the domain schema and keeps the wire object as raw. */
function checkDomain<T>(schema: ZodType<T>, mapped: T & { raw: unknown }, wire: unknown): void {
  const result = schema.safeParse(mapped)
  if (!result.success) throw new Error(result.error.message)
  expect(mapped.raw).toBe(wire)
}

interface Case {
  name: string
  /** Section of the document the example is printed under. */
  section: string
  check: () => void
}

const single = <W, D>(wire: ZodType<W>, domain: ZodType<D>, map: (w: W) => D & { raw: unknown }) => (name: string) => () => {
  const w = parse(wire, name)
  checkDomain(domain, map(w), w)
}
const list = <W, D>(wire: ZodType<{ data: W[] }>, domain: ZodType<D>, map: (w: W) => D & { raw: unknown }, expected = 3) => (name: string) => () => {
  const page = parse(wire, name)
  expect(page.data).toHaveLength(expected)
  for (const w of page.data) checkDomain(domain, map(w), w)
}
const deleted = (name: string) => () => {
  expect(parse(WireDeleted, name)).toEqual({ id: 'gd7TdO', deleted: true })
}

const customer = single(WireCustomer, Customer, mapCustomer)
const location = single(WireLocation, Site, mapLocation)
const review = single(WireReview, Response, mapReview)
const feedback = single(WireFeedback, Response, mapFeedback)
const request = single(WireFeedbackRequest, FeedbackRequest, (r) => mapFeedbackRequest(r))
const account = single(WireAccount, ClientAccount, mapAccount)
const user = single(WireUser, Staff, mapUser)

const CASES: Case[] = [
  { name: 'pagination-subscribers-list', section: 'Pagination', check: list(WireCustomerList, Customer, mapCustomer)('pagination-subscribers-list') },
  { name: 'customer-object', section: 'The Customer Object', check: customer('customer-object') },
  { name: 'customer-create', section: 'Create Customer', check: customer('customer-create') },
  { name: 'customer-retrieve', section: 'Retrieve a Customer', check: customer('customer-retrieve') },
  { name: 'customer-update', section: 'Update a Customer', check: customer('customer-update') },
  { name: 'customer-delete', section: 'Delete a Customer', check: deleted('customer-delete') },
  { name: 'customer-list', section: 'List all Customers', check: list(WireCustomerList, Customer, mapCustomer)('customer-list') },
  { name: 'location-object', section: 'The Location Object', check: location('location-object') },
  { name: 'location-create', section: 'Create a Location', check: location('location-create') },
  { name: 'location-retrieve', section: 'Retrieve a Location', check: location('location-retrieve') },
  { name: 'location-update', section: 'Update a Location', check: location('location-update') },
  { name: 'location-delete', section: 'Delete a Location', check: deleted('location-delete') },
  { name: 'location-list', section: 'List all Locations', check: list(WireLocationList, Site, mapLocation)('location-list') },
  { name: 'review-object', section: 'The Review Object', check: review('review-object') },
  { name: 'review-retrieve', section: 'Retrieve a Review', check: review('review-retrieve') },
  { name: 'review-list', section: 'List all Reviews', check: list(WireReviewList, Response, mapReview)('review-list') },
  { name: 'feedback-object', section: 'The Feedback Object', check: feedback('feedback-object') },
  { name: 'feedback-retrieve', section: 'Retrieve Feedback', check: feedback('feedback-retrieve') },
  { name: 'feedback-list', section: 'List all Feedback', check: list(WireFeedbackList, Response, mapFeedback)('feedback-list') },
  { name: 'feedback-request-object', section: 'The Feedback Request Object', check: request('feedback-request-object') },
  { name: 'feedback-request-create', section: 'Create a Feedback Request', check: request('feedback-request-create') },
  { name: 'feedback-request-retrieve', section: 'Retrieve Feedback Request', check: request('feedback-request-retrieve') },
  {
    name: 'feedback-request-list',
    section: 'List all Feedback Requests',
    check: list(WireFeedbackRequestList, FeedbackRequest, (r) => mapFeedbackRequest(r))('feedback-request-list')
  },
  { name: 'account-object', section: 'The Account Object', check: account('account-object') },
  { name: 'account-create', section: 'Create an Account', check: account('account-create') },
  { name: 'account-retrieve', section: 'Retrieve an Account', check: account('account-retrieve') },
  { name: 'account-update', section: 'Update an Account', check: account('account-update') },
  { name: 'account-delete', section: 'Delete an Account', check: deleted('account-delete') },
  { name: 'account-list', section: 'List all Accounts', check: list(WireAccountList, ClientAccount, mapAccount)('account-list') },
  { name: 'user-object', section: 'The User Object', check: user('user-object') },
  { name: 'user-create', section: 'Create a User', check: single(WireCreatedUser, Staff, mapUser)('user-create') },
  { name: 'user-retrieve', section: 'Retrieve a User', check: user('user-retrieve') },
  { name: 'user-delete', section: 'Delete a User', check: deleted('user-delete') },
  { name: 'user-list', section: 'List active Users', check: list(WireUserList, Staff, mapUser)('user-list') }
]

describe('document examples (parsed, mapped, domain-checked)', () => {
  it('covers all 34 printed examples', () => {
    expect(CASES).toHaveLength(34)
  })
  for (const c of CASES) {
    it(`${c.section} (${c.name}.json)`, c.check)
  }
})

describe('document quirks', () => {
  it('reads timestamps as epoch seconds (the examples) and ISO 8601 (the text)', () => {
    expect(timestampToIso(1734134400)).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso('1734134400')).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso(1734134400000)).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso('2024-12-14T00:00:00Z')).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso('2024-12-14T01:00:00+01:00')).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso('2024-12-14T01:00:00+0100')).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso('2024-12-14 00:00:00')).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso('2024-12-14')).toBe('2024-12-14T00:00:00.000Z')
    expect(timestampToIso('yesterday')).toBeUndefined()
    expect(timestampToIso('')).toBeUndefined()
  })

  it('says which field it could not read', () => {
    const result = WireCustomerList.safeParse({ page: 0, total_count: 1, data: [{ id: 'x1', created: 'last Tuesday' }] })
    expect(result.success).toBe(false)
    const issue = result.error!.issues[0]!
    expect(issue.path).toEqual(['data', 0, 'created'])
    expect(issue.message).toContain('epoch seconds or an ISO 8601')
  })

  it('maps the same customer alike whether its timestamps are epoch or ISO', () => {
    const epoch = mapCustomer(parse(WireCustomer, 'customer-object'))
    const iso = mapCustomer(WireCustomer.parse({ ...(fixture('customer-object') as object), created: '2024-12-14T00:00:00Z', last_sms: '2024-12-14T00:44:14Z' }))
    expect(epoch.createdAt).toBe('2024-12-14T00:00:00.000Z')
    expect(iso.createdAt).toBe(epoch.createdAt)
    expect(epoch).toMatchObject({ name: 'Jane Doe', phone: '+1813555555', siteExternalIds: ['xd3S6', 'iF56sC'], optedOut: false, invalid: false })
  })

  it('reads the hyphenated score keys of the examples and the underscored ones of the attribute table', () => {
    const list = parse(WireFeedbackList, 'feedback-list').data.map(mapFeedback)
    expect(list.map((r) => [r.metric, r.score, r.scale])).toEqual([
      ['happy', 0, { min: 0, max: 1 }],
      ['nps', 8, { min: 0, max: 10 }],
      ['star', 4, { min: 1, max: 5 }]
    ])
    expect(list[0]).toMatchObject({ kind: 'feedbackapi_feedback', comment: 'I guess I was expecting more. A disappointing experience', customer: { name: 'Jane Doe', email: 'janedoe@email.com' } })
    const underscored = mapFeedback(WireFeedback.parse({ id: 'a', created: 1734134400, type: 'nps', nps_score: '9' }))
    expect(underscored).toMatchObject({ metric: 'nps', score: 9 })
    const csat = mapFeedback(WireFeedback.parse({ id: 'b', created: 1734134400, type: 'csat', star_rating: 5 }))
    expect(csat).toMatchObject({ metric: 'csat', score: 5 })
  })

  it('reads a sms_allowance sent as a string (Update an Account) as a number', () => {
    const mapped = mapAccount(parse(WireAccount, 'account-update'))
    expect(mapped.limits).toMatchObject({ max_locations: 100, sms_allowance: 2000, max_users: null })
  })

  it('reads last_access false (a user who never signed in) and a pending user without id', () => {
    const users = parse(WireUserList, 'user-list').data
    expect(users[2]!.last_access).toBe(false)
    expect(mapUser(users[0]!)).toMatchObject({ externalId: 'gse4Ry', name: 'Captain Homelander', kind: 'restricted', active: true })
    const pending = mapUser(parse(WireCreatedUser, 'user-create'))
    expect(pending).toMatchObject({ externalId: 'pending:rishi@uk.gov.uk', name: 'rishi@uk.gov.uk', active: false })
  })

  it('maps reviews with their rating out of 5 and link', () => {
    const reviews = parse(WireReviewList, 'review-list').data.map(mapReview)
    expect(reviews[2]).toMatchObject({ kind: 'feedbackapi_review', metric: 'rating', score: 4.5, scale: { min: 1, max: 5 }, channel: 'Solicitor Reviews' })
    expect(reviews[0]!.links.sourceUrl).toBe('https://thereview.site/reviews/12367')
    expect(reviews[2]!.properties).not.toHaveProperty('title')
  })

  it('maps locations to sites with their address lines', () => {
    const site = mapLocation(parse(WireLocation, 'location-object'))
    expect(site).toMatchObject({ name: 'Apple Park', city: 'Cupertino', region: 'CA', postalCode: '90210', countryCode: 'US', address: ['The Spaceship, 1 Apple Park Way', 'Cupertino', 'CA'] })
    const withProfiles = mapLocation(WireLocation.parse({ id: 'x', name: 'X', review_profile: ['https://www.google.com/search?q=x', 'https://www.google.com/maps/x'] }))
    expect(Object.keys(withProfiles.reviewUrls)).toEqual(['www.google.com', 'www.google.com (2)'])
  })

  it('gives feedback requests a status and their response time', () => {
    const [answered, waiting, sms] = parse(WireFeedbackRequestList, 'feedback-request-list').data
    const now = new Date('2025-01-01T00:00:00Z')
    expect(mapFeedbackRequest(answered!, now)).toMatchObject({ status: 'responded', channel: 'email', respondedAt: '2024-12-14T00:00:00.000Z', recipient: 'janedoe@email.com' })
    expect(feedbackRequestStatus(waiting!, now)).toBe('sent')
    expect(mapFeedbackRequest(sms!, now).channel).toBe('sms')
    expect(feedbackRequestStatus({ ...waiting!, due: '2030-01-01T00:00:00Z' }, now)).toBe('scheduled')
    expect(feedbackRequestStatus({ ...waiting!, type: 'suppressed' }, now)).toBe('suppressed')
  })

  it('lets fields a later API version adds pass through', () => {
    const parsed = WireCustomer.parse({ ...(fixture('customer-object') as object), loyalty_tier: 'gold' })
    expect((parsed as Record<string, unknown>).loyalty_tier).toBe('gold')
  })
})
