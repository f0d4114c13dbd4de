import type { Statement } from 'better-sqlite3'
import { csatPositiveMin, NPS_PASSIVE_MIN, NPS_PROMOTER_MIN } from '../../../shared/metrics'
import type { Db } from '../database'
import { RESPONSE_COLUMNS } from './response-row'
import { COUNT_COLUMNS, rollupSumSql } from './schema-v4-rollups'

const DAY_MS = 86_400_000
const col = (name: (typeof RESPONSE_COLUMNS)[number]): number => RESPONSE_COLUMNS.indexOf(name)
const C = {
  connection: col('connection_id'),
  metric: col('metric'),
  score: col('score'),
  scaleMin: col('scale_min'),
  scaleMax: col('scale_max'),
  sentiment: col('sentiment'),
  respondedMs: col('responded_ms')
}
const ENTITY_DIMS = [
  ['survey', col('survey_external_id')],
  ['site', col('site_external_id')],
  ['staff', col('staff_external_id')],
  ['team', col('team_external_id')]
] as const
const SENTIMENT_SLOT: Record<string, number> = { very_negative: 6, negative: 7, neutral: 8, positive: 9, very_positive: 10 }

/** The first day (local day number) of the month holding local day `day`: monthOfDaySql in JS. */
function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS)
  return Math.trunc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS)
}

/**
 * The counts of COUNT_COLUMNS for one row, exactly as classifySql (src/main/reports/classify-sql.ts)
 * computes them in SQL: both follow src/shared/metrics.ts, and test/unit/reports-engine.test.ts
 * checks rollups against the raw query.
 */
function countsOf(score: number | null, sentiment: string | null, scaleMin: number | null, scaleMax: number | null): number[] {
  const scored = score !== null
  const c = [scored ? 1 : 0, score ?? 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  if (scored) {
    if (score >= NPS_PROMOTER_MIN) c[2] = 1
    else if (score >= NPS_PASSIVE_MIN) c[3] = 1
    else c[4] = 1
    c[5] = (sentiment !== null ? sentiment === 'positive' || sentiment === 'very_positive' : score >= csatPositiveMin(scaleMin, scaleMax)) ? 1 : 0
  }
  const slot = sentiment === null ? undefined : SENTIMENT_SLOT[sentiment]
  if (slot !== undefined) c[slot] = 1
  return c
}

export class RollupDeltas {
  private readonly remove: [Statement, Statement]
  private readonly upsertRollup: Statement
  private readonly upsertHistogram: Statement
  private readonly zoneState: Statement
  private readonly zoneOffsets: Statement
  /** report_tz_offsets in memory (from_ms ascending), and the rebuild it belongs to. */
  private offsets: { fromMs: number[]; offsetMs: number[]; key: string } = { fromMs: [], offsetMs: [], key: '' }

  constructor(db: Db) {
    // The old versions of changed rows (rare) are taken away in SQL: the rollup fill's own statements
    // restricted to the page's ids, so their counts come off exactly as a rebuild would count them.
    const [rollup, histogram] = rollupSumSql('r.id IN (SELECT value FROM json_each(?))', -1, true)
    this.remove = [db.prepare(rollup), db.prepare(histogram)]
    this.upsertRollup = db.prepare(
      `INSERT INTO report_rollup (dim, day, connection_id, dim_value, metric, ${COUNT_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ${COUNT_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
    )
    this.upsertHistogram = db.prepare('INSERT INTO report_histogram (day, connection_id, metric, score, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n')
    this.zoneState = db.prepare(`SELECT coalesce(time_zone, '') || '|' || coalesce(rebuilt_at, '') FROM report_rollup_state WHERE id = 1`).pluck()
    this.zoneOffsets = db.prepare('SELECT from_ms, offset_ms FROM report_tz_offsets ORDER BY from_ms')
  }

  /**
   * Counts rows just written in, from their column values (ResponseRow.values): summed in memory
   * per (dimension, day, connection, value, metric), then one upsert per sum. A page falls on a few
   * days, so that is tens of upserts for a thousand rows, where the SQL form (json_each over the
   * page's ids, nine dimension rows built as JSON per row) cost ~16 µs a row. Call inside the
   * transaction that wrote them.
   */
  added(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): void {
    if (rows.length === 0) return
    this.loadOffsets()
    const sums = new Map<string, { key: [string, number, string, string, string]; counts: number[] }>()
    const histogram = new Map<string, { key: [number, string, string, number]; n: number }>()
    const add = (dim: string, day: number, connection: string, value: string, metric: string, counts: number[]): void => {
      const k = `${dim}\u0000${day}\u0000${connection}\u0000${value}\u0000${metric}`
      const s = sums.get(k)
      if (!s) sums.set(k, { key: [dim, day, connection, value, metric], counts: counts.slice() })
      else for (let i = 0; i < counts.length; i++) s.counts[i]! += counts[i]!
    }
    for (const v of rows) {
      const score = v[C.score] as number | null
      const sentiment = v[C.sentiment] as string | null
      if (score === null && sentiment === null) continue // COUNTED: written rows are never removed
      const connection = v[C.connection] as string
      const metric = (v[C.metric] as string | null) ?? ''
      const day = this.localDay(v[C.respondedMs] as number)
      const month = monthOfDay(day)
      const counts = countsOf(score, sentiment, v[C.scaleMin] as number | null, v[C.scaleMax] as number | null)
      add('all', day, connection, '', metric, counts)
      for (const [dim, at] of ENTITY_DIMS) {
        const value = v[at] as string | null
        if (value === null) continue
        add(dim, day, connection, value, metric, counts)
        add(`${dim}_m`, month, connection, value, metric, counts)
      }
      if (score !== null) {
        const k = `${day}\u0000${connection}\u0000${metric}\u0000${score}`
        const h = histogram.get(k)
        if (h) h.n++
        else histogram.set(k, { key: [day, connection, metric, score], n: 1 })
      }
    }
    for (const { key, counts } of sums.values()) this.upsertRollup.run(...key, ...counts)
    for (const { key, n } of histogram.values()) this.upsertHistogram.run(...key, n)
  }

  /** localDaySql in JS: the newest offset change at or before the instant, integer division as SQLite does it. */
  private localDay(ms: number): number {
    const { fromMs, offsetMs } = this.offsets
    let lo = 0
    let hi = fromMs.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (fromMs[mid]! <= ms) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return Math.trunc((ms + (found < 0 ? 0 : offsetMs[found]!)) / DAY_MS)
  }

  /** Re-reads the zone's offsets when a rebuild (on any connection) changed them since the last page. */
  private loadOffsets(): void {
    const key = (this.zoneState.get() as string | undefined) ?? ''
    if (key === this.offsets.key && this.offsets.fromMs.length > 0) return
    const rows = this.zoneOffsets.all() as Array<{ from_ms: number; offset_ms: number }>
    this.offsets = { fromMs: rows.map((r) => r.from_ms), offsetMs: rows.map((r) => r.offset_ms), key }
  }

  /** Takes the stored rows `ids` out. Call before they change or go, inside the same transaction. */
  removing(ids: readonly number[]): void {
    this.apply(this.remove, ids)
  }

  private apply(statements: [Statement, Statement], ids: readonly number[]): void {
    if (ids.length === 0) return
    const list = JSON.stringify(ids)
    for (const s of statements) s.run(list)
  }
}
