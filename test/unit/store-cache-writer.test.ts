import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Site, Template } from '../../src/shared/domain/model'
import { AppError } from '../../src/shared/errors'
import { createCache } from '../../src/main/store/cache'
import type { Cache } from '../../src/main/store/cache-api'
import { openDatabase, type Db } from '../../src/main/store/database'
import { makeResponse } from '../support/responses'
import { makeTempDir } from '../support/temp-dir'

const CONN = '11111111-1111-4111-8111-111111111111'
const OTHER = '33333333-3333-4333-8333-333333333333'

let cleanup: () => void
let cache: Cache
let db: Db

beforeEach(() => {
  const t = makeTempDir()
  cleanup = t.cleanup
  const file = join(t.dir, 'db.sqlite3')
  db = openDatabase(file)
  const now = '2026-01-01T00:00:00Z'
  for (const [id, label] of [[CONN, 'CS'], [OTHER, 'Other']]) {
    db.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', ?, '{}', ?, ?)`).run(id, label, now, now)
  }
  cache = createCache({ databaseFile: file, mode: 'inline' })
})

afterEach(async () => {
  await cache.close()
  db.close()
  cleanup()
})

const count = (sql: string, ...params: unknown[]): number => db.prepare(sql).pluck().get(...params) as number
/** The external ids the tag index holds under `tag` (in any connection), newest first. */
const tagged = (tag: string): string[] =>
  db
    .prepare(
      `SELECT r.external_id FROM response_labels t JOIN responses r ON r.id = t.rowid
       WHERE response_labels MATCH (SELECT coalesce(group_concat('l' || id, ' OR '), 'l0') FROM labels WHERE tag = ?) ORDER BY t.rowid DESC`
    )
    .pluck()
    .all(tag) as string[]

function site(externalId: string, name: string): Site {
  return { provider: 'customersure', externalId, code: null, name, region: null, city: null, siteType: null, countryCode: null, address: [], postalCode: null, active: true, reviewUrls: {}, raw: { id: externalId, name } }
}

