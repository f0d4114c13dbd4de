import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { z } from 'zod'
import { AppError } from '../../../../shared/errors'
import { Icon } from '../../components/Icon'
import { useModalDialog } from '../../components/use-modal-dialog'
import { FormFields } from './FormFields'
import { checkInput, errorsByField, valuesToInput, type FieldSpec, type FormValues } from './form-values'

interface Props<S extends z.ZodType> {
  idPrefix: string
  title: ReactNode
  /** What the user should know before saving (e.g. "an existing email updates that customer"). */
  intro?: ReactNode
  fields: readonly FieldSpec[]
  initial: FormValues
  /** The contract's input schema: checked here before sending, and again in main. */
  schema: S
  /** Fixed parts of the input the form does not show (connection id, the row's id). */
  base?: Record<string, unknown>
  /** Reshapes the form's input before the check, for inputs that are not one field per key. */
  shape?: (input: Record<string, unknown>) => unknown
  submitLabel: string
  /** Resolves to an AppError to show (field errors land on their fields), or anything else when done. */
  onSubmit: (input: z.output<S>) => Promise<AppError | unknown>
  onClose: () => void
  /** Errors to show on opening, e.g. a provider's rejection of an earlier attempt. */
  initialError?: AppError | null
}

/**
 * A create / edit form in a modal <dialog>: focus starts on the first field and stays inside, Esc
 * cancels (unless saving), and a failed attempt moves focus to the first field that needs attention.
 */
export function FormDialog<S extends z.ZodType>(props: Props<S>) {
  const { idPrefix, title, intro, fields, initial, schema, base, shape, submitLabel, onSubmit, onClose, initialError } = props
  const formRef = useRef<HTMLFormElement>(null)
  const alertRef = useRef<HTMLDivElement>(null)
  const [values, setValues] = useState<FormValues>(initial)
  const [errors, setErrors] = useState<Record<string, string>>(() => (initialError ? errorsByField(fields, initialError.details).byField : {}))
  const [formError, setFormError] = useState<string | null>(() => (initialError ? formMessage(fields, initialError) : null))
  const [saving, setSaving] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const closeRef = useRef(onClose)
  closeRef.current = onClose
  const dialogRef = useModalDialog(saving, () => closeRef.current(), () =>
    formRef.current?.querySelector<HTMLElement>('input:not([readonly]), select, textarea:not([readonly])')?.focus()
  )

  useEffect(() => {
    if (attempt === 0) return
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (invalid) invalid.focus()
    else alertRef.current?.focus()
  }, [attempt])

  function setValue(name: string, value: string | boolean): void {
    setValues((v) => ({ ...v, [name]: value }))
    setErrors((e) => {
      if (!(name in e)) return e
      const next = { ...e }
      delete next[name]
      return next
    })
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault()
    if (saving) return
    const raw = valuesToInput(fields, values, base)
    const checked = checkInput(schema, shape ? shape(raw) : raw)
    if (!checked.ok) {
      const { byField, rest } = errorsByField(fields, checked.details)
      setErrors(byField)
      setFormError(rest.length > 0 ? rest.join(' · ') : null)
      setAttempt((n) => n + 1)
      return
    }
    setSaving(true)
    setFormError(null)
    const result = await onSubmit(checked.data)
    setSaving(false)
    if (result instanceof AppError) {
      setErrors(errorsByField(fields, result.details).byField)
      setFormError(formMessage(fields, result))
      setAttempt((n) => n + 1)
      return
    }
    closeRef.current()
  }

  return (
    <dialog ref={dialogRef} className="dialog dialog--form" aria-labelledby={`${idPrefix}-title`}>
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${idPrefix}-title`} aria-busy={saving}>
        <h2 id={`${idPrefix}-title`} className="dialog__title">
          {title}
        </h2>
        {intro ? <div className="dialog__intro">{intro}</div> : null}
        <div ref={alertRef} tabIndex={-1} className="form-alert-slot" role="alert">
          {formError ? (
            <div className="banner banner--error">
              <Icon name="warning" />
              <p>{formError}</p>
            </div>
          ) : null}
        </div>
        <FormFields idPrefix={idPrefix} fields={fields} values={values} errors={errors} onValue={setValue} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => closeRef.current()} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  )
}

/** The message for the whole form: the provider's words, unless every detail already sits on a field. */
function formMessage(fields: readonly FieldSpec[], err: AppError): string {
  const { byField, rest } = errorsByField(fields, err.details)
  if (rest.length > 0) return `${err.message} (${rest.join(' · ')})`
  return Object.keys(byField).length > 0 ? 'Please correct the fields marked below.' : err.message
}
