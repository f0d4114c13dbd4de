import type { RefObject } from 'react'
import type { ReportInterval } from '../../../../shared/domain/reports'
import { ChartFigure } from '../../components/charts/ChartFigure'
import { LineChart, type LinePoint } from '../../components/charts/LineChart'
import { useReportsStore } from '../../stores/reports-store'
import { openInInbox } from './drill'
import { FigureButton } from './FigureButton'
import { PngButton } from './PngButton'
import { figureSentence, formatTick, metricLabel, trendDomain } from './report-format'

const INTERVAL_WORDS: Record<ReportInterval, string> = { day: 'Day', week: 'Week', month: 'Month' }

/** Axis labels short enough to sit side by side: "3 Nov", or "Nov 2025" when months or years are in play. */
function axisLabeller(interval: ReportInterval, starts: string[], timeZone: string): (iso: string) => string {
  const first = starts[0] ? new Date(starts[0]) : new Date()
  const last = starts[starts.length - 1] ? new Date(starts[starts.length - 1]!) : first
  const multiYear = last.getTime() - first.getTime() > 300 * 86_400_000
  const fmt = new Intl.DateTimeFormat(undefined, interval === 'month' || multiYear ? { month: 'short', year: 'numeric', timeZone } : { day: 'numeric', month: 'short', timeZone })
  return (iso) => fmt.format(new Date(iso))
}

export function TrendPanel({ svgRef }: { svgRef: RefObject<SVGSVGElement | null> }) {
  const result = useReportsStore((s) => s.result)
  const trend = useReportsStore((s) => s.trend)
  const setTrend = useReportsStore((s) => s.setTrend)
  if (!result) return null
  const { metric, minimumSample } = result
  const points = result.trend?.points ?? []
  const label = `${metricLabel(metric)} by ${trend}`
  const axisLabel = axisLabeller(
    trend,
    points.map((p) => p.start),
    result.timeZone
  )
  const linePoints: LinePoint[] = points.map((p) => ({
    key: p.start,
    label: axisLabel(p.start),
    value: p.score,
    n: p.n,
    muted: p.belowMinimum,
    description: figureSentence(metric, p, p.label, minimumSample)
  }))
  const withData = points.filter((p) => p.score !== null)
  const last = withData[withData.length - 1]
  const summary =
    points.length === 0
      ? 'No responses in this period.'
      : `${points.length} ${trend}s from ${points[0]!.label} to ${points[points.length - 1]!.label}. ${last ? `Latest: ${figureSentence(metric, last, last.label, minimumSample)}.` : ''}`

  return (
    <ChartFigure
      id="trend"
      title={`Trend: ${label}`}
      summary={summary}
      actions={
        <>
          <label className="visually-hidden" htmlFor="trend-interval">
            Trend interval
          </label>
          <select id="trend-interval" className="input select select--compact" value={trend} onChange={(e) => setTrend(e.target.value as ReportInterval)}>
            {(['day', 'week', 'month'] as const).map((i) => (
              <option key={i} value={i}>
                By {INTERVAL_WORDS[i].toLowerCase()}
              </option>
            ))}
          </select>
          <PngButton svgRef={svgRef} name={`trend-${metric}-by-${trend}`} what="trend chart" title={`${metricLabel(metric)} by ${trend}`} />
        </>
      }
      legend={
        <p className="muted">
          <span aria-hidden="true">◆</span> {metricLabel(metric)} · <span aria-hidden="true">○</span> fewer than {minimumSample} responses (each point's n is in its label and the table) ·{' '}
          <span aria-hidden="true">×</span> no responses. Select a point to see its responses.
        </p>
      }
      table={
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{INTERVAL_WORDS[trend]}</th>
              <th scope="col">{metricLabel(metric)} (n)</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.start}>
                <th scope="row">{p.label}</th>
                <td>
                  <FigureButton metric={metric} figure={p} what={p.label} minimum={minimumSample} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {points.length === 0 ? (
        <p className="chart__empty muted">No responses in this period.</p>
      ) : (
        <LineChart
          svgRef={svgRef}
          label={label}
          points={linePoints}
          domain={trendDomain(
            metric,
            withData.map((p) => p.score!)
          )}
          format={(v) => formatTick(metric, v)}
          onActivate={(i) => openInInbox(points[i]!.drill, linePoints[i]!.description)}
        />
      )}
    </ChartFigure>
  )
}
