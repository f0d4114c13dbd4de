import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { ReportMetric } from '../../../../shared/domain/reports'
import { rankRows } from './league'
import type { ReportExport } from './report-csv'
import { changeWords, formatN, formatScore, metricLabel } from './report-format'

/** Chart images (PNG bytes) to place on the page, with their titles. */
export interface PdfCharts {
  trend: { title: string; png: Uint8Array } | null
  distribution: { title: string; png: Uint8Array } | null
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 40
const INK = rgb(0.1, 0.12, 0.14)
const MUTED = rgb(0.33, 0.36, 0.4)
const RULE = rgb(0.82, 0.84, 0.87)

/**
 * The standard PDF fonts only encode Windows-1252: anything else (a minus sign, CJK, emoji) would make
 * pdf-lib throw, so such characters are swapped for a close ASCII form or '?'.
 */
function encodable(font: PDFFont): (s: string) => string {
  const supported = new Set(font.getCharacterSet())
  const swaps: Record<string, string> = { '\u2212': '-', '\u2009': ' ', '\u202f': ' ', '\u00a0': ' ', '“': '"', '”': '"', '‘': "'", '’': "'" }
  return (s) =>
    [...s]
      .map((ch) => swaps[ch] ?? ch)
      .map((ch) => (supported.has(ch.codePointAt(0)!) ? ch : '?'))
      .join('')
}

function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text
  let t = text
  while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, size) > width) t = t.slice(0, -1)
  return `${t}...`
}

/** A one-page A4 summary: title and scope, the headline figures, both charts, the top of the league table. */
export async function buildReportPdf(e: ReportExport, charts: PdfCharts): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(e.savedName ?? `${metricLabel(e.result.metric)} report`)
  doc.setCreator('Survey Desk')
  const page = doc.addPage([A4.width, A4.height])
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const clean = encodable(regular)
  const width = A4.width - 2 * MARGIN
  let y = A4.height - MARGIN

  const text = (p: PDFPage, s: string, x: number, size: number, font = regular, color = INK, max = width): void => {
    p.drawText(fit(clean(s), font, size, max), { x, y, size, font, color })
  }

  text(page, e.savedName ?? `${metricLabel(e.result.metric)} report`, MARGIN, 18, bold)
  y -= 18
  text(page, e.scope, MARGIN, 10, regular, MUTED)
  y -= 13
  text(page, `Computed ${new Date(e.result.computedAt).toLocaleString()} from the local copy · time zone ${e.result.timeZone} · minimum sample ${e.result.minimumSample}`, MARGIN, 8, regular, MUTED)
  y -= 22

  // Headline figures, four across.
  const metrics = Object.keys(e.headlines) as ReportMetric[]
  const cardW = width / Math.max(1, metrics.length)
  const top = y
  metrics.forEach((m, i) => {
    const h = e.headlines[m]
    if (!h) return
    const x = MARGIN + i * cardW
    y = top
    text(page, metricLabel(m), x, 9, bold, MUTED, cardW - 8)
    y -= 20
    text(page, formatScore(m, h.score), x, 18, bold, h.belowMinimum ? MUTED : INK, cardW - 8)
    y -= 13
    text(page, `n = ${formatN(h.n)}${h.belowMinimum ? ' (small sample)' : ''}`, x, 8, regular, MUTED, cardW - 8)
    y -= 11
    const change = changeWords(m, h.change)
    if (change) text(page, `${change} vs previous`, x, 8, regular, MUTED, cardW - 8)
  })
  y = top - 62
  page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.5, color: RULE })
  y -= 16

  for (const chart of [charts.trend, charts.distribution]) {
    if (!chart) continue
    const img = await doc.embedPng(chart.png)
    const scale = width / img.width
    const h = Math.min(img.height * scale, 190)
    const w = (img.width * h) / img.height
    text(page, chart.title, MARGIN, 10, bold)
    y -= h + 6
    page.drawImage(img, { x: MARGIN, y, width: w, height: h })
    y -= 18
  }

  const breakdown = e.result.breakdowns[0]
  if (breakdown && y > MARGIN + 40) {
    text(page, `League table by ${e.leagueLabel.toLowerCase()} (best first; small samples unranked)`, MARGIN, 10, bold)
    y -= 14
    const cols = [MARGIN, MARGIN + 40, MARGIN + 300, MARGIN + 380]
    const header = ['Rank', e.leagueLabel, metricLabel(e.result.metric), 'n']
    header.forEach((h, i) => page.drawText(clean(h), { x: cols[i]!, y, size: 8, font: bold, color: MUTED }))
    y -= 12
    for (const { row, rank } of rankRows(breakdown.rows)) {
      if (y < MARGIN) break
      const color = rank === null ? MUTED : INK
      page.drawText(rank === null ? '-' : String(rank), { x: cols[0]!, y, size: 8, font: regular, color })
      page.drawText(fit(clean(row.label || 'None'), regular, 8, 250), { x: cols[1]!, y, size: 8, font: regular, color })
      page.drawText(clean(formatScore(e.result.metric, row.score)), { x: cols[2]!, y, size: 8, font: regular, color })
      page.drawText(clean(`${formatN(row.n)}${row.belowMinimum ? ' (small sample)' : ''}`), { x: cols[3]!, y, size: 8, font: regular, color })
      y -= 11
    }
  }
  return doc.save()
}
