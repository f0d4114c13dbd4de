import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SiteRow, StaffRow } from '../../src/shared/domain/manage'
import { startManageHarness, type ManageHarness } from '../support/manage-harness'

/**
 * Every manage write, through the handler table (contract parsing included), against the
 * providers' simulators on loopback: the provider's answer lands in the cache, and a provider's
 * rejection comes back on the form's field.
 */

let h: ManageHarness

beforeAll(async () => {
  h = await startManageHarness()
  await h.sync()
})
afterAll(async () => {
  await h?.close()
})

const ext = (ref: string | null): string => ref!.slice(ref!.indexOf(':') + 1)

describe('CustomerSure sites', () => {
  it('creates a site, shows it from the cache, updates it; there is no delete', async () => {
    const created = await h.call('manage.write', {
      op: 'site.create',
      connectionId: h.conn.customersure,
      fields: { siteCode: 'zz-hq', name: 'Zedville HQ', region: 'North East', city: 'Zedville' }
    })
    expect(created.status).toBe('delivered')
    expect(created.ref).toMatch(new RegExp(`^${h.conn.customersure}:`))

    const page = await h.call('manage.sites.list', { connectionIds: [h.conn.customersure], search: 'zedville' })
    expect(page.rows.map((r) => [r.code, r.name, r.region, r.city, r.kind])).toEqual([['zz-hq', 'Zedville HQ', 'North East', 'Zedville', 'site']])

    const updated = await h.call('manage.write', { op: 'site.update', connectionId: h.conn.customersure, externalId: ext(created.ref), fields: { city: 'Newcastle', siteType: 'Office' } })
    expect(updated.status).toBe('delivered')
    const after = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure], search: 'zz-hq' })).rows[0]!
    expect([after.city, after.siteType, after.name]).toEqual(['Newcastle', 'Office', 'Zedville HQ'])
    // What the page shows is what the provider holds.
    const held = h.sims.customersure.sim.requests.find({ method: 'PATCH' }).at(-1)
    expect(held?.status).toBe(200)

    const noDelete = await h.failure('manage.write', { op: 'site.delete' as never, connectionId: h.conn.customersure, externalId: ext(created.ref), fields: {} } as never)
    expect(noDelete.code).toBe('validation')
  })

  it("puts CustomerSure's rejection of a taken site code on the siteCode field, and keeps nothing in the outbox", async () => {
    await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'zz-dup', name: 'First', region: 'South' } })
    const err = await h.failure('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'zz-dup', name: 'Second', region: 'South' } })
    expect(err.code).toBe('validation')
    expect(err.details).toContainEqual({ field: 'fields.siteCode', message: expect.stringMatching(/taken/) })
    expect((await h.call('manage.outbox.list', {})).entries).toEqual([])
  })

  it('refuses a site without its required fields before anything is sent, naming each field', async () => {
    const before = h.sims.customersure.sim.requests.count({ method: 'POST', path: '/sites' })
    const err = await h.failure('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: '', name: 'x', region: '  ' } })
    expect(err.details.map((d) => d.field).sort()).toEqual(['fields.region', 'fields.siteCode'])
    expect(h.sims.customersure.sim.requests.count({ method: 'POST', path: '/sites' })).toBe(before)
  })

  it('refuses a write sent to the wrong provider', async () => {
    const err = await h.failure('manage.write', { op: 'site.create', connectionId: h.conn.feedbackapi, fields: { siteCode: 'a', name: 'b', region: 'c' } })
    expect(err.details).toEqual([{ field: 'connectionId', message: 'Choose a CustomerSure connection' }])
  })
})

describe('FeedbackAPI locations', () => {
  it('creates, updates and deactivates (hidden unless asked for) a location', async () => {
    const created = await h.call('manage.write', {
      op: 'location.create',
      connectionId: h.conn.feedbackapi,
      fields: { name: 'Quayside Branch', addressLine1: '1 Quay St', addressLine2: 'Newcastle', postalCode: 'NE1 3AF', countryCode: 'gb', reviewProfiles: ['https://www.google.com/maps/place/quayside'] }
    })
    expect(created.status).toBe('delivered')
    const row = (await h.call('manage.sites.list', { connectionIds: [h.conn.feedbackapi], search: 'quayside' })).rows[0] as SiteRow
    expect([row.kind, row.countryCode, row.postalCode, row.address]).toEqual(['location', 'GB', 'NE1 3AF', ['1 Quay St', 'Newcastle']])
    expect(row.reviewUrls).toEqual(['https://www.google.com/maps/place/quayside'])

    await h.call('manage.write', { op: 'location.update', connectionId: h.conn.feedbackapi, externalId: ext(created.ref), fields: { postalCode: 'NE1 9ZZ' } })
    expect((await h.call('manage.sites.list', { connectionIds: [h.conn.feedbackapi], search: 'quayside' })).rows[0]?.postalCode).toBe('NE1 9ZZ')

    const del = await h.call('manage.write', { op: 'location.delete', connectionId: h.conn.feedbackapi, externalId: ext(created.ref), fields: {} })
    expect(del.message).toMatch(/deactivated/)
    expect((await h.call('manage.sites.list', { connectionIds: [h.conn.feedbackapi], search: 'quayside' })).rows).toEqual([])
    const inactive = (await h.call('manage.sites.list', { connectionIds: [h.conn.feedbackapi], search: 'quayside', includeInactive: true })).rows
    expect(inactive.map((r) => r.active)).toEqual([false])
  })

  it("maps FeedbackAPI's param on a rejection onto the form field", async () => {
    const err = await h.failure('manage.write', {
      op: 'customer.create',
      connectionId: h.conn.feedbackapi,
      fields: { email: 'nobody@example.com', location: 'no-such-location' }
    })
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([{ field: 'fields.location', message: expect.stringMatching(/location/i) }])
  })
})

