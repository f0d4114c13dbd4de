import type { EventName, EventPayload } from '../../shared/contract'
import type { Cache } from '../store/cache-api'
import type { ConnectionRow } from '../store/connections-repo'
import type { Db } from '../store/database'

/**
 * What the engine needs from its surroundings. On the main thread that is the AppContext itself
 * (inline mode); in the sync worker it is the worker's own database connection, its own cache and
 * a message port to main for events and secrets (worker mode). Keeping it this narrow is what lets
 * the same engine run in either place.
 */
export interface SyncHost {
  /** For app settings (the interval). */
  db: Db
  connections: { list(): ConnectionRow[]; get(id: string): ConnectionRow | undefined }
  events: { emit<E extends EventName>(event: E, payload: EventPayload<E>): void }
  cache(): Cache
  resolveSecret(connectionId: string): Promise<string | null>
}
