import { useState, type RefObject } from 'react'
import { svgToPng } from '../../components/charts/svg-image'
import { useConnectionsStore } from '../../stores/connections-store'
import { useInboxStore } from '../../stores/inbox-store'
import { useReportsStore } from '../../stores/reports-store'
import { downloadBlob, exportFileName } from './download'
import { scopeWords } from './scope-words'
import { errorText } from './error-text'

/** The image's heading: the chart's title and what it covers, so a pasted PNG explains itself. */
function headingFor(title: string): string {
  const filters = useReportsStore.getState().filters
  return filters ? `${title} · ${scopeWords(filters, useInboxStore.getState().facets, useConnectionsStore.getState().connections)}` : title
}

export function PngButton({ svgRef, name, what, title }: { svgRef: RefObject<SVGSVGElement | null>; name: string; what: string; title: string }) {
  const [error, setError] = useState<string | null>(null)
  async function save(): Promise<void> {
    const svg = svgRef.current
    if (!svg) return
    try {
      downloadBlob(await svgToPng(svg, headingFor(title)), exportFileName([name], 'png'))
      setError(null)
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <>
      <button type="button" className="button button--small" onClick={() => void save()} aria-label={`Save the ${what} as PNG`}>
        PNG
      </button>
      {error ? (
        <span role="alert" className="field__error">
          {error}
        </span>
      ) : null}
    </>
  )
}
