import { useId } from 'react'
import type { Connection } from '../../../../shared/domain/connection'
import { useSendsStore } from '../../stores/sends-store'
import { connectionName } from './names'

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
  'iso-8859-15': 'ISO-8859-15'
}
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }

/** Connections that take rows from a file: three send surveys, Nicereply imports ratings. */
export function fileConnections(connections: Connection[]): Connection[] {
  return connections.filter((c) => c.provider !== 'customergauge')
}

export function FileStep({ connections }: { connections: Connection[] }) {
  const w = useSendsStore((s) => s.wizard)
  const setConnection = useSendsStore((s) => s.setConnection)
  const upload = useSendsStore((s) => s.upload)
  const chooseHeaderRow = useSendsStore((s) => s.chooseHeaderRow)
  const goTo = useSendsStore((s) => s.goTo)
  const loadProposal = useSendsStore((s) => s.loadProposal)
  const ids = useId()
  const usable = fileConnections(connections)
  const preview = w.preview
  const width = preview ? Math.max(1, ...preview.lines.map((l) => l.cells.length)) : 0

  return (
    <div className="send-step">
      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-connection`}>
            Connection
          </label>
          <select
            id={`${ids}-connection`}
            className="input select"
            value={w.connectionId ?? ''}
            onChange={(e) => {
              const c = usable.find((x) => x.id === e.target.value)
              setConnection(c?.id ?? null, c?.provider === 'nicereply' ? 'import_ratings' : 'send')
            }}
          >
            <option value="">Choose a connection…</option>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {connectionName(c.label, c.provider)}
                {c.provider === 'nicereply' ? ' — import ratings' : ''}
              </option>
            ))}
          </select>
          <p className="field__help">
            {w.purpose === 'import_ratings'
              ? 'Nicereply has no send API: each row becomes a rating (CSAT, CES or NPS) collected elsewhere.'
              : 'Each valid row sends one survey invitation through this connection.'}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-file`}>
            CSV file
          </label>
          <input
            id={`${ids}-file`}
            className="input send-file"
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain"
            aria-describedby={`${ids}-file-help`}
            onChange={(e) => {
              const file = e.target.files?.[0]
              if (file) void upload(file)
            }}
          />
          <p className="field__help" id={`${ids}-file-help`}>
            Straight out of Excel is fine: UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab.
          </p>
        </div>
      </div>

      {w.uploading ? (
        <div className="send-progress">
          <div
            className="send-progress__bar"
            role="progressbar"
            aria-label="Upload"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round((w.uploading.sent / Math.max(1, w.uploading.total)) * 100)}
          >
            <div className="send-progress__part send-progress__part--sent" style={{ width: `${(w.uploading.sent / Math.max(1, w.uploading.total)) * 100}%` }} />
          </div>
          <span className="send-progress__text">
            {Math.round(w.uploading.sent / 1024)} of {Math.round(w.uploading.total / 1024)} KB read
          </span>
        </div>
      ) : null}

      {preview ? (
        <section aria-labelledby={`${ids}-preview`} className="send-preview">
          <h3 id={`${ids}-preview`} className="send-step__title">
            {preview.fileName}
          </h3>
          <p className="muted">
            Read as <strong>{ENCODING_NAMES[preview.encoding] ?? preview.encoding}</strong>
            {preview.bom ? ' (with a byte-order mark)' : ''}, separated by <strong>{DELIMITER_NAMES[preview.delimiter]}</strong>.{' '}
            {preview.headerRow === null ? 'No header row was found: columns are numbered.' : `The header row is line ${preview.lines[preview.headerRow]?.line}.`}{' '}
            If another line holds the column names, choose it.
          </p>
          <div className="table-wrap send-preview__table">
            <table className="table">
              <caption className="visually-hidden">First lines of the file</caption>
              <thead>
                <tr>
                  <th scope="col">Header row</th>
                  <th scope="col">Line</th>
                  {Array.from({ length: width }, (_, i) => (
                    <th scope="col" key={i}>
                      Column {i + 1}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.lines.map((l, i) => (
                  <tr key={l.line} className={preview.headerRow === i ? 'is-editing' : undefined}>
                    <td>
                      <input
                        type="radio"
                        name={`${ids}-header`}
                        aria-label={`Line ${l.line} is the header row`}
                        checked={preview.headerRow === i}
                        onChange={() => void chooseHeaderRow(i)}
                      />
                    </td>
                    <th scope="row">{l.line}</th>
                    {Array.from({ length: width }, (_, c) => (
                      <td key={c}>{l.cells[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!preview || !w.connectionId || w.busy !== null}
          onClick={() => {
            goTo('mapping')
            void loadProposal()
          }}
        >
          Next: mapping
        </button>
      </div>
    </div>
  )
}
