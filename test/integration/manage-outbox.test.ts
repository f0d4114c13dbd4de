import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OutboxEntry } from '../../src/shared/domain/manage'
import { startManageHarness, type ManageHarness } from '../support/manage-harness'

/**
 * The durable outbox against the simulators' faults: writes made while a provider cannot be
 * reached wait (pending, shown on their rows), are delivered in order when it is back, a
 * rejection is kept with its field errors until edited, retried or discarded, and nothing is lost
 * across a restart.
 */

let h: ManageHarness

afterEach(async () => {
  await h?.close()
})

const entries = async (): Promise<OutboxEntry[]> => (await h.call('manage.outbox.list', {})).entries
const sitePosts = (): unknown[] =>
  h.sims.customersure.sim.requests
    .find({ method: 'POST', path: '/sites' })
    .filter((r) => r.status === 201)
    .map((r) => (r.body as { site_code: string }).site_code)

describe('while a provider cannot be reached', () => {
  beforeEach(async () => {
    h = await startManageHarness()
    await h.sync()
  })

  it('queues writes offline (shown pending on their rows) and delivers them in order when the simulator is back', async () => {
    const site = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure] })).rows[0]!
    h.sims.customersure.sim.faults.set({ dropRate: 1 })

    const first = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'q-1', name: 'Queued one', region: 'R' } })
    expect(first.status).toBe('pending')
    expect(first.message).toMatch(/outbox/)
    const second = await h.call('manage.write', { op: 'site.update', connectionId: h.conn.customersure, externalId: site.externalId, fields: { city: 'Offline City' } })
    const third = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'q-2', name: 'Queued two', region: 'R' } })
    expect([second.status, third.status]).toEqual(['pending', 'pending'])

    // The backoff timer keeps trying meanwhile, so the head of the queue may be mid-attempt ('sending').
    const waiting = expect.stringMatching(/^(pending|sending)$/)
    const queued = await entries()
    expect(queued.map((e) => [e.op, e.status])).toEqual([
      ['site.create', waiting],
      ['site.update', 'pending'],
      ['site.create', 'pending']
    ])
    expect(queued[0]!.lastError?.code).toBe('network')

    // The pages show the pending work: the edited row carries it, a pending create has a row of its own.
    const rows = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure], search: 'queued' })).rows
    expect(rows.map((r) => [r.name, r.outbox?.status])).toEqual([
      ['Queued one', waiting],
      ['Queued two', 'pending']
    ])
    const edited = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure] })).rows.find((r) => r.ref === site.ref)!
    expect(edited.outbox?.op).toBe('site.update')

    const drained = h.next('manage.outbox', (p) => p.pending === 0)
    h.sims.customersure.sim.faults.reset()
    await drained

    expect(sitePosts()).toEqual(['q-1', 'q-2'])
    const patch = h.sims.customersure.sim.requests.find({ method: 'PATCH' }).filter((r) => r.status === 200)
    const firstPost = h.sims.customersure.sim.requests.find((r) => r.method === 'POST' && r.status === 201)
    expect(patch[0]!.seq).toBeGreaterThan(firstPost[0]!.seq)
    expect(patch[0]!.seq).toBeLessThan(firstPost[1]!.seq)
    expect(await entries()).toEqual([])
    const after = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure] })).rows
    expect(after.find((r) => r.ref === site.ref)?.city).toBe('Offline City')
    expect(after.filter((r) => r.name.startsWith('Queued')).map((r) => [r.code, r.outbox, r.externalId.startsWith('pending')])).toEqual([
      ['q-1', null, false],
      ['q-2', null, false]
    ])
  })

  it('treats 5xx and 429 as "provider down": pending, then delivered on retry', async () => {
    h.sims.nicereply.sim.faults.set({ errorRate: 1 })
    const down = await h.call('manage.write', { op: 'thing.create', connectionId: h.conn.nicereply, fields: { fullname: 'Down Thing', username: 'down-thing' } })
    expect(down.status).toBe('pending')
    expect((await entries())[0]!.lastError).toMatchObject({ code: 'provider', retryable: true })

    h.sims.nicereply.sim.faults.set({ errorRate: 0, rateLimit: { limit: 0, windowMs: 60_000, retryAfterSeconds: 30 } })
    const retried = await h.call('manage.outbox.retry', { id: down.entryId! })
    expect(retried.result?.status).toBe('pending')
    expect(retried.entry?.lastError?.code).toBe('rate_limited')
    expect(retried.entry?.attempts).toBeGreaterThanOrEqual(2)

    h.sims.nicereply.sim.faults.reset()
    const done = await h.call('manage.outbox.retry', { id: down.entryId! })
    expect(done.result?.status).toBe('delivered')
    expect(done.entry).toBeNull()
    const staff = (await h.call('manage.staff.list', { connectionIds: [h.conn.nicereply], search: 'down thing' })).rows
    expect(staff.map((s) => s.kind)).toEqual(['thing_or_action'])
  })

  it('keeps a queued write the provider rejects, with its field errors; later writes still go; edit re-sends it, discard drops another', async () => {
    h.sims.customersure.sim.faults.set({ dropRate: 1 })
    const existing = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure], sort: 'code' })).rows.find((r) => r.code)!
    const bad = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: existing.code!, name: 'Clash', region: 'R' } })
    const good = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'after-clash', name: 'After', region: 'R' } })
    const unwanted = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'unwanted', name: 'Unwanted', region: 'R' } })
    expect((await h.call('manage.outbox.discard', { id: unwanted.entryId! })).discarded).toBe(true)

    const settled = h.next('manage.outbox', (p) => p.pending === 0)
    h.sims.customersure.sim.faults.reset()
    await settled

    const left = await entries()
    expect(left.map((e) => [e.id, e.status])).toEqual([[bad.entryId, 'rejected']])
    expect(left[0]!.fieldErrors).toEqual([{ field: 'fields.siteCode', message: expect.stringMatching(/taken/) }])
    expect(left[0]!.lastError?.code).toBe('validation')
    expect(sitePosts()).toEqual(['after-clash'])
    const clashRow = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure], search: 'clash' })).rows.find((r) => r.name === 'Clash')!
    expect(clashRow.outbox).toMatchObject({ status: 'rejected', message: expect.stringMatching(/taken/) })

    // Retrying the same input is rejected again; editing it with a free code delivers it.
    const again = await h.call('manage.outbox.retry', { id: bad.entryId! })
    expect(again.entry?.status).toBe('rejected')
    const edited = await h.call('manage.outbox.edit', {
      id: bad.entryId!,
      write: { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'clash-fixed', name: 'Clash', region: 'R' } }
    })
    expect(edited.result?.status).toBe('delivered')
    expect(await entries()).toEqual([])
    expect(sitePosts()).toEqual(['after-clash', 'clash-fixed'])
    expect(good.status).toBe('pending')
  })

  it('refuses an edit that changes what the change does', async () => {
    h.sims.customersure.sim.faults.set({ dropRate: 1 })
    const q = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'x-1', name: 'X', region: 'R' } })
    const err = await h.failure('manage.outbox.edit', { id: q.entryId!, write: { op: 'location.create', connectionId: h.conn.feedbackapi, fields: { name: 'X', countryCode: 'GB' } } })
    expect(err.details[0]?.field).toBe('write.op')
    expect((await entries()).map((e) => e.op)).toEqual(['site.create'])
  })

  it("drops a removed connection's queued changes", async () => {
    h.sims.nicereply.sim.faults.set({ dropRate: 1 })
    await h.call('manage.write', { op: 'thing.create', connectionId: h.conn.nicereply, fields: { fullname: 'Gone', username: 'gone' } })
    const forgotten = h.next('manage.outbox', (p) => p.connectionIds.includes(h.conn.nicereply) && p.pending === 0)
    await h.call('connections.remove', { id: h.conn.nicereply })
    await forgotten
    expect(await entries()).toEqual([])
  })

  it('keeps other connections flowing while one provider is down', async () => {
    h.sims.customersure.sim.faults.set({ dropRate: 1 })
    const waiting = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'wait', name: 'Waiting', region: 'R' } })
    const other = await h.call('manage.write', { op: 'location.create', connectionId: h.conn.feedbackapi, fields: { name: 'Unblocked', countryCode: 'GB' } })
    expect([waiting.status, other.status]).toEqual(['pending', 'delivered'])
  })
})

