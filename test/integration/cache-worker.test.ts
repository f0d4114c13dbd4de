import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { createCache } from '../../src/main/store/cache'
import { openDatabase } from '../../src/main/store/database'
import { cacheFiles } from '../support/cache-file'
import { makeResponse } from '../support/responses'

const CONN = '11111111-1111-4111-8111-111111111111'

const files = cacheFiles()
const freshFile = (): string => files.file(CONN)

describe('cache in worker mode (writer and reader threads, started from source)', () => {
  it('writes on the writer thread and reads on the reader thread', async () => {
    const file = freshFile()
    const cache = files.keep(createCache({ databaseFile: file, mode: 'worker' }))
    const items = Array.from({ length: 1000 }, (_, i) => makeResponse(String(i), { comment: i === 500 ? 'Très satisfaite du service' : 'ok', respondedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }))
    expect(await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items, cursor: { next: 'abc' } })).toEqual({ inserted: 1000, updated: 0, unchanged: 0 })
    // Reads run beside writes: a page written while the reader lists is either wholly seen or not at all.
    const [write, list] = await Promise.all([
      cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items, cursor: { next: 'def' } }),
      cache.reader.inboxList({ filters: { timeZone: 'UTC', search: 'tres satisfaite' }, limit: 10 })
    ])
    expect(write).toEqual({ inserted: 0, updated: 0, unchanged: 1000 })
    expect(list.items.map((i) => i.comment)).toEqual(['Très satisfaite du service'])
    expect(await cache.reader.inboxCount({ timeZone: 'UTC' })).toEqual({ count: 1000, capped: false })
    const detail = await cache.reader.inboxDetail(list.items[0]!.id)
    expect(detail?.raw).toEqual({ id: '500' })
    expect(await cache.writer.readCheckpoint(CONN, 'responses')).toMatchObject({ cursor: { next: 'def' }, rows: 1000 })
    expect((await cache.reader.checkpoints()).map((c) => c.stream)).toEqual(['responses'])
    await cache.writer.removeConnectionData(CONN)
    expect(await cache.reader.inboxCount({ timeZone: 'UTC' })).toEqual({ count: 0, capped: false })
  })

  it('sends errors back as AppErrors and keeps working after one', async () => {
    const file = freshFile()
    const cache = files.keep(createCache({ databaseFile: file, mode: 'worker' }))
    const err = await cache.writer
      .applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('1', { respondedAt: 'not a date' })] })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('validation')
    expect((err as AppError).details[0]?.field).toBe('items.0.respondedAt')
    const sqlErr = await cache.writer
      .applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [{ ...makeResponse('2'), kind: 'fax' as never }] })
      .catch((e: unknown) => e)
    expect(sqlErr).toBeInstanceOf(AppError)
    expect((sqlErr as AppError).message).toMatch(/CHECK constraint/)
    await expect(cache.reader.inboxList({ filters: { timeZone: 'UTC' }, cursor: 'garbage', limit: 5 })).rejects.toBeInstanceOf(AppError)
    expect(await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('3')] })).toEqual({ inserted: 1, updated: 0, unchanged: 0 })
  })

  it('closes both threads; calls after close are refused', async () => {
    const file = freshFile()
    const c = createCache({ databaseFile: file, mode: 'worker' })
    await c.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items: [makeResponse('1')] })
    await c.close()
    await expect(c.reader.inboxCount({ timeZone: 'UTC' })).rejects.toThrow(/closed/)
    // The data is on disk for the next run.
    const db = openDatabase(file)
    expect(db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(1)
    db.close()
  })
})