describe('Nicereply agents and things or actions', () => {
  it('creates an agent and a thing or action, listed as staff of their kind', async () => {
    const agent = await h.call('manage.write', { op: 'agent.create', connectionId: h.conn.nicereply, fields: { fullname: 'Ada Zed', username: 'ada.zed', email: 'ada.zed@example.com' } })
    const thing = await h.call('manage.write', { op: 'thing.create', connectionId: h.conn.nicereply, fields: { fullname: 'Zed Checkout', username: 'zed-checkout' } })
    expect([agent.status, thing.status]).toEqual(['delivered', 'delivered'])
    const rows = (await h.call('manage.staff.list', { connectionIds: [h.conn.nicereply], search: 'zed', sort: 'name' })).rows as StaffRow[]
    expect(rows.map((r) => [r.name, r.kind, r.email])).toEqual([
      ['Ada Zed', 'agent', 'ada.zed@example.com'],
      ['Zed Checkout', 'thing_or_action', null]
    ])
  })

  it('puts a taken username on the username field', async () => {
    const err = await h.failure('manage.write', { op: 'thing.create', connectionId: h.conn.nicereply, fields: { fullname: 'Again', username: 'zed-checkout' } })
    expect(err.details).toEqual([{ field: 'fields.username', message: expect.stringMatching(/already used/) }])
  })
})

describe('FeedbackAPI users', () => {
  it('invites with and without the invite e-mail, and removes a user', async () => {
    const quiet = await h.call('manage.write', { op: 'user.invite', connectionId: h.conn.feedbackapi, fields: { email: 'quiet@example.com', sendInvite: false } })
    expect(quiet.message).toMatch(/no e-mail was sent/)
    const sent = h.sims.feedbackapi.sim.requests.find({ method: 'POST', path: '/v1.3/users' }).at(-1)
    expect(sent?.body).toMatchObject({ email: 'quiet@example.com', send_invite: false })
    const loud = await h.call('manage.write', { op: 'user.invite', connectionId: h.conn.feedbackapi, fields: { email: 'loud@example.com' } })
    expect(loud.message).toMatch(/e-mailed/)

    const someone = (await h.call('manage.staff.list', { connectionIds: [h.conn.feedbackapi], includeInactive: false })).rows.find((r) => !r.externalId.startsWith('pending'))!
    const removed = await h.call('manage.write', { op: 'user.remove', connectionId: h.conn.feedbackapi, externalId: someone.externalId, fields: {} })
    expect(removed.status).toBe('delivered')
    const still = (await h.call('manage.staff.list', { connectionIds: [h.conn.feedbackapi] })).rows.map((r) => r.externalId)
    expect(still).not.toContain(someone.externalId)
  })
})

describe('Enco surveys', () => {
  it('creates a survey with its first question, adds a question in another language, deletes only with the exact name', async () => {
    const created = await h.call('manage.write', {
      op: 'survey.create',
      connectionId: h.conn.enco,
      fields: { name: 'Zed waffles', interactionType: 'general', question: 'How likely are you to recommend our waffles?', language: 'en-GB' }
    })
    const id = ext(created.ref)
    await h.call('manage.write', { op: 'survey.addQuestion', connectionId: h.conn.enco, externalId: id, fields: { question: 'Hoe waarschijnlijk...?', language: 'nl-BE' } })
    const survey = (await h.call('manage.surveys.list', { connectionIds: [h.conn.enco], search: 'zed waffles' })).rows[0]!
    expect(survey.kind).toBe('general')
    expect(survey.questions.map((q) => q.language?.toLowerCase())).toEqual(['en-gb', 'nl-be'])

    const wrong = await h.failure('manage.write', { op: 'survey.delete', connectionId: h.conn.enco, externalId: id, fields: { confirmName: 'Zed waffle' } })
    expect(wrong.details).toEqual([{ field: 'fields.confirmName', message: expect.stringContaining('Zed waffles') }])
    expect(h.sims.enco.sim.requests.count({ method: 'DELETE' })).toBe(0)

    await h.call('manage.write', { op: 'survey.delete', connectionId: h.conn.enco, externalId: id, fields: { confirmName: 'Zed waffles' } })
    expect((await h.call('manage.surveys.list', { connectionIds: [h.conn.enco], search: 'zed waffles' })).rows).toEqual([])
  })

  it("puts Enco's rejection of a language code on the language field", async () => {
    const err = await h.failure('manage.write', { op: 'survey.create', connectionId: h.conn.enco, fields: { name: 'Zed', interactionType: 'general', question: 'Q?', language: 'english please' } })
    expect(err.details).toEqual([{ field: 'fields.language', message: expect.stringMatching(/language code/) }])
  })
})

