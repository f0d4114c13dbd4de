import type { InboxFilters } from '../../shared/domain/inbox'
import type { ReportBy, ReportMetric } from '../../shared/domain/reports'
import type { Db } from '../store/database'
import { buildInboxQuery } from '../store/cache/inbox-query'
import type { RollupDimension } from '../store/cache/schema-v4-rollups'
import { classifySql } from './classify-sql'
import { AGG_COLUMNS, EMPTY_AGG, type Agg } from './figures'
import { bucketOfDay, DAY_MS, isLocalMidnight, localDayCaseSql, localDayNumber, nextBucket } from './zone-days'

/**
 * The two ways a group of figures is counted: from report_rollup (kept current per page by the cache writer, one
 * dimension per row, local days in the rollups' zone) or from the responses themselves through the
 * inbox's own filter SQL (so a report and the inbox it drills into can never disagree on scope).
 * Both return the same Agg per group key; time groups come back as local day numbers.
 */

export interface Scope {
  metric: Exclude<ReportMetric, 'response_rate'>
  filters: InboxFilters
  timeZone: string
  /** Instants, `to` exclusive; null for open. */
  from: number | null
  to: number | null
}

export interface Group {
  key: string
  agg: Agg
}

const ENTITY_DIMS = { surveys: 'survey', sites: 'site', staff: 'staff', teams: 'team' } as const
const ENTITY_COLUMN = { survey: 'survey_external_id', site: 'site_external_id', staff: 'staff_external_id', team: 'team_external_id' } as const
type EntityDim = keyof typeof ENTITY_COLUMN
const isEntityDim = (by: ReportBy | null): by is EntityDim => by !== null && by in ENTITY_COLUMN
const isTime = (by: ReportBy | null): boolean => by === 'day' || by === 'week' || by === 'month'

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/** The metric value a scope counts, or null for the standardised score (any metric with a sentiment band). */
function metricValue(scope: Scope): string | null {
  return scope.metric === 'standardised' ? null : scope.metric
}

/** False when the filters' metric list leaves this report's metric out: the report is then empty. */
export function metricSelected(scope: Scope): boolean {
  const m = metricValue(scope)
  return m === null || !scope.filters.metrics || scope.filters.metrics.length === 0 || (scope.filters.metrics as string[]).includes(m)
}

/** The zone the rollups are kept in; null while they are not built (a cache filled before migration 4). */
export function rollupTimeZone(db: Db): string | null {
  return (db.prepare('SELECT time_zone FROM report_rollup_state WHERE id = 1').pluck().get() as string | null | undefined) ?? null
}

/** The rollup dimension that answers this scope grouped by `by`, or null when only the responses can. */
export function rollupPlan(scope: Scope, by: ReportBy | null, rollupZone: string | null): RollupDimension | null {
  const f = scope.filters
  if (rollupZone !== scope.timeZone) return null
  if (f.search || (f.tags && f.tags.length > 0) || f.hasComment !== undefined || f.minScore !== undefined || f.maxScore !== undefined) return null
  if (by === 'tag' || by === 'channel' || by === 'property') return null
  for (const edge of [scope.from, scope.to]) if (edge !== null && !isLocalMidnight(edge, scope.timeZone)) return null
  const filtered = (Object.keys(ENTITY_DIMS) as Array<keyof typeof ENTITY_DIMS>).filter((k) => (f[k]?.length ?? 0) > 0).map((k) => ENTITY_DIMS[k])
  const dims = new Set<string>(filtered)
  if (isEntityDim(by)) dims.add(by)
  if (dims.size > 1) return null
  return dims.size === 1 ? ([...dims][0] as RollupDimension) : 'all'
}

const aggSelect = (prefix: string): string => AGG_COLUMNS.map((c) => `sum(${prefix}${c}) AS ${c}`).join(', ')

function toGroups(rows: Array<Record<string, unknown>>): Group[] {
  return rows.map((r) => {
    const agg = { ...EMPTY_AGG }
    for (const c of AGG_COLUMNS) agg[c] = Number(r[c] ?? 0)
    return { key: String(r.k ?? ''), agg }
  })
}

export function queryRollup(db: Db, scope: Scope, by: ReportBy | null, dim: RollupDimension): Group[] {
  const groups = rollupGroups(db, scope, by, dim)
  if (!isEntityDim(by) || dim !== by || (scope.filters[FILTER_OF[by]]?.length ?? 0) > 0) return groups
  // Rollup rows exist only for responses that name the entity: "none" is the whole less the named.
  const rest = { ...(rollupGroups(db, scope, null, 'all')[0]?.agg ?? EMPTY_AGG) }
  for (const g of groups) for (const c of AGG_COLUMNS) rest[c] -= g.agg[c]
  if (AGG_COLUMNS.some((c) => Math.abs(rest[c]) > 1e-9)) groups.push({ key: '', agg: rest })
  return groups
}

