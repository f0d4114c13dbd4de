/**
 * Numbered schema migrations. The database's `user_version` is the number of the last one applied.
 * Never edit a shipped migration: add the next number. test/unit/store-migrations.test.ts builds a
 * database at every earlier version and upgrades it.
 */
import { CACHE_SCHEMA_SQL } from './cache/schema-v3'
import { REPORTS_SCHEMA_SQL } from './cache/schema-v4-rollups'
import { FOLLOW_UPS_SCHEMA_SQL } from './schema-v5-followups'
import { MANAGE_SCHEMA_SQL } from './schema-v6-manage'
import { SYNC_LOCKS_SCHEMA_SQL } from './schema-v7-sync-locks'
import { PAGE_ROLLUPS_SCHEMA_SQL } from './cache/schema-v8-page-rollups'
import { PAGE_SEARCH_SCHEMA_SQL } from './cache/schema-v9-page-search'
import { OUTBOX_UNCERTAIN_SCHEMA_SQL } from './schema-v10-outbox-uncertain'
import { LABEL_INDEX_SCHEMA_SQL } from './cache/schema-v11-label-index'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'connections',
    sql: `
      CREATE TABLE connections (
        id          TEXT PRIMARY KEY,
        provider    TEXT NOT NULL CHECK (provider IN ('customersure','enco','customergauge','feedbackapi','nicereply')),
        label       TEXT NOT NULL,
        base_url    TEXT,
        region      TEXT CHECK (region IS NULL OR region IN ('eu','us','au')),
        settings    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX connections_provider ON connections(provider);
    `
  },
  {
    version: 2,
    name: 'demo flag and app settings',
    sql: `
      ALTER TABLE connections ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0,1));
      CREATE TABLE app_settings (
        key         TEXT PRIMARY KEY,
        value       TEXT NOT NULL CHECK (json_valid(value)),
        updated_at  TEXT NOT NULL
      ) STRICT;
    `
  },
  {
    version: 3,
    name: 'provider data cache',
    sql: CACHE_SCHEMA_SQL
  },
  { version: 4, name: 'report rollups and provider figures', sql: REPORTS_SCHEMA_SQL },
  { version: 5, name: 'follow-ups and saved reports', sql: FOLLOW_UPS_SCHEMA_SQL },
  { version: 6, name: 'manage outbox and cross-provider links', sql: MANAGE_SCHEMA_SQL },
  { version: 7, name: 'sync locks', sql: SYNC_LOCKS_SCHEMA_SQL },
  { version: 8, name: 'report rollups kept per page by the writer', sql: PAGE_ROLLUPS_SCHEMA_SQL },
  { version: 9, name: 'search index kept per page by the writer', sql: PAGE_SEARCH_SCHEMA_SQL },
  { version: 10, name: 'outbox entries whose answer was lost', sql: OUTBOX_UNCERTAIN_SCHEMA_SQL },
  { version: 11, name: 'tags found through an FTS5 label index', sql: LABEL_INDEX_SCHEMA_SQL }
]

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version
