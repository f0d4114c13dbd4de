import { z } from 'zod'
import { Connection, ConnectionEdit, ConnectionId, NewConnection } from './domain/connection'

const Empty = z.object({}).strict()

export const KeychainStatus = z.object({
  available: z.boolean(),
  /** Why not, in words a user can act on; absent when available. */
  reason: z.string().optional()
})
export type KeychainStatus = z.infer<typeof KeychainStatus>

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  keychain: KeychainStatus,
  runtime: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    sqlite: z.string(),
    platform: z.string(),
    arch: z.string()
  })
})
export type AppInfo = z.infer<typeof AppInfo>

export const ConnectionTestResult = z.object({
  id: z.string(),
  outcome: z.enum(['works', 'credentials_rejected', 'not_reachable', 'unexpected_answer']),
  /** In words a support lead understands; never contains a secret. */
  message: z.string(),
  testedAt: z.string()
})
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>

/**
 * The one table of request channels: name -> {input, output}. Main implements exactly these
 * (src/main/ipc/handlers.ts), every transport parses `input` before a handler runs.
 */
export const channels = {
  'app.info': { input: Empty, output: AppInfo },
  'connections.list': { input: Empty, output: z.object({ connections: z.array(Connection) }) },
  'connections.get': { input: z.object({ id: ConnectionId }).strict(), output: Connection },
  'connections.add': { input: NewConnection, output: Connection },
  'connections.update': { input: ConnectionEdit, output: Connection },
  'connections.test': { input: z.object({ id: ConnectionId }).strict(), output: ConnectionTestResult },
  'connections.remove': {
    input: z.object({ id: ConnectionId }).strict(),
    output: z.object({ id: ConnectionId, secretRemoved: z.boolean() })
  }
} as const

/** The one table of main -> renderer events: name -> payload. */
export const events = {
  'connections.changed': z.object({
    change: z.enum(['added', 'updated', 'removed']),
    id: ConnectionId
  })
} as const

export type Channels = typeof channels
export type Channel = keyof Channels
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const CHANNEL_NAMES = Object.keys(channels) as Channel[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name)
}
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name)
}

/** What the renderer and the CLI call; each transport (preload, web host, in-process) provides one. */
export interface Api {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