const FILTER_OF = { survey: 'surveys', site: 'sites', staff: 'staff', team: 'teams' } as const

/**
 * Which rollup rows cover [fromDay, toDay): an entity dimension reads its month rows for the whole
 * months inside the range and its day rows only for the partial months at either end; 'all' and
 * time series read day rows.
 */
function dayClause(dim: RollupDimension, by: ReportBy | null, fromDay: number | null, toDay: number | null): { sql: string; params: Array<string | number> } {
  const days = (lo: number | null, hi: number | null, d: string): { sql: string; params: Array<string | number> } => {
    const sql = ['u.dim = ?']
    const params: Array<string | number> = [d]
    if (lo !== null) {
      sql.push('u.day >= ?')
      params.push(lo)
    }
    if (hi !== null) {
      sql.push('u.day < ?')
      params.push(hi)
    }
    return { sql: `(${sql.join(' AND ')})`, params }
  }
  if (dim === 'all' || isTime(by)) return days(fromDay, toDay, dim)
  const firstFull = fromDay === null ? null : bucketOfDay(fromDay, 'month') === fromDay ? fromDay : nextBucket(bucketOfDay(fromDay, 'month'), 'month')
  const endFull = toDay === null ? null : bucketOfDay(toDay, 'month')
  if (firstFull !== null && endFull !== null && firstFull >= endFull) return days(fromDay, toDay, dim)
  const parts = [days(firstFull, endFull, `${dim}_m`)]
  if (fromDay !== null && firstFull !== null && fromDay < firstFull) parts.push(days(fromDay, firstFull, dim))
  if (toDay !== null && endFull !== null && endFull < toDay) parts.push(days(endFull, toDay, dim))
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) }
}

function rollupGroups(db: Db, scope: Scope, by: ReportBy | null, dim: RollupDimension): Group[] {
  const range = dayClause(
    dim,
    by,
    scope.from === null ? null : localDayNumber(scope.from, scope.timeZone),
    scope.to === null ? null : localDayNumber(scope.to, scope.timeZone)
  )
  const where = [range.sql]
  const params: Array<string | number> = [...range.params]
  const f = scope.filters
  const m = metricValue(scope)
  if (m !== null) {
    where.push('u.metric = ?')
    params.push(m)
  } else if (f.metrics && f.metrics.length > 0) {
    where.push(`u.metric IN (${marks(f.metrics.length)})`)
    params.push(...f.metrics)
  }
  if (f.connectionIds && f.connectionIds.length > 0) {
    where.push(`u.connection_id IN (${marks(f.connectionIds.length)})`)
    params.push(...f.connectionIds)
  }
  if (f.providers && f.providers.length > 0) {
    where.push(`c.provider IN (${marks(f.providers.length)})`)
    params.push(...f.providers)
  }
  if (dim !== 'all') {
    const refs = f[(Object.keys(ENTITY_DIMS) as Array<keyof typeof ENTITY_DIMS>).find((k) => ENTITY_DIMS[k] === dim)!] ?? []
    if (refs.length > 0) {
      where.push(`(${refs.map(() => '(u.connection_id = ? AND u.dim_value = ?)').join(' OR ')})`)
      for (const ref of refs) params.push(ref.slice(0, 36), ref.slice(37))
    }
  }
  const key =
    by === null ? `''` : by === 'provider' ? 'c.provider' : by === 'connection' ? 'u.connection_id' : isTime(by) ? 'u.day' : `u.connection_id || ':' || u.dim_value`
  const sql = `SELECT ${key} AS k, ${aggSelect('u.')} FROM report_rollup u CROSS JOIN connections c ON c.id = u.connection_id
    WHERE ${where.join(' AND ')} GROUP BY k`
  return toGroups(db.prepare(sql).all(...params) as Array<Record<string, unknown>>)
}

const INNER_COLUMNS = `r.id, r.body_id, r.connection_id, r.provider, r.metric, r.score, r.scale_min, r.scale_max, r.sentiment, r.responded_ms, r.channel,
  r.survey_external_id, r.site_external_id, r.staff_external_id, r.team_external_id`

