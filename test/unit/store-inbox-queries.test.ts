import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InboxFilters } from '../../src/shared/domain/inbox'
import type { Response } from '../../src/shared/domain/model'
import { createCache } from '../../src/main/store/cache'
import type { Cache } from '../../src/main/store/cache-api'
import { ReaderCore } from '../../src/main/store/cache/reader-core'
import { openDatabase, type Db } from '../../src/main/store/database'
import { makeResponse } from '../support/responses'
import { makeTempDir } from '../support/temp-dir'

const CS = '11111111-1111-4111-8111-111111111111'
const NR = '22222222-2222-4222-8222-222222222222'

let cleanup: () => void
let cache: Cache
let db: Db
let file: string

const cs = (id: string, o: Partial<Response>): Response => makeResponse(id, o)
const nr = (id: string, o: Partial<Response>): Response => makeResponse(id, { provider: 'nicereply', kind: 'nicereply_rating', metric: 'csat', scale: { min: 1, max: 10 }, ...o })

const CS_ROWS: Response[] = [
  cs('a', { comment: 'Je recommande cette société', score: 10, surveyExternalId: 's1', surveyName: 'Post-purchase', siteExternalId: 'gent', siteName: 'Gent Filiaal', staffExternalId: 'st1', staffName: 'Sanne Jansen', tags: ['Billing'], respondedAt: '2025-03-30T21:30:00Z' }),
  cs('b', { comment: 'Un problème de livraison', score: 3, surveyExternalId: 's2', siteExternalId: 'lyon', staffExternalId: 'st2', tags: ['Delivery', 'Churn risk'], respondedAt: '2025-03-30T22:30:00Z' }),
  cs('c', { comment: null, score: 7, customer: { externalId: 'k1', name: 'Zoé Lefèvre', email: null, phone: null, company: null, reference: null }, teamExternalId: 't1', teamName: 'Returns', drivers: ['Support / Response Time'], respondedAt: '2025-03-29T10:00:00Z' }),
  cs('d', { comment: 'Fine', metric: 'ces', score: 5, scale: { min: 1, max: 7 }, answers: [{ questionId: 'q', question: 'Anything else?', type: 'text', score: null, text: 'Le café était froid', sentiment: null }], respondedAt: '2025-02-01T12:00:00Z' })
]
const NR_ROWS: Response[] = [
  nr('1', { comment: 'Quick and friendly', score: 9, teamExternalId: 't1', teamName: 'Support', tags: ['Billing'], respondedAt: '2025-03-31T08:00:00Z' }),
  nr('2', { comment: 'Slow answer', score: 2, respondedAt: '2025-01-15T08:00:00Z' })
]

const ids = async (filters: Partial<InboxFilters>): Promise<string[]> => {
  const page = await cache.reader.inboxList({ filters: { timeZone: 'UTC', ...filters }, limit: 100 })
  return page.items.map((i) => `${i.provider === 'nicereply' ? 'nr' : 'cs'}:${externalOf(i.id)}`)
}
const externalOf = (id: number): string => db.prepare('SELECT external_id FROM responses WHERE id = ?').pluck().get(id) as string

