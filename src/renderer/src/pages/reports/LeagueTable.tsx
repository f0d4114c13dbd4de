import { useState } from 'react'
import type { ReportDimension } from '../../../../shared/domain/reports'
import { LEAGUE_DIMENSIONS, useReportsStore } from '../../stores/reports-store'
import { FigureButton } from './FigureButton'
import { FigureParts } from './FigureParts'
import { rankRows } from './league'
import { changeWords, metricLabel } from './report-format'

export const DIMENSION_LABELS: Record<ReportDimension, string> = {
  site: 'Site',
  staff: 'Staff',
  team: 'Team',
  survey: 'Survey',
  connection: 'Connection',
  provider: 'Provider',
  tag: 'Tag or topic',
  channel: 'Channel',
  property: 'Property'
}

/** Rows shown before "Show all": the top of the table is what a lead reads first. */
const FIRST_ROWS = 15

export function LeagueTable() {
  const result = useReportsStore((s) => s.result)
  const leagueBy = useReportsStore((s) => s.leagueBy)
  const setLeagueBy = useReportsStore((s) => s.setLeagueBy)
  const [showAll, setShowAll] = useState(false)
  if (!result) return null
  const { metric, minimumSample } = result
  const breakdown = result.breakdowns.find((b) => b.by === leagueBy)
  const rows = rankRows(breakdown?.rows ?? [])
  const dim = DIMENSION_LABELS[leagueBy]
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS)

  return (
    <section className="panel league" aria-labelledby="league-title">
      <div className="panel__head">
        <h2 id="league-title" className="panel__title">
          League table: {metricLabel(metric)} by {dim.toLowerCase()}
        </h2>
        <div className="filter">
          <label className="filter__label" htmlFor="league-by">
            Compare by
          </label>
          <select id="league-by" className="input select select--compact" value={leagueBy} onChange={(e) => setLeagueBy(e.target.value as ReportDimension)}>
            {LEAGUE_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted league__note">
        Ranked by {metricLabel(metric)}. Rows with fewer than {minimumSample} responses are greyed, unranked and show their n. Select a figure to see its responses.
      </p>
      {rows.length === 0 ? (
        <p className="muted">No responses in this period{leagueBy === 'site' || leagueBy === 'staff' || leagueBy === 'team' ? ` carry a ${dim.toLowerCase()}` : ''}.</p>
      ) : (
        <div className="table-wrap">
          <table className="table league__table">
            <caption className="visually-hidden">
              {metricLabel(metric)} by {dim.toLowerCase()}, best first
            </caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">{dim}</th>
                <th scope="col">{metricLabel(metric)}</th>
                <th scope="col">Change</th>
                <th scope="col">Made of</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ row, rank }) => (
                <tr key={row.key} className={rank === null ? 'league__row league__row--unranked' : 'league__row'}>
                  <td>{rank ?? <span className="muted">not ranked</span>}</td>
                  <th scope="row" className="table__label">
                    {row.label || <span className="muted">None</span>}
                  </th>
                  <td>
                    <FigureButton metric={metric} figure={row} what={`${dim} ${row.label || 'none'}`} minimum={minimumSample} />
                  </td>
                  <td>{changeWords(metric, row.change ?? null) ?? <span className="muted">—</span>}</td>
                  <td>
                    <FigureParts metric={metric} figure={row} what={`${dim} ${row.label || 'none'}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > FIRST_ROWS ? (
        <button type="button" className="button button--small league__more" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
          {showAll ? `Show the first ${FIRST_ROWS} only` : `Show all ${rows.length} rows`}
        </button>
      ) : null}
    </section>
  )
}
