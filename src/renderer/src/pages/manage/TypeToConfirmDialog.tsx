import { useRef, useState, type FormEvent } from 'react'
import { DialogAlert, type ConfirmDialogProps } from '../../components/ConfirmDialog'
import { useModalDialog } from '../../components/use-modal-dialog'

/** As ConfirmDialog, but busy is its own while `onConfirm` runs. */
type Props = Omit<ConfirmDialogProps, 'busy'> & {
  /** What the user must type, exactly (spaces at the ends aside), before the action is allowed. */
  name: string
}

/**
 * For actions that destroy what cannot be recovered: the button stays disabled until the name is typed,
 * so neither a stray Enter nor a quick click deletes anything. Focus starts in the box for the name.
 */
export function TypeToConfirmDialog({ idPrefix, title, children, name, confirmLabel, onConfirm, onClose }: Props) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const closeRef = useRef(onClose)
  closeRef.current = onClose
  const matches = typed.trim() === name.trim()
  const dialogRef = useModalDialog(busy, () => closeRef.current(false), () => inputRef.current?.focus())

  async function confirm(e: FormEvent): Promise<void> {
    e.preventDefault()
    if (!matches || busy) return
    setBusy(true)
    setError(null)
    const result = await onConfirm()
    setBusy(false)
    if (result instanceof Error) setError(result.message)
    else closeRef.current(true)
  }

  const inputId = `${idPrefix}-typed`
  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={`${idPrefix}-title`} aria-describedby={`${idPrefix}-body`}>
      <form noValidate onSubmit={(e) => void confirm(e)}>
        <h2 id={`${idPrefix}-title`} className="dialog__title">
          {title}
        </h2>
        <div id={`${idPrefix}-body`} className="dialog__body">
          {children}
        </div>
        <div className="field confirm-name">
          <label className="field__label" htmlFor={inputId}>
            Type <strong className="confirm-name__target">{name}</strong> to confirm
          </label>
          <input
            ref={inputRef}
            id={inputId}
            className="input"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <DialogAlert error={error} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => closeRef.current(false)} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!matches || busy}>
            {busy ? 'Deleting…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  )
}
