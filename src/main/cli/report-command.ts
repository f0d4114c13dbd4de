import type { InboxFilters } from '../../shared/domain/inbox'
import { ReportBy, type ProviderFigure, type ReportFigure, type ReportMetric, type ReportResult } from '../../shared/domain/reports'
import { AppError } from '../../shared/errors'
import { parseArgs, stringFlag, boolFlag, UsageError } from './args'
import { applyPeriodFlags } from './period-flags'
import type { Command } from './commands'
import { formatTable } from './output'

const METRICS: Record<string, ReportMetric> = {
  nps: 'nps',
  csat: 'csat',
  ces: 'ces',
  'response-rate': 'response_rate',
  star: 'star',
  happy: 'happy',
  standardised: 'standardised'
}

/** The score as a lead reads it: NPS in whole signed points, percentages with one decimal, averages with two. */
export function formatScore(metric: ReportMetric, score: number | null): string {
  if (score === null) return '-'
  if (metric === 'nps') return `${score > 0 ? '+' : ''}${Math.round(score)}`
  if (metric === 'csat' || metric === 'response_rate' || metric === 'standardised') return `${score.toFixed(1)}${metric === 'standardised' ? '' : '%'}`
  return score.toFixed(2)
}

/** A figure under the minimum sample is never a bare number. */
function scoreCell(metric: ReportMetric, f: ReportFigure): string {
  const s = formatScore(metric, f.score)
  return f.belowMinimum && f.score !== null ? `(${s})` : s
}

function changeCell(metric: ReportMetric, change: number | null | undefined): string {
  if (change === null || change === undefined) return ''
  const points = metric === 'ces' || metric === 'star' || metric === 'happy' ? change.toFixed(2) : change.toFixed(1)
  return `${change > 0 ? '+' : ''}${points}`
}

function humanReport(r: ReportResult): string {
  const m = r.metric
  const h = r.headline
  const period = `${r.range.from ?? 'the beginning'} – ${r.range.to ?? 'now'} (${r.timeZone})`
  const lines = [
    `${m.toUpperCase().replace('_', ' ')}: ${scoreCell(m, h)}  n=${h.n}${h.belowMinimum ? `  below the minimum sample of ${r.minimumSample}` : ''}`,
    `Period: ${period}`,
    ...(h.previous ? [`Previous period: ${scoreCell(m, h.previous)}  n=${h.previous.n}  change ${changeCell(m, h.change) || 'n/a'}`] : [])
  ]
  const out = [lines.join('\n') + '\n']
  for (const b of r.breakdowns) {
    out.push(`By ${b.by}:\n` + formatTable([b.by.toUpperCase(), 'SCORE', 'N', 'CHANGE'], b.rows.map((row) => [row.label, scoreCell(m, row), String(row.n), changeCell(m, row.change)])))
  }
  out.push(`Scores in brackets are below the minimum sample (${r.minimumSample}).\n`)
  return out.join('\n')
}

function humanFigures(metric: ReportMetric, figures: ProviderFigure[]): string {
  if (figures.length === 0) return 'No provider publishes this figure for the chosen connections.\n'
  return (
    'Provider figures:\n' +
    formatTable(
      ['CONNECTION', 'FIGURE', 'SCOPE', 'PROVIDER', 'N', 'LOCAL', 'LOCAL N', 'FETCHED', 'NOTE'],
      figures.map((f) => [
        f.connectionLabel,
        f.kind,
        f.scope,
        formatScore(metric, f.score),
        f.n === null ? '-' : String(f.n),
        f.local ? formatScore(metric, f.local.score) : '-',
        f.local ? String(f.local.n) : '-',
        f.fetchedAt,
        f.error ?? f.explanations[0] ?? ''
      ])
    )
  )
}

export const reportCommand: Command = {
  usage: 'survey-desk report <nps|csat|ces|response-rate> [--period NAME | --from ISO --to ISO] [--by provider|connection|survey|site|staff|team|tag|day|week|month] [--connection ID] [--provider-figures]',
  summary: 'A report from the local cache (works offline), in your time zone; --by takes a comma list; --provider-figures also fetches the providers\' own figures',
  flags: { period: { value: true }, from: { value: true }, to: { value: true }, by: { value: true }, connection: { value: true }, 'provider-figures': { value: false } },
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    const [name, ...rest] = args.positionals
    if (name === undefined) throw new UsageError('Name the metric: nps, csat, ces or response-rate')
    if (rest.length) throw new UsageError(`report takes one metric (got "${rest.join(' ')}" too)`)
    const metric = METRICS[name]
    if (!metric) throw new UsageError(`Unknown metric "${name}": use nps, csat, ces or response-rate`)
    const filters: InboxFilters = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' }
    applyPeriodFlags(args, filters)
    const connection = stringFlag(args, 'connection')
    if (connection !== undefined) filters.connectionIds = connection.split(',').map((s) => s.trim()).filter(Boolean)
    const by = (stringFlag(args, 'by') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    for (const b of by) if (!ReportBy.safeParse(b).success) throw new UsageError(`--by must be one of ${[...ReportBy.options.flatMap((o) => o.options)].join(', ')} (got "${b}")`)

    const report = await ctx.call('reports.run', { metric, filters, by: by as ReportBy[] })
    let figures: ProviderFigure[] | null = null
    let figuresError: string | null = null
    if (boolFlag(args, 'provider-figures')) {
      try {
        figures = (await ctx.call('reports.providerFigures', { metric, filters })).figures
      } catch (err) {
        // The local report stands on its own: say why the providers' figures are missing.
        figuresError = err instanceof AppError ? err.message : String(err)
        ctx.exitCode = 1
      }
    }
    if (ctx.json) {
      ctx.io.stdout(JSON.stringify({ report, ...(figures ? { providerFigures: figures } : {}), ...(figuresError ? { providerFiguresError: figuresError } : {}) }, null, 2) + '\n')
      return
    }
    ctx.io.stdout(humanReport(report))
    if (figures) ctx.io.stdout('\n' + humanFigures(metric, figures))
    if (figuresError) ctx.io.stderr(`Provider figures: ${figuresError}\n`)
  }
}
