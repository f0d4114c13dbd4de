import { useState, type FormEvent } from 'react'
import { FOLLOW_UP_STATUS_LABELS, FollowUpStatus, type FollowUp } from '../../../../shared/domain/followups'
import { AppError } from '../../../../shared/errors'
import { errorText } from '../reports/error-text'

export interface FollowUpFields {
  owner: string
  status: FollowUpStatus
  dueDate: string | null
  notes: string
}


/** Field errors from the contract land on their controls. */
function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof AppError)) return {}
  return Object.fromEntries(err.details.map((d) => [d.field, d.message]))
}

/** Owner, status, due date and notes of one follow-up. `idPrefix` keeps ids unique when several show. */
export function FollowUpEditor({
  idPrefix,
  initial,
  submitLabel,
  onSave,
  onCancel
}: {
  idPrefix: string
  initial: Pick<FollowUp, 'owner' | 'status' | 'dueDate' | 'notes'> | null
  submitLabel: string
  onSave: (fields: FollowUpFields) => Promise<unknown>
  onCancel?: () => void
}) {
  const [owner, setOwner] = useState(initial?.owner ?? '')
  const [status, setStatus] = useState<FollowUpStatus>(initial?.status ?? 'open')
  const [dueDate, setDueDate] = useState(initial?.dueDate ?? '')
  const [notes, setNotes] = useState(initial?.notes ?? '')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState(false)

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault()
    setSaving(true)
    setSaved(false)
    try {
      await onSave({ owner, status, dueDate: dueDate === '' ? null : dueDate, notes })
      setErrors({})
      setError(null)
      setSaved(true)
    } catch (err) {
      setErrors(fieldErrors(err))
      setError(errorText(err))
    } finally {
      setSaving(false)
    }
  }

  const id = (f: string): string => `${idPrefix}-${f}`
  const invalid = (f: string) => (errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': id(`${f}-error`) } : {})
  const fieldError = (f: string) =>
    errors[f] ? (
      <p className="field__error" id={id(`${f}-error`)}>
        <span className="visually-hidden">Error: </span>
        {errors[f]}
      </p>
    ) : null

  return (
    <form className="followup-editor" onSubmit={(e) => void submit(e)} aria-label="Follow-up">
      <div className="followup-editor__grid">
        <div className={errors.owner ? 'filter filter--invalid' : 'filter'}>
          <label className="filter__label" htmlFor={id('owner')}>
            Owner
          </label>
          <input id={id('owner')} className="input input--compact" value={owner} maxLength={120} placeholder="Who follows it up" onChange={(e) => setOwner(e.target.value)} {...invalid('owner')} />
          {fieldError('owner')}
        </div>
        <div className="filter">
          <label className="filter__label" htmlFor={id('status')}>
            Status
          </label>
          <select id={id('status')} className="input select select--compact" value={status} onChange={(e) => setStatus(e.target.value as FollowUpStatus)}>
            {FollowUpStatus.options.map((s) => (
              <option key={s} value={s}>
                {FOLLOW_UP_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className={errors.dueDate ? 'filter filter--invalid' : 'filter'}>
          <label className="filter__label" htmlFor={id('due')}>
            Due
          </label>
          <input id={id('due')} type="date" className="input input--compact" value={dueDate} onChange={(e) => setDueDate(e.target.value)} {...invalid('dueDate')} />
          {fieldError('dueDate')}
        </div>
      </div>
      <div className={errors.notes ? 'filter filter--invalid' : 'filter'}>
        <label className="filter__label" htmlFor={id('notes')}>
          Notes
        </label>
        <textarea id={id('notes')} className="input followup-editor__notes" rows={3} value={notes} maxLength={10_000} onChange={(e) => setNotes(e.target.value)} {...invalid('notes')} />
        {fieldError('notes')}
      </div>
      <div className="followup-editor__actions">
        <button type="submit" className="button button--small button--primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <span role="status" className="muted">
          {saved ? 'Saved.' : ''}
        </span>
      </div>
      {error && Object.keys(errors).length === 0 ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  )
}
