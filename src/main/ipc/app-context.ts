import { join } from 'node:path'
import { openDatabase, type Db } from '../store/database'
import { ConnectionsRepo } from '../store/connections-repo'
import type { SecretStore } from '../secrets/secret-store'
import { KeytarSecretStore } from '../secrets/keytar-secret-store'
import { EventBus } from './event-bus'
import type { ProviderModule } from '../providers/registry'
import type { ProviderId } from '../../shared/providers'

/** Everything a handler may touch. One per process (app, web host, CLI invocation). */
export interface AppContext {
  dataDir: string
  databaseFile: string
  db: Db
  connections: ConnectionsRepo
  secrets: SecretStore
  events: EventBus
  runtime: { electron: string | null; chrome: string | null }
  /** Provider modules; tests may swap one for a fake. Defaults to the real registry. */
  providers?: Record<ProviderId, ProviderModule>
  close(): void
}

export interface ContextOptions {
  dataDir: string
  secrets?: SecretStore
  runtime?: { electron: string | null; chrome: string | null }
}

export const DATABASE_FILE_NAME = 'survey-desk.sqlite3'

export function createAppContext(opts: ContextOptions): AppContext {
  const databaseFile = join(opts.dataDir, DATABASE_FILE_NAME)
  const db = openDatabase(databaseFile)
  return {
    dataDir: opts.dataDir,
    databaseFile,
    db,
    connections: new ConnectionsRepo(db),
    secrets: opts.secrets ?? new KeytarSecretStore(),
    events: new EventBus(),
    runtime: opts.runtime ?? { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    close: () => db.close()
  }
}
