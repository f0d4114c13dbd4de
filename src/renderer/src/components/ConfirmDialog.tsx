import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Icon } from './Icon'

interface Props {
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
export function ConfirmDialog({ idPrefix, title, children, confirmLabel, busy, onConfirm, onClose }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const [error, setError] = useState<string | null>(null)
  const busyRef = useRef(false)
  busyRef.current = busy
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    cancelRef.current?.focus()
    const onCancel = (e: Event): void => {
      if (busyRef.current) e.preventDefault()
    }
    // However it closed (Esc included), tell the page.
    const onNativeClose = (): void => closeRef.current(false)
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('close', onNativeClose)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('close', onNativeClose)
      if (dialog.open) dialog.close()
    }
  }, [])

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
      <div role="alert" className="dialog__alert">
        {error ? (
          <div className="banner banner--error">
            <Icon name="warning" />
            <p>{error}</p>
          </div>
        ) : null}
      </div>
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
