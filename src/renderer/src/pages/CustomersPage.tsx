import { useState } from 'react'
import type { CustomerRow } from '../../../shared/domain/manage'
import { useManageStore } from '../stores/manage-store'
import { connectionColumn, forConnections, notYetCreated, text } from './manage/columns'
import { ConfirmWrite, type ConfirmWriteState } from './manage/ConfirmWrite'
import type { Column } from './manage/DataTable'
import { figureColumns } from './manage/Figures'
import { ManagePage } from './manage/ManageFrame'
import { CreateButton, ManageSection, RowButton, rowTarget, useProviderList } from './manage/ManageTable'
import { DEFAULT_QUERY, useManageList } from './manage/use-manage-list'
import type { FormOp } from './manage/forms'
import { WriteDialog, type WriteDialogState } from './manage/WriteDialog'

/** A Nicereply stat's key as a column name: `tickets` -> Tickets, `avg_score` -> Avg score. */
const statName = (k: string): string => {
  const words = k.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const fullName = (r: CustomerRow): string => r.name ?? ([r.firstName, r.lastName].filter(Boolean).join(' ') || r.email || r.phone || r.externalId)

const UPSERT_NOTE = (
  <p>
    FeedbackAPI matches customers by e-mail and mobile number: if either already belongs to a customer, <strong>that customer is updated</strong> instead
    of a new one being added.
  </p>
)

function FeedbackApiCustomers({ open, confirm }: { open: (s: WriteDialogState) => void; confirm: (s: ConfirmWriteState) => void }) {
  const source = useProviderList('manage.customers.list', 'feedbackapi')
  const { connections } = source
  const write = useManageStore((s) => s.write)
  // The locations a customer can be put in, from the same local copy.
  const locations = useManageList('manage.sites.list', forConnections({ ...DEFAULT_QUERY, limit: 1000 }, connections))
  const locationOptions = (connectionId?: string) =>
    (locations.data?.rows ?? []).filter((l) => connectionId === undefined || l.connectionId === connectionId).map((l) => ({ value: l.externalId, label: l.name }))
  const reopenExtra = (op: FormOp) => ({ options: { location: locationOptions(), locationAdd: locationOptions(), locationRemove: locationOptions() }, intro: op === 'customer.create' ? UPSERT_NOTE : undefined })

  const columns: Array<Column<CustomerRow>> = [
    { id: 'email', header: 'E-mail', cell: (r) => text(r.email), sortKey: 'email' },
    { id: 'phone', header: 'Mobile', cell: (r) => <span className="nowrap">{text(r.phone)}</span> },
    { id: 'locations', header: 'Locations', cell: (r) => (r.sites.length ? r.sites.map((s) => s.name ?? s.externalId).join(', ') : text(null)) },
    {
      id: 'state',
      header: 'State',
      cell: (r) => (r.invalid ? <span className="pill pill--off">Deactivated</span> : r.optedOut ? <span className="pill pill--off">Opted out</span> : <span className="pill pill--ok">Subscribed</span>)
    },
    ...connectionColumn<CustomerRow>(connections.length > 1),
    ...figureColumns<CustomerRow>()
  ]

  function edit(r: CustomerRow): void {
    const mine = locationOptions(r.connectionId)
    open({
      op: 'customer.update',
      ...rowTarget(connections, r, fullName(r)),
      initial: { email: r.email ?? '', mobileNumber: r.phone ?? '', firstName: r.firstName ?? '', lastName: r.lastName ?? '', countryCode: r.countryCode ?? '', optOut: r.optedOut },
      options: {
        locationAdd: mine.filter((o) => !r.sites.some((s) => s.externalId === o.value)),
        locationRemove: r.sites.map((s) => ({ value: s.externalId, label: s.name ?? s.externalId }))
      }
    })
  }

  return (
    <ManageSection
      id="fa-customers"
      title="FeedbackAPI customers"
      note="Create, edit, opt out or in, move between locations, and delete (FeedbackAPI deactivates the customer). An e-mail or mobile number that already exists updates that customer."
      create={<CreateButton label="New customer" onClick={() => open({ op: 'customer.create', connections, options: { location: locationOptions() }, intro: UPSERT_NOTE })} />}
      source={source}
      nameHeader="Customer"
      label={fullName}
      columns={columns}
      open={open}
      reopenExtra={reopenExtra}
      inactiveLabel="Show deactivated"
      actions={(r) =>
        notYetCreated(r) || r.invalid ? null : (
          <>
            <RowButton verb="Edit" row={fullName(r)} onClick={() => edit(r)} />
            <RowButton
              verb={r.optedOut ? 'Opt in' : 'Opt out'}
              row={fullName(r)}
              onClick={() => void write({ op: 'customer.update', connectionId: r.connectionId, externalId: r.externalId, fields: { optOut: !r.optedOut } })}
            />
            <RowButton
              verb="Delete"
              row={fullName(r)}
              danger
              onClick={() =>
                confirm({
                  title: `Delete “${fullName(r)}”?`,
                  body: <p>FeedbackAPI deactivates a deleted customer across the account: no more requests go to them, and their feedback stays.</p>,
                  confirmLabel: 'Delete customer',
                  write: { op: 'customer.delete', connectionId: r.connectionId, externalId: r.externalId, fields: {} }
                })
              }
            />
          </>
        )
      }
      searchLabel="Search customers by name, e-mail or number"
      empty={<p>No customers match.</p>}
    />
  )
}

function NicereplyCustomers() {
  const source = useProviderList('manage.customers.list', 'nicereply')
  const { connections } = source
  const rows = source.list.data?.rows ?? []
  const statKeys = [...new Set(rows.flatMap((r) => Object.keys(r.stats ?? {})))].slice(0, 5)
  const columns: Array<Column<CustomerRow>> = [
    { id: 'email', header: 'E-mail', cell: (r) => text(r.email), sortKey: 'email' },
    ...statKeys.map((k) => ({ id: `stat-${k}`, header: statName(k), numeric: true, cell: (r: CustomerRow) => text(r.stats?.[k] == null ? null : String(r.stats[k])) })),
    ...connectionColumn<CustomerRow>(connections.length > 1),
    ...figureColumns<CustomerRow>()
  ]
  return (
    <ManageSection
      id="nr-customers"
      title="Nicereply customers"
      note="Customers who rated, with Nicereply’s own stats for each."
      source={source}
      nameHeader="Customer"
      label={fullName}
      columns={columns}
      searchLabel="Search Nicereply customers"
      empty={<p>No customers match.</p>}
    />
  )
}

export function CustomersPage() {
  const [dialog, setDialog] = useState<WriteDialogState | null>(null)
  const [confirm, setConfirm] = useState<ConfirmWriteState | null>(null)
  return (
    <ManagePage title="Customers" lead="The customers the providers survey, from the local copy, with the last 30 days’ figures.">
      <FeedbackApiCustomers open={setDialog} confirm={setConfirm} />
      <NicereplyCustomers />
      {dialog ? <WriteDialog state={dialog} onClose={() => setDialog(null)} /> : null}
      {confirm ? <ConfirmWrite state={confirm} onClose={() => setConfirm(null)} /> : null}
    </ManagePage>
  )
}
