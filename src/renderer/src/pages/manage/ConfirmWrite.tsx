import { useState, type ReactNode } from 'react'
import type { ManageWrite } from '../../../../shared/domain/manage'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useManageStore } from '../../stores/manage-store'

export interface ConfirmWriteState {
  title: string
  body: ReactNode
  confirmLabel: string
  write: ManageWrite
}

/** A write that needs a yes first (deactivate, remove, delete); it goes through the outbox like any other. */
export function ConfirmWrite({ state, onClose }: { state: ConfirmWriteState; onClose: () => void }) {
  const write = useManageStore((s) => s.write)
  const [busy, setBusy] = useState(false)
  return (
    <ConfirmDialog
      idPrefix="manage-confirm"
      title={state.title}
      confirmLabel={state.confirmLabel}
      busy={busy}
      onConfirm={async () => {
        setBusy(true)
        const r = await write(state.write)
        setBusy(false)
        return r
      }}
      onClose={() => onClose()}
    >
      {state.body}
    </ConfirmDialog>
  )
}
