import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Site, Staff, Team, Template } from '../../src/shared/domain/model'
import { AppError } from '../../src/shared/errors'
import type { AppContext } from '../../src/main/ipc/app-context'
import { stopManageOutbox } from '../../src/main/manage'
import { openTestApp, type Call, type TestApp } from '../support/app-harness'
import { makeSite, makeStaff } from '../support/reference-entities'
import { makeResponse } from '../support/responses'

/**
 * The manage lists over a real SQLite cache (inline cores): search ignoring case and accents,
 * sort, inactive rows hidden unless asked for, and the per-row figures of the last 30 days.
 */

let app: TestApp
let ctx: AppContext
let call: Call
let cs: string
let nr: string

const DAY = 86_400_000
const daysAgo = (n: number): string => new Date(Date.now() - n * DAY).toISOString()

const site = (externalId: string, name: string, code: string | null, active: boolean | null = null): Site => makeSite({ externalId, name, code, active, region: 'North' })
const staff = (provider: 'customersure' | 'nicereply', externalId: string, name: string, email: string | null, teams: string[] = []): Staff =>
  makeStaff({ provider, externalId, name, email, kind: provider === 'nicereply' ? 'agent' : 'staff', teamExternalIds: teams })
const template = (externalId: string, name: string, archived: boolean): Template => ({
  provider: 'customersure',
  externalId,
  channel: 'email',
  name,
  subject: 'Hi {{name/there}}',
  body: 'Body',
  locale: 'en',
  archived,
  raw: {}
})

beforeEach(async () => {
  app = openTestApp('survey-desk-manage-lists-', { cacheMode: 'inline' })
  ;({ ctx, call } = app)
  cs = (await call('connections.add', { provider: 'customersure', label: 'CS', secret: 'x', companyName: 'Acme', baseUrl: 'http://127.0.0.1:9' })).id
  nr = (await call('connections.add', { provider: 'nicereply', label: 'NR', secret: 'x', baseUrl: 'http://127.0.0.1:9' })).id
  const w = ctx.cache().writer
  await w.applyPage({ connectionId: cs, stream: 'sites', entity: 'site', items: [site('1', 'Société Générale', 'SG-01'), site('2', 'Bravo Depot', 'b2'), site('3', 'Closed Place', 'c3', false)] })
  await w.applyPage({ connectionId: cs, stream: 'email_templates', entity: 'template', items: [template('t1', 'Welcome', false), template('t2', 'Old welcome', true)] })
  await w.applyPage({ connectionId: nr, stream: 'users', entity: 'staff', items: [staff('nicereply', 'u1', 'Ana', 'ana@example.com', ['team-1']), staff('nicereply', 'u2', 'Bo', 'bo@example.com')] })
  const team: Team = { provider: 'nicereply', externalId: 'team-1', name: 'Support', memberExternalIds: ['u1', 'u2'], raw: {} }
  await w.applyPage({ connectionId: nr, stream: 'teams', entity: 'team', items: [team] })
  const r = (id: string, metric: 'nps' | 'csat' | 'ces', score: number, when: string, scale = metric === 'nps' ? { min: 0, max: 10 } : { min: 1, max: 5 }) =>
    makeResponse(id, { metric, score, scale, siteExternalId: '1', respondedAt: when })
  await w.applyPage({
    connectionId: cs,
    stream: 'responses',
    entity: 'response',
    items: [
      r('n1', 'nps', 10, daysAgo(1)),
      r('n2', 'nps', 9, daysAgo(2)),
      r('n3', 'nps', 3, daysAgo(3)),
      r('n4', 'nps', 7, daysAgo(29)),
      r('old', 'nps', 0, daysAgo(40)),
      r('c1', 'csat', 5, daysAgo(1)),
      r('c2', 'csat', 4, daysAgo(1)),
      r('c3', 'csat', 2, daysAgo(1)),
      r('e1', 'ces', 3, daysAgo(1)),
      r('e2', 'ces', 6, daysAgo(1), { min: 1, max: 7 })
    ]
  })
})

afterEach(async () => {
  await stopManageOutbox(ctx)
  await ctx.shutdown()
  app.cleanup()
})

