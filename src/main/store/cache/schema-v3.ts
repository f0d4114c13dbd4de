/**
 * Migration 3: the provider-data cache. Shipped SQL: never edit it, add a migration instead.
 *
 * Key choices (measured in bench/store-ingest.bench.ts and bench/inbox-queries.bench.ts):
 * - responses.id is a time-ordered key (see sort-key.ts: responded_ms * 2048 + n), so "newest
 *   first" is the table's own rowid order, every single-column index is already sorted newest-last
 *   within a value, and FTS5 (whose rowid is that id) can stream matches newest first and stop
 *   after a page instead of sorting every match by date.
 * - the per-filter indexes on site / staff / team / survey are partial (IS NOT NULL): providers
 *   without those fields (CustomerGauge has none) pay nothing for them.
 * - what only the detail shows (raw JSON, answers, drivers, properties: ~80% of a response's bytes)
 *   lives in response_bodies, keyed by an id given in write order, so a body is appended instead of
 *   landing at a random place in time order, and responses stays small enough that its scans,
 *   counts and random inserts touch few pages.
 * - response_tags holds tags and drivers, keyed (tag, response_id) so one tag streams newest first;
 *   a row's labels are found again through response_bodies.labels (the exact strings written), not
 *   a second index on response_id, which cost every tag a random insert.
 * - FTS5 keeps detail=column: searches are word-prefix ANDs (search-terms.ts), never phrases, so
 *   positions are not worth their writes.
 * - FTS5 is an external-content table kept by triggers that fire only when indexed text changes.
 * - reference tables remember the `stream` that wrote a row, so a full refresh of one stream
 *   (e-mail templates) never marks another's rows (SMS templates) removed.
 */

const PROVIDERS = `'customersure','enco','customergauge','feedbackapi','nicereply'`

/** Columns every reference table shares. */
const COMMON = `
  id            INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  stream        TEXT NOT NULL,
  provider      TEXT NOT NULL CHECK (provider IN (${PROVIDERS})),
  external_id   TEXT NOT NULL,
  raw           TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  generation    INTEGER NOT NULL DEFAULT 0,
  removed_at    TEXT,
  synced_at     TEXT NOT NULL`

const BOOL = (c: string): string => `${c} INTEGER CHECK (${c} IS NULL OR ${c} IN (0,1))`

function referenceTable(name: string, columns: string, key = 'connection_id, external_id'): string {
  return `
  CREATE TABLE ${name} (${COMMON},
    ${columns},
    UNIQUE (${key})
  ) STRICT;
  CREATE INDEX ${name}_stream ON ${name}(connection_id, stream, generation);`
}

