import { useId, useState } from 'react'
import type { MappingEntry, SendField } from '../../../../shared/domain/sends'
import { useSendsStore } from '../../stores/sends-store'

const COUNTRIES = ['BE', 'NL', 'FR', 'LU', 'DE', 'GB', 'IE', 'ES', 'IT', 'PT', 'CH', 'AT', 'DK', 'SE', 'NO', 'FI', 'PL', 'US', 'CA', 'AU']

function sourceValue(entry: MappingEntry | undefined): string {
  if (!entry) return ''
  return 'column' in entry ? `col:${entry.column}` : 'const'
}

function ConstantInput({ field, value, onValue, id }: { field: SendField; value: string; onValue: (v: string) => void; id: string }) {
  const choices = field.options ?? field.values?.map((v) => ({ value: v, label: v })) ?? (field.kind === 'boolean' ? [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] : null)
  if (choices && choices.length > 0) {
    return (
      <select id={id} className="input select" value={value} onChange={(e) => onValue(e.target.value)} aria-label={`${field.label}: value for every row`}>
        <option value="">Choose…</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    )
  }
  return <input id={id} className="input" value={value} onChange={(e) => onValue(e.target.value)} aria-label={`${field.label}: value for every row`} />
}

/** Each provider field from a column, from one value for every row, or unused; suggested from the headers or saved for this connection. */
export function MappingStep() {
  const w = useSendsStore((s) => s.wizard)
  const setMappingEntry = useSendsStore((s) => s.setMappingEntry)
  const setOptions = useSendsStore((s) => s.setOptions)
  const validate = useSendsStore((s) => s.validate)
  const goTo = useSendsStore((s) => s.goTo)
  const ids = useId()
  const [dataKey, setDataKey] = useState('')
  const headers = w.preview?.headers ?? []
  const proposal = w.proposal
  const isCustomerSure = proposal?.fields.some((f) => f.id === 'text_message_template_id') ?? false
  const known = new Set(proposal?.fields.map((f) => f.id) ?? [])
  const extraData: SendField[] = Object.keys(w.mapping)
    .filter((id) => id.startsWith('data.') && !known.has(id))
    .map((id) => ({ id, label: `Data: ${id.slice(5)}`, kind: 'text', required: false, requiredNote: null, maxLength: 100, values: null, options: null, constantFirst: false }))
  const fields = [...(proposal?.fields ?? []), ...extraData]

  if (!proposal) return <p className="muted">{w.busy ?? 'Loading the fields…'}</p>

  return (
    <div className="send-step">
      {proposal.saved ? (
        <p className="banner banner--success" role="status">
          This connection has a mapping saved for files with these headers; it is filled in below.
        </p>
      ) : (
        <p className="muted">Suggested from the column names. Check each field; choose a column, or one value for every row.</p>
      )}
      <div className="table-wrap">
        <table className="table send-mapping">
          <caption className="visually-hidden">Mapping of fields to columns</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Comes from</th>
              <th scope="col">Value for every row</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => {
              const entry = w.mapping[f.id]
              const selectId = `${ids}-src-${f.id}`
              return (
                <tr key={f.id}>
                  <th scope="row" className="table__label">
                    <label htmlFor={selectId}>
                      {f.label}
                      {f.required ? <span className="send-required"> (required)</span> : null}
                    </label>
                    {f.requiredNote ? <span className="muted send-mapping__note">{f.requiredNote}</span> : null}
                  </th>
                  <td>
                    <select
                      id={selectId}
                      className="input select"
                      value={sourceValue(entry)}
                      onChange={(e) => {
                        const v = e.target.value
                        if (v === '') setMappingEntry(f.id, null)
                        else if (v === 'const') setMappingEntry(f.id, { constant: '' })
                        else {
                          const column = Number(v.slice(4))
                          setMappingEntry(f.id, { column, header: headers[column] ?? '' })
                        }
                      }}
                    >
                      <option value="">Not used</option>
                      <option value="const">The same value for every row</option>
                      {headers.map((h, i) => (
                        <option key={i} value={`col:${i}`}>
                          Column “{h}”
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {entry && 'constant' in entry ? (
                      <ConstantInput field={f} id={`${ids}-const-${f.id}`} value={entry.constant} onValue={(v) => setMappingEntry(f.id, { constant: v })} />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      {isCustomerSure ? (
        <div className="send-inline">
          <label className="field__label" htmlFor={`${ids}-datakey`}>
            Another data key
          </label>
          <input
            id={`${ids}-datakey`}
            className="input send-inline__input"
            value={dataKey}
            maxLength={30}
            placeholder="e.g. segment"
            onChange={(e) => setDataKey(e.target.value.replace(/[^A-Za-z0-9_-]/g, '_'))}
          />
          <button
            type="button"
            className="button button--small"
            disabled={dataKey.trim() === '' || w.mapping[`data.${dataKey}`] !== undefined}
            onClick={() => {
              setMappingEntry(`data.${dataKey}`, { constant: '' })
              setDataKey('')
            }}
          >
            Add data key
          </button>
        </div>
      ) : null}

      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-country`}>
            Country for numbers without a country code
          </label>
          <select id={`${ids}-country`} className="input select" value={w.options.defaultCountry} onChange={(e) => setOptions({ defaultCountry: e.target.value })}>
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field send-fieldset">
          <legend className="field__label">When the same contact appears twice</legend>
          <label className="send-radio">
            <input type="radio" name={`${ids}-dups`} checked={w.options.duplicates === 'keep_first'} onChange={() => setOptions({ duplicates: 'keep_first' })} />
            Keep the first row
          </label>
          <label className="send-radio">
            <input type="radio" name={`${ids}-dups`} checked={w.options.duplicates === 'keep_last'} onChange={() => setOptions({ duplicates: 'keep_last' })} />
            Keep the last row
          </label>
        </fieldset>
      </div>

      <div className="form-actions">
        <button type="button" className="button" onClick={() => goTo('file')}>
          Back
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={w.busy !== null}
          onClick={() =>
            void validate().then((ok) => {
              if (ok) goTo('validation')
            })
          }
        >
          Validate every row
        </button>
      </div>
    </div>
  )
}
