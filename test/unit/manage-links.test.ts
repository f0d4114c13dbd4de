import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Site, Staff } from '../../src/shared/domain/model'
import { AppError } from '../../src/shared/errors'
import type { AppContext } from '../../src/main/ipc/app-context'
import { stopManageOutbox } from '../../src/main/manage'
import { foldText, suggestLinks } from '../../src/main/manage/link-match'
import { toFormFieldErrors } from '../../src/main/manage/field-map'
import { openTestApp, type Call, type TestApp } from '../support/app-harness'
import { makeSite, makeStaff } from '../support/reference-entities'

describe('foldText', () => {
  it('sets case, accents and punctuation aside but keeps e-mail dots', () => {
    expect(foldText('  Société-Générale, PARIS! ')).toBe('societe generale paris')
    expect(foldText('José Núñez')).toBe('jose nunez')
    expect(foldText('Ana.Lopez@Example.com')).toBe('ana.lopez@example.com')
  })
})

describe('suggestLinks', () => {
  const c = (ref: string, name: string, extra: { code?: string; email?: string; username?: string } = {}) => ({
    ref,
    name,
    code: extra.code ?? null,
    email: extra.email ?? null,
    username: extra.username ?? null
  })

  it('ranks a match on several signals above a name-only one and offers each right row once', () => {
    const left = [c('L1', 'José Núñez', { code: 'JN', email: 'jose@x.com' }), c('L2', 'Jose Nunez')]
    const right = [c('R1', 'jose nunez', { email: 'JOSE@x.com', username: 'jn' }), c('R2', 'Somebody Else')]
    const s = suggestLinks('staff', left, right)
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ leftRef: 'L1', rightRef: 'R1', reasons: ['code', 'email', 'name'] })
    expect(s[0]!.score).toBeGreaterThan(0.9)
  })

  it('matches a site code written differently', () => {
    const s = suggestLinks('site', [c('L1', 'Head office', { code: 'HQ-01' })], [c('R1', 'hq 01')])
    expect(s.map((x) => [x.leftRef, x.reasons])).toEqual([['L1', ['code']]])
  })
})

describe('toFormFieldErrors', () => {
  it("puts providers' field names on the form's, and unknown ones on the whole form", () => {
    expect(
      toFormFieldErrors(
        [
          { field: 'site_code', message: 'taken' },
          { field: 'questions[0].language', message: 'bad' },
          { field: 'fname', message: 'long' },
          { field: 'colour', message: '?' }
        ],
        ['siteCode', 'language', 'firstName']
      )
    ).toEqual([
      { field: 'fields.siteCode', message: 'taken' },
      { field: 'fields.language', message: 'bad' },
      { field: 'fields.firstName', message: 'long' },
      { field: '', message: '?' }
    ])
  })
})

