import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import type { Response } from '../../src/shared/domain/model'
import { createCache } from '../../src/main/store/cache'
import type { Cache } from '../../src/main/store/cache-api'
import { openDatabase, type Db } from '../../src/main/store/database'
import { BODY_COLUMNS, prepareResponses, RESPONSE_COLUMNS } from '../../src/main/store/cache/response-row'
import { cacheFiles } from '../support/cache-file'
import { makeResponse } from '../support/responses'
import { makeTempDir } from '../support/temp-dir'

/**
 * The search index is kept by the writer per run of a page, not by triggers (schema-v9-page-search.ts).
 * Every way a response is written must leave it exactly matching the stored text: FTS5's
 * integrity-check with rank 1 compares an external-content index with its content table, and fails
 * on any token missing or left behind.
 */

const CONN = '11111111-1111-4111-8111-111111111111'

const files = cacheFiles()
let cache: Cache
let db: Db

beforeEach(() => {
  const file = files.file(CONN)
  cache = files.keep(createCache({ databaseFile: file, mode: 'inline' }))
  db = openDatabase(file)
})

// Runs before cacheFiles' own afterEach (after-hooks run last registered first), which closes the cache and removes the folder.
afterEach(() => db.close())

const write = (items: Response[]) => cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items })
const matches = (query: string): string[] =>
  db.prepare('SELECT r.external_id FROM responses_fts f JOIN responses r ON r.id = f.rowid WHERE responses_fts MATCH ? ORDER BY r.external_id').pluck().all(query) as string[]
const checkIndex = (): void => void db.prepare("INSERT INTO responses_fts(responses_fts, rank) VALUES ('integrity-check', 1)").run()

describe('search index kept by the writer', () => {
  it('indexes inserted rows: comment, free-text answers and customer name', async () => {
    await write([
      makeResponse('a', { comment: 'Livraison très rapide' }),
      makeResponse('b', { comment: null, customer: { externalId: null, name: 'Zoé Lefèvre', email: null, phone: null, company: null, reference: null } }),
      makeResponse('c', { comment: null, answers: [{ questionId: 'q', question: 'Why?', type: 'text', score: null, text: 'Emballage abîmé', sentiment: null }] })
    ])
    expect(matches('tres')).toEqual(['a'])
    expect(matches('lefevre')).toEqual(['b'])
    expect(matches('abime')).toEqual(['c'])
    checkIndex()
  })

  it('follows rows rewritten in place, moved in time, repeated in a page, and left unchanged', async () => {
    await write([makeResponse('a', { comment: 'Parcel late' }), makeResponse('b', { comment: 'Parcel lost' }), makeResponse('c', { comment: 'Great parcel' })])
    const idOf = (ext: string): number => db.prepare('SELECT id FROM responses WHERE external_id = ?').pluck().get(ext) as number
    const movedFrom = idOf('b')
    const result = await write([
      // Rewritten in place with new text, and in place with its text unchanged (the score changed).
      makeResponse('a', { comment: 'Parcel early' }),
      makeResponse('c', { comment: 'Great parcel', score: 2 }),
      // Moved to another day: it takes a new id, and the old one leaves the index.
      makeResponse('b', { comment: 'Parcel found', respondedAt: '2025-04-02T09:00:00.000Z' }),
      // New, then again in the same page with other text: the later copy wins.
      makeResponse('d', { comment: 'First words' }),
      makeResponse('d', { comment: 'Second thoughts' })
    ])
    expect(result).toEqual({ inserted: 1, updated: 4, unchanged: 0 })
    expect(idOf('b')).not.toBe(movedFrom)
    expect(matches('late')).toEqual([])
    expect(matches('early')).toEqual(['a'])
    expect(matches('lost')).toEqual([])
    expect(matches('found')).toEqual(['b'])
    expect(matches('first')).toEqual([])
    expect(matches('second')).toEqual(['d'])
    expect(matches('parcel')).toEqual(['a', 'b', 'c'])
    checkIndex()
    // The same page again changes nothing, and the index still matches.
    expect(await write([makeResponse('a', { comment: 'Parcel early' }), makeResponse('d', { comment: 'Second thoughts' })])).toEqual({ inserted: 0, updated: 0, unchanged: 2 })
    checkIndex()
  })

  it('drops a connection’s rows from the index when its data is removed', async () => {
    await write(Array.from({ length: 30 }, (_, i) => makeResponse(`r${i}`, { comment: `Note number ${i}` })))
    expect(matches('note')).toHaveLength(30)
    await cache.writer.removeConnectionData(CONN)
    expect(matches('note')).toEqual([])
    checkIndex()
  })

  it('leaves the index as it was when a page fails', async () => {
    await write([makeResponse('a', { comment: 'Kept words' })])
    // Row b breaks the metric CHECK constraint after a's new text was written: the whole page rolls back.
    await expect(write([makeResponse('a', { comment: 'Replacement words' }), makeResponse('b', { metric: 'bogus' as never })])).rejects.toThrow(/CHECK constraint/)
    expect(matches('kept')).toEqual(['a'])
    expect(matches('replacement')).toEqual([])
    checkIndex()
  })

  it('takes over an index the version-8 triggers kept: its rows stay searchable and follow rewrites', async () => {
    await cache.close()
    db.close()
    const t = makeTempDir()
    onTestFinished(t.cleanup)
    const file = join(t.dir, 'v8.sqlite3')
    const old = openDatabase(file, { targetVersion: 8 })
    old.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', 'CS', '{}', 'x', 'x')`).run(CONN)
    // Rows as the version-8 writer stored them: the insert trigger indexed them.
    const insertBody = old.prepare(`INSERT INTO response_bodies (${BODY_COLUMNS.join(', ')}) VALUES (${BODY_COLUMNS.map(() => '?').join(', ')})`)
    const insertRow = old.prepare(`INSERT INTO responses (id, ${RESPONSE_COLUMNS.join(', ')}, synced_at, content_hash, body_id) VALUES (?, ${RESPONSE_COLUMNS.map(() => '?').join(', ')}, 'x', ?, ?)`)
    prepareResponses(CONN, 'responses', [makeResponse('a', { comment: 'Old wording' }), makeResponse('b', { comment: 'Other wording' })]).forEach((r, i) => {
      insertRow.run(i + 1, ...r.values, r.hash, insertBody.run(...r.body).lastInsertRowid)
    })
    old.close()
    db = openDatabase(file)
    cache = files.keep(createCache({ databaseFile: file, mode: 'inline' }))
    expect(matches('wording')).toEqual(['a', 'b'])
    await write([makeResponse('a', { comment: 'New phrasing' })])
    expect(matches('wording')).toEqual(['b'])
    expect(matches('phrasing')).toEqual(['a'])
    checkIndex()
  })
})
