import { z } from 'zod'
import { TimeZone } from '../periods'
import { ProviderId } from '../providers'
import { InboxFilters } from './inbox'

/**
 * Reports: figures computed from the local cache (src/main/reports) and, on demand, the providers'
 * own published figures beside them. Every number the page shows carries `drill`: the inbox
 * filters that select the responses behind it, so a click opens the inbox on exactly those.
 */

/** What a report measures. 'standardised' is CustomerSure's 0-100 score over its five sentiment bands. */
export const ReportMetric = z.enum(['nps', 'csat', 'ces', 'star', 'happy', 'standardised', 'response_rate'])
export type ReportMetric = z.infer<typeof ReportMetric>

export const REPORT_METRIC_LABELS: Record<ReportMetric, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  star: 'Star rating',
  happy: 'Happy rating',
  standardised: 'Standardised score',
  response_rate: 'Response rate'
}

/**
 * Breakdown dimensions; 'tag' covers tags, topics, drivers and segments (all matched exactly, as the
 * inbox does); 'property' groups by each provider property as "name: value" (CustomerSure data keys,
 * CustomerGauge properties); its rows cannot be drilled exactly (the inbox has no property filter).
 */
export const ReportDimension = z.enum(['provider', 'connection', 'survey', 'site', 'staff', 'team', 'tag', 'channel', 'property'])
export type ReportDimension = z.infer<typeof ReportDimension>

/** Trend buckets, in the filters' time zone; weeks start on Monday. */
export const ReportInterval = z.enum(['day', 'week', 'month'])
export type ReportInterval = z.infer<typeof ReportInterval>

/** `by` accepts a dimension or an interval (an interval gives a breakdown over time, like the trend). */
export const ReportBy = z.union([ReportDimension, ReportInterval])
export type ReportBy = z.infer<typeof ReportBy>

/**
 * What a figure is made of, by metric: NPS promoters / passives / detractors; CSAT positive /
 * other; CES, star and happy sum of scores; standardised the five band counts; response rate
 * sent / delivered / replied. Keys absent when they do not apply.
 */
export const FigureParts = z.object({
  promoters: z.number().int().optional(),
  passives: z.number().int().optional(),
  detractors: z.number().int().optional(),
  positive: z.number().int().optional(),
  sum: z.number().optional(),
  veryNegative: z.number().int().optional(),
  negative: z.number().int().optional(),
  neutral: z.number().int().optional(),
  veryPositive: z.number().int().optional(),
  sent: z.number().int().optional(),
  delivered: z.number().int().optional(),
  replied: z.number().int().optional()
})
export type FigureParts = z.infer<typeof FigureParts>

/** One computed number with its sample. */
export const ReportFigure = z.object({
  /** NPS -100..100; CSAT, standardised and response rate 0..100 (%); CES, star, happy the average. Null with no data. */
  score: z.number().nullable(),
  /** Responses behind the score (response rate: requests delivered, or sent where delivery is unknown). */
  n: z.number().int(),
  /** n is under the minimum sample size: show greyed with n, never as a bare number. */
  belowMinimum: z.boolean(),
  parts: FigureParts,
  /** Inbox filters selecting exactly the responses behind this figure. */
  drill: InboxFilters,
  /** False when the inbox filters cannot say exactly this scope (e.g. "no site", a channel): drill then selects a superset. */
  drillExact: z.boolean()
})
export type ReportFigure = z.infer<typeof ReportFigure>

export const ReportHeadline = ReportFigure.extend({
  /** The same figure over the previous period; null when no comparison was asked for or possible. */
  previous: ReportFigure.nullable(),
  /** score - previous.score (points); null when either is null. */
  change: z.number().nullable()
})
export type ReportHeadline = z.infer<typeof ReportHeadline>

export const BreakdownRow = ReportFigure.extend({
  /** Stable key: a connection id, an entity ref `<connection>:<id>`, a tag, a provider id, an ISO start, or '' for "none". */
  key: z.string(),
  label: z.string(),
  /** The same row over the previous period (when previous was asked for); null if it had no responses. */
  previous: ReportFigure.nullable().optional(),
  change: z.number().nullable().optional()
})
export type BreakdownRow = z.infer<typeof BreakdownRow>

export const Breakdown = z.object({ by: ReportBy, rows: z.array(BreakdownRow) })
export type Breakdown = z.infer<typeof Breakdown>

export const TrendPoint = ReportFigure.extend({
  /** Bucket start and exclusive end (ISO instants; local midnights in the time zone). */
  start: z.string(),
  end: z.string(),
  label: z.string()
})
export type TrendPoint = z.infer<typeof TrendPoint>

