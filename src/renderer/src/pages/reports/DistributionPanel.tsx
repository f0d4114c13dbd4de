import type { RefObject } from 'react'
import { BarChart, type Bar } from '../../components/charts/BarChart'
import { ChartFigure } from '../../components/charts/ChartFigure'
import { ToneSwatch } from '../../components/charts/TonePatterns'
import type { Tone } from '../../components/charts/tones'
import { useReportsStore } from '../../stores/reports-store'
import { openInInbox } from './drill'
import { PngButton } from './PngButton'
import { BAND_WORDS, bucketTone, formatN, metricLabel } from './report-format'

const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })

export function DistributionPanel({ svgRef }: { svgRef: RefObject<SVGSVGElement | null> }) {
  const result = useReportsStore((s) => s.result)
  if (!result) return null
  const { metric, distribution } = result
  const total = distribution.reduce((a, b) => a + b.count, 0)
  const bars: Bar[] = distribution.map((b) => ({
    key: String(b.score),
    label: num.format(b.score),
    count: b.count,
    tone: bucketTone(b.band),
    description: `Score ${num.format(b.score)}${b.band ? ` (${BAND_WORDS[b.band]})` : ''}: ${formatN(b.count)} ${b.count === 1 ? 'response' : 'responses'}`
  }))
  const bands = [...new Set(distribution.map((b) => b.band).filter((b) => b !== null))]
  const label = `${metricLabel(metric)} score distribution`
  const summary = total === 0 ? 'No scored responses in this period.' : `${formatN(total)} scored responses. ${bars.map((b) => b.description).join('; ')}.`

  return (
    <ChartFigure
      id="distribution"
      title={`Distribution: ${metricLabel(metric)} scores`}
      summary={summary}
      actions={<PngButton svgRef={svgRef} name={`distribution-${metric}`} what="distribution chart" title={`${metricLabel(metric)} score distribution`} />}
      legend={
        bands.length > 0 ? (
          <ul className="chart__keys" aria-label="Legend">
            {bands.map((band) => (
              <li key={band}>
                <ToneSwatch chartId="distribution-chart" tone={bucketTone(band) as Tone} /> {BAND_WORDS[band]}
              </li>
            ))}
          </ul>
        ) : null
      }
      table={
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Band</th>
              <th scope="col">Responses</th>
            </tr>
          </thead>
          <tbody>
            {distribution.map((b, i) => (
              <tr key={b.score}>
                <th scope="row">{num.format(b.score)}</th>
                <td>{b.band ? BAND_WORDS[b.band] : '—'}</td>
                <td>
                  <button type="button" className="button-link" onClick={() => openInInbox(b.drill, bars[i]!.description)}>
                    {formatN(b.count)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {distribution.length === 0 ? (
        <p className="chart__empty muted">No scored responses in this period.</p>
      ) : (
        <BarChart id="distribution-chart" svgRef={svgRef} label={label} bars={bars} onActivate={(i) => openInInbox(distribution[i]!.drill, bars[i]!.description)} />
      )}
    </ChartFigure>
  )
}
