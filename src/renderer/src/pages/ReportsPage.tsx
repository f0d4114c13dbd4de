import '../styles/reports.css'
import { useEffect, useRef } from 'react'
import type { ReportMetric } from '../../../shared/domain/reports'
import { api } from '../api/client'
import { Icon } from '../components/Icon'
import { useAppStore } from '../stores/app-store'
import { useConnectionsStore } from '../stores/connections-store'
import { useInboxStore } from '../stores/inbox-store'
import { CHART_METRICS, useReportsStore } from '../stores/reports-store'
import { FilterBar } from './inbox/FilterBar'
import { formatDate } from './inbox/format'
import { DistributionPanel } from './reports/DistributionPanel'
import { ExportButtons } from './reports/ExportButtons'
import { FollowUpSummary } from './reports/FollowUpSummary'
import { HeadlineCards } from './reports/HeadlineCards'
import { LeagueTable } from './reports/LeagueTable'
import { ProviderFiguresPanel } from './reports/ProviderFiguresPanel'
import { metricLabel } from './reports/report-format'
import { SavedReports } from './reports/SavedReports'
import { scopeWords } from './reports/scope-words'
import { TrendPanel } from './reports/TrendPanel'

/** New rows from a running sync change the figures: recompute at most this often while the page shows. */
const REFRESH_AFTER_SYNC_MS = 5000

function useReportInputs(): void {
  const draft = useInboxStore((s) => s.draft)
  const search = useInboxStore((s) => s.search)
  const connectionId = useAppStore((s) => s.selectedConnectionId)
  useEffect(() => {
    // Filtering the responses to one metric means reporting on it: the charts follow the filter bar.
    const reports = useReportsStore.getState()
    const filtered = CHART_METRICS.find((m) => m === draft.metric)
    if (filtered && filtered !== reports.metric) reports.setMetric(filtered)
    else void reports.run()
  }, [draft, search, connectionId])

  useEffect(() => {
    void useInboxStore.getState().loadFacets()
    let timer: ReturnType<typeof setTimeout> | null = null
    const off = api().on('inbox.changed', () => {
      timer ??= setTimeout(() => {
        timer = null
        void useReportsStore.getState().run()
      }, REFRESH_AFTER_SYNC_MS)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [])
}

function MetricChoice() {
  const metric = useReportsStore((s) => s.metric)
  const setMetric = useReportsStore((s) => s.setMetric)
  return (
    <div className="filter">
      <label className="filter__label" htmlFor="report-metric">
        Chart and league table
      </label>
      <select id="report-metric" className="input select select--compact" value={metric} onChange={(e) => setMetric(e.target.value as ReportMetric)}>
        {CHART_METRICS.map((m) => (
          <option key={m} value={m}>
            {metricLabel(m)}
          </option>
        ))}
      </select>
    </div>
  )
}

function Status() {
  const result = useReportsStore((s) => s.result)
  const loading = useReportsStore((s) => s.loading)
  const savedName = useReportsStore((s) => s.savedName)
  const filters = useReportsStore((s) => s.filters)
  const facets = useInboxStore((s) => s.facets)
  const connections = useConnectionsStore((s) => s.connections)
  const scope = filters && !loading && result ? scopeWords(filters, facets, connections) : null
  return (
    <p className="page__lead" aria-live="polite">
      {savedName ? <strong>{savedName} · </strong> : null}
      {scope ? <span className="reports__scope">{scope} · </span> : null}
      {loading ? 'Computing from the local copy…' : result ? `Computed from the local copy at ${formatDate(result.computedAt)}; works offline.` : 'Figures are computed from the local copy; they work offline.'}
    </p>
  )
}

export function ReportsPage() {
  const connectionsLoaded = useConnectionsStore((s) => s.loaded)
  const hasConnections = useConnectionsStore((s) => s.connections.length > 0)
  const loading = useReportsStore((s) => s.loading)
  const error = useReportsStore((s) => s.error)
  const filtersError = useReportsStore((s) => s.filtersError)
  const search = useInboxStore((s) => s.search)
  const result = useReportsStore((s) => s.result)
  const setSection = useAppStore((s) => s.setSection)
  const trendRef = useRef<SVGSVGElement>(null)
  const distributionRef = useRef<SVGSVGElement>(null)
  useReportInputs()

  if (connectionsLoaded && !hasConnections) {
    return (
      <div className="page">
        <h1 className="page__title">Reports</h1>
        <div className="empty">
          <Icon name="plug" className="empty__icon" />
          <p className="empty__title">No connections yet</p>
          <p className="muted">Reports are computed from the responses synced from your connections. Add one, or explore with demo data.</p>
          <button type="button" className="button button--primary" onClick={() => setSection('connections')}>
            Go to Connections
          </button>
        </div>
      </div>
    )
  }

  return (
    <div className="page page--wide reports" aria-busy={loading || undefined}>
      <div className="page__header">
        <div>
          <h1 className="page__title">Reports</h1>
          <Status />
        </div>
        <ExportButtons trendRef={trendRef} distributionRef={distributionRef} />
      </div>
      <SavedReports />
      <FilterBar />
      {search.trim() ? (
        <p className="banner banner--note" role="status">
          Only responses matching the Inbox search “{search.trim()}” are counted.
          <button type="button" className="button button--small" onClick={() => useInboxStore.getState().setSearch('')}>
            Count all
          </button>
        </p>
      ) : null}
      {filtersError ? (
        <p className="banner banner--warning" role="alert">
          {filtersError}
        </p>
      ) : null}
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {loading ? (
        <div className="progress progress--indeterminate reports__progress" role="progressbar" aria-label="Computing the report">
          <div className="progress__fill" />
        </div>
      ) : null}
      <HeadlineCards />
      <div className="reports__row">
        <div className="reports__toolbar">
          <MetricChoice />
        </div>
        <FollowUpSummary />
      </div>
      {result ? (
        <>
          <div className="reports__charts">
            <TrendPanel svgRef={trendRef} />
            <DistributionPanel svgRef={distributionRef} />
          </div>
          <LeagueTable />
        </>
      ) : null}
      <ProviderFiguresPanel />
    </div>
  )
}