describe('links between CustomerSure and FeedbackAPI / Nicereply rows', () => {
  let app: TestApp
  let ctx: AppContext
  let call: Call
  let cs: string
  let fa: string
  let nr: string

  const site = (provider: 'customersure' | 'feedbackapi', externalId: string, name: string, code: string | null = null): Site =>
    makeSite({ provider, externalId, name, code, raw: {} })
  const person = (provider: 'customersure' | 'nicereply', externalId: string, name: string, email: string | null, code: string | null = null): Staff =>
    makeStaff({ provider, externalId, name, email, code, raw: {} })

  beforeEach(async () => {
    app = openTestApp('survey-desk-manage-links-', { cacheMode: 'inline' })
    ;({ ctx, call } = app)
    const base = { secret: 'x', baseUrl: 'http://127.0.0.1:9' }
    cs = (await call('connections.add', { provider: 'customersure', label: 'CS', companyName: 'Acme', ...base })).id
    fa = (await call('connections.add', { provider: 'feedbackapi', label: 'FA', ...base })).id
    nr = (await call('connections.add', { provider: 'nicereply', label: 'NR', ...base })).id
    const w = ctx.cache().writer
    await w.applyPage({ connectionId: cs, stream: 'sites', entity: 'site', items: [site('customersure', '1', 'Société Générale', 'SG-01'), site('customersure', '2', 'Harbour Office', 'harbour')] })
    await w.applyPage({ connectionId: fa, stream: 'locations', entity: 'site', items: [site('feedbackapi', 'a', 'societe generale!'), site('feedbackapi', 'b', 'Harbour'), site('feedbackapi', 'c', 'Unrelated')] })
    await w.applyPage({ connectionId: cs, stream: 'staff', entity: 'staff', items: [person('customersure', 's1', 'José Núñez', 'jose@x.com', 'JN')] })
    await w.applyPage({ connectionId: nr, stream: 'users', entity: 'staff', items: [person('nicereply', 'u1', 'Jose Nunez', 'JOSE@x.com'), person('nicereply', 'u2', 'Pat', null)] })
  })

  afterEach(async () => {
    await stopManageOutbox(ctx)
    await ctx.shutdown()
    app.cleanup()
  })

  it('suggests site and staff links from names, codes and e-mails', async () => {
    const sites = (await call('manage.links.suggest', { kind: 'site' })).suggestions
    expect(sites.map((s) => [s.leftRef, s.rightRef, s.reasons])).toEqual([
      // A shared code is the surer sign, so it comes first.
      [`${cs}:2`, `${fa}:b`, ['code']],
      [`${cs}:1`, `${fa}:a`, ['name']]
    ])
    const staff = (await call('manage.links.suggest', { kind: 'staff' })).suggestions
    expect(staff.map((s) => [s.leftName, s.rightName, s.reasons])).toEqual([['José Núñez', 'Jose Nunez', ['email', 'name']]])
  })

  it('links on confirmation, shows the link on both rows and in the group, stops suggesting it, unlinks', async () => {
    const link = await call('manage.links.create', { kind: 'site', leftRef: `${cs}:1`, rightRef: `${fa}:a` })
    expect([link.leftName, link.rightName]).toEqual(['Société Générale', 'societe generale!'])
    expect((await call('manage.links.group', { ref: `${fa}:a` })).refs).toEqual([`${cs}:1`, `${fa}:a`])
    const rows = (await call('manage.sites.list', {})).rows
    expect(rows.find((r) => r.ref === `${cs}:1`)?.linkedRefs).toEqual([`${fa}:a`])
    expect(rows.find((r) => r.ref === `${fa}:a`)?.linkedRefs).toEqual([`${cs}:1`])
    expect((await call('manage.links.suggest', { kind: 'site' })).suggestions.map((s) => s.rightRef)).toEqual([`${fa}:b`])

    // Reports read the same groups straight from SQL.
    const view = ctx.db.prepare('SELECT ref, group_ref FROM entity_link_groups WHERE kind = ? ORDER BY ref').all('site')
    expect(view).toEqual(
      [
        { ref: `${cs}:1`, group_ref: `${cs}:1` },
        { ref: `${fa}:a`, group_ref: `${cs}:1` }
      ].sort((x, y) => (x.ref < y.ref ? -1 : 1))
    )

    expect((await call('manage.links.remove', { id: link.id })).removed).toBe(true)
    expect((await call('manage.links.group', { ref: `${fa}:a` })).refs).toEqual([`${fa}:a`])
  })

  it('refuses a link between the wrong kinds of rows, and a location already linked elsewhere', async () => {
    const wrong = await call('manage.links.create', { kind: 'site', leftRef: `${fa}:a`, rightRef: `${cs}:1` }).catch((e: AppError) => e)
    expect((wrong as AppError).details[0]?.field).toBe('leftRef')
    await call('manage.links.create', { kind: 'site', leftRef: `${cs}:1`, rightRef: `${fa}:a` })
    const taken = await call('manage.links.create', { kind: 'site', leftRef: `${cs}:2`, rightRef: `${fa}:a` }).catch((e: AppError) => e)
    expect((taken as AppError).code).toBe('conflict')
  })
})
