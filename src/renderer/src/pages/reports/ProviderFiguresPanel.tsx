import type { ProviderFigureKind } from '../../../../shared/domain/reports'
import { formatDate, providerName } from '../inbox/format'
import { useAppStore } from '../../stores/app-store'
import { useReportsStore } from '../../stores/reports-store'
import { FigureButton } from './FigureButton'
import { formatN, formatScore, metricLabel } from './report-format'

const KIND_WORDS: Record<ProviderFigureKind, string> = {
  customersure_nps: 'NPS',
  customersure_csat: 'CSAT',
  customersure_response_rate: 'response rate',
  customersure_rating_question: 'rating question',
  enco_survey_report: 'survey report',
  enco_global_report: 'global report',
  nicereply_stats: 'stats',
  nicereply_histogram: 'histogram'
}

/** A published histogram as "score: count" pairs, folded away: it explains a figure, it is not one. */
function Histogram({ histogram }: { histogram: Record<string, number> }) {
  const entries = Object.entries(histogram)
  if (entries.length === 0) return null
  return (
    <details className="provider-figures__histogram">
      <summary>Histogram ({entries.length} scores)</summary>
      <p>{entries.map(([score, count]) => `${score}: ${formatN(count)}`).join(' · ')}</p>
    </details>
  )
}

/**
 * The providers' own published figures beside the ones computed here, fetched only when asked
 * (they need the network), with why the two may differ.
 */
export function ProviderFiguresPanel() {
  const metric = useReportsStore((s) => s.metric)
  const figures = useReportsStore((s) => s.figures)
  const loading = useReportsStore((s) => s.figuresLoading)
  const error = useReportsStore((s) => s.figuresError)
  const minimum = useReportsStore((s) => s.result?.minimumSample ?? 30)
  const canRun = useReportsStore((s) => s.filters !== null)
  const load = useReportsStore((s) => s.loadProviderFigures)
  const online = useAppStore((s) => s.browserOnline && s.hostReachable)

  return (
    <section className="panel" aria-labelledby="provider-figures-title" aria-busy={loading || undefined}>
      <div className="panel__head">
        <h2 id="provider-figures-title" className="panel__title">
          The providers&apos; own {metricLabel(metric)} figures
        </h2>
        <div className="panel__actions">
          <button type="button" className="button button--small" disabled={!canRun || loading || !online} onClick={() => void load(false)}>
            {figures ? 'Fetch again if stale' : 'Fetch provider figures'}
          </button>
          {figures ? (
            <button type="button" className="button button--small" disabled={loading || !online} onClick={() => void load(true)}>
              Refresh now
            </button>
          ) : null}
        </div>
      </div>
      <p className="muted">
        Asks each provider for the figure it publishes for this scope and shows it beside the one computed from the local copy, so you can tell whether the copy is
        complete.{online ? '' : ' You are offline: figures fetched earlier are shown when there are any.'}
      </p>
      {loading ? (
        <div className="progress progress--indeterminate" role="progressbar" aria-label="Fetching provider figures">
          <div className="progress__fill" />
        </div>
      ) : null}
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {figures && figures.length === 0 ? <p className="muted">None of the connections in scope publishes a {metricLabel(metric)} figure.</p> : null}
      {figures && figures.length > 0 ? (
        <div className="table-wrap">
          <table className="table provider-figures">
            <thead>
              <tr>
                <th scope="col">Connection and scope</th>
                <th scope="col">Provider says</th>
                <th scope="col">Local copy</th>
                <th scope="col">Difference and why</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f, i) => (
                <tr key={`${f.connectionId}-${f.kind}-${i}`}>
                  <th scope="row" className="table__label">
                    {f.connectionLabel}
                    <span className="muted provider-figures__scope">
                      {providerName(f.provider)} {KIND_WORDS[f.kind]} · {f.scope}
                    </span>
                  </th>
                  <td>
                    {f.error && f.score === null ? (
                      <span className="warn-text">{f.error}</span>
                    ) : (
                      <>
                        <strong>{f.metric ? formatScore(f.metric, f.score) : (f.score ?? '—')}</strong>
                        {f.n !== null ? <span className="muted"> n = {formatN(f.n)}</span> : null}
                        <span className="muted provider-figures__when">
                          {f.cached ? 'fetched earlier, ' : ''}
                          <time dateTime={f.fetchedAt}>{formatDate(f.fetchedAt)}</time>
                        </span>
                        {f.error ? <span className="warn-text provider-figures__when">Refresh failed: {f.error}</span> : null}
                        {f.histogram ? <Histogram histogram={f.histogram} /> : null}
                      </>
                    )}
                  </td>
                  <td>{f.local && f.metric ? <FigureButton metric={f.metric} figure={f.local} what={`${f.connectionLabel}, ${f.scope}, local copy`} minimum={minimum} /> : <span className="muted">—</span>}</td>
                  <td>
                    {f.difference !== null && f.metric ? <strong>{formatScore(f.metric, f.difference)} {f.metric === 'nps' ? 'points' : ''}</strong> : null}
                    {f.explanations.length > 0 ? (
                      <ul className="provider-figures__why">
                        {f.explanations.map((e) => (
                          <li key={e}>{e}</li>
                        ))}
                      </ul>
                    ) : f.difference === 0 ? (
                      <span className="muted"> the same</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
