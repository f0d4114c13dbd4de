import type { ReportHeadline, ReportMetric, ReportResult } from '../../../../shared/domain/reports'
import { rankRows } from './league'
import { metricLabel } from './report-format'

export type Cell = string | number | boolean | null | undefined

/** UTF-8 byte order mark: without it Excel reads UTF-8 as the local code page ("SociÃ©tÃ©"). */
export const BOM = '\uFEFF'

/**
 * One CSV cell, safe to open in a spreadsheet: text starting with = + - @ (or a tab / carriage
 * return) would run as a formula, so it gets a leading apostrophe; numbers stay numbers (a
 * negative NPS is data, not a formula). Quoted when it holds a separator, a quote or a line break.
 */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  let s = v
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The whole file: BOM, comma-separated, CRLF line ends (RFC 4180, and what Excel expects). */
export function toCsv(rows: Cell[][]): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export interface ReportExport {
  result: ReportResult
  headlines: Partial<Record<ReportMetric, ReportHeadline>>
  /** "Site", "Staff"…: the league table's dimension in words. */
  leagueLabel: string
  /** The filters in words ("Last week · CustomerSure · Site Leeds"). */
  scope: string
  savedName: string | null
}

function round(v: number | null | undefined, digits = 2): number | null {
  return v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits
}

/** The report on screen as rows: what it covers, the headline figures, trend, distribution, league table. */
export function reportCsvRows(e: ReportExport): Cell[][] {
  const { result } = e
  const m = result.metric
  const rows: Cell[][] = [
    ['Survey Desk report'],
    ['Report', e.savedName ?? `${metricLabel(m)} report`],
    ['Scope', e.scope],
    ['From', result.range.from],
    ['To', result.range.to],
    ['Time zone', result.timeZone],
    ['Minimum sample', result.minimumSample],
    ['Computed at', result.computedAt],
    [],
    ['Headline', 'Score', 'n', 'Below minimum sample', 'Previous score', 'Previous n', 'Change']
  ]
  for (const [metric, h] of Object.entries(e.headlines) as Array<[ReportMetric, ReportHeadline | undefined]>) {
    if (!h) continue
    rows.push([metricLabel(metric), round(h.score), h.n, h.belowMinimum, round(h.previous?.score), h.previous?.n, round(h.change)])
  }
  if (result.trend) {
    rows.push([], [`Trend by ${result.trend.interval}`, 'Start', 'End', metricLabel(m), 'n', 'Below minimum sample'])
    for (const p of result.trend.points) rows.push([p.label, p.start, p.end, round(p.score), p.n, p.belowMinimum])
  }
  if (result.distribution.length > 0) {
    rows.push([], ['Distribution', 'Score', 'Band', 'Responses'])
    for (const b of result.distribution) rows.push(['', b.score, b.band, b.count])
  }
  for (const breakdown of result.breakdowns) {
    rows.push([], [`League table by ${e.leagueLabel.toLowerCase()}`, 'Rank', metricLabel(m), 'n', 'Below minimum sample', 'Change', 'Promoters', 'Passives', 'Detractors', 'Positive'])
    for (const { row, rank } of rankRows(breakdown.rows)) {
      const p = row.parts
      rows.push([row.label || 'None', rank, round(row.score), row.n, row.belowMinimum, round(row.change), p.promoters, p.passives, p.detractors, p.positive])
    }
  }
  return rows
}
