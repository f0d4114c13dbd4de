import { z } from 'zod'
import { Connection, ConnectionEdit, ConnectionId, NewConnection } from './domain/connection'
import { InboxCount, InboxDetail, InboxFacets, InboxFilters, InboxListInput, InboxPage, SyncProgress, SyncStatus } from './domain/inbox'
import { reportsChannels } from './contract/reports'
import { followupsChannels } from './contract/followups'
import { savedReportChannels } from './contract/reports-saved'
import { manageChannels, manageEvents } from './contract/manage'
import { sendsChannels, sendsEvents } from './contract/sends'

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
  },

  // Offline inbox: read only from the local cache, never waiting on the network.
  'inbox.list': { input: InboxListInput, output: InboxPage },
  'inbox.count': { input: z.object({ filters: InboxFilters }).strict(), output: InboxCount },
  'inbox.detail': { input: z.object({ id: z.number().int().positive() }).strict(), output: InboxDetail },
  'inbox.facets': { input: z.object({ connectionIds: z.array(ConnectionId).max(100).optional() }).strict(), output: InboxFacets },

  // Sync runs in main and reports through the sync.progress event.
  'sync.start': {
    input: z.object({ connectionIds: z.array(ConnectionId).max(100).optional(), full: z.boolean().default(false) }).strict(),
    output: z.object({ started: z.array(ConnectionId), alreadyRunning: z.array(ConnectionId) })
  },
  'sync.cancel': {
    input: z.object({ connectionIds: z.array(ConnectionId).max(100).optional() }).strict(),
    output: z.object({ cancelled: z.array(ConnectionId) })
  },
  'sync.status': { input: Empty, output: SyncStatus },
  'sync.settings': {
    input: z.object({ intervalMinutes: z.number().int().min(5, 'At least 5 minutes').max(24 * 60, 'At most once a day') }).strict(),
    output: SyncStatus
  },

  // Demo workspace: the five simulators in-process, a demo connection for each.
  'demo.start': { input: Empty, output: z.object({ connections: z.array(Connection) }) },
  'demo.remove': { input: Empty, output: z.object({ removed: z.number().int() }) },

  ...reportsChannels,
  ...followupsChannels,
  ...savedReportChannels,
  ...manageChannels,
  ...sendsChannels
} as const

/** The one table of main -> renderer events: name -> payload. */
export const events = {
  'connections.changed': z.object({
    change: z.enum(['added', 'updated', 'removed']),
    id: ConnectionId
  }),
  /** Per stream, at most a few times a second while it runs, and once when it ends. */
  'sync.progress': SyncProgress,
  /** Whole-connection state changes (started, finished, failed) and the online flag. */
  'sync.status': SyncStatus,
  /** New or changed rows were committed to the cache: lists showing these connections may refresh. */
  'inbox.changed': z.object({ connectionIds: z.array(ConnectionId) }),
  ...manageEvents,
  ...sendsEvents
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
