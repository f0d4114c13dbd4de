import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC_EVENT, IPC_INVOKE } from '../../src/shared/bridge'
import type { Result } from '../../src/shared/errors'

// The Electron entry (src/main/index.ts) wired to a fake 'electron' module: the real one is never
// loaded (it needs the binary). Checks the order of the setup calls and that the pieces are joined.

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vi.hoisted runs before imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events')
  const calls: string[] = []
  let ready: () => void = () => {}
  const readyPromise = new Promise<void>((r) => (ready = r))
  const state = { dataDir: '', calls, ready: () => ready(), ipc: new Map<string, (...args: unknown[]) => unknown>(), windows: [] as unknown[], protocolHandler: null as null | ((r: Request) => Promise<Response>) }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setName: (n: string) => calls.push(`setName:${n}`),
    setPath: (k: string) => calls.push(`setPath:${k}`),
    getPath: (k: string) => (calls.push(`getPath:${k}`), state.dataDir),
    getAppPath: () => '/fake/app/root',
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    whenReady: () => readyPromise,
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit:${code}`)
  })
  class BrowserWindow extends Emitter {
    static getAllWindows = () => state.windows
    sent: unknown[][] = []
    webContents = Object.assign(new Emitter(), {
      send: (...args: unknown[]) => this.sent.push(args),
      isDestroyed: () => false,
      getURL: () => 'app://survey-desk/index.html'
    })
    constructor(readonly options: unknown) {
      super()
      state.windows.push(this)
      calls.push('new BrowserWindow')
    }
    isDestroyed = () => false
    loadURL = async (url: string) => void calls.push(`loadURL:${url}`)
    show = () => calls.push('show')
  }
  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string) => calls.push(`showErrorBox:${title}`) },
    ipcMain: { handle: (name: string, fn: (...args: unknown[]) => unknown) => (calls.push(`ipcMain.handle:${name}`), state.ipc.set(name, fn)), removeHandler: (name: string) => state.ipc.delete(name) },
    protocol: {
      registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged'),
      handle: (scheme: string, fn: (r: Request) => Promise<Response>) => (calls.push(`protocol.handle:${scheme}`), (state.protocolHandler = fn)),
      unhandle: (scheme: string) => calls.push(`protocol.unhandle:${scheme}`)
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => calls.push('setPermissionCheckHandler'),
        webRequest: { onHeadersReceived: () => calls.push('onHeadersReceived') }
      }
    },
    shell: { openExternal: async () => undefined }
  }
  return { state, electron }
})

vi.mock('electron', () => fake.electron)
// The real keychain is not this test's subject.
vi.mock('../../src/main/secrets/keytar-secret-store', async () => {
  const { MemorySecretStore } = await import('../../src/main/secrets/memory-secret-store')
  return { KeytarSecretStore: MemorySecretStore }
})

const savedRoot = process.env.SURVEY_DESK_APP_ROOT
const savedRendererUrl = process.env.ELECTRON_RENDERER_URL
beforeAll(async () => {
  fake.state.dataDir = mkdtempSync(join(tmpdir(), 'survey-desk-main-'))
  delete process.env.SURVEY_DESK_APP_ROOT
  delete process.env.ELECTRON_RENDERER_URL
  await import('../../src/main/index')
  fake.state.ready()
  await vi.waitFor(() => expect(fake.state.calls).toContain('loadURL:app://survey-desk/index.html'))
})
afterAll(async () => {
  // The entry holds the quit until sync, simulators and cache workers have stopped, then exits.
  let prevented = false
  fake.electron.app.emit('will-quit', { preventDefault: () => (prevented = true) })
  expect(prevented).toBe(true)
  await vi.waitFor(() => expect(fake.state.calls).toContain('exit:0'))
  rmSync(fake.state.dataDir, { recursive: true, force: true })
  if (savedRoot === undefined) delete process.env.SURVEY_DESK_APP_ROOT
  else process.env.SURVEY_DESK_APP_ROOT = savedRoot
  if (savedRendererUrl !== undefined) process.env.ELECTRON_RENDERER_URL = savedRendererUrl
})

describe('the Electron entry', () => {
  it('sets up before ready in the right order, then wires everything once ready', () => {
    const calls = fake.state.calls
    const at = (c: string) => calls.indexOf(c)
    expect(at('setName:Survey Desk')).toBe(0)
    for (const c of ['enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'protocol.handle:app', `ipcMain.handle:${IPC_INVOKE}`, 'new BrowserWindow']) {
      expect(calls, c).toContain(c)
    }
    expect(at('registerSchemesAsPrivileged')).toBeLessThan(at('protocol.handle:app'))
    expect(at('setPermissionRequestHandler')).toBeLessThan(at('new BrowserWindow'))
    expect(at(`ipcMain.handle:${IPC_INVOKE}`)).toBeLessThan(at('new BrowserWindow'))
    expect(calls.filter((c) => c.startsWith('ipcMain.handle'))).toEqual([`ipcMain.handle:${IPC_INVOKE}`])
    expect(calls).not.toContain('onHeadersReceived') // no dev server
    expect(process.env.SURVEY_DESK_APP_ROOT).toBe('/fake/app/root')
  })

  it('answers the app window through the real handler table and refuses others', async () => {
    const handler = fake.state.ipc.get(IPC_INVOKE)!
    const ok = (await handler({ senderFrame: { url: 'app://survey-desk/index.html', parent: null } }, 'app.info', {})) as Result<{ dataDir: string }>
    expect(ok.ok && ok.value.dataDir).toBe(fake.state.dataDir)
    const refused = (await handler({ senderFrame: { url: 'https://evil.example/' } }, 'app.info', {})) as Result<unknown>
    expect(refused.ok ? null : refused.error.code).toBe('forbidden')
  })

  it('forwards bus events to the window', async () => {
    const handler = fake.state.ipc.get(IPC_INVOKE)!
    const added = (await handler({ senderFrame: { url: 'app://survey-desk/index.html', parent: null } }, 'connections.add', {
      provider: 'enco',
      label: 'Enco',
      secret: 'token'
    })) as Result<{ id: string }>
    expect(added.ok).toBe(true)
    const win = fake.state.windows[0] as { sent: unknown[][] }
    expect(win.sent).toContainEqual([IPC_EVENT, 'connections.changed', { change: 'added', id: added.ok ? added.value.id : '' }])
  })

  it('serves the renderer over app://', async () => {
    const res = await fake.state.protocolHandler!(new Request('app://survey-desk/'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('shows the window on ready-to-show', () => {
    const win = fake.state.windows[0] as EventEmitter
    win.emit('ready-to-show')
    expect(fake.state.calls).toContain('show')
  })
})
