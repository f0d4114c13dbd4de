/**
 * Migration 5: follow-ups and saved report definitions. Shipped SQL: never edit it, add a migration.
 *
 * follow_ups is keyed by the response's identity at the provider (connection, kind, external id),
 * not by responses.id: a resync or full refresh may rewrite the cached row under a new id, and the
 * follow-up must survive that. No foreign key to responses for the same reason (and a follow-up
 * outlives its response leaving the cache: the snapshot columns keep it readable).
 */
export const FOLLOW_UPS_SCHEMA_SQL = `
  CREATE TABLE follow_ups (
    id            INTEGER PRIMARY KEY,
    connection_id TEXT NOT NULL,
    provider      TEXT NOT NULL CHECK (provider IN ('customersure','enco','customergauge','feedbackapi','nicereply')),
    kind          TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (reason IN ('detractor','flagged')),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','closed')),
    owner         TEXT NOT NULL DEFAULT '',
    due_date      TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes         TEXT NOT NULL DEFAULT '',
    metric        TEXT,
    score         REAL,
    scale_min     REAL,
    scale_max     REAL,
    customer_name TEXT,
    comment       TEXT,
    responded_at  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    closed_at     TEXT,
    UNIQUE (connection_id, kind, external_id)
  ) STRICT;
  CREATE INDEX follow_ups_status_due ON follow_ups(status, due_date);

  CREATE TABLE saved_reports (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    definition  TEXT NOT NULL CHECK (json_valid(definition)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    last_run_at TEXT
  ) STRICT;
`
