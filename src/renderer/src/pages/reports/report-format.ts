import { REPORT_METRIC_LABELS, type DistributionBucket, type ReportFigure, type ReportMetric } from '../../../../shared/domain/reports'
import type { Tone } from '../../components/charts/tones'
import { niceDomain, type Domain } from '../../components/charts/scale'

/** Percent-like metrics: CSAT, the standardised score and the response rate are 0–100 %. */
const PERCENT: ReadonlySet<ReportMetric> = new Set<ReportMetric>(['csat', 'standardised', 'response_rate'])

export function metricLabel(m: ReportMetric): string {
  return REPORT_METRIC_LABELS[m]
}

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })
const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 1 })
const count = new Intl.NumberFormat(undefined)

/** A score as a lead reads it: NPS as whole points, percentages with one decimal, averages with two. */
export function formatScore(metric: ReportMetric, score: number | null): string {
  if (score === null) return '—'
  if (metric === 'nps') return whole.format(score)
  if (PERCENT.has(metric)) return `${oneDecimal.format(score)}%`
  return twoDecimals.format(score)
}

/** Axis ticks: shorter than formatScore (no forced decimals). */
export function formatTick(metric: ReportMetric, v: number): string {
  return PERCENT.has(metric) ? `${oneDecimal.format(v)}%` : oneDecimal.format(v)
}

export function formatN(n: number): string {
  return count.format(n)
}

export function unitOfChange(metric: ReportMetric): string {
  return metric === 'nps' || PERCENT.has(metric) ? 'points' : ''
}

/** "up 4.2 points", "down 1", "no change"; words, so the direction never rests on colour or an arrow. */
export function changeWords(metric: ReportMetric, change: number | null): string | null {
  if (change === null) return null
  const unit = unitOfChange(metric)
  const size = Math.abs(change) < 0.05 ? 0 : Math.abs(change)
  if (size === 0) return 'no change'
  return `${change > 0 ? 'up' : 'down'} ${oneDecimal.format(size)}${unit ? ` ${unit}` : ''}`
}

/** What the figure means in one sentence, for screen readers and titles. */
export function figureSentence(metric: ReportMetric, f: ReportFigure, what: string, minimum: number): string {
  const n = `${formatN(f.n)} ${metric === 'response_rate' ? 'requests' : f.n === 1 ? 'response' : 'responses'}`
  if (f.score === null) return `${what}: no ${metricLabel(metric)} (${n})`
  const small = f.belowMinimum ? `, below the minimum sample of ${minimum}` : ''
  return `${what}: ${metricLabel(metric)} ${formatScore(metric, f.score)} from ${n}${small}`
}

/** The axis range a metric's trend is drawn on: its own bounds, tightened to the data. */
export function trendDomain(metric: ReportMetric, values: number[]): Domain {
  const bounds: Partial<Record<ReportMetric, Domain>> = { nps: [-100, 100], csat: [0, 100], standardised: [0, 100], response_rate: [0, 100], ces: [1, 7], star: [1, 5] }
  const b = bounds[metric]
  const d = niceDomain(values, metric === 'nps' ? 0 : undefined)
  if (!b) return d
  return [Math.max(b[0], d[0]), Math.min(b[1], d[1])]
}

export function bucketTone(band: DistributionBucket['band']): Tone {
  switch (band) {
    case 'promoter':
    case 'positive':
      return 'good'
    case 'passive':
      return 'mid'
    case 'detractor':
      return 'bad'
    default:
      return 'none'
  }
}

export const BAND_WORDS: Record<NonNullable<DistributionBucket['band']>, string> = {
  promoter: 'promoter',
  passive: 'passive',
  detractor: 'detractor',
  positive: 'positive',
  other: 'not positive'
}
