import { afterEach, describe, expect, it } from 'vitest'
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { makeResponse } from '../support/responses'
import { makeTempDir } from '../support/temp-dir'

const opened: Array<{ ctx: AppContext; cleanup: () => void }> = []
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.ctx.shutdown()
    o.cleanup()
  }
})

function callerFor(ctx: AppContext) {
  const dispatch = createDispatch(handlers, ctx)
  return async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const r = await dispatch(channel, input)
    if (!r.ok) throw AppError.fromShape(r.error)
    return r.value as ChannelOutput<C>
  }
}

async function setup(dir?: string) {
  const t = dir ? { dir, cleanup: () => undefined } : makeTempDir()
  const ctx = createAppContext({ dataDir: t.dir, secrets: new MemorySecretStore(), cacheMode: 'inline' })
  opened.push({ ctx, cleanup: t.cleanup })
  const call = callerFor(ctx)
  return { ctx, call, dir: t.dir }
}

async function withResponses(ctx: AppContext, call: ReturnType<typeof callerFor>) {
  const c = await call('connections.add', { provider: 'enco', label: 'Support desk', secret: 't' })
  const rows = [
    makeResponse('det-1', { score: 3, comment: 'Waited an hour', customer: { externalId: null, name: 'Ana', email: null, phone: null, company: null, reference: null } }),
    makeResponse('pro-1', { score: 10, comment: 'Great' }),
    makeResponse('csat-low', { metric: 'csat', score: 1, scale: { min: 1, max: 5 } })
  ]
  await ctx.cache().writer.applyPage({ connectionId: c.id, stream: 'responses', entity: 'response', items: rows })
  const key = (externalId: string) => ({ connectionId: c.id, kind: 'customersure_response' as const, externalId })
  return { connectionId: c.id, key, rows }
}

const TODAY = '2026-11-22'

describe('follow-up handlers', () => {
  it('creates a follow-up from a cached response: detractor by score, flagged otherwise, with a snapshot and the live row id', async () => {
    const { ctx, call } = await setup()
    const { key } = await withResponses(ctx, call)
    const det = await call('followups.save', { ...key('det-1'), owner: '  Sam  ', dueDate: '2026-11-25', today: TODAY })
    expect(det).toMatchObject({ reason: 'detractor', status: 'open', owner: 'Sam', dueDate: '2026-11-25', score: 3, customerName: 'Ana', comment: 'Waited an hour', connectionLabel: 'Support desk', overdue: false })
    const inboxItem = (await call('inbox.list', { filters: { search: 'waited' } })).items[0]!
    expect(det.responseId).toBe(inboxItem.id)

    const flagged = await call('followups.save', { ...key('pro-1'), today: TODAY })
    expect(flagged.reason).toBe('flagged')
    expect((await call('followups.save', { ...key('csat-low') })).reason).toBe('detractor')

    // Saving again changes the same follow-up instead of adding a second one.
    const again = await call('followups.save', { ...key('det-1'), notes: 'Called back', today: TODAY })
    expect(again.id).toBe(det.id)
    expect(again).toMatchObject({ owner: 'Sam', notes: 'Called back' })
    expect((await call('followups.list', { today: TODAY })).items).toHaveLength(3)
  })

  it('lists overdue ones first, then by due date, closed last; counts each state', async () => {
    const { ctx, call } = await setup()
    const { key } = await withResponses(ctx, call)
    const a = await call('followups.save', { ...key('det-1'), dueDate: '2026-12-01', today: TODAY })
    const b = await call('followups.save', { ...key('pro-1'), dueDate: '2026-11-20', owner: 'Kim', today: TODAY })
    const c = await call('followups.save', { ...key('csat-low'), status: 'closed', dueDate: '2026-01-01', today: TODAY })
    const { items, counts } = await call('followups.list', { today: TODAY })
    expect(items.map((i) => i.id)).toEqual([b.id, a.id, c.id])
    expect(items.map((i) => i.overdue)).toEqual([true, false, false])
    expect(c.closedAt).not.toBeNull()
    expect(counts).toEqual({ open: 2, inProgress: 0, closed: 1, overdue: 1, unassigned: 1 })

    const open = await call('followups.list', { statuses: ['open', 'in_progress'], today: TODAY })
    expect(open.items.map((i) => i.id)).toEqual([b.id, a.id])
    expect((await call('followups.list', { owner: 'kim', today: TODAY })).items.map((i) => i.id)).toEqual([b.id])

    // Reopening clears the closed stamp; clearing the due date ends "overdue".
    const reopened = await call('followups.update', { id: c.id, status: 'in_progress', today: TODAY })
    expect(reopened).toMatchObject({ status: 'in_progress', closedAt: null, overdue: true })
    expect((await call('followups.update', { id: c.id, dueDate: null, today: TODAY })).overdue).toBe(false)
    expect(await call('followups.counts', { today: TODAY })).toEqual({ open: 2, inProgress: 1, closed: 0, overdue: 1, unassigned: 2 })
  })

  it('refuses bad input naming the field, and a response the cache does not hold', async () => {
    const { ctx, call } = await setup()
    const { key } = await withResponses(ctx, call)
    const bad = await call('followups.save', { ...key('det-1'), dueDate: '2026-02-30' }).catch((e: AppError) => e)
    expect(bad).toBeInstanceOf(AppError)
    expect((bad as AppError).details).toEqual([{ field: 'dueDate', message: 'Not a real calendar date' }])
    const status = await call('followups.update', { id: 1, status: 'done' as 'open' }).catch((e: AppError) => e)
    expect((status as AppError).details[0]?.field).toBe('status')
    const missing = await call('followups.save', { ...key('nope') }).catch((e: AppError) => e)
    expect((missing as AppError).code).toBe('not_found')
    expect((await call('followups.update', { id: 999, notes: 'x' }).catch((e: AppError) => e) as AppError).code).toBe('not_found')
    expect((await call('followups.list', {})).items).toEqual([])
  })

  it('survives a resync that rewrites the cached row, and a restart', async () => {
    const { ctx, call, dir } = await setup()
    const { connectionId, key, rows } = await withResponses(ctx, call)
    const f = await call('followups.save', { ...key('det-1'), owner: 'Sam', notes: 'Ring her', today: TODAY })
    // The provider changed the response (a new comment): the sync replaces the cached version.
    const changed = { ...rows[0]!, comment: 'Waited an hour, then gave up', updatedAt: '2026-11-21T09:00:00.000Z' }
    const r = await ctx.cache().writer.applyPage({ connectionId, stream: 'responses', entity: 'response', items: [changed] })
    expect(r.updated).toBe(1)
    const after = await call('followups.get', { ...key('det-1'), today: TODAY })
    const live = (await call('inbox.list', { filters: { search: 'gave up' } })).items[0]!
    expect(after.followUp).toMatchObject({ id: f.id, owner: 'Sam', notes: 'Ring her', responseId: live.id })

    await ctx.shutdown()
    const second = await setup(dir)
    const listed = (await second.call('followups.list', { today: TODAY })).items
    expect(listed.map((i) => [i.id, i.owner, i.notes])).toEqual([[f.id, 'Sam', 'Ring her']])
  })

  it('keeps a follow-up readable once its response has left the cache', async () => {
    const { ctx, call } = await setup()
    const { connectionId, key } = await withResponses(ctx, call)
    await call('followups.save', { ...key('det-1') })
    await ctx.cache().writer.removeConnectionData(connectionId)
    const [item] = (await call('followups.list', {})).items
    expect(item).toMatchObject({ responseId: null, comment: 'Waited an hour', score: 3 })
    expect((await call('followups.remove', { id: item!.id })).removed).toBe(true)
    expect((await call('followups.list', {})).items).toEqual([])
  })
})

