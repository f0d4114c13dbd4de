import { useState, type RefObject } from 'react'
import { svgToPng } from '../../components/charts/svg-image'
import { useConnectionsStore } from '../../stores/connections-store'
import { useInboxStore } from '../../stores/inbox-store'
import { useReportsStore } from '../../stores/reports-store'
import { downloadBlob, exportFileName } from './download'
import { DIMENSION_LABELS } from './LeagueTable'
import { reportCsvRows, toCsv, type ReportExport } from './report-csv'
import { metricLabel } from './report-format'
import { scopeWords } from './scope-words'
import { errorText } from './error-text'

function currentExport(): ReportExport | null {
  const s = useReportsStore.getState()
  if (!s.result || !s.filters) return null
  return {
    result: s.result,
    headlines: s.headlines,
    leagueLabel: DIMENSION_LABELS[s.leagueBy],
    scope: scopeWords(s.filters, useInboxStore.getState().facets, useConnectionsStore.getState().connections),
    savedName: s.savedName
  }
}

async function pngBytes(ref: RefObject<SVGSVGElement | null>): Promise<Uint8Array | null> {
  return ref.current ? new Uint8Array(await (await svgToPng(ref.current)).arrayBuffer()) : null
}

export function ExportButtons({ trendRef, distributionRef }: { trendRef: RefObject<SVGSVGElement | null>; distributionRef: RefObject<SVGSVGElement | null> }) {
  const ready = useReportsStore((s) => s.result !== null && !s.loading)
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function run(kind: 'csv' | 'pdf'): Promise<void> {
    const e = currentExport()
    if (!e) return
    setBusy(kind)
    setError(null)
    const name = [e.savedName ?? metricLabel(e.result.metric)]
    try {
      if (kind === 'csv') {
        downloadBlob(new Blob([toCsv(reportCsvRows(e))], { type: 'text/csv;charset=utf-8' }), exportFileName(name, 'csv'))
      } else {
        // pdf-lib is loaded only when a PDF is asked for.
        const { buildReportPdf } = await import('./report-pdf')
        const [trend, distribution] = await Promise.all([pngBytes(trendRef), pngBytes(distributionRef)])
        const metric = metricLabel(e.result.metric)
        const bytes = await buildReportPdf(e, {
          trend: trend ? { title: `${metric} trend by ${e.result.trend?.interval ?? 'week'}`, png: trend } : null,
          distribution: distribution ? { title: `${metric} score distribution`, png: distribution } : null
        })
        downloadBlob(new Blob([bytes as BlobPart], { type: 'application/pdf' }), exportFileName(name, 'pdf'))
      }
    } catch (err) {
      setError(`The ${kind.toUpperCase()} could not be made: ${errorText(err)}`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="report-exports" role="group" aria-label="Export">
      <button type="button" className="button button--small" disabled={!ready || busy !== null} onClick={() => void run('csv')}>
        Export CSV
      </button>
      <button type="button" className="button button--small" disabled={!ready || busy !== null} onClick={() => void run('pdf')} aria-busy={busy === 'pdf' || undefined}>
        {busy === 'pdf' ? 'Making PDF…' : 'Export PDF'}
      </button>
      {error ? (
        <p role="alert" className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
