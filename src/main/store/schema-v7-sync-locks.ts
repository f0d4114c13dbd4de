import { lockTableSql } from './process-locks'

/**
 * Migration 7: one row per connection being synced, so two processes sharing the data folder (the
 * app and a `survey-desk sync` in a terminal) never interleave pages and cursors of one connection.
 * A row is live while its owner's process exists and its heartbeat is recent (see
 * src/main/sync/sync-lock.ts); a killed owner's row is simply taken over.
 */
// The same table text as shipped (process-locks.ts keeps it for both lock tables).
export const SYNC_LOCKS_SCHEMA_SQL = lockTableSql('sync_locks', 'connection_id')
