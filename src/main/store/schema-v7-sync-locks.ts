/**
 * Migration 7: one row per connection being synced, so two processes sharing the data folder (the
 * app and a `survey-desk sync` in a terminal) never interleave pages and cursors of one connection.
 * A row is live while its owner's process exists and its heartbeat is recent (see
 * src/main/sync/sync-lock.ts); a killed owner's row is simply taken over.
 */
export const SYNC_LOCKS_SCHEMA_SQL = `
  CREATE TABLE sync_locks (
    connection_id TEXT PRIMARY KEY,
    owner_pid     INTEGER NOT NULL,
    owner_kind    TEXT NOT NULL CHECK (owner_kind IN ('app','cli')),
    owner_token   TEXT NOT NULL,
    taken_at      TEXT NOT NULL,
    heartbeat_ms  INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
`
