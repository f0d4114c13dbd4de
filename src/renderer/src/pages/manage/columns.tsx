import type { ReactNode } from 'react'
import type { Column } from './DataTable'

export const text = (v: string | null | undefined): ReactNode => (v === null || v === undefined || v === '' ? <span className="muted">—</span> : v)

/** The connection each row came from, when the page shows more than one of a provider. */
export function connectionColumn<R extends { connectionLabel: string }>(show: boolean): Array<Column<R>> {
  return show ? [{ id: 'connection', header: 'Connection', cell: (r) => r.connectionLabel, sortKey: 'provider' }] : []
}

/** The list input for the connections of one provider, or null (no request) when there are none. */
export function forConnections<Q extends object>(query: Q, connections: ReadonlyArray<{ id: string }>): (Q & { connectionIds: string[] }) | null {
  return connections.length > 0 ? { ...query, connectionIds: connections.map((c) => c.id) } : null
}

/** A row whose create is still in the outbox has no id at the provider yet: nothing can be done to it but retry or discard. */
export function notYetCreated(r: { ref: string }): boolean {
  return r.ref.includes(':pending-')
}
