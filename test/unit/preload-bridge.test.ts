import { describe, expect, it, vi } from 'vitest'
import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE } from '../../src/shared/bridge'
import { createBridge, exposeBridge, type IpcRendererLike } from '../../src/preload/bridge'

type Listener = (event: unknown, ...args: unknown[]) => void

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<Listener>>()
  const fake = {
    listeners,
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 42 })),
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(listener)
      return fake
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener)
      return fake
    },
    /** What main's webContents.send(IPC_EVENT, name, payload) looks like on this side. */
    emit(channel: string, ...args: unknown[]) {
      const rawEvent = { sender: fake, ports: [] }
      for (const l of listeners.get(channel) ?? []) l(rawEvent, ...args)
    },
    count(channel: string) {
      return listeners.get(channel)?.size ?? 0
    }
  }
  return fake satisfies IpcRendererLike
}

describe('exposeBridge', () => {
  it('exposes exactly { invoke, on } once, under surveyDesk', () => {
    const exposeInMainWorld = vi.fn()
    const ipc = fakeIpcRenderer()
    exposeBridge({ exposeInMainWorld }, ipc)
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1)
    const [key, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>]
    expect(key).toBe(BRIDGE_GLOBAL)
    expect(key).toBe('surveyDesk')
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])
    expect(typeof api.invoke).toBe('function')
    expect(typeof api.on).toBe('function')
    // Nothing of ipcRenderer leaks through the object or its prototype chain.
    expect(Object.values(api)).not.toContain(ipc)
    expect(Object.isFrozen(api)).toBe(true)
  })
})

describe('createBridge', () => {
  it('invoke sends (IPC_INVOKE, channel, input) and returns the Result', async () => {
    const ipc = fakeIpcRenderer()
    const bridge = createBridge(ipc)
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 42 })
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE, 'app.info', {})
  })

  it('on delivers only the named event, with the payload and never the raw IPC event', () => {
    const ipc = fakeIpcRenderer()
    const bridge = createBridge(ipc)
    const got: unknown[][] = []
    bridge.on('connections.changed', (...args: unknown[]) => got.push(args))
    expect(ipc.count(IPC_EVENT)).toBe(1)
    ipc.emit(IPC_EVENT, 'sync.progress', { done: 1 })
    ipc.emit(IPC_EVENT, 'connections.changed', { change: 'added', id: 'x' })
    expect(got).toEqual([[{ change: 'added', id: 'x' }]])
  })

  it('unsubscribe removes the ipcRenderer listener, once, leaving others in place', () => {
    const ipc = fakeIpcRenderer()
    const bridge = createBridge(ipc)
    const a = vi.fn()
    const b = vi.fn()
    const offA = bridge.on('connections.changed', a)
    bridge.on('connections.changed', b)
    expect(ipc.count(IPC_EVENT)).toBe(2)
    offA()
    offA()
    expect(ipc.count(IPC_EVENT)).toBe(1)
    ipc.emit(IPC_EVENT, 'connections.changed', 1)
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalledExactlyOnceWith(1)
  })

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(fakeIpcRenderer())
    expect(() => bridge.on('connections.changed', 'alert(1)' as unknown as () => void)).toThrow(TypeError)
  })
})
