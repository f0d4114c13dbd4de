import { NPS_PASSIVE_MIN, NPS_PROMOTER_MIN, SENTIMENT_WEIGHTS } from '../../shared/metrics'

/**
 * The formulas of src/shared/metrics.ts as SQL over a responses row `x` ('new', 'old' or 'r'), so
 * the rollup rebuild, the writer's removal of old rows and the raw fallback query class a response
 * exactly as the pure functions do, and as rollup-deltas.ts countsOf does for new rows in JS
 * (test/unit/reports-engine.test.ts checks rollup = raw = formulas).
 * Every expression is 0 or 1 (never NULL) so sums need no coalesce.
 */

/** csatPositiveMin() in SQL. */
function csatPositiveMinSql(x: string): string {
  const max = `coalesce(${x}.scale_max, 5)`
  const min = `coalesce(${x}.scale_min, 1)`
  return `(CASE ${max} WHEN 2 THEN 2 WHEN 3 THEN 3 WHEN 5 THEN 4 ELSE CASE WHEN ${max} = 10 AND ${min} >= 1 THEN 9 ELSE min(${max}, ${min} + 0.8 * (${max} - ${min})) END END)`
}

export interface ClassCounts {
  scored: string
  promoters: string
  passives: string
  detractors: string
  positive: string
  veryNegative: string
  negative: string
  neutral: string
  sentimentPositive: string
  veryPositive: string
}

export function classifySql(x: string): ClassCounts {
  const scored = `(${x}.score IS NOT NULL)`
  const is = (band: string): string => `coalesce(${x}.sentiment = '${band}', 0)`
  return {
    scored,
    promoters: `coalesce(${x}.score >= ${NPS_PROMOTER_MIN}, 0)`,
    passives: `coalesce(${x}.score >= ${NPS_PASSIVE_MIN} AND ${x}.score < ${NPS_PROMOTER_MIN}, 0)`,
    detractors: `coalesce(${x}.score < ${NPS_PASSIVE_MIN}, 0)`,
    positive: `coalesce(${scored} AND CASE WHEN ${x}.sentiment IS NOT NULL THEN ${x}.sentiment IN ('positive', 'very_positive') ELSE ${x}.score >= ${csatPositiveMinSql(x)} END, 0)`,
    veryNegative: is('very_negative'),
    negative: is('negative'),
    neutral: is('neutral'),
    sentimentPositive: is('positive'),
    veryPositive: is('very_positive')
  }
}

/** The standardised weight of a row's sentiment (NULL without one). */
export function sentimentWeightSql(x: string): string {
  const w = SENTIMENT_WEIGHTS
  return `(CASE ${x}.sentiment WHEN 'very_negative' THEN ${w.very_negative} WHEN 'negative' THEN ${w.negative} WHEN 'neutral' THEN ${w.neutral} WHEN 'positive' THEN ${w.positive} WHEN 'very_positive' THEN ${w.very_positive} END)`
}
