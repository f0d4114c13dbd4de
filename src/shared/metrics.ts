import type { Sentiment } from './domain/model'

/**
 * The metric formulas, pure, shared by the report engine (which also writes them as SQL from the
 * same constants: src/main/reports/classify-sql.ts) and by anything that shows a figure.
 *
 * - NPS: promoters 9-10, passives 7-8, detractors 0-6; score = %promoters - %detractors (-100..100).
 * - CSAT: the share of positive answers. CustomerSure answers carry a sentiment band: the top two
 *   (positive, very positive) count. Otherwise by the scale's top range: 4-5 on a 5-point scale;
 *   Nicereply CSAT10 9-10, CSAT3 3 (the happy face), CSAT2 2 (thumbs up); any other scale its top
 *   fifth (at least its top option). An unknown scale is read as 5-point, the default.
 * - CES, star and happy ratings: the average score.
 * - CustomerSure standardised score: bands very negative .. very positive weighted 0, 25, 50, 75, 100,
 *   averaged (0-100).
 * - Response rate: replied / delivered (sent where delivery is unknown), as a percentage.
 */

export const NPS_PROMOTER_MIN = 9
export const NPS_PASSIVE_MIN = 7

export const SENTIMENT_WEIGHTS: Record<Sentiment, number> = {
  very_negative: 0,
  negative: 25,
  neutral: 50,
  positive: 75,
  very_positive: 100
}

export type NpsBand = 'promoter' | 'passive' | 'detractor'

export function npsBand(score: number): NpsBand {
  if (score >= NPS_PROMOTER_MIN) return 'promoter'
  if (score >= NPS_PASSIVE_MIN) return 'passive'
  return 'detractor'
}

export interface NpsCounts {
  promoters: number
  passives: number
  detractors: number
}

/** Unrounded; null without any rating. */
export function npsScore(c: NpsCounts): number | null {
  const n = c.promoters + c.passives + c.detractors
  return n === 0 ? null : ((c.promoters - c.detractors) / n) * 100
}

/** The lowest score counted positive on a scale `max` (inclusive), per the rules above. */
export function csatPositiveMin(scaleMin: number | null, scaleMax: number | null): number {
  const max = scaleMax ?? 5
  const min = scaleMin ?? 1
  if (max === 2) return 2
  if (max === 3) return 3
  if (max === 5) return 4
  if (max === 10 && min >= 1) return 9
  return Math.min(max, min + 0.8 * (max - min))
}

export function csatPositive(score: number, scale: { min: number; max: number } | null, sentiment: Sentiment | null): boolean {
  if (sentiment !== null) return sentiment === 'positive' || sentiment === 'very_positive'
  return score >= csatPositiveMin(scale?.min ?? null, scale?.max ?? null)
}

/** Percentage of positive answers; null without any. */
export function csatScore(positive: number, n: number): number | null {
  return n === 0 ? null : (positive / n) * 100
}

export function average(sum: number, n: number): number | null {
  return n === 0 ? null : sum / n
}

export interface SentimentCounts {
  veryNegative: number
  negative: number
  neutral: number
  positive: number
  veryPositive: number
}

export function sentimentTotal(c: SentimentCounts): number {
  return c.veryNegative + c.negative + c.neutral + c.positive + c.veryPositive
}

/** CustomerSure's standardised 0-100 score; null without any rating. */
export function standardisedScore(c: SentimentCounts): number | null {
  const n = sentimentTotal(c)
  if (n === 0) return null
  const w = SENTIMENT_WEIGHTS
  return (c.veryNegative * w.very_negative + c.negative * w.negative + c.neutral * w.neutral + c.positive * w.positive + c.veryPositive * w.very_positive) / n
}

/** replied / delivered (or sent when nothing is known to be delivered), in %; null when nothing went out. */
export function responseRate(c: { sent: number; delivered: number; replied: number }): number | null {
  const base = c.delivered > 0 ? c.delivered : c.sent
  return base === 0 ? null : (c.replied / base) * 100
}

/** Whole points, as providers publish them (Nicereply: -70.6 -> -71). */
export function roundScore(score: number | null): number | null {
  return score === null ? null : Math.round(score)
}