describe('when a create reached the provider but its answer was lost', () => {
  beforeEach(async () => {
    // A long backoff: each test drives the retries itself.
    h = await startManageHarness({ outbox: { retryDelayMs: 3_600_000, maxRetryDelayMs: 3_600_000 } })
    await h.sync()
  })

  const posts = (sim: typeof h.sims.customersure.sim, path: string): number => sim.requests.count({ method: 'POST', path })

  it('looks the site up before sending it again, and takes the one the lost answer made', async () => {
    // The site is made, then the answer is cut off mid-body: Survey Desk cannot tell it worked.
    h.sims.customersure.sim.faults.set({ malformed: { path: '/sites', times: 1 } })
    const lost = await h.call('manage.write', { op: 'site.create', connectionId: h.conn.customersure, fields: { siteCode: 'lost-1', name: 'Lost answer', region: 'R' } })
    expect(lost.status).toBe('pending')
    expect(lost.message).toMatch(/answer was lost.*check with CustomerSure/)
    const [entry] = await entries()
    expect(entry).toMatchObject({ op: 'site.create', status: 'pending', uncertain: true })

    const retried = await h.call('manage.outbox.retry', { id: lost.entryId! })
    expect(retried.result?.status).toBe('delivered')
    expect(retried.result?.message).toMatch(/not created again/)
    expect(retried.entry).toBeNull()
    expect(posts(h.sims.customersure.sim, '/sites')).toBe(1)
    const rows = (await h.call('manage.sites.list', { connectionIds: [h.conn.customersure], search: 'lost answer' })).rows
    expect(rows.map((r) => [r.code, r.outbox, r.externalId.startsWith('pending')])).toEqual([['lost-1', null, false]])
  })

  it('sends it again when the lookup finds nothing (a 500 the provider answered before acting)', async () => {
    h.sims.nicereply.sim.faults.set({ errorRate: 1 })
    const down = await h.call('manage.write', { op: 'thing.create', connectionId: h.conn.nicereply, fields: { fullname: 'Looked Up', username: 'looked-up' } })
    expect(down.status).toBe('pending')
    h.sims.nicereply.sim.faults.reset()
    const done = await h.call('manage.outbox.retry', { id: down.entryId! })
    expect(done.result?.status).toBe('delivered')
    expect(done.result?.message).not.toMatch(/not created again/)
    // The lookup read the users before the create went out.
    const calls = h.sims.nicereply.sim.requests.find((r) => r.path.startsWith('/v1/users')).map((r) => `${r.method} ${r.status}`)
    expect(calls.slice(-2)).toEqual(['GET 200', 'POST 201'])
    expect((await h.call('manage.staff.list', { connectionIds: [h.conn.nicereply], search: 'looked up' })).rows).toHaveLength(1)
  })

  it('leaves the choice to the user where the provider cannot be asked (a FeedbackAPI invitation), and sends again on their retry', async () => {
    h.sims.feedbackapi.sim.faults.set({ malformed: { path: '/v1.3/users', times: 1 } })
    const lost = await h.call('manage.write', { op: 'user.invite', connectionId: h.conn.feedbackapi, fields: { email: 'lost.invite@example.com', sendInvite: false } })
    expect(lost.status).toBe('pending')
    expect(posts(h.sims.feedbackapi.sim, '/v1.3/users')).toBe(1)

    const asked = await h.call('manage.outbox.retry', { id: lost.entryId! })
    expect(asked.entry).toMatchObject({ status: 'rejected', uncertain: false })
    expect(asked.entry?.lastError?.message).toMatch(/cannot be asked.*Retry sends it again/)
    expect(posts(h.sims.feedbackapi.sim, '/v1.3/users')).toBe(1)

    const confirmed = await h.call('manage.outbox.retry', { id: lost.entryId! })
    expect(confirmed.result?.status).toBe('delivered')
    expect(posts(h.sims.feedbackapi.sim, '/v1.3/users')).toBe(2)
  })
})

