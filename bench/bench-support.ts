import { spawn } from 'node:child_process'
import { isDeepStrictEqual } from 'node:util'
import { join } from 'node:path'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { Response } from '../src/shared/domain/model'
import { mapResponse } from '../src/main/providers/customergauge/mapping'
import { CgResponse } from '../src/main/providers/customergauge/wire'
import { createCache } from '../src/main/store/cache'
import type { Cache } from '../src/main/store/cache-api'
import { openDatabase } from '../src/main/store/database'
import { BENCH_CONNECTIONS, benchPages, insertBenchConnections } from './fake-responses'

/** The bench connections whose rows fakeResponse leaves as the CustomerGauge mapping made them. */
const CG_ONLY_CONNECTIONS = new Set<string>([BENCH_CONNECTIONS[3], BENCH_CONNECTIONS[4]])

/** BENCH_ROWS (default 1,000,000): try a bench small first with BENCH_ROWS=50000. */
export function benchRows(): number {
  const n = Number(process.env.BENCH_ROWS ?? 1_000_000)
  if (!Number.isInteger(n) || n < 1000) throw new Error(`BENCH_ROWS must be a whole number >= 1000 (got ${process.env.BENCH_ROWS})`)
  return n
}

/**
 * Pages for `rows` responses without generating a million objects: a pool of distinct generated
 * pages is cycled, each pass renaming the rows (new external ids) and moving them in time, so every
 * page inserts new rows with realistic text, tags and raw JSON.
 */
export function* cycledPages(rows: number, pool: Array<{ connectionId: string; items: Response[] }>): Generator<{ connectionId: string; items: Response[] }> {
  let written = 0
  for (let pass = 0; written < rows; pass++) {
    for (const page of pool) {
      if (written >= rows) return
      const take = Math.min(page.items.length, rows - written)
      const shift = pass * 37 * 86_400_000
      const items = page.items.slice(0, take).map((r) => ({
        ...r,
        externalId: pass === 0 ? r.externalId : `${r.externalId}-${pass}`,
        respondedAt: pass === 0 ? r.respondedAt : new Date(Date.parse(r.respondedAt) - shift).toISOString()
      }))
      written += take
      yield { connectionId: page.connectionId, items }
    }
  }
}

/**
 * Pages of one CustomerGauge connection in time order, as its first sync delivers them: the pool's
 * rows as the CustomerGauge mapping makes them (4,000 of its 10,000, without the survey, site, staff
 * and team given to the other three connections' rows) cycled, and spread evenly over the three
 * years before 2026-01-01 in the order they come, so every page lands after the rows already stored.
 * Each pass renames its rows in their text too (id and answer date rewritten), so every row stays
 * what the mapping makes of its rawJson (model.ts rawMapping); checkSequentialRows proves it.
 */
export function* sequentialPages(rows: number, connectionId: string): Generator<{ connectionId: string; items: Response[] }> {
  const pool = makePool(rows)
    .filter((p) => CG_ONLY_CONNECTIONS.has(p.connectionId))
    .flatMap((p) => p.items)
  const end = Date.UTC(2026, 0, 1)
  const step = (3 * 365 * 86_400_000) / rows
  let written = 0
  for (let pass = 0; written < rows; pass++) {
    for (let i = 0; i < pool.length && written < rows; i += 1000) {
      const items = pool.slice(i, Math.min(i + 1000, i + rows - written)).map((r, k) => {
        const id = String(Number(r.externalId) + pass * 10_000_000)
        const respondedAt = new Date(Math.floor((end - (rows - written - k) * step) / 1000) * 1000).toISOString()
        const rawJson = r
          .rawJson!.replace(/"number_customergauge":\d+/, `"number_customergauge":${id}`)
          .replace(/"date_survey_response":"[^"]*"/, `"date_survey_response":"${respondedAt.slice(0, 19).replace('T', ' ')}"`)
        return { ...r, externalId: id, respondedAt, rawJson }
      })
      written += items.length
      yield { connectionId, items }
    }
  }
}

/** Throws unless each row is what the CustomerGauge mapping makes of its rawJson (raw aside). */
export function checkSequentialRows(items: readonly Response[]): void {
  for (const r of items) {
    const { raw: _a, ...mapped } = mapResponse(CgResponse.parse(JSON.parse(r.rawJson!)), r.rawJson)
    const { raw: _b, ...given } = r
    if (!isDeepStrictEqual(mapped, given)) throw new Error(`bench row ${r.externalId} is not the mapping of its rawJson`)
  }
}

export function makePool(rows: number): Array<{ connectionId: string; items: Response[] }> {
  return [...benchPages(Math.min(rows, 10_000))]
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export function stallMonitor(): { histogram: IntervalHistogram; maxMs: () => number } {
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  return { histogram, maxMs: () => histogram.max / 1e6 }
}

export function peakRssMb(): number {
  // maxRSS covers the whole process, worker threads included.
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')

/**
 * A new database file with the bench connections and `rows` generated responses, written through
 * an inline cache that is returned open so a bench can add its own entities before closing it.
 */
export async function fillBenchResponses(file: string, rows: number): Promise<Cache> {
  const db = openDatabase(file)
  insertBenchConnections(db)
  db.close()
  const cache = createCache({ databaseFile: file, mode: 'inline' })
  let n = 0
  for (const page of cycledPages(rows, makePool(rows))) {
    n += (await cache.writer.applyPage({ connectionId: page.connectionId, stream: 'responses', entity: 'response', items: page.items })).inserted
    if (n % 100_000 === 0) process.stdout.write(`  filled ${fmt(n)}\n`)
  }
  return cache
}

/** `run` timed `rounds` times after `warm` untimed runs (the reader's page cache warmed); milliseconds, sorted. */
export async function timeRuns(rounds: number, warm: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warm; i++) await run(i)
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    await run(i)
    times.push(performance.now() - t)
  }
  return times.sort((a, b) => a - b)
}

/** "p50 …, p95 …, max …" of sorted times in milliseconds. */
export function latencyLine(sorted: number[], digits = 1): string {
  const ms = (n: number): string => `${n.toFixed(digits)} ms`
  return `p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, max ${ms(sorted[sorted.length - 1] ?? NaN)}`
}

export interface SpawnedSimulator<C> {
  baseUrl: string
  credentials: C
  stop(): void
}

/**
 * `survey-desk simulate <provider> --json …` in its own process, so the simulator's CPU does not
 * count against the process measured; resolves once it has printed where it listens.
 */
export function spawnSimulator<C>(provider: string, args: string[]): Promise<SpawnedSimulator<C>> {
  const root = join(__dirname, '..')
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/index.ts'), 'simulate', provider, '--json', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let out = ''
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      try {
        const doc = JSON.parse(out) as { simulators: Array<Omit<SpawnedSimulator<C>, 'stop'>> }
        resolve({ ...doc.simulators[0]!, stop: () => child.kill('SIGTERM') })
      } catch {
        // the JSON document is not complete yet
      }
    })
    child.once('exit', (code) => reject(new Error(`simulate exited with ${code}`)))
  })
}
