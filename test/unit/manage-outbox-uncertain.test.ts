import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { OutboxEntry } from '../../src/shared/domain/manage'
import type { AppErrorShape } from '../../src/shared/errors'
import { manageRead, manageWrite } from '../../src/main/store/cache/manage-core'
import { openDatabase, type Db } from '../../src/main/store/database'
import { makeTempDir } from '../support/temp-dir'

/**
 * manage_outbox.uncertain (migration 10) on a real SQLite file: set when an attempt may have reached
 * the provider, kept through later failures, cleared only when the user is told the provider cannot
 * be asked; the rows known before a write are what its lookup must not take for its own.
 */

const CONN = '44444444-4444-4444-8444-444444444444'
let cleanup: () => void = () => {}
afterEach(() => cleanup())

function db(): Db {
  const t = makeTempDir()
  const d = openDatabase(join(t.dir, 'db.sqlite3'))
  cleanup = () => {
    d.close()
    t.cleanup()
  }
  d.prepare(`INSERT INTO connections (id, provider, label, base_url, region, settings, created_at, updated_at) VALUES (?, 'customersure', 'CS', NULL, NULL, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`).run(CONN)
  return d
}

const enqueue = (d: Db): OutboxEntry =>
  manageWrite(d, { method: 'enqueue', entry: { connectionId: CONN, provider: 'customersure', op: 'site.create', targetId: null, summary: 'Create site a', write: { op: 'site.create' } } }) as OutboxEntry
const entry = (d: Db, id: number): OutboxEntry => manageWrite(d, { method: 'entry', id }) as OutboxEntry
const lost: AppErrorShape = { code: 'network', message: 'the connection closed before the answer', details: [], retryable: true }

describe('outbox entries whose answer was lost', () => {
  it('starts certain; a crash mid-send (recoverSending) makes it uncertain', () => {
    const d = db()
    const e = enqueue(d)
    expect(e.uncertain).toBe(false)
    manageWrite(d, { method: 'markSending', id: e.id })
    expect(manageWrite(d, { method: 'recoverSending' })).toBe(1)
    expect(entry(d, e.id)).toMatchObject({ status: 'pending', uncertain: true })
  })

  it('stays uncertain through later failures that did not reach the provider, until the user is told it cannot be checked', () => {
    const d = db()
    const e = enqueue(d)
    manageWrite(d, { method: 'markPending', id: e.id, error: lost, uncertain: true })
    manageWrite(d, { method: 'markPending', id: e.id, error: { ...lost, message: 'the connection was refused' }, uncertain: false })
    expect(entry(d, e.id).uncertain).toBe(true)
    manageWrite(d, { method: 'markRejected', id: e.id, error: { ...lost, code: 'validation' }, fieldErrors: [] })
    expect(entry(d, e.id)).toMatchObject({ status: 'rejected', uncertain: true })
    manageWrite(d, { method: 'markRejected', id: e.id, error: { ...lost, code: 'conflict' }, fieldErrors: [], settled: true })
    expect(entry(d, e.id)).toMatchObject({ status: 'rejected', uncertain: false })
  })

  it('knows which rows the cache held since before a time', () => {
    const d = db()
    const site = d.prepare(
      `INSERT INTO sites (connection_id, stream, provider, external_id, raw, content_hash, synced_at, name) VALUES (?, 'sites', 'customersure', ?, '{}', 'h', ?, ?)`
    )
    site.run(CONN, '1', '2026-11-01T00:00:00.000Z', 'Old')
    site.run(CONN, '2', '2026-11-02T00:00:00.000Z', 'New')
    expect(manageRead(d, { method: 'knownBefore', table: 'sites', connectionId: CONN, before: '2026-11-01T12:00:00.000Z' })).toEqual(['1'])
  })
})
