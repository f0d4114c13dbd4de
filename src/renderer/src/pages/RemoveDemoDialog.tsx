import { ConfirmDialog } from '../components/ConfirmDialog'
import { useConnectionsStore } from '../stores/connections-store'

interface Props {
  /** How many demo connections will go, for the sentence. */
  count: number
  onClose: (removed: boolean) => void
}

export function RemoveDemoDialog({ count, onClose }: Props) {
  const removeDemo = useConnectionsStore((s) => s.removeDemo)
  const busy = useConnectionsStore((s) => s.demoBusy === 'removing')
  return (
    <ConfirmDialog
      idPrefix="remove-demo"
      title="Remove the demo data?"
      confirmLabel="Remove demo data"
      busy={busy}
      onConfirm={removeDemo}
      onClose={onClose}
    >
      <p>
        The {count} demo connection{count === 1 ? '' : 's'} and all the feedback synced from the simulated providers will be removed from
        Survey Desk, and the simulated providers stop.
      </p>
      <p>Your own connections and their data are not touched. You can explore the demo again at any time.</p>
    </ConfirmDialog>
  )
}
