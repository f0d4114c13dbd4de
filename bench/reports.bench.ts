import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InboxFilters } from '../src/shared/domain/inbox'
import { ReportRunInput, type ReportRunInput as RunInput } from '../src/shared/domain/reports'
import { createCache } from '../src/main/store/cache'
import type { Cache } from '../src/main/store/cache-api'
import { openDatabase } from '../src/main/store/database'
import { benchRows, cycledPages, fmt, latencyLine, makePool, peakRssMb, percentile, stallMonitor, timeRuns } from './bench-support'
import { BENCH_CONNECTIONS, insertBenchConnections } from './fake-responses'
import { dayStart, localDayNumber } from '../src/main/reports/zone-days'

/**
 * Reports (issue 7, item 8) at BENCH_ROWS cached responses (default 1,000,000), measured from the
 * main thread through the reader worker as the app calls them: NPS by month and by site over the
 * last 12 months, and the reports page's whole set of queries together (headline with previous
 * period, league tables by site / staff / team, monthly trend, distribution, and the CSAT and CES
 * headline cards); p50 / p95 each (target p95 <= 100 ms), plus the main thread's longest event-loop
 * stall meanwhile (target < 50 ms). Also: the rollup rebuild for a new report time zone, and the
 * write-path cost of the rollup triggers (ingest of up to 100,000 rows with and without them).
 * BENCH_DB=<file> keeps the filled database for the next run.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100)
const ZONE = 'Europe/Brussels'
const MIN_SAMPLE = 30

/** Rows per second of writer wall time and of writer CPU time (the fairer figure on a shared machine). */
async function fill(file: string, rows: number, withTriggers = true): Promise<{ wall: number; cpu: number }> {
  const db = openDatabase(file)
  insertBenchConnections(db)
  if (!withTriggers) for (const t of ['insert', 'delete', 'update_old', 'update_new']) db.exec(`DROP TRIGGER responses_rollup_${t}`)
  db.close()
  const cache = createCache({ databaseFile: file, mode: 'inline' })
  let busy = 0
  let cpu = 0
  let n = 0
  for (const page of cycledPages(rows, makePool(rows))) {
    const t = performance.now()
    const c = process.cpuUsage()
    n += (await cache.writer.applyPage({ connectionId: page.connectionId, stream: 'responses', entity: 'response', items: page.items })).inserted
    const used = process.cpuUsage(c)
    cpu += (used.user + used.system) / 1000
    busy += performance.now() - t
    if (n % 200_000 === 0) process.stdout.write(`  filled ${fmt(n)}\n`)
  }
  await cache.close()
  return { wall: n / (busy / 1000), cpu: n / (cpu / 1000) }
}

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  console.log(`${label}: ${latencyLine(await timeRuns(ROUNDS, 5, run))}`)
}

const run = (cache: Cache, input: RunInput) => cache.reports.run(ReportRunInput.parse(input), MIN_SAMPLE)

