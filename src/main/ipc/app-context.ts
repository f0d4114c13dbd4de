import { join } from 'node:path'
import type { ProviderId } from '../../shared/providers'
import { createDemoWorkspace } from '../demo'
import type { DemoWorkspace } from '../demo/demo-api'
import type { ProviderModule } from '../providers/registry'
import type { SecretStore } from '../secrets/secret-store'
import { KeytarSecretStore } from '../secrets/keytar-secret-store'
import type { Cache } from '../store/cache-api'
import { createCache } from '../store/cache'
import { ConnectionsRepo } from '../store/connections-repo'
import { openDatabase, type Db } from '../store/database'
import { createSyncEngine } from '../sync'
import { stopManageOutbox } from '../manage'
import { createSendsService, type SendsService } from '../sends/service'
import type { SyncEngine } from '../sync/sync-api'
import { EventBus } from './event-bus'

/** Everything a handler may touch. One per process (app, web host, CLI invocation). */
export interface AppContext {
  dataDir: string
  databaseFile: string
  /** The main thread's own connection: small, quick reads and writes only (connections, settings). */
  db: Db
  connections: ConnectionsRepo
  secrets: SecretStore
  events: EventBus
  runtime: { electron: string | null; chrome: string | null }
  /** Provider modules; tests may swap one for a fake. Defaults to the real registry. */
  providers?: Record<ProviderId, ProviderModule>
  /** The provider-data cache on its worker threads, started on first use. */
  cache(): Cache
  /** The sync engine, created on first use. */
  sync(): SyncEngine
  /** The demo workspace, created on first use. */
  demo(): DemoWorkspace
  /** Bulk sends (wizard state, the send engine and its ledger), created on first use. */
  sends(): SendsService
  /** A connection's secret: a demo connection's from the running simulator, any other from the keychain. */
  resolveSecret(connectionId: string): Promise<string | null>
  /** Closes the main thread's database only (synchronous). */
  close(): void
  /** Stops everything started lazily (sync, simulators, cache workers), then closes the database. */
  shutdown(): Promise<void>
}

export interface ContextOptions {
  dataDir: string
  secrets?: SecretStore
  runtime?: { electron: string | null; chrome: string | null }
  /** 'inline' runs the cache on the calling thread (unit tests); the app uses worker threads. */
  cacheMode?: 'worker' | 'inline'
}

export const DATABASE_FILE_NAME = 'survey-desk.sqlite3'

export function createAppContext(opts: ContextOptions): AppContext {
  const databaseFile = join(opts.dataDir, DATABASE_FILE_NAME)
  const db = openDatabase(databaseFile)
  let cache: Cache | undefined
  let sync: SyncEngine | undefined
  let demo: DemoWorkspace | undefined
  let sends: SendsService | undefined
  let closed = false
  const ctx: AppContext = {
    dataDir: opts.dataDir,
    databaseFile,
    db,
    connections: new ConnectionsRepo(db),
    secrets: opts.secrets ?? new KeytarSecretStore(),
    events: new EventBus(),
    runtime: opts.runtime ?? { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    cache: () => (cache ??= createCache({ databaseFile, mode: opts.cacheMode ?? 'worker' })),
    sync: () => (sync ??= createSyncEngine(ctx)),
    demo: () => (demo ??= createDemoWorkspace(ctx)),
    sends: () => (sends ??= createSendsService(ctx)),
    async resolveSecret(connectionId) {
      const demoSecret = demo?.secretFor(connectionId)
      if (demoSecret !== undefined) return demoSecret
      return ctx.secrets.get(connectionId)
    },
    close() {
      if (closed) return
      closed = true
      db.close()
    },
    async shutdown() {
      await stopManageOutbox(ctx)
      await sends?.shutdown()
      await sync?.shutdown()
      await demo?.shutdown()
      await cache?.close()
      ctx.close()
    }
  }
  return ctx
}
