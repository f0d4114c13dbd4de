import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, schemaVersion } from '../../src/main/store/database'
import { LATEST_SCHEMA_VERSION, migrations } from '../../src/main/store/migrations'
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
