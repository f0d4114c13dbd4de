import type { InboxFilters } from '../../shared/domain/inbox'
import type { FigureParts, ReportFigure, ReportMetric } from '../../shared/domain/reports'
import { average, csatScore, npsScore, responseRate, standardisedScore } from '../../shared/metrics'

/** Summed counts of a group of responses: the columns of report_rollup, or the same sums over raw rows. */
export interface Agg {
  n: number
  sum_score: number
  promoters: number
  passives: number
  detractors: number
  positive: number
  s_vn: number
  s_n: number
  s_neu: number
  s_p: number
  s_vp: number
}

export const AGG_COLUMNS = ['n', 'sum_score', 'promoters', 'passives', 'detractors', 'positive', 's_vn', 's_n', 's_neu', 's_p', 's_vp'] as const

export const EMPTY_AGG: Agg = { n: 0, sum_score: 0, promoters: 0, passives: 0, detractors: 0, positive: 0, s_vn: 0, s_n: 0, s_neu: 0, s_p: 0, s_vp: 0 }

export function addAgg(a: Agg, b: Agg): Agg {
  const out = { ...a }
  for (const c of AGG_COLUMNS) out[c] += b[c]
  return out
}

export interface RequestCounts {
  sent: number
  delivered: number
  replied: number
}

/** Score, n and parts of one metric from its counts. */
export function scoreOf(metric: ReportMetric, a: Agg): { score: number | null; n: number; parts: FigureParts } {
  switch (metric) {
    case 'nps':
      return { score: npsScore(a), n: a.n, parts: { promoters: a.promoters, passives: a.passives, detractors: a.detractors } }
    case 'csat':
      return { score: csatScore(a.positive, a.n), n: a.n, parts: { positive: a.positive } }
    case 'standardised': {
      const c = { veryNegative: a.s_vn, negative: a.s_n, neutral: a.s_neu, positive: a.s_p, veryPositive: a.s_vp }
      return { score: standardisedScore(c), n: a.s_vn + a.s_n + a.s_neu + a.s_p + a.s_vp, parts: c }
    }
    case 'ces':
    case 'star':
    case 'happy':
      return { score: average(a.sum_score, a.n), n: a.n, parts: { sum: a.sum_score } }
    case 'response_rate':
      throw new Error('response rate is computed from requests (requestFigure)')
  }
}

export function figure(metric: ReportMetric, a: Agg, minimumSample: number, drill: InboxFilters, drillExact: boolean): ReportFigure {
  const s = scoreOf(metric, a)
  return { ...s, belowMinimum: s.n < minimumSample, drill, drillExact }
}

export function requestFigure(c: RequestCounts, minimumSample: number, drill: InboxFilters): ReportFigure {
  const n = c.delivered > 0 ? c.delivered : c.sent
  return { score: responseRate(c), n, belowMinimum: n < minimumSample, parts: { ...c }, drill, drillExact: false }
}

export function change(now: number | null, before: number | null | undefined): number | null {
  return now === null || before === null || before === undefined ? null : now - before
}
