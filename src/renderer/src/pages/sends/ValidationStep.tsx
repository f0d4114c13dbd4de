import { useId, useState, type KeyboardEvent } from 'react'
import type { ValidatedRow, ValidationSummary } from '../../../../shared/domain/sends'
import { useSendsStore } from '../../stores/sends-store'
import { Pager } from './Pager'

const count = (n: number): string => new Intl.NumberFormat().format(n)
const STATUS_WORDS: Record<ValidatedRow['status'], string> = { valid: 'Valid', invalid: 'Invalid', duplicate: 'Duplicate' }

/** One editable cell: the fix is sent when the user leaves the cell or presses Enter; Esc puts the old value back. */
function Cell({ row, field, label }: { row: ValidatedRow; field: string; label: string }) {
  const fixCell = useSendsStore((s) => s.fixCell)
  const original = row.values[field] ?? ''
  const [draft, setDraft] = useState(original)
  const [seen, setSeen] = useState(original)
  if (seen !== original) {
    // The row came back re-validated (maybe normalised): show what main holds now.
    setSeen(original)
    setDraft(original)
  }
  const invalid = row.reasons.some((r) => r.field === field)
  const commit = (): void => {
    if (draft !== original) void fixCell(row.rowNumber, field, draft)
  }
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') commit()
    if (e.key === 'Escape') setDraft(original)
  }
  return (
    <input
      className="input send-grid__input"
      value={draft}
      aria-label={`Row ${row.rowNumber}, ${label}`}
      aria-invalid={invalid || undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={onKey}
    />
  )
}

function Counts({ s }: { s: ValidationSummary }) {
  return (
    <dl className="send-counts">
      <div>
        <dt>Rows</dt>
        <dd>{count(s.total)}</dd>
      </div>
      <div className="send-counts--ok">
        <dt>Valid</dt>
        <dd>{count(s.valid)}</dd>
      </div>
      <div className="send-counts--bad">
        <dt>Invalid</dt>
        <dd>{count(s.invalid)}</dd>
      </div>
      <div className="send-counts--warn">
        <dt>Duplicates</dt>
        <dd>{count(s.duplicate)}</dd>
      </div>
    </dl>
  )
}

export function ValidationProgressBar() {
  const p = useSendsStore((s) => s.wizard.progress)
  const busy = useSendsStore((s) => s.wizard.busy)
  if (!busy || !p) return null
  // Two passes over the file (the first decides date orders and duplicates): each is half the bar.
  const pct = Math.round((p.phase === 'scan' ? 0 : 50) + (p.bytes / Math.max(1, p.totalBytes)) * 50)
  return (
    <div className="send-progress">
      <div className="send-progress__bar" role="progressbar" aria-label="Validation" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="send-progress__part send-progress__part--sent" style={{ width: `${pct}%` }} />
      </div>
      <span className="send-progress__text">
        {p.phase === 'scan' ? 'Reading' : 'Checking'} — {count(p.rows)} rows
      </span>
    </div>
  )
}

/** Every row's verdict, a page at a time, with the mapped cells editable in place. */
export function ValidationStep() {
  const w = useSendsStore((s) => s.wizard)
  const loadRows = useSendsStore((s) => s.loadRows)
  const setOnlyProblems = useSendsStore((s) => s.setOnlyProblems)
  const setOptions = useSendsStore((s) => s.setOptions)
  const validate = useSendsStore((s) => s.validate)
  const goTo = useSendsStore((s) => s.goTo)
  const ids = useId()
  const s = w.summary
  if (!s) return null
  const ambiguous = s.dateColumns.filter((d) => d.ambiguous)
  const rows = w.rows

  return (
    <div className="send-step">
      <Counts s={s} />
      {s.mappingErrors.length > 0 ? (
        <div className="banner banner--error" role="alert">
          <div>
            <p>
              <strong>The mapping is not complete:</strong>
            </p>
            <ul>
              {s.mappingErrors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {ambiguous.map((d) => (
        <div key={d.field} className="banner banner--warning">
          <div className="send-inline">
            <label htmlFor={`${ids}-order-${d.field}`}>
              Every date in <strong>{s.columns.find((c) => c.field === d.field)?.header ?? d.field}</strong> reads both day-first and month-first. Which is it?
            </label>
            <select
              id={`${ids}-order-${d.field}`}
              className="input select select--compact"
              value={w.options.dateOrders[d.field] ?? ''}
              onChange={(e) => {
                setOptions({ dateOrders: { ...w.options.dateOrders, [d.field]: e.target.value as 'dmy' | 'mdy' } })
                void validate()
              }}
            >
              <option value="">Choose…</option>
              <option value="dmy">Day first (31/12)</option>
              <option value="mdy">Month first (12/31)</option>
            </select>
          </div>
        </div>
      ))}

      <div className="send-toolbar">
        <label className="send-check">
          <input type="checkbox" checked={w.onlyProblems} onChange={(e) => void setOnlyProblems(e.target.checked)} />
          Show only problems
        </label>
        {rows ? <Pager offset={rows.offset} shown={rows.rows.length} total={rows.total} onPage={(o) => void loadRows(o)} label="Validated rows" /> : null}
      </div>
      <div className="table-wrap send-grid">
        <table className="table">
          <caption className="visually-hidden">Rows of the file with their verdicts; mapped cells can be edited</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Verdict</th>
              <th scope="col">Why</th>
              {s.columns.map((c) => (
                <th scope="col" key={c.field}>
                  {c.header}
                  <span className="send-grid__field">{c.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows?.rows.map((r) => (
              <tr key={r.rowNumber} className={`send-grid__row send-grid__row--${r.status}`}>
                <th scope="row">{r.rowNumber}</th>
                <td>
                  <span className={`send-row-status send-row-status--${r.status}`}>{STATUS_WORDS[r.status]}</span>
                  {r.edited ? <span className="badge">Fixed</span> : null}
                </td>
                <td className="send-grid__why">
                  {r.reasons.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul>
                      {r.reasons.map((x, i) => (
                        <li key={i}>{x.field ? `${s.columns.find((c) => c.field === x.field)?.header ?? x.field}: ${x.message}` : x.message}</li>
                      ))}
                    </ul>
                  )}
                </td>
                {s.columns.map((c) => (
                  <td key={c.field}>
                    <Cell row={r} field={c.field} label={c.header} />
                  </td>
                ))}
              </tr>
            ))}
            {rows && rows.rows.length === 0 ? (
              <tr>
                <td colSpan={s.columns.length + 3} className="muted">
                  {w.onlyProblems ? 'No problems left.' : 'The file has no rows.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <div className="form-actions">
        <button type="button" className="button" onClick={() => goTo('mapping')}>
          Back
        </button>
        <button type="button" className="button button--primary" disabled={s.valid === 0 || w.busy !== null} onClick={() => goTo('protection')}>
          Next: protection
        </button>
      </div>
    </div>
  )
}