/** The inbox filters that select exactly this scope's responses (the period replaced by its instants). */
export function scopeFilters(scope: Scope): InboxFilters {
  const f: InboxFilters = { ...scope.filters }
  delete f.period
  delete f.from
  delete f.to
  if (scope.from !== null) f.from = new Date(scope.from).toISOString()
  // customRange reads `to` as inclusive: the last millisecond of the range.
  if (scope.to !== null) f.to = new Date(scope.to - 1).toISOString()
  const m = metricValue(scope)
  if (m !== null) f.metrics = [m as NonNullable<InboxFilters['metrics']>[number]]
  return f
}

function rawInner(scope: Scope, now: Date): { sql: string; params: Array<string | number> } {
  // The standardised score reads only the sentiment counts, so rows without a band add nothing to it.
  const q = buildInboxQuery(scopeFilters(scope), now)
  return { sql: `SELECT ${INNER_COLUMNS} ${q.body}`, params: q.params }
}

export function queryRaw(db: Db, scope: Scope, by: ReportBy | null, now: Date): Group[] {
  const inner = rawInner(scope, now)
  const c = classifySql('x')
  const sums = [c.scored, 'coalesce(x.score, 0)', c.promoters, c.passives, c.detractors, c.positive, c.veryNegative, c.negative, c.neutral, c.sentimentPositive, c.veryPositive]
  const aggs = AGG_COLUMNS.map((col, i) => `sum(${sums[i]}) AS ${col}`).join(', ')
  let join = ''
  let key: string
  if (by === null) key = `''`
  else if (by === 'provider') key = 'x.provider'
  else if (by === 'connection') key = 'x.connection_id'
  else if (by === 'channel') key = `coalesce(x.channel, '')`
  else if (by === 'tag') {
    join = 'CROSS JOIN response_bodies b ON b.id = x.body_id CROSS JOIN json_each(b.labels) j'
    key = 'j.value'
  } else if (by === 'property') {
    join = 'CROSS JOIN response_bodies b ON b.id = x.body_id CROSS JOIN json_each(b.properties) j'
    key = `j.key || ': ' || j.value`
  } else if (isTime(by)) key = localDayCaseSql('x', scope.timeZone, scope.from, scope.to)
  else {
    const col = ENTITY_COLUMN[by as EntityDim]
    key = `CASE WHEN x.${col} IS NULL THEN '' ELSE x.connection_id || ':' || x.${col} END`
  }
  const sql = `SELECT ${key} AS k, ${aggs} FROM (${inner.sql}) x ${join} GROUP BY k`
  return toGroups(db.prepare(sql).all(...inner.params) as Array<Record<string, unknown>>)
}

/** Score -> count for the distribution chart. */
export function queryHistogram(db: Db, scope: Scope, dim: RollupDimension | null, now: Date): Array<{ score: number; count: number }> {
  const m = metricValue(scope)
  if (dim === 'all' && m !== null) {
    const where = ['h.metric = ?']
    const params: Array<string | number> = [m]
    const f = scope.filters
    if (scope.from !== null) {
      where.push('h.day >= ?')
      params.push(localDayNumber(scope.from, scope.timeZone))
    }
    if (scope.to !== null) {
      where.push('h.day < ?')
      params.push(localDayNumber(scope.to, scope.timeZone))
    }
    if (f.connectionIds && f.connectionIds.length > 0) {
      where.push(`h.connection_id IN (${marks(f.connectionIds.length)})`)
      params.push(...f.connectionIds)
    }
    if (f.providers && f.providers.length > 0) {
      where.push(`c.provider IN (${marks(f.providers.length)})`)
      params.push(...f.providers)
    }
    return db
      .prepare(`SELECT h.score AS score, sum(h.n) AS count FROM report_histogram h CROSS JOIN connections c ON c.id = h.connection_id WHERE ${where.join(' AND ')} GROUP BY h.score HAVING sum(h.n) > 0 ORDER BY h.score`)
      .all(...params) as Array<{ score: number; count: number }>
  }
  const inner = rawInner(scope, now)
  return db.prepare(`SELECT x.score AS score, count(*) AS count FROM (${inner.sql}) x WHERE x.score IS NOT NULL GROUP BY x.score ORDER BY x.score`).all(...inner.params) as Array<{
    score: number
    count: number
  }>
}

/** Groups of one scope: from the rollups when they can answer, else from the responses. */
export function queryGroups(db: Db, scope: Scope, by: ReportBy | null, rollupZone: string | null, now: Date): { groups: Group[]; source: 'rollup' | 'raw' } {
  if (!metricSelected(scope)) return { groups: [], source: 'rollup' }
  const dim = rollupPlan(scope, by, rollupZone)
  if (dim !== null) return { groups: queryRollup(db, scope, by, dim), source: 'rollup' }
  return { groups: queryRaw(db, scope, by, now), source: 'raw' }
}

export { DAY_MS }