describe('applyPage', () => {
  it('inserts, replaces updated rows and skips unchanged ones, with counts', async () => {
    const page = [makeResponse('1'), makeResponse('2', { tags: ['Billing'] }), makeResponse('3')]
    expect(await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: page })).toEqual({ inserted: 3, updated: 0, unchanged: 0 })
    const again = [makeResponse('1'), makeResponse('2', { comment: 'Now with a better comment', tags: ['Billing', 'VIP'] }), makeResponse('3', { tags: ['Billing'] })]
    expect(await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: again })).toEqual({ inserted: 0, updated: 2, unchanged: 1 })
    expect(count('SELECT count(*) FROM responses')).toBe(3)
    expect(db.prepare("SELECT comment FROM responses WHERE external_id = '2'").pluck().get()).toBe('Now with a better comment')
    expect(tagged('Billing')).toEqual(['3', '2'])
    expect(tagged('VIP')).toEqual(['2'])
    // Rewritten in place, a row leaves the tags it no longer has.
    const third = [makeResponse('2', { comment: 'Now with a better comment', tags: ['VIP'] })]
    expect(await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: third })).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    expect(tagged('Billing')).toEqual(['3'])
    expect(tagged('VIP')).toEqual(['2'])
    expect(count('SELECT count(*) FROM response_labels')).toBe(2)
    // The old text left the search index with the old version of the row.
    expect(count("SELECT count(*) FROM responses_fts WHERE responses_fts MATCH 'better'")).toBe(1)
    expect(count("SELECT count(*) FROM responses_fts WHERE responses_fts MATCH 'comment AND 2'")).toBe(0)
  })

  it('a response whose time changed moves to its new place in time order, still one row', async () => {
    await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('1'), makeResponse('2', { respondedAt: '2025-03-02T00:00:00Z' })] })
    const r = await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('1', { respondedAt: '2025-03-05T00:00:00Z', tags: ['Late'] })] })
    expect(r).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    const page = await cache.reader.inboxList({ filters: { timeZone: 'UTC' }, limit: 10 })
    expect(page.items.map((i) => [i.respondedAt, i.tags])).toEqual([
      ['2025-03-05T00:00:00.000Z', ['Late']],
      ['2025-03-02T00:00:00.000Z', []]
    ])
    expect(count('SELECT count(*) FROM responses')).toBe(2)
    expect(count('SELECT count(*) FROM response_labels')).toBe(1)
    expect(tagged('Late')).toEqual(['1'])
    expect(count("SELECT count(*) FROM responses_fts WHERE responses_fts MATCH 'comment'")).toBe(2)
  })

  it('keeps the same response from two connections apart, and rows sharing one instant in order', async () => {
    const items = Array.from({ length: 5 }, (_, i) => makeResponse(String(i)))
    await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items })
    await cache.writer.applyPage({ connectionId: OTHER, stream: 'responses', entity: 'response', items })
    expect(count('SELECT count(*) FROM responses')).toBe(10)
    expect(count('SELECT count(DISTINCT id) FROM responses')).toBe(10)
  })

  it('writes the cursor with the page, and neither when the page fails half way', async () => {
    await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('1')], cursor: { page: 1 } })
    const bad = [makeResponse('2'), makeResponse('3'), { ...makeResponse('4'), metric: 'loudness' as never }]
    const err = await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: bad, cursor: { page: 2 } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect(String((err as Error).message)).toMatch(/CHECK constraint/)
    expect(db.prepare('SELECT external_id FROM responses').pluck().all()).toEqual(['1'])
    const cp = await cache.writer.readCheckpoint(CONN, 'responses')
    expect(cp).toMatchObject({ cursor: { page: 1 }, rows: 1 })
    expect(count("SELECT count(*) FROM responses_fts WHERE responses_fts MATCH 'comment'")).toBe(1)
  })

  it('refuses an unreadable respondedAt by naming the item, and a page over 1,000 rows', async () => {
    const err = await cache.writer
      .applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('1'), makeResponse('x', { respondedAt: 'yesterday' })] })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).details).toEqual([{ field: 'items.1.respondedAt', message: 'Expected an ISO 8601 date-time' }])
    const big = Array.from({ length: 1001 }, (_, i) => makeResponse(String(i)))
    await expect(cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: big })).rejects.toThrow(/at most 1000/)
    expect(count('SELECT count(*) FROM responses')).toBe(0)
  })
})

describe('full refresh', () => {
  it('marks rows not seen in a pass removed (kept, flagged) and brings back one that returns', async () => {
    let gen = await cache.writer.beginFullRefresh(CONN, 'sites')
    await cache.writer.applyPage({ connectionId: CONN, stream: 'sites', entity: 'site', items: [site('1', 'Gent'), site('2', 'Lyon'), site('3', 'Leeds')], generation: gen })
    expect(await cache.writer.finishFullRefresh(CONN, 'sites', 'site', gen)).toEqual({ removed: 0 })

    gen = await cache.writer.beginFullRefresh(CONN, 'sites')
    expect((await cache.writer.readCheckpoint(CONN, 'sites'))?.generation).toBe(gen)
    const r = await cache.writer.applyPage({ connectionId: CONN, stream: 'sites', entity: 'site', items: [site('1', 'Gent'), site('3', 'Leeds Centre')], generation: gen })
    expect(r).toEqual({ inserted: 0, updated: 1, unchanged: 1 })
    expect(await cache.writer.finishFullRefresh(CONN, 'sites', 'site', gen)).toEqual({ removed: 1 })
    expect(db.prepare('SELECT external_id, name, removed_at IS NOT NULL AS removed FROM sites ORDER BY external_id').all()).toEqual([
      { external_id: '1', name: 'Gent', removed: 0 },
      { external_id: '2', name: 'Lyon', removed: 1 },
      { external_id: '3', name: 'Leeds Centre', removed: 0 }
    ])
    expect((await cache.writer.readCheckpoint(CONN, 'sites'))?.generation).toBe(0)

    gen = await cache.writer.beginFullRefresh(CONN, 'sites')
    await cache.writer.applyPage({ connectionId: CONN, stream: 'sites', entity: 'site', items: [site('1', 'Gent'), site('2', 'Lyon'), site('3', 'Leeds Centre')], generation: gen })
    expect(await cache.writer.finishFullRefresh(CONN, 'sites', 'site', gen)).toEqual({ removed: 0 })
    expect(count('SELECT count(*) FROM sites WHERE removed_at IS NULL')).toBe(3)
  })

  it('a pass over one stream never touches another stream of the same table', async () => {
    const tpl = (id: string, channel: 'email' | 'sms'): Template => ({ provider: 'customersure', externalId: id, channel, name: `${channel} ${id}`, subject: null, body: null, locale: null, archived: false, raw: {} })
    const g1 = await cache.writer.beginFullRefresh(CONN, 'email_templates')
    await cache.writer.applyPage({ connectionId: CONN, stream: 'email_templates', entity: 'template', items: [tpl('1', 'email')], generation: g1 })
    const g2 = await cache.writer.beginFullRefresh(CONN, 'sms_templates')
    await cache.writer.applyPage({ connectionId: CONN, stream: 'sms_templates', entity: 'template', items: [tpl('1', 'sms')], generation: g2 })
    await cache.writer.finishFullRefresh(CONN, 'sms_templates', 'template', g2)
    await cache.writer.finishFullRefresh(CONN, 'email_templates', 'template', g1)
    expect(db.prepare('SELECT channel, removed_at FROM templates ORDER BY channel').all()).toEqual([
      { channel: 'email', removed_at: null },
      { channel: 'sms', removed_at: null }
    ])
  })
})

