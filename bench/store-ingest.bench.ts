import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Response } from '../src/shared/domain/model'
import { createCache } from '../src/main/store/cache'
import { ReaderCore } from '../src/main/store/cache/reader-core'
import { ClaimingPreparer } from '../src/main/store/cache/unchanged-claims'
import { packBodies } from '../src/main/store/cache/packed-bodies'
import type { CacheWriter, PageWrite } from '../src/main/store/cache-api'
import { openCacheDb } from '../src/main/store/cache/open-cache-db'
import { WriterCore } from '../src/main/store/cache/writer-core'
import { openDatabase } from '../src/main/store/database'
import { benchRows, checkSequentialRows, cycledPages, fmt, makePool, peakRssMb, sequentialPages } from './bench-support'
import { BENCH_CONNECTIONS, insertBenchConnections } from './fake-responses'

/**
 * Store ingest (issue 4, item 8). Run: npx tsx bench/store-ingest.bench.ts (BENCH_ROWS=50000 first).
 *
 * The store as the sync uses it (createCache mode 'writer-thread'): each 1,000-row page of mapped
 * responses (each with its provider text, rawJson, as the CustomerGauge client gives them) is
 * prepared on this thread (hashed; flattened unless stored unchanged) while the writer thread
 * commits the page before, a third thread checkpoints the WAL, FTS and report rollups kept current.
 * Wall-clock rows/s while the store works (pipeline: the pages are generated apart), for
 *   1. a first sync: a fresh database (target >= 25,000 rows/s);
 *   2. a re-sync of the same rows, unchanged (target >= 100,000 rows/s);
 * in two shapes of data: one CustomerGauge connection in time order (what its sync delivers, each
 * row carrying the mapping's rawMapping) and five connections interleaved in time (every page
 * lands among rows already stored: the worst case for the b-trees; three of them carry survey,
 * site, staff and team, and are hashed by their fields). Then where the time goes: the preparing
 * thread's and the writer's own µs per row.
 */

type Page = { connectionId: string; items: Response[] }

const write = (page: Page, cursor?: unknown): PageWrite => ({ connectionId: page.connectionId, stream: 'responses', entity: 'response', items: page.items, ...(cursor !== undefined ? { cursor } : {}) })

/** Pages generated ahead, untimed, and then timed through the store: ~20,000 rows of Response objects at a time (~100 MB). */
const CHUNK_PAGES = 20

/**
 * Pages through `writer` the way the sync's stream runner does: page N+1 prepared while page N is
 * written, and handed over before page N's answer is in (the cache queues it at the writer when it
 * may: first-sync pages, which carry no claims), as one chain. The clock runs only while the store works: pages are generated in chunks before it
 * starts (generating a row, renaming it in its text, costs this thread several µs, and what is
 * measured is the store given pages of mapped responses), and each chunk is written to the end
 * before it stops, so no store work is left outside it.
 */
async function pipeline(writer: CacheWriter, pages: Iterable<Page>, withCursor: boolean): Promise<{ rows: number; changed: number; seconds: number }> {
  let ms = 0
  let rows = 0
  let changed = 0
  const chain = randomUUID()
  let pageNumber = 0
  const source = pages[Symbol.iterator]()
  for (;;) {
    const chunk: Page[] = []
    while (chunk.length < CHUNK_PAGES) {
      const next = source.next()
      if (next.done) break
      chunk.push(next.value)
    }
    if (chunk.length === 0) break
    const start = performance.now()
    let pending: Promise<{ inserted: number; updated: number; unchanged: number }> | null = null
    for (const page of chunk) {
      const next = writer.prepare!({ ...write(page, withCursor ? { rows } : undefined), chain: { id: chain, page: ++pageNumber } })
      rows += page.items.length
      const handed = writer.applyPage(next)
      if (pending) {
        const r = await pending
        changed += r.inserted + r.updated
      }
      pending = handed
    }
    const r = await pending!
    changed += r.inserted + r.updated
    ms += performance.now() - start
  }
  return { rows, changed, seconds: ms / 1000 }
}

function freshFile(dir: string, name: string): string {
  const file = join(dir, name)
  const db = openDatabase(file)
  insertBenchConnections(db)
  db.close()
  return file
}

