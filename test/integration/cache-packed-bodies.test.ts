import { describe, expect, it } from 'vitest'
import { createCache } from '../../src/main/store/cache'
import { openDatabase } from '../../src/main/store/database'
import { prepareResponses } from '../../src/main/store/cache/response-row'
import { cacheFiles } from '../support/cache-file'
import { makeResponse } from '../support/responses'

/**
 * With the writer on its own thread, a page's bodies cross as UTF-8 bytes (packed-bodies.ts) and
 * are stored with CAST(? AS TEXT). They must land exactly as the inline writer stores the strings:
 * text, byte for byte, readable by the detail, replaced in place on an update.
 */

const CONN = '55555555-5555-4555-8555-555555555555'
const files = cacheFiles()
const raw = { comment: 'Centre d’appels: très bien 😀', lone: 'a\ud800b', cjk: '服务很好' }
const page = (comment: string) => ({
  connectionId: CONN,
  stream: 'responses',
  entity: 'response' as const,
  items: [makeResponse('1', { comment, raw, rawJson: undefined, answers: [{ questionId: 'q', question: 'Why?', type: 'text', score: null, text: comment, sentiment: null }], tags: ['Équipe'] })]
})
const bodies = (file: string): unknown[] => {
  const db = openDatabase(file)
  try {
    return db.prepare('SELECT typeof(raw) AS t, labels, drivers, answers, properties, raw FROM response_bodies').all()
  } finally {
    db.close()
  }
}

describe('bodies sent packed to the writer thread', () => {
  it('are stored as the same text the inline writer stores, and replaced on an update', async () => {
    const stored: Record<string, unknown[]> = {}
    for (const mode of ['writer-thread', 'inline'] as const) {
      const file = files.file(CONN)
      const cache = files.keep(createCache({ databaseFile: file, mode }))
      const send = (comment: string) => cache.writer.applyPage(cache.writer.prepare ? cache.writer.prepare(page(comment)) : page(comment))
      expect(await send('Première réponse')).toEqual({ inserted: 1, updated: 0, unchanged: 0 })
      expect(await send('Deuxième réponse ’')).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
      const [item] = (await cache.reader.inboxList({ filters: { timeZone: 'UTC' }, limit: 1 })).items
      const detail = await cache.reader.inboxDetail(item!.id)
      expect(detail?.answers[0]?.text).toBe('Deuxième réponse ’')
      // JSON.stringify writes a lone surrogate as an escape, so even it comes back as it went in.
      expect(detail?.raw).toEqual(raw)
      stored[mode] = bodies(file)
      await cache.close()
    }
    expect(stored['writer-thread']).toHaveLength(1)
    expect(stored['writer-thread']).toMatchObject([{ t: 'text', labels: '["Équipe"]' }])
    expect(stored['writer-thread']).toEqual(stored.inline)
  })

  it('a page whose rows point to packed bodies it does not carry is refused whole, with what is wrong', async () => {
    const file = files.file(CONN)
    const cache = files.keep(createCache({ databaseFile: file, mode: 'inline' }))
    const [row] = prepareResponses(CONN, 'responses', [makeResponse('1')])
    await expect(cache.writer.applyPage({ ...page('x'), items: [], prepared: [{ ...row!, body: [], bodyAt: 0 }], cursor: 'after' })).rejects.toThrow(
      'A response page arrived without the packed bodies its rows point to; the page was not written.'
    )
    expect(bodies(file)).toEqual([])
    expect(await cache.writer.readCheckpoint(CONN, 'responses')).toBeNull()
    await cache.close()
  })
})
