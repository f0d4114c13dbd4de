import type { Result } from './errors'

/**
 * The raw surface a transport gives the renderer: the preload exposes exactly this as
 * `window.surveyDesk`, and the web transport implements it over HTTP. Results come back as the
 * Result envelope (never thrown) because Electron's IPC and contextBridge strip custom error fields.
 * The renderer wraps a Bridge into the typed `Api` of contract.ts (src/renderer/src/api).
 */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
}

/** Electron IPC channel names: one for requests, one for events. */
export const IPC_INVOKE = 'survey-desk:invoke'
export const IPC_EVENT = 'survey-desk:event'

/** The name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'surveyDesk'
