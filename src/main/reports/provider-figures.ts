import type { InboxFilters } from '../../shared/domain/inbox'
import { ReportRunInput, type FigureParts, type ProviderFigure, type ProviderFigureKind, type ReportFigure, type ReportMetric } from '../../shared/domain/reports'
import { AppError } from '../../shared/errors'
import type { ProviderId } from '../../shared/providers'
import type { AppContext } from '../ipc/app-context'
import { createCustomerSureClient } from '../providers/customersure/client'
import { createEncoClient } from '../providers/enco/client'
import { createNicereplyClient } from '../providers/nicereply/client'
import type { ProviderConnectionConfig } from '../providers/types'
import type { ConnectionRow } from '../store/connections-repo'
import { timeRange } from '../store/cache/inbox-query'
import { readReportSettings } from './report-settings'

/**
 * The providers' own published figures (issue 7, item 2), fetched on demand through the existing
 * clients, kept in report_provider_figures with their time of fetch, and set beside the figure
 * computed from the cache for the same connection, period and filters, with the reasons the two
 * can differ in words a lead can act on.
 */

/** A figure fetched this recently is shown from the cache unless a refresh is asked for. */
export const FIGURE_FRESH_MS = 15 * 60_000

type Fetched = Pick<ProviderFigure, 'score' | 'n' | 'parts' | 'histogram' | 'extra' | 'metric'> & { kind: ProviderFigureKind; scope: string }

interface Period {
  from: number | null
  to: number | null
}

const SUPPORTED: Partial<Record<ProviderId, ReadonlySet<ReportMetric>>> = {
  customersure: new Set(['nps', 'csat', 'response_rate']),
  enco: new Set(['nps', 'response_rate']),
  nicereply: new Set(['nps', 'csat', 'ces'])
}

const externalIds = (refs: string[] | undefined, connectionId: string): string[] =>
  (refs ?? []).filter((r) => r.startsWith(`${connectionId}:`)).map((r) => r.slice(37))

/** The local date (YYYY-MM-DD) of an instant in a zone: Nicereply's period parameters are dates. */
function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))
}

async function fetchCustomerSure(config: ProviderConnectionConfig, metric: ReportMetric, filters: InboxFilters, period: Period, connectionId: string): Promise<Fetched[]> {
  const client = createCustomerSureClient(config)
  try {
    const scope = {
      ...(period.from !== null ? { from_time: new Date(period.from) } : {}),
      ...(period.to !== null ? { to_time: new Date(period.to) } : {}),
      ...(filters.surveys?.length ? { survey_ids: externalIds(filters.surveys, connectionId) } : {}),
      ...(filters.sites?.length ? { site_ids: externalIds(filters.sites, connectionId) } : {})
    }
    const staff = filters.staff?.length ? { staff_ids: externalIds(filters.staff, connectionId) } : {}
    if (metric === 'nps') {
      const r = await client.retrieveNetPromoterScore({ ...scope, ...staff })
      const parts: FigureParts = { promoters: r.promoterCount, passives: r.passiveCount, detractors: r.detractorCount }
      return [{ kind: 'customersure_nps', scope: 'Net Promoter Score', metric, score: r.netPromoterScore, n: r.totalNumberOfRatings, parts, histogram: null, extra: {} }]
    }
    if (metric === 'csat') {
      const r = await client.retrieveCsatScore({ ...scope, ...staff })
      const c = r.counts
      const parts: FigureParts = { veryNegative: c.veryNegative, negative: c.negative, neutral: c.neutral, positive: c.positive + c.veryPositive }
      return [{ kind: 'customersure_csat', scope: 'CSAT score', metric, score: r.csat, n: r.totalNumberOfRatings, parts, histogram: null, extra: { sentimentCounts: c } }]
    }
    const r = await client.retrieveResponseRate(scope)
    return [
      {
        kind: 'customersure_response_rate',
        scope: 'Response rate',
        metric,
        score: r.responseRatePercent,
        n: r.deliveredCount,
        parts: { sent: r.sentCount, delivered: r.deliveredCount, replied: r.replyCount },
        histogram: null,
        extra: {}
      }
    ]
  } finally {
    await client.close()
  }
}