describe('manage lists from the cache', () => {
  it('computes responses, NPS, CSAT and CES of the last 30 days per row', async () => {
    const rows = (await call('manage.sites.list', { connectionIds: [cs] })).rows
    const sg = rows.find((x) => x.externalId === '1')!
    // NPS: 2 promoters, 1 detractor of 4 (the 40-day-old 0 is outside); CSAT: 2 of 3 in the top quarter; CES: mean of 3 and 6.
    expect(sg.figures).toEqual({ responses: 9, nps: 25, csat: 66.7, ces: 4.5 })
    expect(rows.find((x) => x.externalId === '2')!.figures).toEqual({ responses: 0, nps: null, csat: null, ces: null })
  })

  it('searches ignoring case, accents and punctuation; hides inactive rows unless asked', async () => {
    expect((await call('manage.sites.list', { search: 'SOCIETE generale' })).rows.map((x) => x.name)).toEqual(['Société Générale'])
    expect((await call('manage.sites.list', { search: 'sg-01' })).rows.map((x) => x.code)).toEqual(['SG-01'])
    expect((await call('manage.sites.list', {})).rows.map((x) => x.name)).toEqual(['Bravo Depot', 'Société Générale'])
    const all = (await call('manage.sites.list', { includeInactive: true })).rows
    expect(all.map((x) => [x.name, x.active])).toEqual([
      ['Bravo Depot', null],
      ['Closed Place', false],
      ['Société Générale', null]
    ])
  })

  it('sorts by a figure with empty figures last, and pages', async () => {
    const byNps = (await call('manage.sites.list', { sort: 'nps', dir: 'desc' })).rows.map((x) => x.externalId)
    expect(byNps).toEqual(['1', '2'])
    const byNameDesc = await call('manage.sites.list', { sort: 'name', dir: 'desc', limit: 1, offset: 1, includeInactive: true })
    expect([byNameDesc.total, byNameDesc.rows.map((x) => x.name)]).toEqual([3, ['Closed Place']])
  })

  it('hides archived templates by default', async () => {
    expect((await call('manage.templates.list', {})).rows.map((x) => x.name)).toEqual(['Welcome'])
    expect((await call('manage.templates.list', { includeInactive: true })).rows.map((x) => [x.name, x.archived])).toEqual([
      ['Old welcome', true],
      ['Welcome', false]
    ])
  })

  it('lists teams with their members, and staff of one team', async () => {
    const teams = (await call('manage.teams.list', {})).rows
    expect(teams.map((t) => [t.name, t.members.map((m) => m.name)])).toEqual([['Support', ['Ana', 'Bo']]])
    const ana = (await call('manage.staff.list', { search: 'ana@example' })).rows[0]!
    expect(ana.teams).toEqual([{ externalId: 'team-1', name: 'Support' }])
    const inTeam = (await call('manage.staff.list', { team: `${nr}:team-1` })).rows.map((x) => x.name)
    expect(inTeam).toEqual(['Ana', 'Bo'])
  })

  it('finds CustomerSure staff by e-mail or code, names their team, hides the deactivated', async () => {
    const member = (id: string, name: string, email: string, code: string, active: boolean): Staff => ({
      ...staff('customersure', id, name, email, ['support']),
      code,
      active
    })
    await ctx.cache().writer.applyPage({
      connectionId: cs,
      stream: 'staff',
      entity: 'staff',
      items: [member('s1', 'Jo Lee', 'jo@example.com', 'JL-7', true), member('s2', 'Max Old', 'max@example.com', 'MO-1', false)]
    })
    const byCode = (await call('manage.staff.list', { connectionIds: [cs], search: 'jl-7' })).rows
    expect(byCode.map((x) => [x.name, x.teams])).toEqual([['Jo Lee', [{ externalId: 'support', name: 'support' }]]])
    expect((await call('manage.staff.list', { connectionIds: [cs], search: 'JO@EXAMPLE' })).rows.map((x) => x.code)).toEqual(['JL-7'])
    expect((await call('manage.staff.list', { connectionIds: [cs] })).rows.map((x) => x.name)).toEqual(['Jo Lee'])
    const all = (await call('manage.staff.list', { connectionIds: [cs], includeInactive: true, team: `${cs}:support` })).rows
    expect(all.map((x) => [x.name, x.active])).toEqual([
      ['Jo Lee', true],
      ['Max Old', false]
    ])
  })

  it('rejects an unknown sort field at the boundary', async () => {
    const err = await call('manage.sites.list', { sort: 'colour' as never }).catch((e: AppError) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).details[0]?.field).toBe('sort')
  })
})
