import type { Connection } from '../../../shared/domain/connection'
import { PROVIDERS } from '../../../shared/providers'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { useConnectionsStore } from '../stores/connections-store'

interface Props {
  connection: Connection
  onClose: (removed: boolean) => void
}

export function RemoveConnectionDialog({ connection, onClose }: Props) {
  const remove = useConnectionsStore((s) => s.remove)
  const busy = useConnectionsStore((s) => s.removingId === connection.id)
  const provider = PROVIDERS[connection.provider]
  // "Bearer token" reads as "bearer token" mid-sentence; an acronym ("API token") stays as it is.
  const secretName = /^[A-Z][a-z]/.test(provider.secretLabel)
    ? provider.secretLabel[0]?.toLowerCase() + provider.secretLabel.slice(1)
    : provider.secretLabel
  return (
    <ConfirmDialog
      idPrefix="remove-dialog"
      title={`Remove “${connection.label}”?`}
      confirmLabel="Remove connection"
      busy={busy}
      onConfirm={() => remove(connection.id)}
      onClose={onClose}
    >
      <p>
        The {provider.name} connection “{connection.label}” will be removed from Survey Desk with everything synced from it, and its{' '}
        {secretName} is removed from the OS keychain too.
      </p>
      <p>Nothing changes in your {provider.name} account. This cannot be undone.</p>
    </ConfirmDialog>
  )
}