async function shape(label: string, dir: string, pages: () => Iterable<Page>): Promise<void> {
  const file = freshFile(dir, `${label.replace(/\W+/g, '-')}.sqlite3`)
  const cache = createCache({ databaseFile: file, mode: 'writer-thread' })
  const first = await pipeline(cache.writer, pages(), true)
  if (first.changed !== first.rows) throw new Error(`${label}: ${first.changed} of ${first.rows} rows written`)
  const again = await pipeline(cache.writer, pages(), false)
  if (again.changed !== 0) throw new Error(`${label}: ${again.changed} unchanged rows rewritten`)
  await cache.close()
  const sized = openDatabase(file)
  sized.pragma('wal_checkpoint(TRUNCATE)')
  sized.close()
  console.log(`${label}:`)
  console.log(`  first sync: ${fmt(first.rows / first.seconds)} rows/s  (${fmt(first.rows)} rows in ${first.seconds.toFixed(1)} s of wall clock while the store worked)`)
  console.log(`  re-sync unchanged: ${fmt(again.rows / again.seconds)} rows/s  (${again.seconds.toFixed(1)} s)`)
  console.log(`  database: ${fmt(statSync(file).size / first.rows)} bytes per row`)
}

/**
 * The parts timed apart, on this thread: preparing a page (as the sync worker does, claiming the
 * rows it reads as stored unchanged, and packing its bodies), and the writer core applying it; the WAL checkpointed every
 * 10 pages (about a second of sync) and timed on its own, as the checkpointer thread runs it.
 */
function breakdown(dir: string, rows: number): void {
  const file = freshFile(dir, 'breakdown.sqlite3')
  const db = openCacheDb(file, 'writer', true)
  const core = new WriterCore(db)
  // As the sync worker prepares: rows it reads as stored unchanged go as claims, unflattened.
  const reader = new ReaderCore(openCacheDb(file, 'reader'))
  const claiming = new ClaimingPreparer(reader)
  const pass = (first: boolean): { prepare: number; write: number; checkpoint: number; n: number } => {
    const us = { prepare: 0, write: 0, checkpoint: 0, n: 0 }
    let pages = 0
    for (const page of sequentialPages(rows, BENCH_CONNECTIONS[3])) {
      // Wall clock, as for the writer: process CPU time would add the GC's helper threads.
      const started = performance.now()
      const w = claiming.prepare(write(page, first ? { pages } : undefined))
      // Packed as the page crosses to the writer thread (packed-bodies.ts).
      const packing = packBodies(w.prepared!)
      us.prepare += (performance.now() - started) * 1000
      let t = performance.now()
      core.applyPage(packing ? { ...w, prepared: packing.prepared, packed: packing.packed } : w)
      us.write += (performance.now() - t) * 1000
      claiming.settled(w)
      us.n += page.items.length
      if (++pages % 10 === 0) {
        t = performance.now()
        db.pragma('wal_checkpoint(PASSIVE)')
        us.checkpoint += (performance.now() - t) * 1000
      }
    }
    return us
  }
  const first = pass(true)
  const again = pass(false)
  reader.close()
  db.close()
  const per = (x: number, n: number): string => (x / n).toFixed(1)
  console.log(`where the time goes (${fmt(first.n)} rows, one connection in time order):`)
  console.log(`  preparing (the sync thread): ${per(first.prepare, first.n)} µs/row (${per(again.prepare, again.n)} on the re-sync)`)
  console.log(`  writer thread: ${per(first.write, first.n)} µs/row first sync, ${per(again.write, again.n)} µs/row re-sync`)
  console.log(`  WAL checkpoints (the checkpointer thread's): ${per(first.checkpoint, first.n)} µs/row`)
}

async function main(): Promise<void> {
  const rows = benchRows()
  const dir = mkdtempSync(join(tmpdir(), 'survey-desk-bench-'))
  try {
    console.log(`store-ingest: ${fmt(rows)} rows, pages of 1,000, prepared on this thread, written on the cache writer thread`)
    const firstPage = sequentialPages(rows, BENCH_CONNECTIONS[3]).next().value
    if (firstPage) checkSequentialRows(firstPage.items)
    await shape('one connection, time order', dir, () => sequentialPages(rows, BENCH_CONNECTIONS[3]))
    const pool = makePool(rows)
    await shape('five connections interleaved in time', dir, () => cycledPages(rows, pool))
    breakdown(dir, Math.min(rows, 200_000))
    console.log(`peak RSS: ${peakRssMb()} MB`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
