import fc from 'fast-check'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Response } from '../../src/shared/domain/model'
import type { ReportBy } from '../../src/shared/domain/reports'
import { ReportRunInput } from '../../src/shared/domain/reports'
import { createCache } from '../../src/main/store/cache'
import type { Cache } from '../../src/main/store/cache-api'
import { openDatabase, type Db } from '../../src/main/store/database'
import { BODY_COLUMNS, prepareResponses, RESPONSE_COLUMNS } from '../../src/main/store/cache/response-row'
import { queryRaw, queryRollup, rollupPlan, type Group, type Scope } from '../../src/main/reports/report-queries'
import { localDayNumber } from '../../src/main/reports/zone-days'
import { makeResponse } from '../support/responses'
import { makeTempDir } from '../support/temp-dir'

const CS = '11111111-1111-4111-8111-111111111111'
const NR = '22222222-2222-4222-8222-222222222222'

interface Env {
  db: Db
  cache: Cache
  cleanup: () => Promise<void>
}

async function openEnv(): Promise<Env> {
  const t = makeTempDir('survey-desk-reports-')
  const file = join(t.dir, 'db.sqlite3')
  const db = openDatabase(file)
  const now = '2026-01-01T00:00:00Z'
  const add = db.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?)`)
  add.run(CS, 'customersure', 'CustomerSure EU', now, now)
  add.run(NR, 'nicereply', 'Nicereply', now, now)
  const cache = createCache({ databaseFile: file, mode: 'inline' })
  return {
    db,
    cache,
    cleanup: async () => {
      await cache.close()
      db.close()
      t.cleanup()
    }
  }
}

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

/** Arbitrary responses across two connections, three metrics, a few sites / staff / teams / tags, and a DST change. */
const responseArb = fc.record({
  id: fc.integer({ min: 0, max: 60 }),
  nr: fc.boolean(),
  metric: fc.constantFrom('nps' as const, 'csat' as const, 'ces' as const),
  score: fc.integer({ min: 0, max: 10 }),
  site: fc.constantFrom(null, 's1', 's2'),
  staff: fc.constantFrom(null, 'a', 'b'),
  team: fc.constantFrom(null, 't1'),
  tags: fc.subarray(['Billing', 'Delivery']),
  // Mostly 2025-03-25 .. 2025-04-05 (Brussels changes to summer time on 30 March), some February to May.
  at: fc.oneof(fc.integer({ min: Date.UTC(2025, 2, 25), max: Date.UTC(2025, 3, 5) }), fc.integer({ min: Date.UTC(2025, 1, 15), max: Date.UTC(2025, 4, 15) }))
})
type Gen = typeof responseArb extends fc.Arbitrary<infer T> ? T : never

function toResponse(g: Gen): Response {
  return makeResponse(String(g.id), {
    provider: g.nr ? 'nicereply' : 'customersure',
    kind: g.nr ? 'nicereply_rating' : 'customersure_response',
    metric: g.metric,
    score: g.metric === 'ces' ? 1 + (g.score % 7) : g.score,
    scale: g.metric === 'ces' ? { min: 1, max: 7 } : g.metric === 'csat' && g.nr ? { min: 1, max: 10 } : { min: 0, max: 10 },
    sentiment: !g.nr && g.metric === 'csat' ? (['very_negative', 'negative', 'neutral', 'positive', 'very_positive'] as const)[Math.min(4, Math.floor(g.score / 2.2))]! : null,
    siteExternalId: g.site,
    staffExternalId: g.staff,
    teamExternalId: g.team,
    tags: g.tags,
    respondedAt: new Date(g.at).toISOString()
  })
}

async function write(cache: Cache, rows: Gen[]): Promise<void> {
  const byConn = new Map<string, Response[]>()
  for (const g of rows) {
    const c = g.nr ? NR : CS
    const list = byConn.get(c) ?? []
    // One version per external id in a page (a later one replaces the earlier).
    const at = list.findIndex((r) => r.externalId === String(g.id))
    if (at >= 0) list.splice(at, 1)
    list.push(toResponse(g))
    byConn.set(c, list)
  }
  for (const [connectionId, items] of byConn) await env!.cache.writer.applyPage({ connectionId, stream: 'responses', entity: 'response', items })
  void cache
}

const sortGroups = (g: Group[]): Group[] => g.filter((x) => Object.values(x.agg).some((v) => v !== 0)).sort((a, b) => a.key.localeCompare(b.key))

const NOW = new Date('2025-04-10T12:00:00Z')

function compareSources(db: Db, scope: Scope, by: ReportBy | null, zone: string): void {
  const dim = rollupPlan(scope, by, zone)
  expect(dim).not.toBeNull()
  const rolled = queryRollup(db, scope, by, dim!)
  const raw = queryRaw(db, scope, by, NOW)
  expect(sortGroups(rolled)).toEqual(sortGroups(raw))
}

describe('report rollups', () => {
  it('equal the raw query after inserts, updates and deletes, in UTC and across a DST change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(responseArb, { maxLength: 40 }), fc.array(responseArb, { maxLength: 20 }), fc.boolean(), async (first, second, removeNr) => {
        env = await openEnv()
        try {
          await write(env.cache, first)
          await write(env.cache, second) // same ids: updates (score, site, metric, time changes)
          if (removeNr) await env.cache.writer.removeConnectionData(NR)
          for (const zone of ['UTC', 'Europe/Brussels']) {
            if (zone !== 'UTC') await env.cache.reports.rebuildRollups(zone)
            for (const metric of ['nps', 'csat', 'ces', 'standardised'] as const) {
              const whole: Scope = { metric, filters: { timeZone: zone }, timeZone: zone, from: null, to: null }
              for (const by of [null, 'provider', 'connection', 'site', 'staff', 'team', 'day'] as const) compareSources(env.db, whole, by, zone)
              const week: Scope = { ...whole, filters: { timeZone: zone, sites: [`${CS}:s1`] }, from: Date.UTC(2025, 2, 28) - (zone === 'UTC' ? 0 : 3_600_000), to: Date.UTC(2025, 3, 2) - (zone === 'UTC' ? 0 : 7_200_000) }
              for (const by of [null, 'day', 'site', 'connection'] as const) compareSources(env.db, week, by, zone)
              // Whole months (April) from month rows, the partial ones at either end from day rows.
              const winter = zone === 'UTC' ? 0 : 3_600_000
              const months: Scope = { ...whole, from: Date.UTC(2025, 2, 10) - winter, to: Date.UTC(2025, 4, 5) - 2 * winter }
              for (const by of [null, 'site', 'staff', 'team', 'connection', 'provider', 'week'] as const) compareSources(env.db, months, by, zone)
              const staffOnly: Scope = { ...months, filters: { timeZone: zone, staff: [`${CS}:a`, `${NR}:b`] } }
              for (const by of [null, 'staff', 'month'] as const) compareSources(env.db, staffOnly, by, zone)
            }
          }
        } finally {
          await env.cleanup()
          env = undefined
        }
      }),
      { numRuns: 12 }
    )
  })
})

describe('migration 4 on a filled cache', () => {
  it('leaves the rollups unbuilt (reports read the responses) until the writer builds them, with the same figures', async () => {
    const t = makeTempDir('survey-desk-reports-v3-')
    const file = join(t.dir, 'db.sqlite3')
    const old = openDatabase(file, { targetVersion: 3 })
    old.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', 'CS', '{}', 'x', 'x')`).run(CS)
    // Rows as a version-3 writer stored them (today's WriterCore also keeps rollups, which v3 has not).
    const insertBody = old.prepare(`INSERT INTO response_bodies (${BODY_COLUMNS.join(', ')}) VALUES (${BODY_COLUMNS.map(() => '?').join(', ')})`)
    const insertRow = old.prepare(`INSERT INTO responses (id, ${RESPONSE_COLUMNS.join(', ')}, synced_at, content_hash, body_id) VALUES (?, ${RESPONSE_COLUMNS.map(() => '?').join(', ')}, 'x', ?, ?)`)
    prepareResponses(CS, 'responses', [makeResponse('a', { score: 10 }), makeResponse('b', { score: 3 }), makeResponse('c', { score: 9 })]).forEach((r, i) => {
      insertRow.run(i + 1, ...r.values, r.hash, insertBody.run(...r.body).lastInsertRowid)
    })
    old.close()
    const cache = createCache({ databaseFile: file, mode: 'inline' })
    try {
      const input = ReportRunInput.parse({ metric: 'nps', filters: { timeZone: 'UTC' }, by: ['connection'] })
      const before = await cache.reports.run(input, 1)
      expect(before.source).toBe('raw')
      await cache.reports.rebuildRollups('UTC')
      const after = await cache.reports.run(input, 1)
      expect(after.source).toBe('rollup')
      expect({ ...after, computedAt: '', elapsedMs: 0, source: '' }).toEqual({ ...before, computedAt: '', elapsedMs: 0, source: '' })
      expect(Math.round(after.headline.score!)).toBe(33)
    } finally {
      await cache.close()
      t.cleanup()
    }
  })
})

