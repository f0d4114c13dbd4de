import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCache } from '../src/main/store/cache'
import { openDatabase } from '../src/main/store/database'
import { benchRows, cpuSecondsSince, cycledPages, fmt, makePool, peakRssMb, stallMonitor } from './bench-support'
import { insertBenchConnections } from './fake-responses'

/**
 * Store ingest (issue 4, item 8). Run: npx tsx bench/store-ingest.bench.ts (BENCH_ROWS=50000 first).
 * 1. ingest rate of 1,000-row pages of mapped responses into a fresh database, FTS kept current
 *    (the writer core timed alone, on this thread: target >= 25,000 rows/s);
 * 2. re-sync of the same rows unchanged (target >= 100,000 rows/s);
 * 3. the same ingest through the writer worker, with the main thread's longest event-loop stall
 *    (target < 50 ms) and peak RSS (target < 500 MB).
 */

async function main(): Promise<void> {
  const rows = benchRows()
  const dir = mkdtempSync(join(tmpdir(), 'survey-desk-bench-'))
  try {
    console.log(`store-ingest: ${fmt(rows)} rows, pages of 1,000`)
    const pool = makePool(rows)

    // 1 + 2: inline, so the time is the writer's own (what the worker thread spends).
    const inlineFile = join(dir, 'inline.sqlite3')
    const db = openDatabase(inlineFile)
    insertBenchConnections(db)
    db.close()
    const inline = createCache({ databaseFile: inlineFile, mode: 'inline' })
    let busy = 0
    let n = 0
    let cpu = process.cpuUsage()
    for (const page of cycledPages(rows, pool)) {
      const t = performance.now()
      const r = await inline.writer.applyPage({ connectionId: page.connectionId, stream: 'responses', entity: 'response', items: page.items, cursor: { n } })
      busy += performance.now() - t
      n += r.inserted
    }
    // The CPU figure includes building the pages (cycledPages), a few % of it: an upper bound on the writer's cost.
    console.log(`ingest (fresh db, FTS current): ${fmt(n / (busy / 1000))} rows/s  (${fmt(n)} rows in ${(busy / 1000).toFixed(1)} s of writer time; ${fmt(n / cpuSecondsSince(cpu))} rows per CPU second)`)
    busy = 0
    cpu = process.cpuUsage()
    let unchanged = 0
    for (const page of cycledPages(rows, pool)) {
      const t = performance.now()
      const r = await inline.writer.applyPage({ connectionId: page.connectionId, stream: 'responses', entity: 'response', items: page.items })
      busy += performance.now() - t
      unchanged += r.unchanged
    }
    console.log(`re-sync unchanged: ${fmt(unchanged / (busy / 1000))} rows/s  (${fmt(unchanged)} rows in ${(busy / 1000).toFixed(1)} s; ${fmt(unchanged / cpuSecondsSince(cpu))} rows per CPU second)`)
    await inline.close()
    // Folded into the main file so its size is the database's, not the database's minus the WAL.
    const sized = openDatabase(inlineFile)
    sized.pragma('wal_checkpoint(TRUNCATE)')
    sized.close()
    console.log(`database size: ${fmt(statSync(inlineFile).size / n)} bytes per row`)

    // 3: through the worker, as the app does it; main only builds pages and posts them.
    const workerFile = join(dir, 'worker.sqlite3')
    const db2 = openDatabase(workerFile)
    insertBenchConnections(db2)
    db2.close()
    const cache = createCache({ databaseFile: workerFile, mode: 'worker' })
    const stall = stallMonitor()
    const start = performance.now()
    let m = 0
    for (const page of cycledPages(rows, pool)) {
      const r = await cache.writer.applyPage({ connectionId: page.connectionId, stream: 'responses', entity: 'response', items: page.items, cursor: { m } })
      m += r.inserted
    }
    const wall = performance.now() - start
    stall.histogram.disable()
    await cache.close()
    console.log(`ingest through the worker: ${fmt(m / (wall / 1000))} rows/s wall clock; main thread's longest event-loop stall ${stall.maxMs().toFixed(1)} ms (p99 ${(stall.histogram.percentile(99) / 1e6).toFixed(1)} ms)`)
    console.log(`peak RSS: ${peakRssMb()} MB`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