describe('saved report handlers', () => {
  const definition = { filters: { period: 'last_week' as const, providers: ['nicereply' as const] }, metric: 'nps' as const, trend: 'week' as const }

  it('saves, lists, re-opens and removes named report definitions; names are unique in any case', async () => {
    const { call, dir } = await setup()
    const saved = await call('reports.saved.save', { name: ' Monday NPS ', definition })
    expect(saved).toMatchObject({ name: 'Monday NPS', definition: { ...definition, filters: { ...definition.filters, timeZone: 'UTC' } }, lastRunAt: null })
    const clash = await call('reports.saved.save', { name: 'monday nps', definition }).catch((e: AppError) => e)
    expect((clash as AppError).code).toBe('conflict')
    expect((clash as AppError).details[0]?.field).toBe('name')
    const replaced = await call('reports.saved.save', { name: 'monday nps', definition: { ...definition, metric: 'csat' }, replace: true })
    expect(replaced).toMatchObject({ id: saved.id, name: 'monday nps', definition: { metric: 'csat' } })

    await call('reports.saved.save', { name: 'Weekly CES', definition: { ...definition, metric: 'ces' } })
    const opened = await call('reports.saved.open', { id: saved.id })
    expect(opened.lastRunAt).not.toBeNull()
    expect((await call('reports.saved.list', {})).reports.map((r) => r.name)).toEqual(['monday nps', 'Weekly CES'])

    const again = await setup(dir)
    expect((await again.call('reports.saved.list', {})).reports).toHaveLength(2)
    expect((await again.call('reports.saved.remove', { id: saved.id })).removed).toBe(true)
    expect((await again.call('reports.saved.list', {})).reports.map((r) => r.name)).toEqual(['Weekly CES'])
  })

  it('refuses an invalid definition naming the field, and keeps a stored one it cannot read without failing the list', async () => {
    const { ctx, call } = await setup()
    const bad = await call('reports.saved.save', { name: 'X', definition: { ...definition, trend: 'hour' as 'day' } }).catch((e: AppError) => e)
    expect((bad as AppError).details[0]?.field).toBe('definition.trend')
    const empty = await call('reports.saved.save', { name: '   ', definition }).catch((e: AppError) => e)
    expect((empty as AppError).details[0]).toEqual({ field: 'name', message: 'Give the report a name' })

    ctx.db.prepare(`INSERT INTO saved_reports (name, definition, created_at, updated_at) VALUES ('Old', '{"metric":"gone"}', 'x', 'x')`).run()
    await call('reports.saved.save', { name: 'Good', definition })
    expect((await call('reports.saved.list', {})).reports.map((r) => r.name)).toEqual(['Good'])
    const oldId = (ctx.db.prepare(`SELECT id FROM saved_reports WHERE name = 'Old'`).get() as { id: number }).id
    expect((await call('reports.saved.open', { id: oldId }).catch((e: AppError) => e) as AppError).code).toBe('unsupported')
    expect(ctx.db.prepare(`SELECT definition FROM saved_reports WHERE name = 'Old'`).get()).toEqual({ definition: '{"metric":"gone"}' })
  })
})