describe('report engine', () => {
  it('breakdown totals add up to the whole, whichever dimension', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(responseArb, { minLength: 1, maxLength: 50 }), fc.constantFrom('nps' as const, 'csat' as const, 'ces' as const), async (rows, metric) => {
        env = await openEnv()
        try {
          await write(env.cache, rows)
          const by: ReportBy[] = ['provider', 'connection', 'site', 'staff', 'team', 'day', 'week', 'month']
          const r = await env.cache.reports.run(ReportRunInput.parse({ metric, filters: { timeZone: 'UTC' }, by, limit: 1000 }), 30)
          for (const b of r.breakdowns) {
            const n = b.rows.reduce((s, x) => s + x.n, 0)
            expect(n, `n by ${b.by}`).toBe(r.headline.n)
            for (const part of Object.keys(r.headline.parts) as Array<keyof typeof r.headline.parts>) {
              expect(b.rows.reduce((s, x) => s + (x.parts[part] ?? 0), 0), `${part} by ${b.by}`).toBeCloseTo(r.headline.parts[part] ?? 0, 6)
            }
          }
          // Tags may overlap (a response can carry two), so each tag row is at most the whole.
          const tags = await env.cache.reports.run(ReportRunInput.parse({ metric, filters: { timeZone: 'UTC' }, by: ['tag'] }), 30)
          for (const row of tags.breakdowns[0]!.rows) expect(row.n).toBeLessThanOrEqual(tags.headline.n)
        } finally {
          await env.cleanup()
          env = undefined
        }
      }),
      { numRuns: 10 }
    )
  })

  it('computes the headline, previous period, minimum sample flag and drill filters', async () => {
    env = await openEnv()
    const rows: Response[] = [
      ...Array.from({ length: 2 }, (_, i) => makeResponse(`p${i}`, { score: 10, siteExternalId: 'gent', siteName: 'Gent', respondedAt: '2025-03-20T10:00:00Z' })),
      makeResponse('pa', { score: 8, siteExternalId: 'gent', respondedAt: '2025-03-20T10:00:00Z' }),
      ...Array.from({ length: 14 }, (_, i) => makeResponse(`d${i}`, { score: 3, respondedAt: '2025-03-21T10:00:00Z' })),
      makeResponse('old', { score: 10, respondedAt: '2025-02-10T10:00:00Z' })
    ]
    await env.cache.writer.applyPage({ connectionId: CS, stream: 'responses', entity: 'response', items: rows })
    const input = ReportRunInput.parse({ metric: 'nps', filters: { timeZone: 'UTC', period: 'last_month' }, by: ['site'] })
    const report = await (async () => {
      const { runReport } = await import('../../src/main/reports/report-engine')
      return runReport(env!.db, input, { now: new Date('2025-04-15T12:00:00Z'), minimumSample: 30 })
    })()
    expect(report.source).toBe('rollup')
    expect(report.range).toEqual({ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' })
    expect(Math.round(report.headline.score!)).toBe(-71)
    expect(report.headline.n).toBe(17)
    expect(report.headline.belowMinimum).toBe(true)
    expect(report.headline.parts).toEqual({ promoters: 2, passives: 1, detractors: 14 })
    expect(report.headline.previous?.score).toBe(100)
    expect(report.headline.change).toBeCloseTo(-170.588, 2)
    expect(report.headline.drill).toMatchObject({ period: 'last_month', metrics: ['nps'] })
    const gent = report.breakdowns[0]!.rows.find((x) => x.key === `${CS}:gent`)!
    expect(gent.label).toBe('Gent')
    expect(gent.drill.sites).toEqual([`${CS}:gent`])
    // The drill filters select exactly the responses behind the row.
    const count = await env.cache.reader.inboxCount({ ...gent.drill, period: undefined, from: '2025-03-01T00:00:00Z', to: '2025-03-31T23:59:59.999Z' })
    expect(count.count).toBe(gent.n)
    const none = report.breakdowns[0]!.rows.find((x) => x.key === '')!
    expect(none.drillExact).toBe(false)
    const bucket = report.distribution.find((b) => b.score === 3)!
    expect(bucket).toMatchObject({ count: 14, band: 'detractor' })
    // Distribution drill counts via the inbox's own query.
    expect((await env.cache.reader.inboxCount({ ...bucket.drill, period: undefined, from: '2025-03-01T00:00:00Z', to: '2025-03-31T23:59:59.999Z' })).count).toBe(14)
  })
})

