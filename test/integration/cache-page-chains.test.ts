import { describe, expect, it } from 'vitest'
import type { Response } from '../../src/shared/domain/model'
import { createCache } from '../../src/main/store/cache'
import type { Cache, PageWrite } from '../../src/main/store/cache-api'
import { openDatabase } from '../../src/main/store/database'
import { StreamProgress } from '../../src/main/sync/progress'
import { runStream } from '../../src/main/sync/stream-runner'
import type { StreamSpec } from '../../src/main/sync/stream-types'
import { cacheFiles } from '../support/cache-file'
import { makeResponse } from '../support/responses'

/**
 * A stream hands page N+1 to the writer before page N's answer is in (PageWrite.chain). On real
 * SQLite, with the writer on its own thread: a page after one that was not written is refused, so
 * no cursor ever moves past rows that were not stored.
 */

const CONN = '44444444-4444-4444-8444-444444444444'
const files = cacheFiles()
const open = (mode: 'writer-thread' | 'inline'): { cache: Cache; file: string } => {
  const file = files.file(CONN)
  return { cache: files.keep(createCache({ databaseFile: file, mode })), file }
}

const at = (i: number): string => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString()
const rows = (from: number, n: number, bad = false): Response[] =>
  Array.from({ length: n }, (_, i) => makeResponse(String(from + i), { respondedAt: at(from + i), ...(bad && i === n - 1 ? { metric: 'loudness' as never } : {}) }))
const stored = (file: string): string[] => {
  const db = openDatabase(file)
  try {
    return (db.prepare('SELECT external_id FROM responses').pluck().all() as string[]).map(Number).sort((a, b) => a - b).map(String)
  } finally {
    db.close()
  }
}
const page = (chain: string, n: number, items: Response[]): PageWrite => ({ connectionId: CONN, stream: 'responses', entity: 'response', items, cursor: { page: n }, chain: { id: chain, page: n } })

describe('pages of a chain', () => {
  for (const mode of ['writer-thread', 'inline'] as const) {
    it(`are written only in order: the page after a failed one is refused, and both are written when sent again (${mode})`, async () => {
      const { cache, file } = open(mode)
      const send = (w: PageWrite) => cache.writer.applyPage(cache.writer.prepare ? cache.writer.prepare(w) : w)
      // All three handed over at once, as a stream does with the next page before the answer.
      const outcomes = await Promise.allSettled([send(page('run-1', 1, rows(0, 5))), send(page('run-1', 2, rows(5, 5, true))), send(page('run-1', 3, rows(10, 5)))])
      expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { inserted: 5 } })
      expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/CHECK constraint/) } })
      expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { code: 'conflict', message: expect.stringMatching(/earlier page of this stream was not written \(page 3 came after page 1\)/) } })
      expect(stored(file)).toEqual(['0', '1', '2', '3', '4'])
      expect((await cache.writer.readCheckpoint(CONN, 'responses'))?.cursor).toEqual({ page: 1 })

      // A page skipped ahead is refused too; page 2 sent again (mended) is written, then page 3.
      await expect(send(page('run-1', 4, rows(15, 5)))).rejects.toThrow(/page 4 came after page 1/)
      expect(await send(page('run-1', 2, rows(5, 5)))).toMatchObject({ inserted: 5 })
      expect(await send(page('run-1', 3, rows(10, 5)))).toMatchObject({ inserted: 5 })
      expect(stored(file)).toHaveLength(15)
      expect((await cache.writer.readCheckpoint(CONN, 'responses'))?.cursor).toEqual({ page: 3 })
      // Another run's chain starts at its own page 1; pages without a chain are not checked.
      expect(await send(page('run-2', 1, rows(15, 1)))).toMatchObject({ inserted: 1 })
      expect(await send({ connectionId: CONN, stream: 'responses', entity: 'response', items: rows(16, 1) })).toMatchObject({ inserted: 1 })
    })
  }

  it('a stream whose page fails in the writer while the next is already handed over stores neither past it, and resumes there', async () => {
    const { cache, file } = open('writer-thread')
    const asked: number[] = []
    const spec = (badPage: number | null): StreamSpec<'response'> => ({
      name: 'responses',
      entity: 'response',
      mode: 'incremental',
      async *pages(run) {
        for (let i = typeof run.cursor === 'number' ? run.cursor : 0; i < 4; i++) {
          run.where = `page ${i + 1}`
          asked.push(i + 1)
          yield { items: rows(i * 10, 10, badPage === i + 1), cursor: i + 1 }
        }
      }
    })
    const deps = () => ({ writer: cache.writer, connectionId: CONN, provider: 'customersure' as const, signal: new AbortController().signal, progress: new StreamProgress(CONN, 'responses', () => undefined), onCommitted: () => undefined, now: () => new Date() })
    const failed = await runStream(spec(2), deps())
    expect(failed.status).toBe('failed')
    expect(failed.error!.message).toMatch(/^CustomerSure responses, page 2: .*CHECK constraint/)
    expect(failed.rows).toBe(10)
    expect(stored(file)).toHaveLength(10)
    expect((await cache.writer.readCheckpoint(CONN, 'responses'))?.cursor).toBe(1)

    asked.length = 0
    const resumed = await runStream(spec(null), deps())
    expect(resumed).toMatchObject({ status: 'done', rows: 30 })
    expect(asked).toEqual([2, 3, 4])
    expect(stored(file)).toHaveLength(40)
    expect((await cache.writer.readCheckpoint(CONN, 'responses'))?.cursor).toBe(4)
  })
})