async function main(): Promise<void> {
  const rows = benchRows()
  const dir = mkdtempSync(join(tmpdir(), 'survey-desk-bench-'))
  const file = process.env.BENCH_DB ?? join(dir, 'reports.sqlite3')
  try {
    const writeRows = Math.min(rows, 100_000)
    // REPORTS_BENCH_WRITE=0 skips the write-path comparison (when re-running the queries on a kept BENCH_DB).
    if (process.env.REPORTS_BENCH_WRITE !== '0') await writePath(dir, writeRows)

    if (!existsSync(file)) {
      console.log(`reports: filling ${fmt(rows)} rows...`)
      await fill(file, rows)
    }
    // The bench's rows go back years from today: report on the twelve months that hold the newest of them.
    const probe = openDatabase(file)
    const newest = probe.prepare('SELECT responded_ms FROM responses ORDER BY id DESC LIMIT 1').pluck().get() as number
    const zone = probe.prepare('SELECT time_zone FROM report_rollup_state').pluck().get() as string | null
    probe.close()
    const lastDay = localDayNumber(newest, ZONE)
    const year: InboxFilters = { timeZone: ZONE, from: dayStart(lastDay - 364, ZONE).toISOString(), to: new Date(dayStart(lastDay + 1, ZONE).getTime() - 1).toISOString() }
    const quarter: InboxFilters = { ...year, from: dayStart(lastDay - 90, ZONE).toISOString() }

    const cache = createCache({ databaseFile: file, mode: 'worker' })
    if (zone !== ZONE) {
      const t = performance.now()
      const rebuilt = await cache.reports.rebuildRollups(ZONE)
      console.log(`rollup rebuild in ${ZONE}: ${((performance.now() - t) / 1000).toFixed(1)} s, ${fmt(rebuilt.rows)} rollup rows`)
    }

    const stall = stallMonitor()
    const filters = year
    const nps = await run(cache, { metric: 'nps', filters, by: ['site'] })
    const all = await run(cache, { metric: 'nps', filters: { timeZone: ZONE }, distribution: false, previous: false })
    console.log(`reports: NPS over ${fmt(nps.headline.n)} responses in the 12 months to ${year.to} (of ${fmt(all.headline.n)} in all; source ${nps.source}), ${ROUNDS} rounds each`)
    await measure('(a) NPS by month, 12 months', () => run(cache, { metric: 'nps', filters, by: ['month'], distribution: false }))
    await measure('(b) NPS by site, 12 months (with previous period)', () => run(cache, { metric: 'nps', filters, by: ['site'], distribution: false }))
    await measure('    NPS by site, all time', () => run(cache, { metric: 'nps', filters: { timeZone: ZONE }, by: ['site'], distribution: false, previous: false }))
    await measure('(c) the reports page: NPS headline + site/staff/team/provider + month trend + distribution, CSAT and CES cards', () =>
      Promise.all([
        run(cache, { metric: 'nps', filters, by: ['site', 'staff', 'team', 'provider'], trend: 'month' }),
        run(cache, { metric: 'csat', filters, distribution: false }),
        run(cache, { metric: 'ces', filters, distribution: false })
      ])
    )
    await measure('(d) NPS by site for one connection, last quarter', () => run(cache, { metric: 'nps', filters: { ...quarter, connectionIds: [BENCH_CONNECTIONS[0]] }, by: ['site'] }))
    const slow: number[] = []
    for (let i = 0; i < 5; i++) {
      const s = performance.now()
      await run(cache, { metric: 'nps', filters: { ...quarter, tags: ['Support'] }, by: ['site'], previous: false })
      slow.push(performance.now() - s)
    }
    console.log(`(e) raw fallback (a tag filter the rollups cannot answer), NPS by site, last quarter: median ${percentile(slow.sort((a, b) => a - b), 50).toFixed(0)} ms over ${slow.length} runs`)
    stall.histogram.disable()
    console.log(`main thread's longest event-loop stall while querying: ${stall.maxMs().toFixed(1)} ms; peak RSS ${peakRssMb()} MB`)
    await cache.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function writePath(dir: string, writeRows: number): Promise<void> {
  const without = await fill(join(dir, 'no-triggers.sqlite3'), writeRows, false)
  const withT = await fill(join(dir, 'triggers.sqlite3'), writeRows, true)
  const slower = (a: number, b: number): string => `${((1 - a / b) * 100).toFixed(0)}% slower`
  console.log(
    `write path, ${fmt(writeRows)} rows: with rollup triggers ${fmt(withT.wall)} rows/s wall, ${fmt(withT.cpu)} rows/s CPU; ` +
      `without ${fmt(without.wall)} wall, ${fmt(without.cpu)} CPU (${slower(withT.wall, without.wall)} wall, ${slower(withT.cpu, without.cpu)} CPU)`
  )
}

void main()
