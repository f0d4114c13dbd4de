/**
 * Migration 6: managing reference data (issue 5). Shipped SQL: never edit it, add a migration instead.
 *
 * - manage_outbox: every write a user makes is committed here BEFORE it is sent, so nothing typed is
 *   lost on a crash, and a write made offline waits here until the provider is reachable. Entries
 *   are delivered per connection in id order; a delivered entry is deleted, a rejected one stays
 *   (with the provider's reason and field errors) until the user edits, retries or discards it.
 * - entity_links: a CustomerSure site <-> FeedbackAPI location, a CustomerSure staff member <->
 *   Nicereply user. The left side (CustomerSure) is the group; a right-hand row belongs to at most
 *   one group, so "one row per real site or person" is a plain lookup.
 * - entity_link_groups: for reports, every linked ref with the ref of its group
 *   (`<connection id>:<external id>`, the same shape as an EntityRef).
 */
export const MANAGE_SCHEMA_SQL = `
  CREATE TABLE manage_outbox (
    id            INTEGER PRIMARY KEY,
    connection_id TEXT NOT NULL,
    provider      TEXT NOT NULL CHECK (provider IN ('customersure','enco','customergauge','feedbackapi','nicereply')),
    op            TEXT NOT NULL,
    target_id     TEXT,
    summary       TEXT NOT NULL,
    write         TEXT NOT NULL CHECK (json_valid(write)),
    status        TEXT NOT NULL CHECK (status IN ('pending','sending','rejected')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
    field_errors  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(field_errors)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX manage_outbox_queue ON manage_outbox(connection_id, id);

  CREATE TABLE entity_links (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('site','staff')),
    left_ref   TEXT NOT NULL,
    right_ref  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (kind, right_ref)
  ) STRICT;
  CREATE INDEX entity_links_left ON entity_links(kind, left_ref);

  CREATE VIEW entity_link_groups AS
    SELECT DISTINCT kind, left_ref AS ref, left_ref AS group_ref FROM entity_links
    UNION ALL
    SELECT kind, right_ref AS ref, left_ref AS group_ref FROM entity_links;
`
