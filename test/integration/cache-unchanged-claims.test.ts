import { describe, expect, it } from 'vitest'
import { Response } from '../../src/shared/domain/model'
import { createCache } from '../../src/main/store/cache'
import type { Cache, PageWrite } from '../../src/main/store/cache-api'
import { contentHash, rawTextOf, type PreparedRow } from '../../src/main/store/cache/response-row'
import { openDatabase } from '../../src/main/store/database'
import { StreamProgress } from '../../src/main/sync/progress'
import { runStream } from '../../src/main/sync/stream-runner'
import type { StreamSpec } from '../../src/main/sync/stream-types'
import { cacheFiles } from '../support/cache-file'
import { makeResponse } from '../support/responses'

/**
 * The sync worker's cache (writer-thread mode) sends rows stored unchanged as UnchangedClaims, not
 * flattened: on real SQLite, with the writer on its thread, a claim is made only when it is safe.
 */

const CONN = '22222222-2222-4222-8222-222222222222'

const files = cacheFiles()

function open(): { cache: Cache; file: string } {
  const file = files.file(CONN)
  return { cache: files.keep(createCache({ databaseFile: file, mode: 'writer-thread' })), file }
}

const at = (i: number): string => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString()
const page = (items: Response[], cursor?: unknown): PageWrite => ({ connectionId: CONN, stream: 'responses', entity: 'response', items, ...(cursor !== undefined ? { cursor } : {}) })
const claims = (w: PageWrite): string[] => (w.prepared as PreparedRow[]).filter((r) => 'unchanged' in r).map((r) => r.externalId)
const comments = (file: string): Record<string, string | null> => {
  const db = openDatabase(file)
  try {
    const rows = db.prepare('SELECT external_id, comment FROM responses ORDER BY external_id').all() as Array<{ external_id: string; comment: string | null }>
    return Object.fromEntries(rows.map((r) => [r.external_id, r.comment]))
  } finally {
    db.close()
  }
}

