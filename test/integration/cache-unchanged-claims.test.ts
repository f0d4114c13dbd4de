import { describe, expect, it } from 'vitest'
import { Response } from '../../src/shared/domain/model'
import { createCache } from '../../src/main/store/cache'
import type { Cache, PageWrite } from '../../src/main/store/cache-api'
import { contentHash, rawTextOf, type PreparedRow } from '../../src/main/store/cache/response-row'
import { openDatabase } from '../../src/main/store/database'
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
    await expect(cache.writer.applyPage(forged)).rejects.toThrow(/changed while its unchanged copy was on its way/)
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
    const fields = Object.keys(Response.shape).filter((k) => k !== 'rawJson')
    expect(Object.keys(changed).sort()).toEqual(fields.sort())
    for (const [field, value] of Object.entries(changed)) expect(h({ ...base, [field]: value }), field).not.toBe(h(base))
  })

  it('is the same whether the raw JSON comes as the provider text or serialised from raw', () => {
    expect(h({ ...base, rawJson: JSON.stringify(base.raw) })).toBe(h(base))
    expect(h({ ...base, rawJson: '{"id": "x", "note": "é"}' })).not.toBe(h(base))
  })
})
