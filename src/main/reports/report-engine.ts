import type { z } from 'zod'
import type { InboxFilters } from '../../shared/domain/inbox'
import type {
  Breakdown,
  BreakdownRow,
  DistributionBucket,
  ReportBy,
  ReportFigure,
  ReportInterval,
  ReportMetric,
  ReportResult,
  ReportRunInput,
  TrendPoint
} from '../../shared/domain/reports'
import { npsBand } from '../../shared/metrics'
import { previousPeriod } from '../../shared/period-range'
import { timeRange } from '../store/cache/inbox-query'
import type { Db } from '../store/database'
import { EMPTY_AGG, addAgg, change, figure, requestFigure, type Agg, type RequestCounts } from './figures'
import { labelFor } from './labels'
import { queryGroups, queryHistogram, rollupPlan, rollupTimeZone, scopeFilters, metricSelected, type Scope } from './report-queries'
import { queryRequests } from './request-queries'
import { bucketLabel, bucketOfDay, dayStart, localDayNumber, nextBucket } from './zone-days'

/**
 * The metric engine: one report (headline with the previous period, breakdowns, trend, score
 * distribution) over the local cache, on the cache reader thread. Every figure carries the inbox
 * filters of the responses behind it (`drill`).
 */

export type ParsedRunInput = z.output<typeof ReportRunInput>

export interface RunOptions {
  now: Date
  minimumSample: number
}

interface Range {
  from: number | null
  to: number | null
}

const TIME: ReadonlySet<ReportBy> = new Set(['day', 'week', 'month'])
/** A time series never gets longer than this many buckets (ten years of days is still readable data, not a chart). */
const MAX_BUCKETS = 4000