describe('unchanged claims (the sync worker cache)', () => {
  it('a re-sync sends the unchanged rows as claims and flattens only the changed one', async () => {
    const { cache } = open()
    const items = Array.from({ length: 20 }, (_, i) => makeResponse(String(i), { respondedAt: at(i) }))
    await cache.writer.applyPage(cache.writer.prepare!(page(items)))
    const again = items.map((r) => (r.externalId === '7' ? { ...r, comment: 'Changed' } : r))
    const w = cache.writer.prepare!(page(again))
    expect(claims(w)).toHaveLength(19)
    expect(claims(w)).not.toContain('7')
    expect(await cache.writer.applyPage(w)).toEqual({ inserted: 0, updated: 1, unchanged: 19 })
  })

  it('a page whose sampled rows are stored unchanged claims every row; the writer refuses the changed and new ones, and they are sent again in full', async () => {
    const { cache, file } = open()
    const items = Array.from({ length: 20 }, (_, i) => makeResponse(String(i), { respondedAt: at(i), comment: 'v1' }))
    await cache.writer.applyPage(cache.writer.prepare!(page(items, { n: 1 })))
    // Rows 0-7 (the sample) unchanged; row 15 changed and row 20 new, past the sample.
    const again = [...items.map((r) => (r.externalId === '15' ? { ...r, comment: 'v2' } : r)), makeResponse('20', { respondedAt: at(20), comment: 'new' })]
    const w = cache.writer.prepare!(page(again, { n: 2 }))
    expect(claims(w)).toHaveLength(21)
    expect(await cache.writer.applyPage(w)).toEqual({ inserted: 1, updated: 1, unchanged: 19 })
    expect(comments(file)).toMatchObject({ '0': 'v1', '15': 'v2', '20': 'new' })
    expect((await cache.writer.readCheckpoint(CONN, 'responses'))?.cursor).toEqual({ n: 2 })
    // Settled, sent again or not: the same page now claims all its rows, and they hold.
    const third = cache.writer.prepare!(page(again, { n: 3 }))
    expect(claims(third)).toHaveLength(21)
    expect(await cache.writer.applyPage(third)).toEqual({ inserted: 0, updated: 0, unchanged: 21 })
  })

  it('a page sent again for refused claims reaches the writer before a page given after it', async () => {
    const { cache, file } = open()
    const items = Array.from({ length: 20 }, (_, i) => makeResponse(String(i), { respondedAt: at(i), comment: 'v1' }))
    await cache.writer.applyPage(cache.writer.prepare!(page(items)))
    // A claims all 20, row 15's claim refused; B, prepared after, rewrites row 3 (pending in A, so in full).
    const a = cache.writer.prepare!(page(items.map((r) => (r.externalId === '15' ? { ...r, comment: 'v2' } : r))))
    const b = cache.writer.prepare!(page([{ ...items[3]!, comment: 'v3' }]))
    expect(claims(a)).toHaveLength(20)
    expect(claims(b)).toEqual([])
    // Both given at once: were B written between A's two attempts, A's second would write row 3's old copy over it.
    const results = await Promise.all([cache.writer.applyPage(a), cache.writer.applyPage(b)])
    expect(results).toEqual([
      { inserted: 0, updated: 1, unchanged: 19 },
      { inserted: 0, updated: 1, unchanged: 0 }
    ])
    expect(comments(file)).toMatchObject({ '3': 'v3', '15': 'v2' })
  })

  it('through a sync stream: rows past the sample that changed or are new are written when their claims are refused', async () => {
    const { cache, file } = open()
    const v1 = Array.from({ length: 40 }, (_, i) => makeResponse(String(i), { respondedAt: at(i), comment: 'v1' }))
    // The second pass: each page's first rows (the sample) unchanged, row 15 changed, row 40 new.
    const v2 = [...v1.map((r) => (r.externalId === '15' ? { ...r, comment: 'v2' } : r)), makeResponse('40', { respondedAt: at(40), comment: 'new' })]
    const spec = (items: Response[]): StreamSpec<'response'> => ({
      name: 'responses',
      entity: 'response',
      mode: 'incremental',
      async *pages(run) {
        for (let i = 0; i < items.length; i += 20) {
          run.where = `page ${i / 20 + 1}`
          yield { items: items.slice(i, i + 20), cursor: i + 20 }
        }
      }
    })
    const deps = () => ({ writer: cache.writer, connectionId: CONN, provider: 'customersure' as const, signal: new AbortController().signal, progress: new StreamProgress(CONN, 'responses', () => undefined), onCommitted: () => undefined, now: () => new Date() })
    expect(await runStream(spec(v1), deps())).toMatchObject({ status: 'done', rows: 40 })
    expect(await runStream(spec(v2), deps())).toMatchObject({ status: 'done', rows: 41 })
    expect(comments(file)).toMatchObject({ '0': 'v1', '15': 'v2', '39': 'v1', '40': 'new' })
    expect(Object.keys(comments(file))).toHaveLength(41)
  })

  it('a page whose sampled rows changed looks every row up, and claims only those stored unchanged', async () => {
    const { cache } = open()
    const items = Array.from({ length: 20 }, (_, i) => makeResponse(String(i), { respondedAt: at(i), comment: 'v1' }))
    await cache.writer.applyPage(cache.writer.prepare!(page(items)))
    const again = items.map((r, i) => (i % 2 === 0 ? { ...r, comment: 'v2' } : r))
    const w = cache.writer.prepare!(page(again))
    expect(claims(w).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '3', '5', '7', '9', '11', '13', '15', '17', '19'])
    expect(await cache.writer.applyPage(w)).toEqual({ inserted: 0, updated: 10, unchanged: 10 })
  })

  it('never claims a key that a page prepared and not yet written carries', async () => {
    const { cache, file } = open()
    const first = Array.from({ length: 10 }, (_, i) => makeResponse(String(i), { respondedAt: at(i), comment: 'v1' }))
    await cache.writer.applyPage(cache.writer.prepare!(page(first)))
    // Page A changes row 3; page B, prepared before A is written, carries row 3 as stored now (v1).
    const a = cache.writer.prepare!(page([makeResponse('3', { respondedAt: at(3), comment: 'v2' })]))
    const b = cache.writer.prepare!(page(first))
    expect(claims(b)).toHaveLength(9)
    expect(claims(b)).not.toContain('3')
    await cache.writer.applyPage(a)
    expect(comments(file)['3']).toBe('v2')
    expect(await cache.writer.applyPage(b)).toEqual({ inserted: 0, updated: 1, unchanged: 9 })
    expect(comments(file)['3']).toBe('v1')
    // Both settled: row 3 may be claimed again.
    expect(claims(cache.writer.prepare!(page(first)))).toHaveLength(10)
  })

  it('writes every copy of a key that repeats in a page, so the last one wins', async () => {
    const { cache, file } = open()
    const one = makeResponse('1', { respondedAt: at(1), comment: 'old' })
    await cache.writer.applyPage(cache.writer.prepare!(page([one, makeResponse('2', { respondedAt: at(2) })])))
    const w = cache.writer.prepare!(page([{ ...one, comment: 'new' }, one, makeResponse('2', { respondedAt: at(2) })]))
    expect(claims(w)).toEqual(['2'])
    await cache.writer.applyPage(w)
    expect(comments(file)['1']).toBe('old')
  })

  it('the writer refuses a claim that no longer holds, and the page (cursor included) is not written', async () => {
    const { cache, file } = open()
    await cache.writer.applyPage(cache.writer.prepare!(page([makeResponse('1', { respondedAt: at(1), comment: 'stored' })], { n: 1 })))
    const forged: PageWrite = { ...page([], { n: 2 }), prepared: [{ kind: 'customersure_response', externalId: '1', hash: 'not-the-stored-hash', unchanged: true }] }
    await expect(cache.writer.applyPage(forged)).rejects.toThrow(/claimed unchanged are not stored that way \(1 of 1\); the page was not written/)
    expect((await cache.writer.readCheckpoint(CONN, 'responses'))?.cursor).toEqual({ n: 1 })
    expect(comments(file)['1']).toBe('stored')
  })
})

