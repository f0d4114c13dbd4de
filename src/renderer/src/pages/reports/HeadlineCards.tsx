import type { ReportHeadline, ReportMetric } from '../../../../shared/domain/reports'
import { HEADLINE_METRICS, useReportsStore } from '../../stores/reports-store'
import { FigureButton } from './FigureButton'
import { FigureParts } from './FigureParts'
import { changeWords, formatScore, metricLabel } from './report-format'

function Change({ metric, h, hasPeriod }: { metric: ReportMetric; h: ReportHeadline; hasPeriod: boolean }) {
  const words = changeWords(metric, h.change)
  if (!h.previous) return <p className="card__change muted">{hasPeriod ? 'No previous period to compare with' : 'Choose a period to compare with the one before'}</p>
  if (words === null) {
    return (
      <p className="card__change muted">
        {h.previous.n === 0 ? `Nothing to compare with in the previous period (n = 0)` : `Previous period: ${formatScore(metric, h.previous.score)} (n = ${h.previous.n})`}
      </p>
    )
  }
  const dir = h.change! > 0 ? 'up' : h.change! < 0 ? 'down' : 'flat'
  // Higher CES is less effort on the scales the providers use here, so "up" is good for every metric.
  return (
    <p className={`card__change card__change--${dir}`}>
      <span aria-hidden="true" className="card__arrow">
        {dir === 'up' ? '▲' : dir === 'down' ? '▼' : '■'}
      </span>{' '}
      {words} <span className="muted">vs previous period ({formatScore(metric, h.previous.score)}, n = {h.previous.n})</span>
    </p>
  )
}

function Card({ metric }: { metric: ReportMetric }) {
  const h = useReportsStore((s) => s.headlines[metric])
  const error = useReportsStore((s) => s.headlineErrors[metric])
  const minimum = useReportsStore((s) => s.result?.minimumSample ?? 30)
  const charted = useReportsStore((s) => s.metric === metric)
  const setMetric = useReportsStore((s) => s.setMetric)
  const hasPeriod = useReportsStore((s) => Boolean(s.filters?.period || s.filters?.from || s.filters?.to))
  const title = metricLabel(metric)
  return (
    <section className={charted ? 'card card--charted' : 'card'} aria-labelledby={`card-${metric}`}>
      <div className="card__head">
        <h2 id={`card-${metric}`} className="card__title">
          {title}
        </h2>
        {charted ? (
          <span className="badge">Charted</span>
        ) : (
          <button type="button" className="button button--small button--quiet" onClick={() => setMetric(metric)}>
            Chart {title}
          </button>
        )}
      </div>
      {error ? (
        <p className="muted">Not available: {error}</p>
      ) : !h ? (
        <p className="muted" aria-busy="true">
          Computing…
        </p>
      ) : metric === 'response_rate' && h.n === 0 ? (
        <p className="muted">No sends known for this scope (the providers report requests only for e-mail and SMS sends).</p>
      ) : (
        <>
          <FigureButton metric={metric} figure={h} what={`${title}, this period`} minimum={minimum} size="large" />
          <p className="card__parts">
            <FigureParts metric={metric} figure={h} what={`${title}, this period`} />
          </p>
          <Change metric={metric} h={h} hasPeriod={hasPeriod} />
        </>
      )}
    </section>
  )
}

export function HeadlineCards() {
  return (
    <div className="cards" role="group" aria-label="Headline figures">
      {HEADLINE_METRICS.map((m) => (
        <Card key={m} metric={m} />
      ))}
    </div>
  )
}