export function previousRange(filters: InboxFilters, range: Range): Range | null {
  if (range.from === null || range.to === null) return null
  const p = previousPeriod({ from: new Date(range.from), to: new Date(range.to) }, filters.period, filters.timeZone ?? 'UTC')
  return { from: p.from.getTime(), to: p.to.getTime() }
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

/** Drill filters for one breakdown key under the scope's own drill filters. */
function rowDrill(base: InboxFilters, by: ReportBy, key: string): { drill: InboxFilters; exact: boolean } {
  switch (by) {
    case 'provider':
      return { drill: { ...base, providers: [key as NonNullable<InboxFilters['providers']>[number]] }, exact: true }
    case 'connection':
      return { drill: { ...base, connectionIds: [key] }, exact: true }
    case 'survey':
    case 'site':
    case 'staff':
    case 'team': {
      if (key === '') return { drill: base, exact: false }
      const field = ({ survey: 'surveys', site: 'sites', staff: 'staff', team: 'teams' } as const)[by]
      return { drill: { ...base, [field]: [key] }, exact: true }
    }
    case 'tag':
      return { drill: { ...base, tags: [key] }, exact: !base.tags || base.tags.length === 0 || base.tags.includes(key) }
    default:
      return { drill: base, exact: false }
  }
}

class ReportRun {
  readonly rollupZone: string | null
  usedRaw = false
  readonly timeZone: string

  constructor(
    private readonly db: Db,
    private readonly input: ParsedRunInput,
    private readonly opts: RunOptions
  ) {
    this.rollupZone = rollupTimeZone(db)
    this.timeZone = input.filters.timeZone ?? 'UTC'
  }

  get metric(): ReportMetric {
    return this.input.metric
  }

  scope(range: Range): Scope {
    return { metric: this.metric as Scope['metric'], filters: this.input.filters, timeZone: this.timeZone, from: range.from, to: range.to }
  }

  /** The drill filters of a whole scope: the user's filters (named period kept) for the current range, instants for any other. */
  baseDrill(range: Range, current: boolean): InboxFilters {
    if (this.metric === 'response_rate') return current ? { ...this.input.filters } : { ...scopeFilters(this.scope(range)), metrics: this.input.filters.metrics }
    const f = scopeFilters(this.scope(range))
    if (!current) return f
    const { period, from, to } = this.input.filters
    delete f.from
    delete f.to
    return { ...f, ...(period ? { period } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }
  }

  groups(range: Range, by: ReportBy | null): Map<string, Agg> {
    const { groups, source } = queryGroups(this.db, this.scope(range), by, this.rollupZone, this.opts.now)
    if (source === 'raw') this.usedRaw = true
    return new Map(groups.map((g) => [g.key, g.agg]))
  }

  requests(range: Range, by: ReportBy | null): Map<string, RequestCounts> {
    this.usedRaw = true
    return new Map(queryRequests(this.db, this.input.filters, range, this.timeZone, by).map((r) => [r.key, r.counts]))
  }

  fig(value: Agg | RequestCounts | undefined, drill: InboxFilters, exact: boolean): ReportFigure {
    const min = this.opts.minimumSample
    if (this.metric === 'response_rate') return requestFigure((value as RequestCounts | undefined) ?? { sent: 0, delivered: 0, replied: 0 }, min, drill)
    // The inbox cannot filter on a sentiment band: a standardised figure's drill also lists answers without one.
    return figure(this.metric, (value as Agg | undefined) ?? EMPTY_AGG, min, drill, exact && this.metric !== 'standardised')
  }

  values(range: Range, by: ReportBy | null): Map<string, Agg | RequestCounts> {
    return this.metric === 'response_rate' ? this.requests(range, by) : this.groups(range, by)
  }

  headline(range: Range, prev: Range | null): ReportResult['headline'] {
    const now = this.fig(this.values(range, null).get(''), this.baseDrill(range, true), this.metric !== 'response_rate')
    const before = prev ? this.fig(this.values(prev, null).get(''), this.baseDrill(prev, false), this.metric !== 'response_rate') : null
    return { ...now, previous: before, change: change(now.score, before?.score) }
  }

  breakdown(by: ReportBy, range: Range, prev: Range | null): Breakdown {
    if (TIME.has(by)) return { by, rows: this.series(by as ReportInterval, range).map(({ start, end: _end, label, ...f }) => ({ ...f, key: start, label })) }
    const current = this.values(range, by)
    const before = prev ? this.values(prev, by) : null
    const base = this.baseDrill(range, true)
    const prevBase = prev ? this.baseDrill(prev, false) : null
    const rows: BreakdownRow[] = []
    for (const [key, value] of current) {
      const { drill, exact } = rowDrill(base, by, key)
      const f = this.fig(value, drill, exact && this.metric !== 'response_rate')
      if (f.n === 0 && ('sent' in f.parts ? (f.parts.sent ?? 0) === 0 : true)) continue
      const row: BreakdownRow = { ...f, key, label: labelFor(this.db, by, key) }
      if (before && prevBase) {
        const p = before.get(key)
        const prevFig = p ? this.fig(p, rowDrill(prevBase, by, key).drill, exact && this.metric !== 'response_rate') : null
        row.previous = prevFig && prevFig.n > 0 ? prevFig : null
        row.change = change(f.score, row.previous?.score)
      }
      rows.push(row)
    }
    rows.sort((a, b) => b.n - a.n || a.label.localeCompare(b.label))
    return { by, rows: rows.slice(0, this.input.limit) }
  }

  /** Buckets of the range by local day / week / month, empty ones included. */
  series(interval: ReportInterval, range: Range): TrendPoint[] {
    const byDay = this.values(range, interval)
    const buckets = new Map<number, Agg | RequestCounts>()
    for (const [k, v] of byDay) {
      const b = bucketOfDay(Number(k), interval)
      const had = buckets.get(b)
      buckets.set(b, had === undefined ? v : 'sent' in v ? addCounts(had as RequestCounts, v) : addAgg(had as Agg, v))
    }
    const days = [...buckets.keys()]
    const first = range.from !== null ? bucketOfDay(localDayNumber(range.from, this.timeZone), interval) : Math.min(...days)
    const endDay = range.to !== null ? localDayNumber(range.to - 1, this.timeZone) : Math.max(...days)
    if (!Number.isFinite(first) || !Number.isFinite(endDay)) return []
    const points: TrendPoint[] = []
    for (let b = first; b <= endDay && points.length < MAX_BUCKETS; b = nextBucket(b, interval)) {
      const start = Math.max(dayStart(b, this.timeZone).getTime(), range.from ?? -Infinity)
      const end = Math.min(dayStart(nextBucket(b, interval), this.timeZone).getTime(), range.to ?? Infinity)
      const drill = this.baseDrill({ from: start, to: end }, false)
      const f = this.fig(buckets.get(b), drill, this.metric !== 'response_rate')
      points.push({ ...f, start: new Date(start).toISOString(), end: new Date(end).toISOString(), label: bucketLabel(b, interval) })
    }
    return points
  }

  distribution(range: Range, headline: ReportFigure): DistributionBucket[] {
    if (this.metric === 'response_rate') return []
    const base = this.baseDrill(range, true)
    if (this.metric === 'standardised') {
      const p = headline.parts
      const counts: Array<[number, number | undefined]> = [
        [0, p.veryNegative],
        [25, p.negative],
        [50, p.neutral],
        [75, p.positive],
        [100, p.veryPositive]
      ]
      return counts.map(([score, count]) => ({ score, count: count ?? 0, band: null, drill: base }))
    }
    const scope = this.scope(range)
    if (!metricSelected(scope)) return []
    const dim = rollupPlan(scope, null, this.rollupZone)
    if (dim !== 'all') this.usedRaw = true
    return queryHistogram(this.db, scope, dim, this.opts.now).map(({ score, count }) => ({
      score,
      count,
      band: this.metric === 'nps' ? npsBand(score) : null,
      drill: { ...base, minScore: Math.max(score, base.minScore ?? -Infinity), maxScore: Math.min(score, base.maxScore ?? Infinity) }
    }))
  }
}

function addCounts(a: RequestCounts, b: RequestCounts): RequestCounts {
  return { sent: a.sent + b.sent, delivered: a.delivered + b.delivered, replied: a.replied + b.replied }
}

export function runReport(db: Db, input: ParsedRunInput, opts: RunOptions): ReportResult {
  const started = performance.now()
  const run = new ReportRun(db, input, opts)
  const range = timeRange(input.filters, opts.now)
  const prev = input.previous ? previousRange(input.filters, range) : null
  // One read transaction: every figure of the report sees the same snapshot while sync writes.
  return db.transaction(() => {
    const headline = run.headline(range, prev)
    const breakdowns = input.by.map((by) => run.breakdown(by, range, prev))
    const trend = input.trend ? { interval: input.trend, points: run.series(input.trend, range) } : null
    const distribution = input.distribution ? run.distribution(range, headline) : []
    return {
      metric: input.metric,
      range: { from: iso(range.from), to: iso(range.to) },
      previousRange: prev ? { from: iso(prev.from), to: iso(prev.to) } : null,
      timeZone: run.timeZone,
      minimumSample: opts.minimumSample,
      headline,
      breakdowns,
      trend,
      distribution,
      source: run.usedRaw ? ('raw' as const) : ('rollup' as const),
      computedAt: opts.now.toISOString(),
      elapsedMs: Math.round((performance.now() - started) * 10) / 10
    }
  })()
}