describe('contentHash', () => {
  const base = makeResponse('x', { raw: { id: 'x', note: 'é' } })
  const h = (r: Response): string => contentHash(CONN, 'responses', r, rawTextOf(r))

  it('changes with every field of a response (responseRow reads them all)', () => {
    const changed: Record<string, unknown> = {
      provider: 'nicereply',
      kind: 'nicereply_rating',
      externalId: 'y',
      surveyExternalId: 's',
      surveyName: 'S',
      metric: 'csat',
      score: 1,
      scale: { min: 1, max: 5 },
      sentiment: 'positive',
      comment: 'c',
      customer: { ...base.customer, email: 'a@b.c' },
      siteExternalId: 's',
      siteName: 'S',
      staffExternalId: 's',
      staffName: 'S',
      teamExternalId: 't',
      teamName: 'T',
      tags: ['t'],
      drivers: ['d'],
      answers: [{ questionId: null, question: 'Q', type: 'text', score: null, text: 'A', sentiment: null }],
      properties: { k: 'v' },
      channel: 'email',
      language: 'fr',
      links: { ...base.links, ticketUrl: 'https://t' },
      respondedAt: '2025-03-02T10:00:00.000Z',
      updatedAt: '2025-03-02T10:00:00.000Z',
      raw: { id: 'x', note: 'e' }
    }
    const fields = Object.keys(Response.shape).filter((k) => k !== 'rawJson' && k !== 'rawMapping')
    expect(Object.keys(changed).sort()).toEqual(fields.sort())
    for (const [field, value] of Object.entries(changed)) expect(h({ ...base, [field]: value }), field).not.toBe(h(base))
  })

  it('of a response its mapping made from the text alone, is taken from the text and the mapping version', () => {
    const text = JSON.stringify(base.raw)
    const mapped = { ...base, rawJson: text, rawMapping: 'm@1' }
    // The fields are the mapping's output: it alone decides them, so they are not hashed again.
    expect(h({ ...mapped, comment: 'not what the mapping made' })).toBe(h(mapped))
    for (const other of [{ rawJson: '{"id":"x","note":"e"}' }, { rawMapping: 'm@2' }]) expect(h({ ...mapped, ...other })).not.toBe(h(mapped))
    expect(contentHash('another-connection', 'responses', mapped, text)).not.toBe(h(mapped))
    expect(contentHash(CONN, 'another-stream', mapped, text)).not.toBe(h(mapped))
    // Without the version it is the fields' hash, as for every other response.
    expect(h({ ...mapped, rawMapping: undefined })).toBe(h({ ...base, rawJson: text }))
    expect(h(mapped)).not.toBe(h({ ...base, rawJson: text }))
  })

  it('is the same whether the raw JSON comes as the provider text or serialised from raw', () => {
    expect(h({ ...base, rawJson: JSON.stringify(base.raw) })).toBe(h(base))
    expect(h({ ...base, rawJson: '{"id": "x", "note": "é"}' })).not.toBe(h(base))
  })
})
