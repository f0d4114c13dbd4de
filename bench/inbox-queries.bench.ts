import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InboxFilters } from '../src/shared/domain/inbox'
import { createCache } from '../src/main/store/cache'
import { benchRows, fillBenchResponses, fmt, latencyLine, peakRssMb, stallMonitor, timeRuns } from './bench-support'
import { BENCH_CONNECTIONS } from './fake-responses'

/**
 * Inbox latency (issue 4, item 8) at BENCH_ROWS rows (default 1,000,000), measured from the main
 * thread through the reader worker, as the app calls it: p50 / p95 of (a) the newest page with two
 * filters (target p95 <= 5 ms), (b) a full-text search (p95 <= 20 ms), (c) a detail, (d) a search
 * within tags (each candidate checked against the label index); plus the main thread's longest
 * event-loop stall while querying. BENCH_DB=<file> keeps the filled database for the next run
 * (filling a million rows takes minutes).
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200)

async function measure(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  // 10 warm-up runs fill the reader's page cache.
  console.log(`${label}: ${latencyLine(await timeRuns(ROUNDS, 10, run), 2)}`)
}

async function main(): Promise<void> {
  const rows = benchRows()
  const dir = mkdtempSync(join(tmpdir(), 'survey-desk-bench-'))
  const file = process.env.BENCH_DB ?? join(dir, 'inbox.sqlite3')
  try {
    if (!existsSync(file)) {
      console.log(`inbox-queries: filling ${fmt(rows)} rows...`)
      await (await fillBenchResponses(file, rows)).close()
    }
    const cache = createCache({ databaseFile: file, mode: 'worker' })
    const total = await cache.reader.inboxCount({ timeZone: 'UTC' })
    console.log(`inbox-queries: ${total.capped ? `more than ${fmt(total.count)}` : fmt(total.count)} rows, ${ROUNDS} rounds each`)
    const stall = stallMonitor()
    const two: Array<Partial<InboxFilters>> = [
      { connectionIds: [BENCH_CONNECTIONS[1]], hasComment: true },
      { metrics: ['nps'], maxScore: 6 },
      { providers: ['customergauge'], tags: ['Support'] },
      { sites: [`${BENCH_CONNECTIONS[0]}:7`], minScore: 9 },
      { connectionIds: [BENCH_CONNECTIONS[3]], period: '12-months' }
    ]
    await measure('(a) newest 50, two filters', (i) => cache.reader.inboxList({ filters: { timeZone: 'Europe/Brussels', ...two[i % two.length] }, limit: 50 }))
    const words = ['societe', 'delivery', 'vriendelijk', 'probleme', 'service', 'personnel', 'recommend', 'helpful']
    await measure('(b) newest 50 matching a word', (i) => cache.reader.inboxList({ filters: { timeZone: 'UTC', search: words[i % words.length] }, limit: 50 }))
    const tagged: Array<Partial<InboxFilters>> = [
      { tags: ['Staff'], search: 'helpful' },
      { tags: ['Callback done', 'Support'], search: 'service' },
      { tags: ['Staff'], search: 'societe' }
    ]
    await measure('(d) newest 50 with a tag and a word', (i) => cache.reader.inboxList({ filters: { timeZone: 'UTC', ...tagged[i % tagged.length] }, limit: 50 }))
    const sample = (await cache.reader.inboxList({ filters: { timeZone: 'UTC', connectionIds: [BENCH_CONNECTIONS[2]] }, limit: 500 })).items.map((r) => r.id)
    const older = (await cache.reader.inboxList({ filters: { timeZone: 'UTC', search: 'service' }, limit: 500 })).items.map((r) => r.id)
    const ids = [...sample, ...older]
    await measure('(c) detail', (i) => cache.reader.inboxDetail(ids[(i * 7919) % ids.length]!))
    await measure('    count, one filter (capped at 100,000)', (i) => cache.reader.inboxCount({ timeZone: 'UTC', ...two[i % 2] }))
    stall.histogram.disable()
    console.log(`main thread's longest event-loop stall while querying: ${stall.maxMs().toFixed(1)} ms; peak RSS ${peakRssMb()} MB`)
    await cache.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
