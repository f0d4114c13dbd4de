import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, PAGE_SIZE, schemaVersion } from '../../src/main/store/database'
import { LATEST_SCHEMA_VERSION, migrations } from '../../src/main/store/migrations'
import { WriterCore } from '../../src/main/store/cache/writer-core'
import { ReaderCore } from '../../src/main/store/cache/reader-core'
import type { InboxFilters } from '../../src/shared/domain/inbox'
import { makeResponse } from '../support/responses'
import { makeTempDir } from '../support/temp-dir'

let cleanup: () => void = () => {}
afterEach(() => cleanup())

function tempFile(): string {
  const t = makeTempDir()
  cleanup = t.cleanup
  return join(t.dir, 'db.sqlite3')
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
  })

  it('opens a new database at the latest version with WAL and foreign keys on', () => {
    const db = openDatabase(tempFile())
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })

  it('makes a new database with 16 KiB pages', () => {
    const db = openDatabase(tempFile())
    expect(PAGE_SIZE).toBe(16384)
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE)
    db.close()
  })

  // Databases made before 16 KiB pages have 4 KiB ones; SQLite cannot change that in WAL mode.
  it('opens a 4 KiB-page database made at version 8, keeps its page size, upgrades it and writes to it', () => {
    const file = tempFile()
    const old = new Database(file)
    old.pragma('page_size = 4096')
    old.pragma('journal_mode = WAL')
    migrate(old, 8)
    old
      .prepare(
        `INSERT INTO connections (id, provider, label, base_url, region, settings, created_at, updated_at)
         VALUES ('33333333-3333-4333-8333-333333333333', 'customersure', 'CS', NULL, NULL, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`
      )
      .run()
    old.close()

    const db = openDatabase(file)
    expect(db.pragma('page_size', { simple: true })).toBe(4096)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    const written = new WriterCore(db).applyPage({
      connectionId: '33333333-3333-4333-8333-333333333333',
      stream: 'responses',
      entity: 'response',
      items: [makeResponse('1', { comment: 'Société très utile' })]
    })
    expect(written.inserted).toBe(1)
    expect(db.prepare("SELECT r.external_id FROM responses_fts f JOIN responses r ON r.id = f.rowid WHERE responses_fts MATCH 'societe'").pluck().all()).toEqual(['1'])
    db.close()
  })

  // Every version a user may still have on disk must upgrade with its data intact.
  for (let from = 0; from < LATEST_SCHEMA_VERSION; from++) {
    it(`upgrades a database built at version ${from} and keeps its connections`, () => {
      const file = tempFile()
      const old = openDatabase(file, { targetVersion: from })
      expect(schemaVersion(old)).toBe(from)
      if (from >= 1) {
        old
          .prepare(
            `INSERT INTO connections (id, provider, label, base_url, region, settings, created_at, updated_at)
             VALUES ('11111111-1111-4111-8111-111111111111', 'customergauge', 'CG EU', NULL, 'eu', '{"clientId":"abc"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`
          )
          .run()
      }
      old.close()

      const db = openDatabase(file)
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      const rows = db.prepare('SELECT id, label, region, settings, is_demo FROM connections').all()
      expect(rows).toEqual(
        from >= 1 ? [{ id: '11111111-1111-4111-8111-111111111111', label: 'CG EU', region: 'eu', settings: '{"clientId":"abc"}', is_demo: 0 }] : []
      )
      db.close()
    })
  }

  // Version 11 moved tags from the response_tags b-tree to an FTS5 label index (schema-v11-label-index.ts).
  it('upgrades 10 -> 11 with tagged responses: every tag still filters, lists and leaves with its response', () => {
    const file = tempFile()
    const old = openDatabase(file, { targetVersion: 10 })
    const [A, B] = ['44444444-4444-4444-8444-444444444444', '55555555-5555-4555-8555-555555555555']
    const conn = old.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', ?, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
    conn.run(A, 'CS A')
    conn.run(B, 'CS B')
    const body = old.prepare(`INSERT INTO response_bodies (labels, raw) VALUES (?, '{}')`)
    const response = old.prepare(
      `INSERT INTO responses (id, connection_id, stream, provider, kind, external_id, comment, tags, responded_ms, responded_at, synced_at, content_hash, body_id)
       VALUES (?, ?, 'responses', 'customersure', 'customersure_response', ?, 'A comment', ?, ?, ?, '2026-01-01T00:00:00Z', 'h', ?)`
    )
    // Since version 9 the writer keeps the search index, not a trigger.
    const search = old.prepare(`INSERT INTO responses_fts (rowid, comment) VALUES (?, 'A comment')`)
    const tag = old.prepare('INSERT INTO response_tags (tag, response_id, connection_id) VALUES (?, ?, ?)')
    const rows: Array<[number, string, string, string[]]> = [
      [1, A, 'a1', ['Billing', 'VIP']],
      [2, B, 'b1', ['Billing']],
      [3, A, 'a2', []],
      [4, A, 'a3', ['Delivery']]
    ]
    for (const [n, connection, externalId, tags] of rows) {
      const ms = Date.UTC(2025, 0, n)
      const id = ms * 2048
      const bodyId = Number(body.run(JSON.stringify(tags)).lastInsertRowid)
      response.run(id, connection, externalId, JSON.stringify(tags), ms, new Date(ms).toISOString(), bodyId)
      search.run(id)
      for (const t of tags) tag.run(t, id, connection)
    }
    old.close()

    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'response_tags'").get()).toBeUndefined()
    const reader = new ReaderCore(db)
    const ids = (filters: Partial<InboxFilters>): string[] => reader.inboxList({ filters: { timeZone: 'UTC', ...filters }, limit: 10 }).items.map((i) => db.prepare('SELECT external_id FROM responses WHERE id = ?').pluck().get(i.id) as string)
    expect(ids({ tags: ['Billing'] })).toEqual(['b1', 'a1'])
    expect(ids({ tags: ['Billing'], connectionIds: [A] })).toEqual(['a1'])
    expect(ids({ tags: ['VIP', 'Delivery'] })).toEqual(['a3', 'a1'])
    expect(ids({ tags: ['Billing'], search: 'comment' })).toEqual(['b1', 'a1'])
    expect(reader.inboxFacets().tags).toEqual(['Billing', 'Delivery', 'VIP'])
    expect(reader.inboxFacets([B]).tags).toEqual(['Billing'])
    db.pragma('query_only = OFF')

    // The delete trigger takes a response's labels with it; a tag no response carries is no longer listed.
    db.prepare("DELETE FROM responses WHERE external_id = 'a3'").run()
    expect(ids({ tags: ['Delivery'] })).toEqual([])
    expect(reader.inboxFacets().tags).toEqual(['Billing', 'VIP'])
    // The writer finds the migrated labels: a new Billing row joins the old ones under one label.
    new WriterCore(db).applyPage({ connectionId: A, stream: 'responses', entity: 'response', items: [makeResponse('a4', { tags: ['Billing'], respondedAt: '2025-02-01T00:00:00Z' })] })
    expect(ids({ tags: ['Billing'] })).toEqual(['a4', 'b1', 'a1'])
    expect(db.prepare('SELECT count(*) FROM labels WHERE tag = ?').pluck().get('Billing')).toBe(2)
    db.close()
  })

  it('upgrades 2 -> 3 with data: the demo flag and settings survive and the cache tables work', () => {
    const file = tempFile()
    const old = openDatabase(file, { targetVersion: 2 })
    old
      .prepare(
        `INSERT INTO connections (id, provider, label, base_url, region, settings, created_at, updated_at, is_demo)
         VALUES ('22222222-2222-4222-8222-222222222222', 'nicereply', 'Demo Nicereply', 'http://127.0.0.1:1', NULL, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)`
      )
      .run()
    old.prepare(`INSERT INTO app_settings (key, value, updated_at) VALUES ('sync.intervalMinutes', '60', '2026-01-01T00:00:00Z')`).run()
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'responses'").get()).toBeUndefined()
    old.close()

    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.prepare('SELECT label, is_demo FROM connections').all()).toEqual([{ label: 'Demo Nicereply', is_demo: 1 }])
    expect(db.prepare('SELECT value FROM app_settings').pluck().all()).toEqual(['60'])
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    for (const t of ['responses', 'response_bodies', 'labels', 'response_labels', 'responses_fts', 'surveys', 'sites', 'staff', 'teams', 'templates', 'customers', 'feedback_requests', 'client_accounts', 'unsubscribes', 'sync_state', 'sync_locks']) {
      expect(tables).toContain(t)
    }
    // The search index works: a row the writer stores after the upgrade is searchable with diacritics folded.
    new WriterCore(db).applyPage({
      connectionId: '22222222-2222-4222-8222-222222222222',
      stream: 'csat_ratings',
      entity: 'response',
      items: [makeResponse('7', { provider: 'nicereply', kind: 'nicereply_rating', comment: 'Très bon accueil' })]
    })
    expect(db.prepare("SELECT r.external_id FROM responses_fts f JOIN responses r ON r.id = f.rowid WHERE responses_fts MATCH 'tres'").pluck().all()).toEqual(['7'])
    db.close()
  })

  it('rolls back a failing migration together with its version bump', () => {
    const file = tempFile()
    const db = openDatabase(file, { targetVersion: 1 })
    const broken = [...migrations.slice(0, 1), { version: 2, name: 'broken', sql: 'CREATE TABLE t (x); SELECT * FROM no_such_table;' }]
    expect(() => migrate(db, 2, broken)).toThrow(/no_such_table/)
    expect(schemaVersion(db)).toBe(1)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined()
    db.close()
  })

  it('refuses a database from a newer app and leaves it untouched', () => {
    const file = tempFile()
    const db = openDatabase(file)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    db.close()
    expect(() => openDatabase(file)).toThrow(/newer Survey Desk/)
  })
})
