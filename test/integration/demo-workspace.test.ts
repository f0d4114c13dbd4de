import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Channel, ChannelInput, ChannelOutput, EventName } from '../../src/shared/contract'
import type { SyncStatus } from '../../src/shared/domain/inbox'
import { AppError } from '../../src/shared/errors'
import { PROVIDER_IDS } from '../../src/shared/providers'
import { DEMO_MAX_TOTAL_VOLUME, DEMO_VOLUMES } from '../../src/main/demo/demo-plan'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { filesContaining } from '../e2e/support/files'
import { makeTempDir } from '../support/temp-dir'

const opened: AppContext[] = []
const dirs: Array<() => void> = []
afterEach(async () => {
  vi.unstubAllEnvs()
  for (const ctx of opened.splice(0)) await ctx.shutdown()
  for (const cleanup of dirs.splice(0)) cleanup()
})

function newDir(): string {
  const t = makeTempDir('survey-desk-demo-')
  dirs.push(t.cleanup)
  return t.dir
}

/** A context on a keychain that is switched off: the demo must never need it. */
function open(dataDir: string, secrets = new MemorySecretStore(false)) {
  const ctx = createAppContext({ dataDir, secrets, cacheMode: 'inline' })
  opened.push(ctx)
  const dispatch = createDispatch(handlers, ctx)
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const r = await dispatch(channel, input)
    if (!r.ok) throw AppError.fromShape(r.error)
    return r.value as ChannelOutput<C>
  }
  const events: Array<{ name: EventName; payload: unknown }> = []
  ctx.events.subscribe((name, payload) => events.push({ name, payload }))
  return { ctx, call, events, secrets }
}

/** Resolves when a sync.status event shows every one of these connections finished (or at once if already so). */
function syncFinished(ctx: AppContext, ids: string[]): Promise<SyncStatus> {
  const done = (s: SyncStatus): boolean =>
    ids.every((id) => s.connections.some((c) => c.connectionId === id && !c.running && (c.lastSuccessAt !== null || c.lastError !== null)))
  return new Promise((resolve, reject) => {
    const stop = ctx.events.subscribe((name, payload) => {
      if (name === 'sync.status' && done(payload as SyncStatus)) {
        stop()
        resolve(payload as SyncStatus)
      }
    })
    ctx
      .sync()
      .status()
      .then((s) => {
        if (done(s)) {
          stop()
          resolve(s)
        }
      }, reject)
  })
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url)
    return true
  } catch {
    return false
  }
}