describe('FeedbackAPI customers', () => {
  it('creates a customer, says when an existing one was updated instead, edits, opts out, moves locations, deactivates', async () => {
    const locations = (await h.call('manage.sites.list', { connectionIds: [h.conn.feedbackapi] })).rows
    const [a, b] = [locations[0]!.externalId, locations[1]!.externalId]
    const created = await h.call('manage.write', { op: 'customer.create', connectionId: h.conn.feedbackapi, fields: { email: 'zed.cust@example.com', firstName: 'Zed', lastName: 'Cust', location: a } })
    expect(created.message).toMatch(/created/)
    const again = await h.call('manage.write', { op: 'customer.create', connectionId: h.conn.feedbackapi, fields: { email: 'zed.cust@example.com', location: b } })
    expect(again.message).toMatch(/already had a customer/)
    expect(ext(again.ref)).toBe(ext(created.ref))

    await h.call('manage.write', { op: 'customer.update', connectionId: h.conn.feedbackapi, externalId: ext(created.ref), fields: { optOut: true, locationRemove: [a], lastName: 'Customer' } })
    const row = (await h.call('manage.customers.list', { connectionIds: [h.conn.feedbackapi], search: 'zed.cust' })).rows[0]!
    expect([row.optedOut, row.lastName, row.sites.map((s) => s.externalId)]).toEqual([true, 'Customer', [b]])

    await h.call('manage.write', { op: 'customer.delete', connectionId: h.conn.feedbackapi, externalId: ext(created.ref), fields: {} })
    expect((await h.call('manage.customers.list', { connectionIds: [h.conn.feedbackapi], search: 'zed.cust' })).rows).toEqual([])
  })

  it('needs an e-mail or a mobile number', async () => {
    const err = await h.failure('manage.write', { op: 'customer.create', connectionId: h.conn.feedbackapi, fields: { firstName: 'No', location: 'x' } })
    expect(err.details).toEqual([{ field: 'fields.email', message: 'Enter an e-mail address or a mobile number' }])
  })
})

describe('FeedbackAPI client accounts', () => {
  it('creates an account with limits, edits limits and the active flag, deletes it', async () => {
    const created = await h.call('manage.write', {
      op: 'account.create',
      connectionId: h.conn.feedbackapi,
      fields: { name: 'Zed Agency Client', active: true, verb: 'visit', maxLocations: 5, maxUsers: null, smsAllowance: 1000 }
    })
    let row = (await h.call('manage.accounts.list', { connectionIds: [h.conn.feedbackapi], search: 'zed agency' })).rows[0]!
    expect([row.verb, row.active, row.limits.max_locations, row.limits.max_users, row.limits.sms_allowance]).toEqual(['visit', true, 5, null, 1000])

    await h.call('manage.write', { op: 'account.update', connectionId: h.conn.feedbackapi, externalId: ext(created.ref), fields: { maxLocations: 10, active: false } })
    expect((await h.call('manage.accounts.list', { connectionIds: [h.conn.feedbackapi], search: 'zed agency' })).rows).toEqual([])
    row = (await h.call('manage.accounts.list', { connectionIds: [h.conn.feedbackapi], search: 'zed agency', includeInactive: true })).rows[0]!
    // The update's answer carries no verb (FeedbackAPI never sends it back): the one created with stays.
    expect([row.active, row.limits.max_locations, row.verb]).toEqual([false, 10, 'visit'])

    await h.call('manage.write', { op: 'account.delete', connectionId: h.conn.feedbackapi, externalId: ext(created.ref), fields: {} })
    const gone = (await h.call('manage.accounts.list', { connectionIds: [h.conn.feedbackapi], search: 'zed agency', includeInactive: true })).rows
    expect(gone.map((r) => r.active)).toEqual([false])
    expect(h.sims.feedbackapi.sim.requests.find({ method: 'DELETE' }).at(-1)?.path).toBe(`/v1.3/accounts/${ext(created.ref)}`)
  })

  it('refuses a verb other than use or visit before sending', async () => {
    const err = await h.failure('manage.write', { op: 'account.create', connectionId: h.conn.feedbackapi, fields: { name: 'X', active: true, verb: 'buy' as never } })
    expect(err.details).toEqual([{ field: 'fields.verb', message: 'Choose use or visit' }])
  })
})
