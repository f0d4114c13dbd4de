import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { Response } from '../src/shared/domain/model'
import { createCache } from '../src/main/store/cache'
import type { Cache } from '../src/main/store/cache-api'
import { openDatabase } from '../src/main/store/database'
import { benchPages, insertBenchConnections } from './fake-responses'

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
 * Pages of one connection in time order, as a provider's first sync delivers them: a pool of
 * 10,000 generated rows cycled (each pass renamed), and the rows spread evenly over the three
 * years before 2026-01-01 in the order they come, so every page lands after the rows already stored.
 */
export function* sequentialPages(rows: number, connectionId: string): Generator<{ connectionId: string; items: Response[] }> {
  const pool = makePool(rows).flatMap((p) => p.items)
  const end = Date.UTC(2026, 0, 1)
  const step = (3 * 365 * 86_400_000) / rows
  let written = 0
  for (let pass = 0; written < rows; pass++) {
    for (let i = 0; i < pool.length && written < rows; i += 1000) {
      const items = pool.slice(i, Math.min(i + 1000, i + rows - written)).map((r, k) => ({
        ...r,
        externalId: `${r.externalId}-s${pass}`,
        respondedAt: new Date(Math.round(end - (rows - written - k) * step)).toISOString()
      }))
      written += items.length
      yield { connectionId, items }
    }
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
 * CPU seconds this process spent (all its threads) since `since`. On a shared machine the wall
 * clock also counts time other processes took the cores; CPU time says what the work itself cost.
 */
export function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1e6
}

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
