import { useRef, useState, type ReactNode } from 'react'
import { Icon } from './Icon'
import { useModalDialog } from './use-modal-dialog'

export interface ConfirmDialogProps {
  /** Prefix for the title/body ids the dialog is labelled by. */
  idPrefix: string
  title: ReactNode
  children: ReactNode
  confirmLabel: string
  busy: boolean
  /** Resolves to an Error to show in the dialog, or to anything else when done. */
  onConfirm: () => Promise<unknown>
  onClose: (confirmed: boolean) => void
}

/**
 * A destructive confirmation in a native modal <dialog>: the browser traps focus, the safe choice
 * (Cancel) gets focus first so a stray Enter deletes nothing, Esc cancels unless the action is
 * under way, and a failure is announced inside the dialog.
 */
export function ConfirmDialog({ idPrefix, title, children, confirmLabel, busy, onConfirm, onClose }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  const [error, setError] = useState<string | null>(null)
  const dialogRef = useModalDialog(busy, () => onClose(false), () => cancelRef.current?.focus())

  async function confirm(): Promise<void> {
    setError(null)
    const result = await onConfirm()
    if (result instanceof Error) setError(result.message)
    else onClose(true)
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={`${idPrefix}-title`} aria-describedby={`${idPrefix}-body`}>
      <h2 id={`${idPrefix}-title`} className="dialog__title">
        {title}
      </h2>
      <div id={`${idPrefix}-body`} className="dialog__body">
        {children}
      </div>
      <DialogAlert error={error} />
      <div className="dialog__actions">
        <button ref={cancelRef} type="button" className="button" onClick={() => onClose(false)} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Removing…' : confirmLabel}
        </button>
      </div>
    </dialog>
  )
}

/** A dialog's error, in a live region that exists before the error does so screen readers announce it. */
export function DialogAlert({ error }: { error: string | null | undefined }) {
  return (
    <div role="alert" className="dialog__alert">
      {error ? (
        <div className="banner banner--error">
          <Icon name="warning" />
          <p>{error}</p>
        </div>
      ) : null}
    </div>
  )
}