export const CACHE_SCHEMA_SQL = `
  CREATE TABLE responses (
    id                   INTEGER PRIMARY KEY,
    connection_id        TEXT NOT NULL,
    stream               TEXT NOT NULL,
    provider             TEXT NOT NULL CHECK (provider IN (${PROVIDERS})),
    kind                 TEXT NOT NULL CHECK (kind IN ('customersure_response','customergauge_response','nicereply_rating','feedbackapi_feedback','feedbackapi_review')),
    external_id          TEXT NOT NULL,
    survey_external_id   TEXT,
    survey_name          TEXT,
    metric               TEXT CHECK (metric IS NULL OR metric IN ('nps','csat','ces','star','happy','rating','other')),
    score                REAL,
    scale_min            REAL,
    scale_max            REAL,
    sentiment            TEXT CHECK (sentiment IS NULL OR sentiment IN ('very_negative','negative','neutral','positive','very_positive')),
    comment              TEXT,
    answers_text         TEXT,
    customer_external_id TEXT,
    customer_name        TEXT,
    customer_email       TEXT,
    customer_phone       TEXT,
    customer_company     TEXT,
    customer_reference   TEXT,
    site_external_id     TEXT,
    site_name            TEXT,
    staff_external_id    TEXT,
    staff_name           TEXT,
    team_external_id     TEXT,
    team_name            TEXT,
    tags                 TEXT NOT NULL DEFAULT '[]',
    channel              TEXT,
    language             TEXT,
    link_reference       TEXT,
    link_machine_id      TEXT,
    link_ticket_url      TEXT,
    link_source_url      TEXT,
    responded_ms         INTEGER NOT NULL,
    responded_at         TEXT NOT NULL,
    updated_at           TEXT,
    synced_at            TEXT NOT NULL,
    content_hash         TEXT NOT NULL,
    body_id              INTEGER NOT NULL,
    removed_at           TEXT,
    UNIQUE (connection_id, kind, external_id)
  ) STRICT;
  CREATE TABLE response_bodies (
    id         INTEGER PRIMARY KEY,
    labels     TEXT NOT NULL DEFAULT '[]',
    drivers    TEXT NOT NULL DEFAULT '[]',
    answers    TEXT NOT NULL DEFAULT '[]',
    properties TEXT NOT NULL DEFAULT '{}',
    raw        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX responses_connection ON responses(connection_id);
  CREATE INDEX responses_metric ON responses(metric);
  CREATE INDEX responses_survey ON responses(connection_id, survey_external_id) WHERE survey_external_id IS NOT NULL;
  CREATE INDEX responses_site ON responses(connection_id, site_external_id) WHERE site_external_id IS NOT NULL;
  CREATE INDEX responses_staff ON responses(connection_id, staff_external_id) WHERE staff_external_id IS NOT NULL;
  CREATE INDEX responses_team ON responses(connection_id, team_external_id) WHERE team_external_id IS NOT NULL;

  CREATE TABLE response_tags (
    tag           TEXT NOT NULL,
    response_id   INTEGER NOT NULL,
    connection_id TEXT NOT NULL,
    PRIMARY KEY (tag, response_id)
  ) STRICT, WITHOUT ROWID;

  CREATE VIRTUAL TABLE responses_fts USING fts5(
    comment, answers_text, customer_name,
    content = 'responses', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2",
    detail = column
  );
  CREATE TRIGGER responses_after_insert AFTER INSERT ON responses BEGIN
    INSERT INTO responses_fts(rowid, comment, answers_text, customer_name) VALUES (new.id, new.comment, new.answers_text, new.customer_name);
  END;
  CREATE TRIGGER responses_after_delete AFTER DELETE ON responses BEGIN
    INSERT INTO responses_fts(responses_fts, rowid, comment, answers_text, customer_name) VALUES ('delete', old.id, old.comment, old.answers_text, old.customer_name);
    DELETE FROM response_tags WHERE tag IN (SELECT value FROM json_each((SELECT labels FROM response_bodies WHERE id = old.body_id))) AND response_id = old.id;
    DELETE FROM response_bodies WHERE id = old.body_id;
  END;
  CREATE TRIGGER responses_after_text_update AFTER UPDATE OF id, comment, answers_text, customer_name ON responses
  WHEN old.id IS NOT new.id OR old.comment IS NOT new.comment OR old.answers_text IS NOT new.answers_text OR old.customer_name IS NOT new.customer_name
  BEGIN
    INSERT INTO responses_fts(responses_fts, rowid, comment, answers_text, customer_name) VALUES ('delete', old.id, old.comment, old.answers_text, old.customer_name);
    INSERT INTO responses_fts(rowid, comment, answers_text, customer_name) VALUES (new.id, new.comment, new.answers_text, new.customer_name);
  END;
  ${referenceTable(
    'surveys',
    `name TEXT NOT NULL,
    metric TEXT,
    scale_min REAL,
    scale_max REAL,
    kind TEXT,
    ${BOOL('active')},
    questions TEXT NOT NULL DEFAULT '[]',
    created_at TEXT`
  )}
  ${referenceTable(
    'sites',
    `code TEXT,
    name TEXT NOT NULL,
    region TEXT,
    city TEXT,
    site_type TEXT,
    country_code TEXT,
    address TEXT NOT NULL DEFAULT '[]',
    postal_code TEXT,
    ${BOOL('active')},
    review_urls TEXT NOT NULL DEFAULT '{}'`
  )}
  ${referenceTable(
    'staff',
    `name TEXT NOT NULL,
    email TEXT,
    code TEXT,
    username TEXT,
    kind TEXT,
    team_external_ids TEXT NOT NULL DEFAULT '[]',
    team_name TEXT,
    ${BOOL('active')}`
  )}
  ${referenceTable(
    'teams',
    `name TEXT NOT NULL,
    member_external_ids TEXT NOT NULL DEFAULT '[]'`
  )}
  ${referenceTable(
    'templates',
    `channel TEXT NOT NULL CHECK (channel IN ('email','sms')),
    name TEXT NOT NULL,
    subject TEXT,
    body TEXT,
    locale TEXT,
    archived INTEGER NOT NULL CHECK (archived IN (0,1))`,
    // CustomerSure numbers e-mail and SMS templates separately: the same id can be both.
    'connection_id, channel, external_id'
  )}
  ${referenceTable(
    'customers',
    `name TEXT,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    opted_out INTEGER NOT NULL CHECK (opted_out IN (0,1)),
    invalid INTEGER NOT NULL CHECK (invalid IN (0,1)),
    site_external_ids TEXT NOT NULL DEFAULT '[]',
    created_at TEXT`
  )}
  ${referenceTable(
    'feedback_requests',
    `channel TEXT CHECK (channel IS NULL OR channel IN ('email','sms','voice')),
    status TEXT,
    recipient TEXT,
    customer_external_id TEXT,
    site_external_id TEXT,
    template_external_id TEXT,
    reference TEXT,
    sent_at TEXT,
    due_at TEXT,
    responded_at TEXT,
    created_at TEXT,
    updated_at TEXT`
  )}
  ${referenceTable(
    'client_accounts',
    `name TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0,1)),
    verb TEXT,
    limits TEXT NOT NULL DEFAULT '{}'`
  )}
  ${referenceTable(
    'unsubscribes',
    `email TEXT,
    created_at TEXT`
  )}

  CREATE TABLE sync_state (
    connection_id   TEXT NOT NULL,
    stream          TEXT NOT NULL,
    cursor          TEXT CHECK (cursor IS NULL OR json_valid(cursor)),
    generation      INTEGER NOT NULL DEFAULT 0,
    last_generation INTEGER NOT NULL DEFAULT 0,
    last_success_at TEXT,
    last_attempt_at TEXT,
    last_error      TEXT,
    rows            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (connection_id, stream)
  ) STRICT, WITHOUT ROWID;
`
