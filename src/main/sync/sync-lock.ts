import type { Db } from '../store/database'
import { ProcessLocks, type LockHolder, type OwnerKind } from '../store/process-locks'

/**
 * One syncer per connection across processes. The app and a `survey-desk sync` share the data
 * folder; each would page through the same stream with its own cursor, so their pages and cursor
 * writes would interleave. The owner is a row in sync_locks (migration 7), kept by ProcessLocks.
 */

export { defaultOwnerKind, HEARTBEAT_MS, STALE_AFTER_MS } from '../store/process-locks'
export type SyncOwnerKind = OwnerKind
export type SyncLockHolder = LockHolder

/** "already syncing in 4242/cli": the words both the CLI and the app show. */
export function describeHolder(h: SyncLockHolder): string {
  return `already syncing in ${h.pid}/${h.kind}`
}

export class SyncLocks extends ProcessLocks {
  constructor(db: Db, kind: SyncOwnerKind, now: () => number = Date.now) {
    super(db, { table: 'sync_locks', key: 'connection_id' }, kind, now)
  }
}