async function fetchEnco(config: ProviderConnectionConfig, metric: ReportMetric, filters: InboxFilters, period: Period, connectionId: string): Promise<Fetched[]> {
  const client = createEncoClient(config)
  try {
    const params = {
      ...(period.from !== null ? { startDate: new Date(period.from).toISOString() } : {}),
      ...(period.to !== null ? { endDate: new Date(period.to).toISOString() } : {})
    }
    const surveys = externalIds(filters.surveys, connectionId)
    const reports =
      surveys.length > 0
        ? await Promise.all(surveys.map(async (id) => ({ scope: `Survey ${id}`, kind: 'enco_survey_report' as const, r: await client.getSurveyReport(id, params) })))
        : [{ scope: 'All surveys', kind: 'enco_global_report' as const, r: await client.getGlobalReport(params) }]
    return reports.map(({ scope, kind, r }) => {
      const stats = r.responseStatistics
      const extra = { responseStatistics: stats, segments: r.segments, segmentMode: r.segmentMode ?? null, channel: r.channel ?? null }
      if (metric === 'response_rate') {
        const sent = Number(stats.totalRequests)
        const delivered = sent - Number(stats.failed)
        const replied = Number(stats.totalResponses)
        return { kind, scope, metric, score: delivered > 0 ? (replied / delivered) * 100 : null, n: delivered, parts: { sent, delivered, replied }, histogram: null, extra }
      }
      const promoters = Number(r.nps.promoters)
      const detractors = Number(r.nps.detractors)
      const total = Number(stats.totalResponses)
      return {
        kind,
        scope,
        metric,
        score: r.nps.score === null ? null : Number(r.nps.score),
        n: total,
        parts: { promoters, detractors, passives: Math.max(0, total - promoters - detractors) },
        histogram: null,
        extra
      }
    })
  } finally {
    await client.close()
  }
}

async function fetchNicereply(config: ProviderConnectionConfig, metric: ReportMetric, filters: InboxFilters, period: Period, connectionId: string, timeZone: string): Promise<Fetched[]> {
  const client = createNicereplyClient(config)
  const key = metric.toUpperCase() as 'NPS' | 'CSAT' | 'CES'
  try {
    const params = {
      ...(period.from !== null ? { period_start: localDate(period.from, timeZone) } : {}),
      ...(period.to !== null ? { period_end: localDate(period.to - 1, timeZone) } : {})
    }
    const toFetched = (scope: string, stats: { average?: unknown; nps_score?: unknown; count: unknown; groups?: { promoters: unknown; passives: unknown; detractors: unknown } | null } | null | undefined, histogram: Record<string, unknown> | null): Fetched[] => {
      const h = histogram ? Object.fromEntries(Object.entries(histogram).map(([k, v]) => [k, Number(v)])) : null
      const g = stats?.groups
      const parts: FigureParts = g ? { promoters: Number(g.promoters), passives: Number(g.passives), detractors: Number(g.detractors) } : {}
      const score = metric === 'nps' ? (stats?.nps_score ?? null) : (stats?.average ?? null)
      return [
        { kind: 'nicereply_stats', scope, metric, score: score === null ? null : Number(score), n: stats ? Number(stats.count) : null, parts, histogram: null, extra: {} },
        ...(h ? [{ kind: 'nicereply_histogram' as const, scope, metric, score: null, n: Object.values(h).reduce((a, b) => a + b, 0), parts: {}, histogram: h, extra: {} }] : [])
      ]
    }
    const teams = externalIds(filters.teams, connectionId)
    const users = externalIds(filters.staff, connectionId)
    const surveys = externalIds(filters.surveys, connectionId)
    const out: Fetched[] = []
    for (const id of teams) out.push(...toFetched(`Team ${id}`, (await client.getTeamStats(id, params))[key], (await client.getTeamHistogram(id, params))[key]?.histogram ?? null))
    for (const id of users) out.push(...toFetched(`User ${id}`, (await client.getUserStats(id, params))[key], (await client.getUserHistogram(id, params))[key]?.histogram ?? null))
    for (const id of surveys) out.push(...toFetched(`Survey ${id}`, await client.getSurveyStats(id, params), (await client.getSurveyHistogram(id, params)).histogram))
    if (out.length > 0) return out
    const endpoints = { nps: [client.getNpsStats, client.getNpsHistogram], csat: [client.getCsatStats, client.getCsatHistogram], ces: [client.getCesStats, client.getCesHistogram] } as const
    const [stats, histogram] = endpoints[metric as 'nps' | 'csat' | 'ces']
    return toFetched(`All ${key} ratings`, await stats(params), (await histogram(params)).histogram)
  } finally {
    await client.close()
  }
}

