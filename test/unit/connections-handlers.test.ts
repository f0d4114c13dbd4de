import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
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

function setup(secrets = new MemorySecretStore()) {
  const t = makeTempDir()
  const ctx = createAppContext({ dataDir: t.dir, secrets, cacheMode: 'inline' })
  opened.push({ ctx, cleanup: t.cleanup })
  const dispatch = createDispatch(handlers, ctx)
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const r = await dispatch(channel, input)
    if (!r.ok) throw AppError.fromShape(r.error)
    return r.value as ChannelOutput<C>
  }
  const events: Array<{ name: string; payload: unknown }> = []
  ctx.events.subscribe((name, payload) => events.push({ name, payload }))
  return { ctx, call, secrets, events, dir: t.dir }
}

describe('connection handlers', () => {
  it('adds one connection per provider with exactly its fields, secrets only in the keychain', async () => {
    const { call, secrets, dir, ctx } = setup()
    const inputs: ChannelInput<'connections.add'>[] = [
      { provider: 'customersure', label: 'CS', companyName: 'Acme Ltd', secret: 'cs-SECRET-1' },
      { provider: 'enco', label: 'Enco', secret: 'enco-SECRET-2' },
      { provider: 'customergauge', label: 'CG', region: 'au', clientId: 'client-9', secret: 'cg-SECRET-3', baseUrl: 'http://127.0.0.1:9999/' },
      { provider: 'feedbackapi', label: 'FA', secret: 'fa-SECRET-4' },
      { provider: 'nicereply', label: 'NR', secret: 'nr-SECRET-5' }
    ]
    for (const input of inputs) {
      const c = await call('connections.add', input)
      expect(c.secret).toBe('set')
      expect(secrets.entries.get(c.id)).toBe(input.secret)
    }
    const { connections } = await call('connections.list', {})
    expect(connections.map((c) => c.label)).toEqual(['CG', 'CS', 'Enco', 'FA', 'NR'])
    const cg = connections.find((c) => c.provider === 'customergauge')!
    expect(cg).toMatchObject({ region: 'au', settings: { clientId: 'client-9' }, baseUrl: 'http://127.0.0.1:9999' })
    expect(connections.find((c) => c.provider === 'customersure')!.settings).toEqual({ companyName: 'Acme Ltd' })
    expect(JSON.stringify(connections)).not.toMatch(/SECRET/)

    ctx.db.pragma('wal_checkpoint(TRUNCATE)')
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes('SECRET')).toBe(false)
  })

  it('saves nothing when the keychain is unavailable, and says so on the secret field', async () => {
    const { call } = setup(new MemorySecretStore(false))
    const err = await call('connections.add', { provider: 'enco', label: 'E', secret: 't' }).catch((e: AppError) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('keychain_unavailable')
    expect((err as AppError).message).toMatch(/not saved/)
    expect((err as AppError).details[0]?.field).toBe('secret')
    const { connections } = await call('connections.list', {})
    expect(connections).toEqual([])
  })

  it('lists with secret state unknown while the keychain is away', async () => {
    const secrets = new MemorySecretStore()
    const { call, ctx } = setup(secrets)
    await call('connections.add', { provider: 'enco', label: 'E', secret: 't' })
    const away = createDispatch(handlers, { ...ctx, secrets: new MemorySecretStore(false) })
    const r = await away('connections.list', {})
    expect(r).toMatchObject({ ok: true, value: { connections: [{ secret: 'unknown' }] } })
  })

  it('edits fields, keeps the secret when none is given, replaces it when one is', async () => {
    const { call, secrets, events } = setup()
    const c = await call('connections.add', { provider: 'customergauge', label: 'CG', region: 'eu', clientId: 'a', secret: 'old' })
    const edited = await call('connections.update', { id: c.id, provider: 'customergauge', label: 'CG US', region: 'us', clientId: 'b' })
    expect(edited).toMatchObject({ label: 'CG US', region: 'us', settings: { clientId: 'b' }, secret: 'set' })
    expect(secrets.entries.get(c.id)).toBe('old')
    await call('connections.update', { id: c.id, provider: 'customergauge', label: 'CG US', region: 'us', clientId: 'b', secret: 'new' })
    expect(secrets.entries.get(c.id)).toBe('new')
    expect(events.map((e) => (e.payload as { change: string }).change)).toEqual(['added', 'updated', 'updated'])
  })

  it('refuses to change a connection\'s provider', async () => {
    const { call } = setup()
    const c = await call('connections.add', { provider: 'enco', label: 'E', secret: 't' })
    const err = await call('connections.update', { id: c.id, provider: 'nicereply', label: 'E' }).catch((e: AppError) => e)
    expect((err as AppError).details[0]?.field).toBe('provider')
  })

  it('removes the row and the keychain entry', async () => {
    const { call, secrets } = setup()
    const c = await call('connections.add', { provider: 'nicereply', label: 'N', secret: 't' })
    expect(await call('connections.remove', { id: c.id })).toEqual({ id: c.id, secretRemoved: true })
    expect(secrets.entries.has(c.id)).toBe(false)
    expect((await call('connections.list', {})).connections).toEqual([])
    const missing = await call('connections.remove', { id: c.id }).catch((e: AppError) => e)
    expect((missing as AppError).code).toBe('not_found')
  })

  it('survives a restart: a new context on the same folder sees the same connections', async () => {
    const secrets = new MemorySecretStore()
    const t = makeTempDir()
    const first = createAppContext({ dataDir: t.dir, secrets })
    const added = await createDispatch(handlers, first)('connections.add', { provider: 'feedbackapi', label: 'FA', secret: 'k' })
    first.close()
    if (!added.ok) throw new Error('add failed')
    const id = (added.value as { id: string }).id
    const second = createAppContext({ dataDir: t.dir, secrets, cacheMode: 'inline' })
    opened.push({ ctx: second, cleanup: t.cleanup })
    const r = await createDispatch(handlers, second)('connections.get', { id })
    expect(r).toMatchObject({ ok: true, value: { id, label: 'FA', secret: 'set' } })
  })
})

describe('removing a connection with cached data', () => {
  it('drops its cached responses along with the row', async () => {
    const { call, ctx } = setup()
    const c = await call('connections.add', { provider: 'nicereply', label: 'N', secret: 't' })
    const response = makeResponse('r-1', { provider: 'nicereply', kind: 'nicereply_rating', metric: 'csat', scale: { min: 1, max: 10 }, comment: 'Très bien, merci', respondedAt: '2026-11-01T10:00:00.000Z' })
    await ctx.cache().writer.applyPage({ connectionId: c.id, stream: 'csat_ratings', entity: 'response', items: [response], cursor: { page: 2 } })
    const before = await call('inbox.list', { filters: { connectionIds: [c.id] } })
    expect(before.items.map((i) => i.comment)).toEqual(['Très bien, merci'])

    await call('connections.remove', { id: c.id })
    const after = await ctx.cache().reader.inboxList({ filters: { timeZone: 'UTC' }, limit: 10 })
    expect(after.items).toEqual([])
    expect(await ctx.cache().reader.checkpoints([c.id])).toEqual([])
  })
})
