import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge'
import { AppError, type Result } from '../../shared/errors'
import type { Dispatch } from './dispatch'
import type { EventBus } from './event-bus'

/**
 * The Electron transport: one `ipcMain.handle` for requests, one `webContents.send` per event.
 * Everything here takes the Electron objects as parameters (only their shapes are declared), so unit
 * tests pass small fakes and never load 'electron', which needs the binary.
 */

/** The scheme and host the built renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'survey-desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The part of IpcMainInvokeEvent we read. `senderFrame` is null once the frame has gone away. */
export interface InvokeEventLike {
  readonly senderFrame?: { readonly url: string; readonly parent?: unknown } | null
}

export interface IpcMainLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches Electron's own listener type
  handle(channel: string, listener: (event: InvokeEventLike, ...args: any[]) => unknown): void
  removeHandler?(channel: string): void
}

export interface EventSink {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}

/**
 * True when `url` belongs to the app itself: the built renderer on app://survey-desk, or (in
 * `electron-vite dev` only) the loopback dev server's exact origin. Everything else — a remote page,
 * file:, data:, about:blank, a look-alike host — is foreign.
 */
export function isAppFrameUrl(url: string, devServerUrl?: string | null): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  }
  if (!devServerUrl) return false
  let dev: URL
  try {
    dev = new URL(devServerUrl)
  } catch {
    return false
  }
  return (
    dev.protocol === 'http:' &&
    isLoopbackHostname(dev.hostname) &&
    parsed.protocol === dev.protocol &&
    parsed.host === dev.host &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]'
}

function forbidden(message: string): Result<never> {
  return { ok: false, error: new AppError('forbidden', message).toShape() }
}

/**
 * Registers the one request handler. A call is answered only when it comes from a top-level frame
 * whose URL `isTrustedFrame` accepts; anything else gets a `forbidden` envelope and never reaches
 * the handler table. Returns a disposer.
 */
export function registerIpcTransport(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedFrame: (url: string) => boolean,
  onRejected?: (reason: string) => void
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event: InvokeEventLike, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    let frameUrl: string | undefined
    let isSubframe = false
    try {
      const frame = event.senderFrame
      frameUrl = frame?.url
      // Our pages never embed frames; a subframe asking is someone else's content.
      isSubframe = frame?.parent !== undefined && frame?.parent !== null
    } catch {
      frameUrl = undefined // the frame was torn down mid-call
    }
    if (typeof frameUrl !== 'string' || isSubframe || !isTrustedFrame(frameUrl)) {
      onRejected?.(`IPC call refused: sender ${typeof frameUrl === 'string' ? describeOrigin(frameUrl) : '(no frame)'}${isSubframe ? ' (subframe)' : ''}`)
      return forbidden('This request did not come from the Survey Desk window.')
    }
    if (typeof channel !== 'string') {
      return { ok: false, error: AppError.validation([{ field: 'channel', message: 'Expected a channel name (string)' }]).toShape() }
    }
    try {
      return await dispatch(channel, input)
    } catch {
      // dispatch never throws by contract; this keeps a bug from becoming an opaque IPC rejection.
      return { ok: false, error: new AppError('internal', 'Something went wrong inside Survey Desk.').toShape() }
    }
  })
  return () => ipcMain.removeHandler?.(IPC_INVOKE)
}

/** Only the origin goes to the log: a URL's path or query could carry something private. */
function describeOrigin(url: string): string {
  try {
    const u = new URL(url)
    return u.origin === 'null' ? `${u.protocol}//${u.host}` : u.origin
  } catch {
    return '(unparseable URL)'
  }
}

/**
 * Forwards every bus event to the app's windows as `send(IPC_EVENT, name, payload)`, skipping
 * destroyed ones. `getTargets` is asked on every event so windows opened later are included.
 */
export function forwardEvents(bus: Pick<EventBus, 'subscribe'>, getTargets: () => Iterable<EventSink>): () => void {
  return bus.subscribe((name, payload) => {
    for (const target of getTargets()) {
      try {
        if (target.isDestroyed()) continue
        target.send(IPC_EVENT, name, payload)
      } catch {
        // A window closing between the check and the send is not an error worth surfacing.
      }
    }
  })
}