/** Figures the cache cannot hold whatever the sync does: the reason, in place of a sample comparison. */
function NOT_IN_CACHE(provider: ProviderId, metric: ReportMetric): string | null {
  if (provider === 'enco') return "Enco's API lists no individual responses, only this report: the cache has nothing to compare it with."
  if (metric === 'response_rate' && provider === 'customersure') return 'CustomerSure does not list its feedback requests, so Survey Desk cannot count sends locally: only this figure knows them.'
  if (metric === 'csat' && provider === 'customersure') return "Cached CustomerSure responses are classed by their headline question; CSAT answers under another headline are counted only in CustomerSure's own figure."
  return null
}

/** Why the provider's figure and the cache's may differ, most telling first. */
export function explain(provider: ProviderId, metric: ReportMetric, f: Fetched, local: ReportFigure | null, lastSyncAt: string | null, timeZone: string): string[] {
  const out: string[] = []
  const notLocal = NOT_IN_CACHE(provider, metric)
  if (notLocal && (!local || local.n === 0)) out.push(notLocal)
  else if (local && f.n !== null) {
    if (local.n < f.n) out.push(`The provider counts ${f.n - local.n} more responses than the cache holds: they have not been synced yet${lastSyncAt ? ` (last sync ${lastSyncAt})` : ''}, or the local filters leave them out.`)
    else if (local.n > f.n) out.push(`The cache holds ${local.n - f.n} more responses than the provider counts: some may have been deleted or moved upstream since the last sync, or the provider leaves some out of its figure.`)
    else out.push(`Same sample size (${f.n}).`)
    if (local.n === f.n && f.score !== null && local.score !== null && Math.abs(f.score - local.score) < 0.5 && Math.abs(f.score - Math.round(f.score)) < 1e-9)
      out.push('The provider publishes whole points; the local figure is not rounded.')
  }
  if (!lastSyncAt) out.push('This connection has never finished a sync: the local figure covers only what is cached.')
  if (provider === 'nicereply') out.push(`Nicereply takes whole dates for the period, so its edges are midnights in the account's own time zone, not ${timeZone}.`)
  else out.push(`Survey Desk counts local days in ${timeZone}; ${provider === 'enco' ? 'Enco reads the period in its own time zone and echoes it without an offset' : 'CustomerSure is asked for exactly the same instants'}.`)
  if (provider === 'nicereply' && metric === 'csat') out.push('Nicereply publishes the CSAT average score; Survey Desk shows the share of positive answers (the top range of each scale).')
  if (provider === 'enco' && metric === 'nps') out.push('Enco counts passives as responses that are neither promoters nor detractors.')
  if (local?.belowMinimum) out.push('The local sample is under the minimum sample size: small samples swing widely.')
  return out
}

/** Figures are cached per metric and entity filters (the prefix), then per figure kind and scope. */
function scopePrefix(metric: ReportMetric, filters: InboxFilters): string {
  return JSON.stringify({ metric, surveys: filters.surveys ?? [], sites: filters.sites ?? [], staff: filters.staff ?? [], teams: filters.teams ?? [] }) + '|'
}

interface CachedRow {
  figure: string
  fetched_at: string
}