describe('property and channel breakdowns', () => {
  it('group by each property as "name: value" and by channel, from the responses', async () => {
    env = await openEnv()
    await env.cache.writer.applyPage({
      connectionId: CS,
      stream: 'responses',
      entity: 'response',
      items: [
        makeResponse('1', { score: 10, properties: { Region: 'North', Plan: 'Pro' }, channel: 'email' }),
        makeResponse('2', { score: 0, properties: { Region: 'North' }, channel: 'sms' }),
        makeResponse('3', { score: 9, properties: { Region: 'South' }, channel: 'email' })
      ]
    })
    const r = await env.cache.reports.run(ReportRunInput.parse({ metric: 'nps', filters: { timeZone: 'UTC' }, by: ['property', 'channel'] }), 1)
    expect(r.source).toBe('raw')
    const byProperty = Object.fromEntries(r.breakdowns[0]!.rows.map((x) => [x.key, [x.n, Math.round(x.score!)]]))
    expect(byProperty).toEqual({ 'Region: North': [2, 0], 'Region: South': [1, 100], 'Plan: Pro': [1, 100] })
    expect(r.breakdowns[0]!.rows.every((x) => !x.drillExact)).toBe(true)
    expect(r.breakdowns[1]!.rows.map((x) => [x.label, x.n])).toEqual([
      ['email', 2],
      ['sms', 1]
    ])
  })
})