describe('when sync finds the provider reachable again', () => {
  it('delivers the queue without waiting for the backoff timer', async () => {
    h = await startManageHarness({ outbox: { retryDelayMs: 3_600_000, maxRetryDelayMs: 3_600_000 } })
    await h.sync()
    h.sims.enco.sim.faults.set({ dropRate: 1 })
    const q = await h.call('manage.write', { op: 'survey.create', connectionId: h.conn.enco, fields: { name: 'After sync', interactionType: 'general', question: 'Q?', language: 'en' } })
    expect(q.status).toBe('pending')
    h.sims.enco.sim.faults.reset()
    const drained = h.next('manage.outbox', (p) => p.pending === 0)
    await h.sync()
    await drained
    expect((await h.call('manage.surveys.list', { connectionIds: [h.conn.enco], search: 'after sync' })).rows.map((r) => r.outbox)).toEqual([null])
  })
})

describe('across a restart', () => {
  it('keeps every queued write in SQLite and delivers it after the app is reopened', async () => {
    h = await startManageHarness({ cacheMode: 'worker' })
    await h.sync()
    h.sims.feedbackapi.sim.faults.set({ dropRate: 1 })
    const a = await h.call('manage.write', { op: 'account.create', connectionId: h.conn.feedbackapi, fields: { name: 'Restart One', active: true, verb: 'use' } })
    const b = await h.call('manage.write', { op: 'location.create', connectionId: h.conn.feedbackapi, fields: { name: 'Restart Two', countryCode: 'FR' } })
    expect([a.status, b.status]).toEqual(['pending', 'pending'])

    await h.reopen()
    const reopened = await entries()
    expect(reopened.map((e) => [e.op, e.status, e.summary])).toEqual([
      // The reopened outbox tries at once, so the head may be mid-attempt.
      ['account.create', expect.stringMatching(/^(pending|sending)$/), 'Create client account Restart One'],
      ['location.create', 'pending', 'Create location Restart Two']
    ])
    expect(reopened[0]!.write).toMatchObject({ fields: { name: 'Restart One', verb: 'use' } })

    const drained = h.next('manage.outbox', (p) => p.pending === 0)
    h.sims.feedbackapi.sim.faults.reset()
    await drained
    const posts = h.sims.feedbackapi.sim.requests.find((r) => r.method === 'POST' && r.status === 200).map((r) => r.path)
    expect(posts).toEqual(['/v1.3/accounts', '/v1.3/locations'])
    expect((await h.call('manage.accounts.list', { connectionIds: [h.conn.feedbackapi], search: 'restart one' })).rows.map((r) => r.verb)).toEqual(['use'])
  })
})
