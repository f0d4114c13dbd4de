import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCache } from '../../src/main/store/cache'
import type { Cache } from '../../src/main/store/cache-api'
import { openDatabase, type Db } from '../../src/main/store/database'
import { makeResponse } from '../support/responses'
import { makeTempDir } from '../support/temp-dir'

const CONN = '11111111-1111-4111-8111-111111111111'
const BASE = Date.UTC(2025, 0, 1)

let cleanup: () => void
let cache: Cache
let db: Db

beforeEach(() => {
  const t = makeTempDir()
  cleanup = t.cleanup
  const file = join(t.dir, 'db.sqlite3')
  db = openDatabase(file)
  db.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', 'CS', '{}', 'x', 'x')`).run(CONN)
  cache = createCache({ databaseFile: file, mode: 'inline' })
})

afterEach(async () => {
  await cache.close()
  db.close()
  cleanup()
})

// Row i responded at BASE + f(i) minutes, in a scrambled order, with runs of rows sharing one instant.
const minuteOf = (i: number): number => (i * 7919) % 1700

async function seed(from: number, to: number, minute: (i: number) => number = minuteOf): Promise<void> {
  for (let start = from; start < to; start += 1000) {
    const items = []
    for (let i = start; i < Math.min(to, start + 1000); i++) {
      items.push(makeResponse(String(i), { comment: i % 2 ? 'odd one' : 'even one', respondedAt: new Date(BASE + minute(i) * 60_000).toISOString() }))
    }
    await cache.writer.applyPage({ connectionId: CONN, stream: 'responses', entity: 'response', items })
  }
}

describe('keyset paging', () => {
  it('walks 2,500 rows newest first, each exactly once, while new rows arrive', async () => {
    await seed(0, 2500)
    const seen: Array<{ id: number; at: string }> = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await cache.reader.inboxList({ filters: { timeZone: 'UTC' }, cursor, limit: 97 })
      seen.push(...page.items.map((i) => ({ id: i.id, at: i.respondedAt })))
      cursor = page.nextCursor ?? undefined
      // Newer responses land while the user scrolls: they go above, never into the pages still to come.
      if (++pages === 3) await seed(2500, 2600, (i) => 5000 + i)
    } while (cursor)
    expect(seen).toHaveLength(2500)
    expect(new Set(seen.map((s) => s.id)).size).toBe(2500)
    const times = seen.map((s) => Date.parse(s.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    const ids = seen.map((s) => s.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
  })

  it('pages through search results and filtered lists the same way', async () => {
    await seed(0, 2500)
    for (const filters of [{ timeZone: 'UTC', search: 'odd' }, { timeZone: 'UTC', hasComment: true, maxScore: 9 }]) {
      const seen = new Set<number>()
      let cursor: string | undefined
      let last = Infinity
      do {
        const page = await cache.reader.inboxList({ filters, cursor, limit: 200 })
        for (const item of page.items) {
          expect(item.id).toBeLessThan(last)
          last = item.id
          seen.add(item.id)
        }
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(seen.size).toBe('search' in filters ? 1250 : 2500)
    }
  })

  it('caps the count and says so', async () => {
    await seed(0, 2500)
    expect(await cache.reader.inboxCount({ timeZone: 'UTC' })).toEqual({ count: 2500, capped: false })
    expect(await cache.reader.inboxCount({ timeZone: 'UTC', search: 'even' })).toEqual({ count: 1250, capped: false })
  })
})