export const DistributionBucket = z.object({
  score: z.number(),
  count: z.number().int(),
  /** How the metric classes this score (NPS promoter / passive / detractor; CSAT positive / other), for patterns and legends. */
  band: z.enum(['promoter', 'passive', 'detractor', 'positive', 'other']).nullable(),
  drill: InboxFilters
})
export type DistributionBucket = z.infer<typeof DistributionBucket>

export const ReportRunInput = z
  .object({
    metric: ReportMetric,
    /** The inbox's filters (shared with it); period/from/to choose the period, timeZone its days. */
    filters: InboxFilters,
    /** Breakdowns to compute, each a league table / series of rows. */
    by: z.array(ReportBy).max(12).default([]),
    /** Trend series interval; null for none. */
    trend: ReportInterval.nullable().default(null),
    /** Compare with the previous period (period-range.ts previousPeriod). */
    previous: z.boolean().default(true),
    distribution: z.boolean().default(true),
    /** Rows per breakdown, largest n first (time series are never cut). */
    limit: z.number().int().min(1).max(1000).default(100)
  })
  .strict()
export type ReportRunInput = z.input<typeof ReportRunInput>

export const ReportRange = z.object({ from: z.string().nullable(), to: z.string().nullable() })

export const ReportResult = z.object({
  metric: ReportMetric,
  range: ReportRange,
  previousRange: ReportRange.nullable(),
  timeZone: z.string(),
  minimumSample: z.number().int(),
  headline: ReportHeadline,
  breakdowns: z.array(Breakdown),
  trend: z.object({ interval: ReportInterval, points: z.array(TrendPoint) }).nullable(),
  distribution: z.array(DistributionBucket),
  /** 'rollup' when kept-current day rollups answered, 'raw' when the filters needed the responses themselves. */
  source: z.enum(['rollup', 'raw']),
  computedAt: z.string(),
  elapsedMs: z.number()
})
export type ReportResult = z.infer<typeof ReportResult>

export const ReportSettings = z.object({
  /** Figures with fewer responses are flagged belowMinimum. */
  minimumSample: z.number().int().min(1).max(10_000),
  /** The zone whose local days the rollups are kept in; reports in another zone are computed from raw rows. */
  timeZone: TimeZone,
  /** The zone the rollups currently hold (differs from timeZone while they are being rebuilt). */
  rollupTimeZone: z.string().nullable()
})
export type ReportSettings = z.infer<typeof ReportSettings>

export const DEFAULT_MINIMUM_SAMPLE = 30

export const ReportSettingsInput = z
  .object({
    minimumSample: z.number().int().min(1, 'At least 1').max(10_000, 'At most 10,000').optional(),
    timeZone: TimeZone.optional()
  })
  .strict()

// ---- provider-side figures ----

export const ProviderFigureKind = z.enum([
  'customersure_nps',
  'customersure_csat',
  'customersure_response_rate',
  'customersure_rating_question',
  'enco_survey_report',
  'enco_global_report',
  'nicereply_stats',
  'nicereply_histogram'
])
export type ProviderFigureKind = z.infer<typeof ProviderFigureKind>

export const ProviderFigure = z.object({
  connectionId: z.string(),
  connectionLabel: z.string(),
  provider: ProviderId,
  kind: ProviderFigureKind,
  /** What the provider figure covers, in words ("Survey 12", "Team Support", "All ratings"). */
  scope: z.string(),
  metric: ReportMetric.nullable(),
  /** The provider's own figure, as published. */
  score: z.number().nullable(),
  n: z.number().int().nullable(),
  parts: FigureParts,
  /** Score -> count, where the provider publishes a histogram. */
  histogram: z.record(z.string(), z.number()).nullable(),
  /** Anything else the provider published (Enco segments, channels, response statistics). */
  extra: z.record(z.string(), z.unknown()),
  /** The period the provider was asked for (ISO instants or dates as sent). */
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  fetchedAt: z.string(),
  /** True when this came from the figure cache (fetched earlier) rather than just now. */
  cached: z.boolean(),
  /** The same scope computed from the local cache. */
  local: ReportFigure.nullable(),
  /** score - local.score. */
  difference: z.number().nullable(),
  /** Why the two may differ, in words a lead can act on (sample, period boundaries, unsynced data). */
  explanations: z.array(z.string()),
  /** Set when fetching this figure failed; score etc. then come from the cache if any. */
  error: z.string().nullable()
})
export type ProviderFigure = z.infer<typeof ProviderFigure>

export const ProviderFiguresInput = z
  .object({
    metric: ReportMetric,
    filters: InboxFilters,
    /** Fetch anew even when a cached figure for the same scope exists. */
    refresh: z.boolean().default(false)
  })
  .strict()
export type ProviderFiguresInput = z.input<typeof ProviderFiguresInput>

export const ProviderFigures = z.object({ figures: z.array(ProviderFigure) })
export type ProviderFigures = z.infer<typeof ProviderFigures>