describe('demo workspace', () => {
  it('keeps its volumes modest so the first sync takes seconds', () => {
    const total = Object.values(DEMO_VOLUMES).reduce((a, b) => a + b, 0)
    expect(total).toBeLessThanOrEqual(DEMO_MAX_TOTAL_VOLUME)
    expect(Object.keys(DEMO_VOLUMES).sort()).toEqual([...PROVIDER_IDS].sort())
  })

  it('demo.start adds one demo connection per provider without the keychain; a second start adds none', async () => {
    const dataDir = newDir()
    const { ctx, call, events, secrets } = open(dataDir)

    const { connections } = await call('demo.start', {})
    expect(connections.map((c) => c.provider).sort()).toEqual([...PROVIDER_IDS].sort())
    for (const c of connections) {
      expect(c.isDemo).toBe(true)
      expect(c.label).toMatch(/\(demo\)$/)
      expect(c.secret).toBe('set')
      expect(c.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/)
    }
    expect(events.filter((e) => e.name === 'connections.changed' && (e.payload as { change: string }).change === 'added')).toHaveLength(5)
    // The keychain is off and stays empty; the list still says every demo credential is there.
    expect(secrets.entries.size).toBe(0)
    const listed = await call('connections.list', {})
    expect(listed.connections.map((c) => [c.provider, c.secret, c.isDemo]).sort()).toEqual(
      [...PROVIDER_IDS].sort().map((p) => [p, 'set', true])
    )

    // Each demo connection really works, with the credential the workspace holds in memory.
    for (const c of connections) {
      const tested = await call('connections.test', { id: c.id })
      expect(tested.outcome, `${c.provider}: ${tested.message}`).toBe('works')
    }

    // No simulator credential was written to the database (or its WAL).
    ctx.db.pragma('wal_checkpoint(TRUNCATE)')
    for (const c of connections) expect(filesContaining(dataDir, ctx.demo().secretFor(c.id)!)).toEqual([])

    events.length = 0
    const again = await call('demo.start', {})
    expect(again.connections.map((c) => c.id).sort()).toEqual(connections.map((c) => c.id).sort())
    expect(events.filter((e) => e.name === 'connections.changed' && (e.payload as { change: string }).change === 'added')).toEqual([])
    expect(ctx.connections.list()).toHaveLength(5)
  })

  it('two clicks at once still add exactly five connections', async () => {
    const { ctx } = open(newDir())
    await Promise.all([ctx.demo().start({ backgroundSync: false }), ctx.demo().start({ backgroundSync: false })])
    expect(ctx.connections.list().filter((r) => r.isDemo)).toHaveLength(5)
  })

  it('resume restarts the simulators on new ports and points the demo connections at them', async () => {
    const dataDir = newDir()
    const first = open(dataDir)
    const started = await first.ctx.demo().start({ backgroundSync: false })
    const oldUrls = new Map(started.map((c) => [c.id, c.baseUrl!]))
    await first.ctx.shutdown()
    opened.splice(opened.indexOf(first.ctx), 1)
    for (const url of oldUrls.values()) expect(await reachable(url)).toBe(false)

    const second = open(dataDir)
    // Before resume: the rows are there, their credentials are not (nothing was stored anywhere).
    const before = await second.call('connections.list', {})
    expect(before.connections.map((c) => c.secret)).toEqual(Array(5).fill('missing'))

    await second.ctx.demo().resume()
    const after = await second.call('connections.list', {})
    expect(after.connections.map((c) => c.id).sort()).toEqual([...oldUrls.keys()].sort())
    for (const c of after.connections) {
      expect(c.secret).toBe('set')
      expect(c.baseUrl).not.toBe(oldUrls.get(c.id))
      const tested = await second.call('connections.test', { id: c.id })
      expect(tested.outcome, `${c.provider}: ${tested.message}`).toBe('works')
    }
    expect(second.events.filter((e) => e.name === 'connections.changed' && (e.payload as { change: string }).change === 'updated')).toHaveLength(5)
  })

  it('with SURVEY_DESK_DEMO_OFFLINE=1, resume leaves the simulators off and the connections as they were', async () => {
    const dataDir = newDir()
    const first = open(dataDir)
    const started = await first.ctx.demo().start({ backgroundSync: false })
    await first.ctx.shutdown()
    opened.splice(opened.indexOf(first.ctx), 1)

    vi.stubEnv('SURVEY_DESK_DEMO_OFFLINE', '1')
    const second = open(dataDir)
    await second.ctx.demo().resume()
    const listed = await second.call('connections.list', {})
    expect(listed.connections.map((c) => c.baseUrl).sort()).toEqual(started.map((c) => c.baseUrl).sort())
    const cg = listed.connections.find((c) => c.provider === 'customergauge')!
    const tested = await second.call('connections.test', { id: cg.id })
    expect(tested.outcome).toBe('not_reachable')
  })

  it('removing one demo connection through connections.remove works without a keychain', async () => {
    const { ctx, call } = open(newDir())
    const connections = await ctx.demo().start({ backgroundSync: false })
    const [first, ...rest] = connections
    expect(await call('connections.remove', { id: first!.id })).toEqual({ id: first!.id, secretRemoved: true })
    expect(ctx.connections.get(first!.id)).toBeUndefined()
    expect(ctx.demo().secretFor(first!.id)).toBeUndefined()
    // The others keep working: the simulators stay up while a demo connection remains.
    expect(await reachable(rest[0]!.baseUrl!)).toBe(true)
    for (const c of rest) await call('connections.remove', { id: c.id })
    for (const c of rest) expect(await reachable(c.baseUrl!)).toBe(false)
  })
})

describe('demo workspace with the sync engine and the cache', () => {
  it('the first sync fills the inbox, also for the last 30 days; demo.remove deletes rows, connections and simulators', async () => {
    const { ctx, call } = open(newDir())
    const { connections } = await call('demo.start', {})
    const ids = connections.map((c) => c.id)
    const status = await syncFinished(ctx, ids)
    for (const c of status.connections.filter((s) => ids.includes(s.connectionId))) expect(c.lastError, c.connectionId).toBeNull()

    const all = await call('inbox.count', { filters: { connectionIds: ids, timeZone: 'UTC' } })
    expect(all.count).toBeGreaterThan(1000)
    // Anchored to today: every provider with feedback has some in the last 30 days.
    for (const provider of ['customersure', 'customergauge', 'feedbackapi', 'nicereply'] as const) {
      const recent = await call('inbox.count', { filters: { providers: [provider], period: '30-days', timeZone: 'UTC' } })
      expect(recent.count, provider).toBeGreaterThan(0)
    }

    // ...and none from the future: the newest item of every provider is no later than now.
    for (const provider of PROVIDER_IDS) {
      const newest = await call('inbox.list', { filters: { providers: [provider], timeZone: 'UTC' }, limit: 1 })
      for (const item of newest.items) expect(Date.parse(item.respondedAt), `${provider} ${item.respondedAt}`).toBeLessThanOrEqual(Date.now())
    }

    const urls = connections.map((c) => c.baseUrl!)
    expect(await call('demo.remove', {})).toEqual({ removed: 5 })
    expect(ctx.connections.list()).toEqual([])
    expect((await call('inbox.count', { filters: { timeZone: 'UTC' } })).count).toBe(0)
    expect(await ctx.cache().reader.checkpoints(ids)).toEqual([])
    for (const url of urls) expect(await reachable(url)).toBe(false)
    expect(await call('demo.remove', {})).toEqual({ removed: 0 })
  })
})
