import { SelectField, TextField } from '../../components/Field'
import type { FieldSpec, FormValues } from './form-values'

interface Props {
  idPrefix: string
  fields: readonly FieldSpec[]
  values: FormValues
  errors: Record<string, string>
  onValue: (name: string, value: string | boolean) => void
}

function described(id: string, f: FieldSpec, error?: string): string | undefined {
  const ids = [error ? `${id}-error` : null, f.help ? `${id}-help` : null].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

function Notes({ id, f, error }: { id: string; f: FieldSpec; error?: string }) {
  return (
    <>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {f.help ? (
        <p className="field__help" id={`${id}-help`}>
          {f.help}
        </p>
      ) : null}
    </>
  )
}

/** The fields of a manage form, each with its label, help and the error for it (from the schema or from the provider). */
export function FormFields({ idPrefix, fields, values, errors, onValue }: Props) {
  return (
    <div className="form-grid">
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name.replace(/\./g, '-')}`
        const error = errors[f.name]
        const label = f.required ? f.label : `${f.label} (optional)`
        const value = values[f.name]
        if (f.kind === 'checkbox') {
          return (
            <div key={f.name} className={error ? 'field field--check field--invalid' : 'field field--check'}>
              <label className="check" htmlFor={id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={value === true}
                  disabled={f.readOnly}
                  onChange={(e) => onValue(f.name, e.target.checked)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={described(id, f, error)}
                />
                <span>{f.label}</span>
              </label>
              <Notes id={id} f={f} error={error} />
            </div>
          )
        }
        if (f.kind === 'select') {
          return (
            <SelectField key={f.name} id={id} label={label} help={f.help} error={error} value={String(value ?? '')} onValue={(v) => onValue(f.name, v)} disabled={f.readOnly}>
              {f.required ? null : <option value="">—</option>}
              {(f.options ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
          )
        }
        if (f.kind === 'textarea' || f.kind === 'lines') {
          return (
            <div key={f.name} className={error ? 'field field--wide field--invalid' : 'field field--wide'}>
              <label className="field__label" htmlFor={id}>
                {label}
              </label>
              <textarea
                id={id}
                className="input textarea"
                rows={f.kind === 'lines' ? 3 : 5}
                value={String(value ?? '')}
                readOnly={f.readOnly}
                placeholder={f.placeholder}
                onChange={(e) => onValue(f.name, e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={described(id, f, error)}
              />
              <Notes id={id} f={f} error={error} />
            </div>
          )
        }
        return (
          <TextField
            key={f.name}
            id={id}
            label={label}
            help={f.help}
            error={error}
            value={String(value ?? '')}
            onValue={(v) => onValue(f.name, v)}
            type={f.kind === 'number' ? 'text' : f.kind}
            inputMode={f.kind === 'number' ? 'decimal' : undefined}
            placeholder={f.placeholder}
            readOnly={f.readOnly}
            aria-required={f.required || undefined}
            autoComplete={f.autoComplete ?? 'off'}
            spellCheck={false}
          />
        )
      })}
    </div>
  )
}