describe('response rate', () => {
  it('counts sent, delivered (not bounced) and replied requests in the period, by day', async () => {
    env = await openEnv()
    const request = (id: string, status: string, sentAt: string | null, respondedAt: string | null = null) => ({
      provider: 'feedbackapi' as const,
      externalId: id,
      channel: 'email' as const,
      status,
      recipient: null,
      customerExternalId: null,
      siteExternalId: 'loc1',
      templateExternalId: null,
      reference: null,
      sentAt,
      dueAt: null,
      respondedAt,
      createdAt: sentAt,
      updatedAt: null,
      raw: {}
    })
    await env.cache.writer.applyPage({
      connectionId: CS,
      stream: 'feedback_requests',
      entity: 'feedback_request',
      items: [
        request('1', 'responded', '2025-05-01T09:00:00.000Z', '2025-05-01T10:00:00.000Z'),
        request('2', 'sent', '2025-05-01T09:00:00.000Z'),
        request('3', 'bounced', '2025-05-02T09:00:00.000Z'),
        request('4', 'opened', '2025-05-02T09:00:00.000Z'),
        request('5', 'scheduled', null),
        request('6', 'responded', '2025-06-02T09:00:00.000Z')
      ]
    })
    const r = await env.cache.reports.run(
      ReportRunInput.parse({ metric: 'response_rate', filters: { timeZone: 'UTC', from: '2025-05-01T00:00:00Z', to: '2025-05-31T23:59:59.999Z' }, by: ['site', 'day'], previous: false }),
      1
    )
    expect(r.headline.parts).toEqual({ sent: 4, delivered: 3, replied: 1 })
    expect(r.headline.score).toBeCloseTo(100 / 3, 6)
    expect(r.breakdowns[0]!.rows.map((x) => [x.key, x.parts.sent])).toEqual([[`${CS}:loc1`, 4]])
    expect(r.breakdowns[1]!.rows.slice(0, 2).map((x) => x.parts)).toEqual([
      { sent: 2, delivered: 2, replied: 1 },
      { sent: 2, delivered: 1, replied: 0 }
    ])
  })
})

