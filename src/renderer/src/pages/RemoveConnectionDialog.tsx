import { useEffect, useRef, useState } from 'react'
import type { Connection } from '../../../shared/domain/connection'
import { PROVIDERS } from '../../../shared/providers'
import { Icon } from '../components/Icon'
import { useConnectionsStore } from '../stores/connections-store'

interface Props {
  connection: Connection
  onClose: (removed: boolean) => void
}

/** Confirmation in a native modal <dialog>: focus is trapped by the browser, Esc cancels. */
export function RemoveConnectionDialog({ connection, onClose }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const remove = useConnectionsStore((s) => s.remove)
  const busy = useConnectionsStore((s) => s.removingId === connection.id)
  const [error, setError] = useState<string | null>(null)
  const busyRef = useRef(false)
  busyRef.current = busy
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    // The safe choice gets focus first: a stray Enter must not delete anything.
    cancelRef.current?.focus()
    // Esc closes natively (unless a removal is under way); however it closed, tell the page.
    const onCancel = (e: Event): void => {
      if (busyRef.current) e.preventDefault()
    }
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
    const result = await remove(connection.id)
    if (result instanceof Error) setError(result.message)
    else onClose(true)
  }

  const provider = PROVIDERS[connection.provider]
  // "Bearer token" reads as "bearer token" mid-sentence; an acronym ("API token") stays as it is.
  const secretName = /^[A-Z][a-z]/.test(provider.secretLabel)
    ? provider.secretLabel[0]?.toLowerCase() + provider.secretLabel.slice(1)
    : provider.secretLabel
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="remove-dialog-title"
      aria-describedby="remove-dialog-body"
    >
      <h2 id="remove-dialog-title" className="dialog__title">
        Remove “{connection.label}”?
      </h2>
      <div id="remove-dialog-body" className="dialog__body">
        <p>
          The {provider.name} connection “{connection.label}” will be removed from Survey Desk, and its {secretName}{' '}
          is removed from the OS keychain too.
        </p>
        <p>Nothing changes in your {provider.name} account. This cannot be undone.</p>
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
          {busy ? 'Removing…' : 'Remove connection'}
        </button>
      </div>
    </dialog>
  )
}