export async function providerFigures(ctx: AppContext, input: { metric: ReportMetric; filters: InboxFilters; refresh: boolean }, now = new Date()): Promise<ProviderFigure[]> {
  const timeZone = input.filters.timeZone ?? 'UTC'
  const period = timeRange(input.filters, now)
  const settings = readReportSettings(ctx.db)
  const wanted = (c: ConnectionRow): boolean =>
    (!input.filters.connectionIds?.length || input.filters.connectionIds.includes(c.id)) &&
    (!input.filters.providers?.length || input.filters.providers.includes(c.provider)) &&
    (SUPPORTED[c.provider]?.has(input.metric) ?? false)
  const connections = ctx.connections.list().filter(wanted)
  const checkpoints = await ctx.cache().reader.checkpoints(connections.map((c) => c.id))
  const pf = [period.from === null ? '' : new Date(period.from).toISOString(), period.to === null ? '' : new Date(period.to).toISOString()] as const
  const prefix = scopePrefix(input.metric, input.filters)
  const listCached = ctx.db.prepare(
    'SELECT figure, fetched_at FROM report_provider_figures WHERE connection_id = ? AND period_from = ? AND period_to = ? AND substr(scope_key, 1, length(?)) = ? ORDER BY scope_key'
  )
  const write = ctx.db.prepare(
    `INSERT INTO report_provider_figures (connection_id, kind, scope_key, period_from, period_to, figure, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET figure = excluded.figure, fetched_at = excluded.fetched_at`
  )
  const results = await Promise.all(
    connections.map(async (c): Promise<ProviderFigure[]> => {
      const ownFilters: InboxFilters = { ...input.filters, connectionIds: [c.id], providers: undefined }
      const local = (await ctx.cache().reports.run(ReportRunInput.parse({ metric: input.metric, filters: ownFilters, previous: false, distribution: false }), settings.minimumSample)).headline
      const { previous: _p, change: _c, ...localFigure } = local
      const syncs = checkpoints.filter((k) => k.connectionId === c.id).map((k) => k.lastSuccessAt).filter((x): x is string => x !== null)
      const lastSyncAt = syncs.length ? syncs.sort().at(-1)! : null
      const cachedRows = listCached.all(c.id, pf[0], pf[1], prefix, prefix) as CachedRow[]
      const fresh = cachedRows.length > 0 && cachedRows.every((r) => now.getTime() - Date.parse(r.fetched_at) < FIGURE_FRESH_MS)
      const build = (f: Fetched, fetchedAt: string, cached: boolean, error: string | null): ProviderFigure => ({
        connectionId: c.id,
        connectionLabel: c.label,
        provider: c.provider,
        kind: f.kind,
        scope: f.scope,
        metric: f.metric,
        score: f.score,
        n: f.n,
        parts: f.parts,
        histogram: f.histogram,
        extra: f.extra,
        periodFrom: pf[0] || null,
        periodTo: pf[1] || null,
        fetchedAt,
        cached,
        local: localFigure,
        difference: f.score !== null && localFigure.score !== null && f.kind !== 'nicereply_histogram' ? f.score - localFigure.score : null,
        explanations: f.kind === 'nicereply_histogram' ? [] : explain(c.provider, input.metric, f, localFigure, lastSyncAt, timeZone),
        error
      })
      const fromCache = (error: string | null): ProviderFigure[] => cachedRows.map((r) => build(JSON.parse(r.figure) as Fetched, r.fetched_at, true, error))
      if (fresh && !input.refresh) return fromCache(null)
      try {
        const secret = await ctx.resolveSecret(c.id)
        if (!secret) throw new AppError('unauthorized', `No credential is saved for ${c.label}; edit the connection and enter one.`)
        const config: ProviderConnectionConfig = { id: c.id, baseUrl: c.baseUrl, region: c.region, settings: c.settings, secret }
        const fetched =
          c.provider === 'customersure'
            ? await fetchCustomerSure(config, input.metric, input.filters, period, c.id)
            : c.provider === 'enco'
              ? await fetchEnco(config, input.metric, input.filters, period, c.id)
              : await fetchNicereply(config, input.metric, input.filters, period, c.id, timeZone)
        const fetchedAt = new Date().toISOString()
        ctx.db.transaction(() => {
          for (const f of fetched) write.run(c.id, f.kind, `${prefix}${f.kind}|${f.scope}`, pf[0], pf[1], JSON.stringify(f), fetchedAt)
        })()
        return fetched.map((f) => build(f, fetchedAt, false, null))
      } catch (err) {
        const message = err instanceof AppError ? err.message : 'The provider could not be asked (see the log).'
        const stale = fromCache(message)
        if (stale.length > 0) return stale
        const empty: Fetched = { kind: KIND_OF[c.provider]!(input.metric), scope: 'Not fetched', metric: input.metric, score: null, n: null, parts: {}, histogram: null, extra: {} }
        return [{ ...build(empty, new Date().toISOString(), false, message), explanations: [] }]
      }
    })
  )
  return results.flat()
}

const KIND_OF: Partial<Record<ProviderId, (m: ReportMetric) => ProviderFigureKind>> = {
  customersure: (m) => (m === 'csat' ? 'customersure_csat' : m === 'response_rate' ? 'customersure_response_rate' : 'customersure_nps'),
  enco: () => 'enco_global_report',
  nicereply: () => 'nicereply_stats'
}