beforeAll(async () => {
  const t = makeTempDir()
  cleanup = t.cleanup
  file = join(t.dir, 'db.sqlite3')
  db = openDatabase(file)
  const now = '2026-01-01T00:00:00Z'
  db.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', 'CustomerSure EU', '{}', ?, ?)`).run(CS, now, now)
  db.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'nicereply', 'Nicereply', '{}', ?, ?)`).run(NR, now, now)
  cache = createCache({ databaseFile: file, mode: 'inline' })
  await cache.writer.applyPage({ connectionId: CS, stream: 'responses', entity: 'response', items: CS_ROWS })
  await cache.writer.applyPage({ connectionId: NR, stream: 'csat_ratings', entity: 'response', items: NR_ROWS })
  await cache.writer.applyPage({
    connectionId: CS,
    stream: 'sites',
    entity: 'site',
    items: [{ provider: 'customersure', externalId: 'lyon', code: null, name: 'Lyon Agence', region: null, city: null, siteType: null, countryCode: null, address: [], postalCode: null, active: true, reviewUrls: {}, raw: {} }]
  })
})

afterAll(async () => {
  await cache.close()
  db.close()
  cleanup()
})

describe('inboxList filters', () => {
  it('lists everything newest first with the connection label and names from the reference lists', async () => {
    const page = await cache.reader.inboxList({ filters: { timeZone: 'UTC' }, limit: 100 })
    expect(page.items.map((i) => externalOf(i.id))).toEqual(['1', 'b', 'a', 'c', 'd', '2'])
    expect(page.nextCursor).toBeNull()
    const b = page.items[1]!
    expect(b).toMatchObject({ connectionLabel: 'CustomerSure EU', provider: 'customersure', siteName: 'Lyon Agence', tags: ['Delivery', 'Churn risk'], matchTerms: [] })
  })

  it('connection, provider, metric, score range and has-comment', async () => {
    expect(await ids({ connectionIds: [NR] })).toEqual(['nr:1', 'nr:2'])
    expect(await ids({ providers: ['customersure'] })).toEqual(['cs:b', 'cs:a', 'cs:c', 'cs:d'])
    expect(await ids({ connectionIds: [CS, NR], metrics: ['ces', 'csat'] })).toEqual(['nr:1', 'cs:d', 'nr:2'])
    expect(await ids({ metrics: ['nps'], minScore: 5, maxScore: 9 })).toEqual(['cs:c'])
    expect(await ids({ hasComment: false })).toEqual(['cs:c'])
    expect(await ids({ hasComment: true, maxScore: 3 })).toEqual(['cs:b', 'nr:2'])
  })

  it('survey, site, staff and team refs, one or several', async () => {
    expect(await ids({ surveys: [`${CS}:s1`] })).toEqual(['cs:a'])
    expect(await ids({ surveys: [`${CS}:s1`, `${CS}:s2`] })).toEqual(['cs:b', 'cs:a'])
    expect(await ids({ sites: [`${CS}:lyon`] })).toEqual(['cs:b'])
    expect(await ids({ staff: [`${CS}:st1`, `${CS}:st2`] })).toEqual(['cs:b', 'cs:a'])
    expect(await ids({ teams: [`${CS}:t1`] })).toEqual(['cs:c'])
    expect(await ids({ teams: [`${CS}:t1`, `${NR}:t1`] })).toEqual(['nr:1', 'cs:c'])
  })

  it('tags, topics and drivers, one or several', async () => {
    expect(await ids({ tags: ['Billing'] })).toEqual(['nr:1', 'cs:a'])
    expect(await ids({ tags: ['Churn risk', 'Support / Response Time'] })).toEqual(['cs:b', 'cs:c'])
    expect(await ids({ tags: ['Billing'], providers: ['nicereply'] })).toEqual(['nr:1'])
    expect(await ids({ tags: ['Nothing like it'] })).toEqual([])
  })

  it('a named period in the user\'s zone (Brussels), across the spring-forward night', async () => {
    const now = new Date('2025-03-31T10:00:00Z')
    const reader = new ReaderCore(openDatabase(file), () => now)
    const list = (f: Partial<InboxFilters>): string[] => reader.inboxList({ filters: { timeZone: 'Europe/Brussels', ...f }, limit: 100 }).items.map((i) => externalOf(i.id))
    // Brussels' 30 March runs 29 Mar 23:00Z .. 30 Mar 22:00Z: 'a' (21:30Z) is in it, 'b' (22:30Z) is already the 31st.
    expect(list({ period: 'yesterday' })).toEqual(['a'])
    expect(list({ period: 'yesterday', timeZone: 'UTC' })).toEqual(['b', 'a'])
    expect(list({ period: 'current_week' })).toEqual(['1', 'b'])
    expect(list({ period: 'last_month' })).toEqual(['d'])
    expect(list({ period: 'current_year', connectionIds: [NR] })).toEqual(['1', '2'])
    reader.close()
  })

  it('a custom range (inclusive end) with offsets', async () => {
    expect(await ids({ from: '2025-03-29T00:00:00+01:00', to: '2025-03-30T23:30:00+02:00' })).toEqual(['cs:a', 'cs:c'])
    expect(await ids({ to: '2025-01-31T00:00:00Z' })).toEqual(['nr:2'])
  })

  it('full-text search folds diacritics both ways, covers answers and customer names, and returns the terms', async () => {
    expect(await ids({ search: 'societe' })).toEqual(['cs:a'])
    expect(await ids({ search: 'PROBLEME' })).toEqual(['cs:b'])
    expect(await ids({ search: 'problème livraison' })).toEqual(['cs:b'])
    expect(await ids({ search: 'cafe froid' })).toEqual(['cs:d'])
    expect(await ids({ search: 'zoe lefevre' })).toEqual(['cs:c'])
    expect(await ids({ search: 'frien' })).toEqual(['nr:1'])
    expect(await ids({ search: 'societe', providers: ['nicereply'] })).toEqual([])
    expect(await ids({ search: 'comment', tags: ['Billing'] })).toEqual([])
    const page = await cache.reader.inboxList({ filters: { timeZone: 'UTC', search: '  Société, "livraison"!' }, limit: 10 })
    expect(page.items).toEqual([])
    const hit = await cache.reader.inboxList({ filters: { timeZone: 'UTC', search: 'Société' }, limit: 10 })
    expect(hit.items[0]?.matchTerms).toEqual(['societe'])
    expect(await ids({ search: '!!!' })).toHaveLength(6)
  })

  it('leaves out removed rows and rows of a connection being removed', async () => {
    db.prepare("UPDATE responses SET removed_at = '2026-01-01' WHERE external_id = 'd'").run()
    expect(await ids({ providers: ['customersure'] })).toEqual(['cs:b', 'cs:a', 'cs:c'])
    db.prepare('UPDATE responses SET removed_at = NULL').run()
  })
})

describe('count, detail, facets', () => {
  it('counts exactly under the cap', async () => {
    expect(await cache.reader.inboxCount({ timeZone: 'UTC', providers: ['customersure'] })).toEqual({ count: 4, capped: false })
    expect(await cache.reader.inboxCount({ timeZone: 'UTC', search: 'societe' })).toEqual({ count: 1, capped: false })
  })

  it('gives everything of one response, raw included', async () => {
    const [first] = (await cache.reader.inboxList({ filters: { timeZone: 'UTC', search: 'cafe' }, limit: 1 })).items
    const detail = await cache.reader.inboxDetail(first!.id)
    expect(detail).toMatchObject({
      externalId: 'd',
      connectionLabel: 'CustomerSure EU',
      metric: 'ces',
      scale: { min: 1, max: 7 },
      answers: [{ questionId: 'q', question: 'Anything else?', type: 'text', score: null, text: 'Le café était froid', sentiment: null }],
      raw: { id: 'd' },
      links: { reference: null, machineId: null, ticketUrl: null, sourceUrl: null }
    })
    expect(typeof detail?.syncedAt).toBe('string')
    expect(await cache.reader.inboxDetail(12345)).toBeNull()
  })

  it('lists surveys, sites, staff and teams from the lists and from responses, and distinct tags', async () => {
    const f = await cache.reader.inboxFacets()
    expect(f.sites).toEqual([
      { ref: `${CS}:gent`, name: 'Gent Filiaal', connectionId: CS },
      { ref: `${CS}:lyon`, name: 'Lyon Agence', connectionId: CS }
    ])
    expect(f.teams.map((t) => t.name)).toEqual(['Returns', 'Support'])
    expect(f.surveys.map((s) => s.name)).toEqual(['Post-purchase', 's2'])
    expect(f.tags).toEqual(['Billing', 'Churn risk', 'Delivery', 'Support / Response Time'])
    const only = await cache.reader.inboxFacets([NR])
    expect(only).toEqual({ surveys: [], sites: [], staff: [], teams: [{ ref: `${NR}:t1`, name: 'Support', connectionId: NR }], tags: ['Billing'] })
  })

  it('refuses a cursor it did not make', async () => {
    await expect(cache.reader.inboxList({ filters: { timeZone: 'UTC' }, cursor: 'bm9wZQ', limit: 5 })).rejects.toThrow(/reload the list/)
  })
})
