import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LabelIndex } from '../../src/main/store/cache/label-index'
import { openDatabase, type Db } from '../../src/main/store/database'
import { makeTempDir } from '../support/temp-dir'

const CONN = '11111111-1111-4111-8111-111111111111'
const OTHER = '33333333-3333-4333-8333-333333333333'

let cleanup: () => void
let db: Db

beforeEach(() => {
  const t = makeTempDir()
  cleanup = t.cleanup
  db = openDatabase(join(t.dir, 'db.sqlite3'))
})
afterEach(() => {
  db.close()
  cleanup()
})

/** The ids the index holds under `tag` in any connection, newest (highest) first. */
const tagged = (tag: string): number[] =>
  db
    .prepare(`SELECT rowid FROM response_labels WHERE response_labels MATCH (SELECT coalesce(group_concat('l' || id, ' OR '), 'l0') FROM labels WHERE tag = ?) ORDER BY rowid DESC`)
    .pluck()
    .all(tag) as number[]

/** As the writer does: one transaction, then committed() or rolledBack(). */
function page(index: LabelIndex, work: () => void): void {
  try {
    db.transaction(work).immediate()
    index.committed()
  } catch (err) {
    index.rolledBack()
    throw err
  }
}

describe('LabelIndex', () => {
  it('indexes each row under its labels, per connection, and replaces a row\'s labels', () => {
    const index = new LabelIndex(db)
    page(index, () => index.added(CONN, [['Billing', 10], ['VIP', 10], ['Billing', 11]]))
    page(index, () => index.added(OTHER, [['Billing', 12]]))
    expect(tagged('Billing')).toEqual([12, 11, 10])
    expect(tagged('VIP')).toEqual([10])
    expect(db.prepare('SELECT connection_id, tag FROM labels ORDER BY id').all()).toEqual([
      { connection_id: CONN, tag: 'Billing' },
      { connection_id: CONN, tag: 'VIP' },
      { connection_id: OTHER, tag: 'Billing' }
    ])
    page(index, () => {
      index.removing([10])
      index.added(CONN, [['Delivery', 10]])
    })
    expect(tagged('Billing')).toEqual([12, 11])
    expect(tagged('VIP')).toEqual([])
    expect(tagged('Delivery')).toEqual([10])
  })

  it('does not keep a label id made in a transaction that rolled back: SQLite gives that id to the next new tag', () => {
    const index = new LabelIndex(db)
    expect(() =>
      page(index, () => {
        index.added(CONN, [['Billing', 1]])
        throw new Error('the page failed after its labels')
      })
    ).toThrow('the page failed after its labels')
    expect(db.prepare('SELECT count(*) FROM labels').pluck().get()).toBe(0)
    page(index, () => index.added(CONN, [['VIP', 2]]))
    page(index, () => index.added(CONN, [['Billing', 3]]))
    expect(tagged('VIP')).toEqual([2])
    expect(tagged('Billing')).toEqual([3])
  })

  it('looks a connection\'s labels up again after forget (its labels were deleted with its data)', () => {
    const index = new LabelIndex(db)
    page(index, () => index.added(CONN, [['Billing', 1]]))
    db.prepare('DELETE FROM response_labels WHERE rowid = 1').run()
    db.prepare('DELETE FROM labels WHERE connection_id = ?').run(CONN)
    index.forget(CONN)
    page(index, () => index.added(OTHER, [['VIP', 2]]))
    page(index, () => index.added(CONN, [['Billing', 3]]))
    expect(tagged('VIP')).toEqual([2])
    expect(tagged('Billing')).toEqual([3])
  })
})
