import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { Response } from '../src/shared/domain/model'
import { benchPages } from './fake-responses'

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
