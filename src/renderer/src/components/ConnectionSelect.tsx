import { useAppStore } from '../stores/app-store'
import { useConnectionsStore } from '../stores/connections-store'

/**
 * The one "which connection" choice of the app (app-store's selectedConnectionId): the top bar's
 * switcher and the Inbox's connection filter are the same control, so they can never disagree.
 */
export function ConnectionSelect({ id }: { id: string }) {
  const connections = useConnectionsStore((s) => s.connections)
  const selected = useAppStore((s) => s.selectedConnectionId)
  const select = useAppStore((s) => s.selectConnection)
  return (
    <select
      id={id}
      className="input select select--compact"
      value={selected ?? ''}
      onChange={(e) => select(e.target.value === '' ? null : e.target.value)}
    >
      <option value="">All connections</option>
      {connections.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </select>
  )
}