describe('checkpoints and connection data', () => {
  it('records outcomes, resets cursors, and removes a connection\'s data in chunks, leaving others', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => makeResponse(String(i), { tags: ['Bulk'], respondedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString() }))
    for (let p = 0; p < 5; p++) {
      await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: many.map((r) => ({ ...r, externalId: `${p}-${r.externalId}` })), cursor: p })
    }
    await cache.writer.applyPage({ connectionId: OTHER, stream: 'responses', entity: 'response', items: [makeResponse('kept', { tags: ['Bulk'] })], cursor: 'c' })
    await cache.writer.applyPage({ connectionId: CONN, stream: 'sites', entity: 'site', items: [site('1', 'Gent')] })
    await cache.writer.recordStreamOutcome(CONN, 'responses', { ok: false, at: '2026-01-02T00:00:00Z', error: 'CustomerSure answered 500 on page 3' })
    await cache.writer.recordStreamOutcome(OTHER, 'responses', { ok: true, at: '2026-01-02T00:00:00Z' })
    expect(await cache.reader.checkpoints([CONN])).toEqual([
      { connectionId: CONN, stream: 'responses', cursor: 4, generation: 0, lastSuccessAt: null, lastAttemptAt: '2026-01-02T00:00:00Z', lastError: 'CustomerSure answered 500 on page 3', rows: 5000 },
      { connectionId: CONN, stream: 'sites', cursor: null, generation: 0, lastSuccessAt: null, lastAttemptAt: null, lastError: null, rows: 1 }
    ])

    await cache.writer.resetCursors([CONN])
    expect((await cache.writer.readCheckpoint(CONN, 'responses'))?.cursor).toBeNull()
    expect((await cache.writer.readCheckpoint(OTHER, 'responses'))?.cursor).toBe('c')

    await cache.writer.removeConnectionData(CONN)
    expect(count('SELECT count(*) FROM responses WHERE connection_id = ?', CONN)).toBe(0)
    expect(count('SELECT count(*) FROM sites')).toBe(0)
    expect(tagged('Bulk')).toEqual(['kept'])
    expect(count('SELECT count(*) FROM response_labels')).toBe(1)
    expect(db.prepare('SELECT connection_id FROM labels').pluck().all()).toEqual([OTHER])
    expect(count("SELECT count(*) FROM responses_fts WHERE responses_fts MATCH 'comment'")).toBe(1)
    expect(await cache.reader.checkpoints()).toHaveLength(1)
    // The connection's labels are made again when it syncs again.
    await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('back', { tags: ['Bulk'] })] })
    expect(tagged('Bulk').sort()).toEqual(['back', 'kept'])
  })
})
