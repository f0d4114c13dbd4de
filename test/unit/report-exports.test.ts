import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import type { BreakdownRow, ReportFigure, ReportHeadline, ReportResult } from '../../src/shared/domain/reports'
import { BOM, csvCell, reportCsvRows, toCsv } from '../../src/renderer/src/pages/reports/report-csv'
import { rankRows } from '../../src/renderer/src/pages/reports/league'
import { buildReportPdf } from '../../src/renderer/src/pages/reports/report-pdf'
import { labelStride, niceDomain, ticks } from '../../src/renderer/src/components/charts/scale'
import { draftFromFilters } from '../../src/renderer/src/pages/reports/draft-from-filters'
import { buildFilters } from '../../src/renderer/src/pages/inbox/filter-draft'

const drill = { timeZone: 'UTC' }

function figure(score: number | null, n: number, belowMinimum = false): ReportFigure {
  return { score, n, belowMinimum, parts: {}, drill, drillExact: true }
}

function row(key: string, label: string, score: number | null, n: number, belowMinimum = false): BreakdownRow {
  return { ...figure(score, n, belowMinimum), key, label, previous: null, change: null }
}

const headline: ReportHeadline = { ...figure(-12.5, 40), parts: { promoters: 10, passives: 15, detractors: 15 }, previous: figure(-20, 35), change: 7.5 }

const result: ReportResult = {
  metric: 'nps',
  range: { from: '2026-11-16T00:00:00.000Z', to: '2026-11-22T23:59:59.999Z' },
  previousRange: null,
  timeZone: 'UTC',
  minimumSample: 30,
  headline,
  breakdowns: [
    {
      by: 'site',
      rows: [row('a', '=HYPERLINK("http://x")', 50, 31), row('b', 'Leeds, "North"', 60, 40), row('c', '-Small', 90, 3, true), row('d', '@Home', null, 0)]
    }
  ],
  trend: { interval: 'week', points: [{ ...figure(-12.5, 40), start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z', label: '16 Nov' }] },
  distribution: [{ score: 0, count: 3, band: 'detractor', drill }],
  source: 'raw',
  computedAt: '2026-11-22T12:00:00.000Z',
  elapsedMs: 3
}

describe('CSV export', () => {
  it('neutralises text that a spreadsheet would run as a formula, keeps numbers as numbers, quotes separators', () => {
    expect(csvCell('=1+2')).toBe("'=1+2")
    expect(csvCell('+44 20')).toBe("'+44 20")
    expect(csvCell('-rm')).toBe("'-rm")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tx')).toBe("'\tx")
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=a,"b"')).toBe('"\'=a,""b"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(-12.5)).toBe('-12.5')
    expect(csvCell(null)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell(true)).toBe('yes')
    expect(csvCell('Société')).toBe('Société')
  })

  it('writes a UTF-8 BOM, CRLF lines, and the report: scope, headlines, trend, distribution, a ranked league table', () => {
    const csv = toCsv(reportCsvRows({ result, headlines: { nps: headline }, leagueLabel: 'Site', scope: 'Last week · Société', savedName: '=Monday' }))
    const bytes = new TextEncoder().encode(csv)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.startsWith(BOM)).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[lines.length - 1]).toBe('')
    expect(csv.slice(1).replace(/\r\n/g, '')).not.toMatch(/\n/)
    expect(lines).toContain("Report,'=Monday")
    expect(lines).toContain('Scope,Last week · Société')
    expect(lines).toContain('NPS,-12.5,40,no,-20,35,7.5')
    expect(lines).toContain('16 Nov,2026-11-16T00:00:00.000Z,2026-11-23T00:00:00.000Z,-12.5,40,no')
    expect(lines).toContain(',0,detractor,3')
    const league = lines.slice(lines.findIndex((l) => l.startsWith('League table by site')) + 1, -1)
    expect(league).toEqual([
      '"Leeds, ""North""",1,60,40,no,,,,,',
      '"\'=HYPERLINK(""http://x"")",2,50,31,no,,,,,',
      "'-Small,,90,3,yes,,,,,",
      "'@Home,,,0,no,,,,,"
    ])
    // No cell anywhere begins with a formula character outside quotes.
    for (const line of lines) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/)
  })
})

