import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_EVENT, IPC_INVOKE } from '../../src/shared/bridge'
import type { Result } from '../../src/shared/errors'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import { createDispatch, type Dispatch } from '../../src/main/ipc/dispatch'
import {
  forwardEvents,
  isAppFrameUrl,
  registerIpcTransport,
  type InvokeEventLike,
  type IpcMainLike
} from '../../src/main/ipc/electron-transport'
import { EventBus } from '../../src/main/ipc/event-bus'
import { handlers } from '../../src/main/ipc/handlers'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { makeTempDir } from '../support/temp-dir'

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Handler>; handleCalls: number; removed: string[] } {
  const handlers = new Map<string, Handler>()
  const fake = {
    handlers,
    handleCalls: 0,
    removed: [] as string[],
    handle(name: string, fn: Handler) {
      fake.handleCalls++
      handlers.set(name, fn)
    },
    removeHandler(name: string) {
      fake.removed.push(name)
      handlers.delete(name)
    }
  }
  return fake
}

const APP_FRAME = { senderFrame: { url: 'app://survey-desk/index.html', parent: null } }
const DEV_SERVER = 'http://localhost:5173/'
const trusted = (url: string) => isAppFrameUrl(url, null)

async function call(ipc: ReturnType<typeof fakeIpcMain>, event: InvokeEventLike, channel: unknown, input: unknown): Promise<Result<unknown>> {
  const fn = ipc.handlers.get(IPC_INVOKE)
  if (!fn) throw new Error('no handler registered')
  return (await fn(event, channel, input)) as Result<unknown>
}

describe('isAppFrameUrl', () => {
  it('accepts the app scheme and, when given, the exact loopback dev server origin', () => {
    expect(isAppFrameUrl('app://survey-desk/index.html')).toBe(true)
    expect(isAppFrameUrl('app://survey-desk/#/inbox')).toBe(true)
    expect(isAppFrameUrl('http://localhost:5173/', DEV_SERVER)).toBe(true)
    expect(isAppFrameUrl('http://localhost:5173/src/main.tsx', DEV_SERVER)).toBe(true)
  })

  it('rejects everything else', () => {
    for (const url of [
      'https://evil.example/',
      'app://evil/index.html',
      'app://survey-desk.evil/index.html',
      'app://user:pw@survey-desk/index.html',
      'file:///etc/passwd',
      'about:blank',
      'data:text/html,hi',
      'javascript:alert(1)',
      'not a url',
      '',
      'http://localhost:5173/' // no dev server configured
    ]) {
      expect(isAppFrameUrl(url), url).toBe(false)
    }
    expect(isAppFrameUrl('http://localhost:5174/', DEV_SERVER)).toBe(false)
    expect(isAppFrameUrl('https://localhost:5173/', DEV_SERVER)).toBe(false)
    expect(isAppFrameUrl('http://127.0.0.1:5173/', DEV_SERVER)).toBe(false)
    // A dev server URL that is not loopback http is never trusted, even for itself.
    expect(isAppFrameUrl('http://example.com:5173/', 'http://example.com:5173/')).toBe(false)
    expect(isAppFrameUrl('https://localhost:5173/', 'https://localhost:5173/')).toBe(false)
  })
})

describe('registerIpcTransport with a fake dispatch', () => {
  it('registers exactly one handler, on IPC_INVOKE, and its disposer removes it', () => {
    const ipc = fakeIpcMain()
    const dispose = registerIpcTransport(ipc, vi.fn(), trusted)
    expect(ipc.handleCalls).toBe(1)
    expect([...ipc.handlers.keys()]).toEqual([IPC_INVOKE])
    dispose()
    expect(ipc.removed).toEqual([IPC_INVOKE])
  })

  it('passes a call from the app frame to dispatch and returns its Result unchanged', async () => {
    const ipc = fakeIpcMain()
    const result: Result<unknown> = { ok: true, value: { hello: 'world' } }
    const dispatch = vi.fn<Dispatch>(async () => result)
    registerIpcTransport(ipc, dispatch, trusted)
    await expect(call(ipc, APP_FRAME, 'app.info', {})).resolves.toEqual(result)
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('app.info', {})
  })

  it.each([
    ['a foreign page', { senderFrame: { url: 'https://evil.example/' } }],
    ['a look-alike app host', { senderFrame: { url: 'app://survey-desk.evil.example/' } }],
    ['a missing senderFrame', {}],
    ['a null senderFrame (frame gone)', { senderFrame: null }],
    ['an app-origin subframe', { senderFrame: { url: 'app://survey-desk/index.html', parent: {} } }]
  ])('answers forbidden to %s without calling dispatch', async (_label, event) => {
    const ipc = fakeIpcMain()
    const dispatch = vi.fn<Dispatch>()
    const rejected: string[] = []
    registerIpcTransport(ipc, dispatch, trusted, (m) => rejected.push(m))
    const result = await call(ipc, event as InvokeEventLike, 'app.info', {})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('forbidden')
    expect(dispatch).not.toHaveBeenCalled()
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).not.toContain('/index.html') // only the origin is logged
  })

  it('answers forbidden when reading senderFrame throws', async () => {
    const ipc = fakeIpcMain()
    const dispatch = vi.fn<Dispatch>()
    registerIpcTransport(ipc, dispatch, trusted)
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed')
      }
    }
    const result = await call(ipc, event, 'app.info', {})
    expect(result.ok ? null : result.error.code).toBe('forbidden')
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('trusts the dev server only when the predicate is built with it', async () => {
    const ipc = fakeIpcMain()
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: 1 }))
    registerIpcTransport(ipc, dispatch, (url) => isAppFrameUrl(url, DEV_SERVER))
    const result = await call(ipc, { senderFrame: { url: 'http://localhost:5173/' } }, 'app.info', {})
    expect(result).toEqual({ ok: true, value: 1 })
  })

  it('rejects a channel that is not a string as a validation error', async () => {
    const ipc = fakeIpcMain()
    const dispatch = vi.fn<Dispatch>()
    registerIpcTransport(ipc, dispatch, trusted)
    const result = await call(ipc, APP_FRAME, { toString: () => 'app.info' }, {})
    expect(result.ok ? null : result.error).toMatchObject({ code: 'validation', details: [{ field: 'channel' }] })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('turns a throwing dispatch into an internal envelope instead of a rejected invoke', async () => {
    const ipc = fakeIpcMain()
    registerIpcTransport(ipc, async () => { throw new Error('secret-ish detail') }, trusted)
    const result = await call(ipc, APP_FRAME, 'app.info', {})
    expect(result.ok ? null : result.error.code).toBe('internal')
    expect(JSON.stringify(result)).not.toContain('secret-ish')
  })
})

