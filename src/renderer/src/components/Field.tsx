import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from 'react'

interface FieldFrame {
  id: string
  label: string
  help?: ReactNode
  error?: string
}

function describedBy(f: FieldFrame): string | undefined {
  const ids = [f.error ? `${f.id}-error` : null, f.help ? `${f.id}-help` : null].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

function Frame({ f, children }: { f: FieldFrame; children: ReactNode }) {
  return (
    <div className={f.error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={f.id}>
        {f.label}
      </label>
      {children}
      {f.error ? (
        <p className="field__error" id={`${f.id}-error`}>
          <span className="visually-hidden">Error: </span>
          {f.error}
        </p>
      ) : null}
      {f.help ? (
        <p className="field__help" id={`${f.id}-help`}>
          {f.help}
        </p>
      ) : null}
    </div>
  )
}

type TextFieldProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
    value: string
    onValue: (value: string) => void
    inputRef?: Ref<HTMLInputElement>
  }

export function TextField({ id, label, help, error, value, onValue, inputRef, ...rest }: TextFieldProps) {
  const f = { id, label, help, error }
  return (
    <Frame f={f}>
      <input
        {...rest}
        ref={inputRef}
        id={id}
        className="input"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(f)}
      />
    </Frame>
  )
}

type SelectFieldProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
    value: string
    onValue: (value: string) => void
    selectRef?: Ref<HTMLSelectElement>
    children: ReactNode
  }

export function SelectField({ id, label, help, error, value, onValue, selectRef, children, ...rest }: SelectFieldProps) {
  const f = { id, label, help, error }
  return (
    <Frame f={f}>
      <select
        {...rest}
        ref={selectRef}
        id={id}
        className="input select"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(f)}
      >
        {children}
      </select>
    </Frame>
  )
}