describe('league ranking', () => {
  it('ranks only rows with enough responses, best first; small samples and empty rows follow unranked by n', () => {
    const ranked = rankRows([row('x', 'X', 10, 50), row('y', 'Y', 80, 2, true), row('z', 'Z', 10, 90), row('w', 'W', null, 0), row('v', 'V', 70, 60)])
    expect(ranked.map((r) => [r.row.key, r.rank])).toEqual([
      ['v', 1],
      ['z', 2],
      ['x', 3],
      ['y', null],
      ['w', null]
    ])
  })
})

describe('PDF export', () => {
  it('makes a one-page PDF with the figures, even with characters the standard fonts cannot encode', async () => {
    const bytes = await buildReportPdf(
      { result, headlines: { nps: headline, csat: { ...headline, score: 91.2 } }, leagueLabel: 'Site', scope: 'Last week − 東京 · Société 🙂', savedName: null },
      { trend: null, distribution: null }
    )
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBe(1)
    expect(doc.getTitle()).toBe('NPS report')
  })
})

describe('chart scales', () => {
  it('gives round ticks inside the domain and a usable span for flat or empty data', () => {
    expect(ticks([-100, 100], 4)).toEqual([-100, -50, 0, 50, 100])
    expect(ticks([0, 7], 5)).toEqual([0, 2, 4, 6])
    expect(niceDomain([])).toEqual([0, 1])
    expect(niceDomain([5, 5])).toEqual([5, 6])
    const [lo, hi] = niceDomain([12, 47], 0)
    expect(lo).toBe(0)
    expect(hi).toBeGreaterThanOrEqual(47)
    expect(labelStride(30, 8)).toBe(4)
    expect(labelStride(5, 8)).toBe(1)
  })
})

describe('saved filters back into the filter bar', () => {
  it('round-trips a named period and the single-valued filters', () => {
    const f = { timeZone: 'UTC', period: 'last_week' as const, providers: ['nicereply' as const], metrics: ['nps' as const], minScore: 0, maxScore: 6, hasComment: true, search: 'slow' }
    const { draft, search, connectionId } = draftFromFilters(f)
    expect(connectionId).toBeNull()
    const rebuilt = buildFilters(draft, search, null)
    expect(rebuilt.ok && { ...rebuilt.filters, timeZone: 'UTC' }).toEqual(f)
  })
})

describe('NPS band drills', () => {
  it('narrows an exact NPS drill to the band edges the engine counts with, and refuses what it cannot say exactly', async () => {
    const { bandDrill } = await import('../../src/renderer/src/pages/reports/FigureParts')
    const nps: ReportFigure = { ...figure(10, 40), drill: { timeZone: 'UTC', metrics: ['nps'], period: 'last_week' } }
    const detractors = bandDrill(nps, undefined, 7 - 1e-9)
    expect(detractors).toEqual({ timeZone: 'UTC', metrics: ['nps'], period: 'last_week', maxScore: 7 - 1e-9 })
    expect(bandDrill(nps, 9)).toMatchObject({ minScore: 9 })
    expect(bandDrill({ ...nps, drill: { ...nps.drill, minScore: 8 } }, 7, 9 - 1e-9)).toMatchObject({ minScore: 8, maxScore: 9 - 1e-9 })
    // The user's own score filter leaves no detractor: no drill rather than a wrong one.
    expect(bandDrill({ ...nps, drill: { ...nps.drill, minScore: 8 } }, undefined, 7 - 1e-9)).toBeNull()
    expect(bandDrill({ ...nps, drillExact: false }, 9)).toBeNull()
    expect(bandDrill({ ...nps, drill: { timeZone: 'UTC' } }, 9)).toBeNull()
  })
})
