import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE, type Bridge } from '../shared/bridge'
import type { Result } from '../shared/errors'

/**
 * The preload's whole job: turn ipcRenderer into the two-function Bridge. The page gets neither
 * ipcRenderer nor an IPC event object, only `invoke(channel, input)` and `on(event, listener)`.
 * Sandboxed preloads may only require 'electron', so this file imports types and constants only.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's own listener type
type IpcListener = (event: unknown, ...args: any[]) => void

export interface IpcRendererLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's own signature
  invoke(channel: string, ...args: any[]): Promise<any>
  on(channel: string, listener: IpcListener): unknown
  removeListener(channel: string, listener: IpcListener): unknown
}

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void
}

export function createBridge(ipcRenderer: IpcRendererLike): Bridge {
  return Object.freeze({
    invoke(channel: string, input: unknown): Promise<Result<unknown>> {
      return ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<Result<unknown>>
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string') throw new TypeError('on(event, listener): event must be a string')
      if (typeof listener !== 'function') throw new TypeError('on(event, listener): listener must be a function')
      const handler: IpcListener = (_ipcEvent, name: unknown, payload: unknown) => {
        if (name === event) listener(payload)
      }
      ipcRenderer.on(IPC_EVENT, handler)
      let subscribed = true
      return () => {
        if (!subscribed) return
        subscribed = false
        ipcRenderer.removeListener(IPC_EVENT, handler)
      }
    }
  })
}

export function exposeBridge(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer))
}
