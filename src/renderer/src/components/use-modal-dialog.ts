import { useEffect, useRef } from 'react'

/**
 * Opens a native modal <dialog> on mount (the browser traps focus), moves focus to where the dialog
 * wants it, lets Esc cancel unless `busy`, and reports every close (Esc included) once through `onDismiss`.
 */
export function useModalDialog(busy: boolean, onDismiss: () => void, focusFirst: (dialog: HTMLDialogElement) => void) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const busyRef = useRef(false)
  busyRef.current = busy
  const dismissRef = useRef(onDismiss)
  dismissRef.current = onDismiss
  const focusRef = useRef(focusFirst)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    focusRef.current(dialog)
    const onCancel = (e: Event): void => {
      if (busyRef.current) e.preventDefault()
    }
    const onNativeClose = (): void => dismissRef.current()
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('close', onNativeClose)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('close', onNativeClose)
      if (dialog.open) dialog.close()
    }
  }, [])

  return dialogRef
}