describe('report days in a time zone', () => {
  it('bucket days across DST changes and weeks / months across a year end', async () => {
    env = await openEnv()
    const at = (iso: string, id: string): Response => makeResponse(id, { respondedAt: iso })
    await env.cache.writer.applyPage({
      connectionId: CS,
      stream: 'responses',
      entity: 'response',
      items: [
        at('2025-03-29T22:30:00Z', 'a'), // 23:30 on 29 March in Brussels (winter time)
        at('2025-03-29T23:30:00Z', 'b'), // 00:30 on 30 March
        at('2025-03-30T22:30:00Z', 'c'), // 00:30 on 31 March (summer time)
        at('2024-12-31T23:30:00Z', 'd'), // 00:30 on 1 January in Brussels
        at('2024-12-31T10:00:00Z', 'e')
      ]
    })
    await env.cache.reports.rebuildRollups('Europe/Brussels')
    const run = (filters: Record<string, unknown>, trend: 'day' | 'week' | 'month') =>
      env!.cache.reports.run(ReportRunInput.parse({ metric: 'nps', filters: { timeZone: 'Europe/Brussels', ...filters }, trend, previous: false }), 1)
    const days = await run({ from: '2025-03-28T23:00:00Z', to: '2025-03-31T21:59:59.999Z' }, 'day')
    expect(days.source).toBe('rollup')
    expect(days.trend!.points.map((p) => [p.start, p.n])).toEqual([
      ['2025-03-28T23:00:00.000Z', 1],
      ['2025-03-29T23:00:00.000Z', 1],
      ['2025-03-30T22:00:00.000Z', 1]
    ])
    const months = await run({ from: '2024-11-30T23:00:00Z', to: '2025-01-31T22:59:59.999Z' }, 'month')
    expect(months.trend!.points.map((p) => [p.label, p.n])).toEqual([
      ['Dec 2024', 1],
      ['Jan 2025', 1]
    ])
    expect(localDayNumber(Date.parse('2025-03-29T23:30:00Z'), 'Europe/Brussels')).toBe(localDayNumber(Date.parse('2025-03-30T21:30:00Z'), 'Europe/Brussels'))
    // The same range in another zone than the rollups' is answered from the responses, with the same counts.
    const utc = await env.cache.reports.run(ReportRunInput.parse({ metric: 'nps', filters: { timeZone: 'UTC', from: '2024-12-31T00:00:00Z', to: '2024-12-31T23:59:59.999Z' }, trend: 'day' }), 1)
    expect(utc.source).toBe('raw')
    expect(utc.headline.n).toBe(2)
  })
})
