import type { Migration } from '../../store/migrations'
import { lockTableSql } from '../../store/process-locks'

/**
 * The send ledger's own numbered migrations (sends.sqlite, separate from the provider cache so it
 * can run synchronous=FULL without slowing the sync). Never edit a shipped one: add the next number.
 */
export const LEDGER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'jobs, rows, mappings, do-not-contact, send history',
    sql: `
      CREATE TABLE jobs (
        id               TEXT PRIMARY KEY,
        connection_id    TEXT NOT NULL,
        connection_label TEXT NOT NULL,
        provider         TEXT NOT NULL CHECK (provider IN ('customersure','enco','feedbackapi','nicereply')),
        purpose          TEXT NOT NULL CHECK (purpose IN ('send','import_ratings')),
        file_name        TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('running','waiting','paused','needs_attention','done','cancelled','failed')),
        status_detail    TEXT,
        protection       TEXT NOT NULL CHECK (json_valid(protection)),
        created_at       TEXT NOT NULL,
        finished_at      TEXT,
        updated_at       TEXT NOT NULL
      ) STRICT;

      -- One row per CSV row. status: pending -> in_flight (committed before the call) -> sent | failed | skipped | unknown.
      CREATE TABLE job_rows (
        job_id          TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        row_number      INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        status          TEXT NOT NULL CHECK (status IN ('pending','in_flight','sent','failed','skipped','unknown')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        recipient       TEXT,
        email           TEXT,
        phone           TEXT,
        time_zone       TEXT,
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        cells           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(cells)),
        -- The request that was (or would be) sent, secrets never included.
        request         TEXT CHECK (request IS NULL OR json_valid(request)),
        -- An adapter's progress inside one row (FeedbackAPI: the customer id once the upsert answered).
        stage           TEXT CHECK (stage IS NULL OR json_valid(stage)),
        provider_ref    TEXT,
        answer          TEXT,
        detail          TEXT,
        in_flight_at    INTEGER,
        not_before      INTEGER NOT NULL DEFAULT 0,
        updated_at      TEXT,
        PRIMARY KEY (job_id, row_number)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX job_rows_status ON job_rows(job_id, status, row_number);

      CREATE TABLE saved_mappings (
        connection_id    TEXT NOT NULL,
        header_signature TEXT NOT NULL,
        headers          TEXT NOT NULL CHECK (json_valid(headers)),
        mapping          TEXT NOT NULL CHECK (json_valid(mapping)),
        updated_at       TEXT NOT NULL,
        PRIMARY KEY (connection_id, header_signature)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE do_not_contact (
        value    TEXT PRIMARY KEY,
        kind     TEXT NOT NULL CHECK (kind IN ('email','phone')),
        added_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- Who got a survey from this app, when, through which provider: the over-survey rule reads it.
      CREATE TABLE send_history (
        id            INTEGER PRIMARY KEY,
        email         TEXT,
        phone         TEXT,
        provider      TEXT NOT NULL,
        connection_id TEXT NOT NULL,
        job_id        TEXT NOT NULL,
        row_number    INTEGER NOT NULL,
        sent_at_ms    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX send_history_email ON send_history(email, sent_at_ms) WHERE email IS NOT NULL;
      CREATE INDEX send_history_phone ON send_history(phone, sent_at_ms) WHERE phone IS NOT NULL;

      CREATE TABLE ledger_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT, WITHOUT ROWID;
    `
  },
  {
    version: 2,
    name: 'one runner per job across processes',
    // A job resumed by the app while `survey-desk sends resume` runs it (or the reverse) would send
    // its pending rows twice and mark the other's in-flight rows unknown. The runner's process
    // holds the job's row here (see src/main/store/process-locks.ts), heartbeat and all.
    sql: lockTableSql('job_locks', 'job_id')
  }
]

export const LEDGER_SCHEMA_VERSION = LEDGER_MIGRATIONS[LEDGER_MIGRATIONS.length - 1]!.version
