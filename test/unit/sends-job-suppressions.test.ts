import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/store/database'
import { ConnectionsRepo } from '../../src/main/store/connections-repo'
import { connectionsMissingSuppressions, readSuppressions } from '../../src/main/sends/protect/suppressions'
import { makeTempDir } from '../support/temp-dir'

const AT = '2026-06-01T00:00:00.000Z'

function addConnection(db: Db, id: string, provider: 'feedbackapi' | 'nicereply' | 'customersure', label: string): void {
  new ConnectionsRepo(db).insert({ id, provider, label, baseUrl: null, region: null, settings: {}, isDemo: false, createdAt: AT, updatedAt: AT })
}

function addCustomer(db: Db, c: { conn: string; provider: string; id: string; email: string | null; phone: string | null; optedOut: boolean; invalid: boolean; removed?: boolean }): void {
  db.prepare(
    `INSERT INTO customers (connection_id, stream, provider, external_id, raw, content_hash, synced_at, removed_at, email, phone, opted_out, invalid)
     VALUES (?, 'customers', ?, ?, '{}', 'h', ?, ?, ?, ?, ?, ?)`
  ).run(c.conn, c.provider, c.id, AT, c.removed ? AT : null, c.email, c.phone, c.optedOut ? 1 : 0, c.invalid ? 1 : 0)
}

describe('suppressions from the provider cache', () => {
  let tmp: ReturnType<typeof makeTempDir> | undefined
  let db: Db | undefined
  afterEach(() => {
    db?.close()
    tmp?.cleanup()
    db = tmp = undefined
  })

  it('collects opted-out and invalid customers and unsubscribes of every connection, normalised, naming where', () => {
    tmp = makeTempDir('sends-suppress-')
    db = openDatabase(`${tmp.dir}/survey-desk.sqlite3`)
    addConnection(db, 'fb', 'feedbackapi', 'Acme FB')
    addConnection(db, 'nr', 'nicereply', 'Acme NR')
    addCustomer(db, { conn: 'fb', provider: 'feedbackapi', id: '1', email: 'Jane@Example.com', phone: '+32 472 30 67 05', optedOut: true, invalid: false })
    addCustomer(db, { conn: 'fb', provider: 'feedbackapi', id: '2', email: 'bounce@example.com', phone: null, optedOut: false, invalid: true })
    addCustomer(db, { conn: 'fb', provider: 'feedbackapi', id: '3', email: 'fine@example.com', phone: null, optedOut: false, invalid: false })
    addCustomer(db, { conn: 'fb', provider: 'feedbackapi', id: '4', email: 'gone@example.com', phone: null, optedOut: true, invalid: false, removed: true })
    db.prepare(`INSERT INTO unsubscribes (connection_id, stream, provider, external_id, raw, content_hash, synced_at, email) VALUES ('nr', 'unsubscribes', 'nicereply', 'u1', '{}', 'h', ?, 'Unsub@Example.com')`).run(AT)

    const s = readSuppressions(db)
    expect([...s.emails.keys()].sort()).toEqual(['bounce@example.com', 'jane@example.com', 'unsub@example.com'])
    expect(s.emails.get('jane@example.com')).toEqual({ reason: 'opted_out', detail: 'opted out at FeedbackAPI (Acme FB)' })
    expect(s.emails.get('bounce@example.com')!.reason).toBe('invalid_contact')
    expect(s.emails.get('unsub@example.com')).toEqual({ reason: 'unsubscribed', detail: 'unsubscribed at Nicereply (Acme NR)' })
    expect([...s.phones.keys()]).toEqual(['+32472306705'])
  })

  it('names FeedbackAPI and Nicereply connections whose opt-out lists were never synced', () => {
    tmp = makeTempDir('sends-suppress-')
    db = openDatabase(`${tmp.dir}/survey-desk.sqlite3`)
    addConnection(db, 'fb', 'feedbackapi', 'FB')
    addConnection(db, 'nr', 'nicereply', 'NR')
    addConnection(db, 'cs', 'customersure', 'CS')
    expect(connectionsMissingSuppressions(db).sort()).toEqual(['fb', 'nr'])
    db.prepare(`INSERT INTO sync_state (connection_id, stream, last_success_at) VALUES ('fb', 'customers', ?)`).run(AT)
    db.prepare(`INSERT INTO sync_state (connection_id, stream, last_success_at) VALUES ('nr', 'ratings', ?)`).run(AT)
    expect(connectionsMissingSuppressions(db)).toEqual(['nr'])
  })
})