describe('registerIpcTransport with the real handler table', () => {
  let ctx: AppContext
  let cleanup: () => void
  beforeEach(() => {
    const t = makeTempDir()
    cleanup = t.cleanup
    ctx = createAppContext({ dataDir: t.dir, secrets: new MemorySecretStore(), runtime: { electron: '39.8.10', chrome: '142.0.0.0' } })
  })
  afterEach(() => {
    ctx.close()
    cleanup()
  })

  it('returns the handler output for a good call', async () => {
    const ipc = fakeIpcMain()
    registerIpcTransport(ipc, createDispatch(handlers, ctx), trusted)
    const result = await call(ipc, APP_FRAME, 'app.info', {})
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.value).toMatchObject({ name: 'Survey Desk', runtime: { electron: '39.8.10' } })
  })

  it('returns a validation envelope naming the field for a bad input', async () => {
    const ipc = fakeIpcMain()
    registerIpcTransport(ipc, createDispatch(handlers, ctx), trusted)
    const result = await call(ipc, APP_FRAME, 'connections.add', {
      provider: 'customergauge',
      label: 'EU account',
      region: 'mars',
      clientId: 'c',
      secret: 's'
    })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('validation')
      expect(result.error.details.map((d) => d.field)).toContain('region')
    }
    expect((await ctx.secrets.ids()).size).toBe(0)
  })

  it('returns not_found for an unknown channel', async () => {
    const ipc = fakeIpcMain()
    registerIpcTransport(ipc, createDispatch(handlers, ctx), trusted)
    const result = await call(ipc, APP_FRAME, 'fs.readFile', { path: '/etc/passwd' })
    expect(result.ok ? null : result.error.code).toBe('not_found')
  })
})

describe('forwardEvents', () => {
  const ID = '8f0c2b3e-4d5a-4b6c-9d7e-1f2a3b4c5d6e'

  function fakeContents(destroyed = false) {
    return { sent: [] as unknown[][], destroyed, send(...args: unknown[]) { this.sent.push(args) }, isDestroyed() { return this.destroyed } }
  }

  it('sends each bus event to live windows as (IPC_EVENT, name, payload) and skips destroyed ones', () => {
    const bus = new EventBus()
    const live = fakeContents()
    const dead = fakeContents(true)
    forwardEvents(bus, () => [live, dead])
    bus.emit('connections.changed', { change: 'added', id: ID })
    expect(live.sent).toEqual([[IPC_EVENT, 'connections.changed', { change: 'added', id: ID }]])
    expect(dead.sent).toEqual([])
  })

  it('asks for the targets on every event and stops after dispose', () => {
    const bus = new EventBus()
    const targets: ReturnType<typeof fakeContents>[] = []
    const dispose = forwardEvents(bus, () => targets)
    bus.emit('connections.changed', { change: 'added', id: ID })
    const later = fakeContents()
    targets.push(later)
    bus.emit('connections.changed', { change: 'updated', id: ID })
    dispose()
    bus.emit('connections.changed', { change: 'removed', id: ID })
    expect(later.sent).toEqual([[IPC_EVENT, 'connections.changed', { change: 'updated', id: ID }]])
  })

  it('keeps delivering to other windows when one send throws', () => {
    const bus = new EventBus()
    const broken = { send: () => { throw new Error('Object has been destroyed') }, isDestroyed: () => false }
    const ok = fakeContents()
    forwardEvents(bus, () => [broken, ok])
    bus.emit('connections.changed', { change: 'added', id: ID })
    expect(ok.sent).toHaveLength(1)
  })
})
