import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../shared/errors'
import { nativeBindingFor } from '../native-modules'
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations'

export type Db = Database.Database

/** The page size of a database made from now on. */
export const PAGE_SIZE = 16384

export interface OpenOptions {
  /** Apply migrations only up to this version (tests build old databases with it). */
  targetVersion?: number
  readonly?: boolean
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (!opts.readonly) mkdirSync(dirname(file), { recursive: true })
  const nativeBinding = nativeBindingFor('better_sqlite3')
  const db = new Database(file, { readonly: opts.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) })
  // 16 KiB pages: a response is ~2.6 KB across its tables, so a 4 KiB page held one or two bodies.
  // Measured back to back (bench/store-ingest.bench.ts): writer -15% and checkpoints -35% a row
  // (200k breakdown); at 1M a first sync of five interleaved connections +30% and the file -11%;
  // a one-connection first sync and the inbox queries within noise. SQLite applies it only to a
  // file with no tables yet: an existing database keeps the page size it was made with (changing
  // it means a VACUUM, which WAL mode refuses).
  if (!opts.readonly) db.pragma(`page_size = ${PAGE_SIZE}`)
  // WAL lets the CLI, the web host and the app read while one of them writes.
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('synchronous = NORMAL')
  if (!opts.readonly) migrate(db, opts.targetVersion ?? LATEST_SCHEMA_VERSION)
  return db
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Applies each pending migration in its own transaction together with its user_version bump. */
export function migrate(db: Db, target: number = LATEST_SCHEMA_VERSION, list: readonly Migration[] = migrations): void {
  const current = schemaVersion(db)
  // Other SQLite files (the send ledger) pass their own list, so "newer" is judged against that list.
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0)
  if (current > latest) {
    throw new AppError(
      'unsupported',
      `This database is at schema version ${current}, made by a newer Survey Desk (this one knows up to ${latest}). Update the app; the data was left untouched.`
    )
  }
  for (const m of list) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
