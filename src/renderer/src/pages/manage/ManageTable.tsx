import type { ReactNode } from 'react'
import { Icon } from '../../components/Icon'
import type { Connection } from '../../../../shared/domain/connection'
import type { RowOutboxState } from '../../../../shared/domain/manage'
import type { ProviderId } from '../../../../shared/providers'
import type { ListChannel, ListInput } from '../../stores/manage-store'
import { forConnections } from './columns'
import { DataTable, type DataTableProps } from './DataTable'
import type { FormOp } from './forms'
import { ProviderSection, useListQuery, useProviderConnections, useRejectedEditor } from './ManageFrame'
import { tableData, useManageList, type ListQuery, type ListResult } from './use-manage-list'
import type { WriteDialogState } from './WriteDialog'

/** One provider's cached list: its connections, the table's query and the rows that query reads. */
export interface ProviderList<C extends ListChannel> {
  provider: ProviderId
  connections: Connection[]
  query: ListQuery
  setQuery: (q: ListQuery) => void
  list: ListResult<C>
}

/** `extra` goes into every request beside the table's query (e.g. the templates' channel). */
export function useProviderList<C extends ListChannel>(channel: C, provider: ProviderId, extra?: Record<string, unknown>): ProviderList<C> {
  const connections = useProviderConnections(provider)
  const [query, setQuery] = useListQuery()
  const list = useManageList(channel, forConnections({ ...query, ...extra }, connections) as ListInput<C> | null)
  return { provider, connections, query, setQuery, list }
}

interface ManagedRow {
  ref: string
  name: string | null
  outbox: RowOutboxState | null
}

type Derived = 'rows' | 'total' | 'loading' | 'error' | 'name' | 'rowName' | 'rowKey' | 'outbox' | 'onEditRejected' | 'query' | 'onQuery'

type Props<C extends ListChannel, R extends ManagedRow> = Omit<DataTableProps<R>, Derived> & {
  source: ProviderList<C>
  /** How the row is named in its header cell and in the labels of its buttons (default: its name). */
  label?: (row: R) => string
  /** Opens the write form; given, a row's rejected change can be edited and sent again. */
  open?: (s: WriteDialogState) => void
  /** More of the form's state when a rejected change is reopened (options, intro). */
  reopenExtra?: (op: FormOp) => Partial<WriteDialogState>
}

const byName = (r: ManagedRow): string => r.name ?? r.ref
const noForm = (): void => undefined

/** A manage page's table of one provider's cached rows: each row named, keyed by its ref, with its outbox state. */
export function ManageTable<C extends ListChannel, R extends ManagedRow>({ source, label = byName, open, reopenExtra, ...table }: Props<C, R>) {
  const editRejected = useRejectedEditor(source.connections, open ?? noForm, reopenExtra)
  return (
    <DataTable<R>
      {...tableData(source.list as { data: { rows: R[]; total: number } | null; loading: boolean; error: ListResult<C>['error'] })}
      name={label}
      rowName={label}
      rowKey={(r) => r.ref}
      outbox={(r) => r.outbox}
      onEditRejected={open ? (r) => (r.outbox ? editRejected(r.outbox, label(r)) : undefined) : undefined}
      query={source.query}
      onQuery={source.setQuery}
      {...table}
    />
  )
}

type SectionProps<C extends ListChannel, R extends ManagedRow> = Omit<Props<C, R>, 'idPrefix' | 'caption'> & {
  id: string
  title: string
  note: ReactNode
  /** The section's own buttons (creating rows), beside its title. */
  create?: ReactNode
  /** Shown under the table, e.g. a dialog the rows open. */
  children?: ReactNode
}

/** One provider's section of a manage page holding just its table, which takes the section's id and title. */
export function ManageSection<C extends ListChannel, R extends ManagedRow>({ id, title, note, create, children, ...table }: SectionProps<C, R>) {
  return (
    <ProviderSection id={id} title={title} provider={table.source.provider} connections={table.source.connections} note={note} actions={create}>
      <ManageTable<C, R> idPrefix={id} caption={title} {...table} />
      {children}
    </ProviderSection>
  )
}

/** A section's button that opens the form for a new row. */
export function CreateButton({ label, primary = true, onClick }: { label: string; primary?: boolean; onClick: () => void }) {
  return (
    <button type="button" className={primary ? 'button button--primary' : 'button'} onClick={onClick}>
      <Icon name="plus" /> {label}
    </button>
  )
}

/** A row's small button; screen readers hear which row it acts on ("Edit Acme"). */
export function RowButton({ verb, row, danger, onClick, children }: { verb: string; row: string; danger?: boolean; onClick: () => void; children?: ReactNode }) {
  return (
    <button type="button" className={danger ? 'button button--small button--danger-quiet' : 'button button--small'} aria-label={`${verb} ${row}`} onClick={onClick}>
      {children ?? verb}
    </button>
  )
}

/** The part of a write form's state that points it at one existing row. */
export function rowTarget(connections: Connection[], r: { connectionId: string; externalId: string }, rowName: string) {
  return { connections: connections.filter((c) => c.id === r.connectionId), externalId: r.externalId, rowName }
}
