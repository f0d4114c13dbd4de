import { useState } from 'react'
import type { ClientAccountRow } from '../../../shared/domain/manage'
import { connectionColumn, notYetCreated, text } from './manage/columns'
import { ConfirmWrite, type ConfirmWriteState } from './manage/ConfirmWrite'
import type { Column } from './manage/DataTable'
import { ManagePage, YesNo } from './manage/ManageFrame'
import { CreateButton, ManageSection, RowButton, rowTarget, useProviderList } from './manage/ManageTable'
import { WriteDialog, type WriteDialogState } from './manage/WriteDialog'

/** Form field, the provider's key on the cached row, the column; `used` is what the account already has, where FeedbackAPI says. */
const LIMITS: Array<{ field: string; key: string; label: string; used?: string }> = [
  { field: 'maxLocations', key: 'max_locations', label: 'Locations', used: 'active_locations' },
  { field: 'maxUsers', key: 'max_users', label: 'Users', used: 'active_users' },
  { field: 'maxCampaigns', key: 'max_campaigns', label: 'Campaigns' },
  { field: 'smsAllowance', key: 'sms_allowance', label: 'SMS / month' }
]

function limitCell(r: ClientAccountRow, l: (typeof LIMITS)[number]) {
  const max = r.limits[l.key]
  const used = l.used ? r.limits[l.used] : undefined
  const shown = max === undefined ? text(null) : max === null ? <span className="muted">Unlimited</span> : max.toLocaleString()
  return used == null ? (
    shown
  ) : (
    <>
      {used.toLocaleString()} <span className="muted">of</span> {shown}
    </>
  )
}

export function AccountsPage() {
  const [dialog, setDialog] = useState<WriteDialogState | null>(null)
  const [confirm, setConfirm] = useState<ConfirmWriteState | null>(null)
  const source = useProviderList('manage.accounts.list', 'feedbackapi')
  const { connections } = source
  const columns: Array<Column<ClientAccountRow>> = [
    { id: 'active', header: 'State', cell: (r) => <YesNo value={r.active} yes="Active" no="Inactive" /> },
    { id: 'verb', header: 'Verb', title: 'Whether customers use or visit the business', cell: (r) => text(r.verb) },
    ...LIMITS.map((l) => ({ id: l.field, header: l.label, numeric: true, cell: (r: ClientAccountRow) => limitCell(r, l) })),
    ...connectionColumn<ClientAccountRow>(connections.length > 1)
  ]
  return (
    <ManagePage title="Client accounts" lead="FeedbackAPI agency accounts: the client businesses you run feedback for, each with its own limits.">
      <ManageSection
        id="fa-accounts"
        title="FeedbackAPI client accounts"
        note="Create accounts, change their limits and whether they are active, and delete them."
        create={<CreateButton label="New account" onClick={() => setDialog({ op: 'account.create', connections, initial: { active: true, verb: 'visit' } })} />}
        source={source}
        nameHeader="Account"
        columns={columns}
        open={setDialog}
        inactiveLabel="Show inactive"
        actions={(r) =>
          notYetCreated(r) ? null : (
            <>
              <RowButton
                verb="Edit"
                row={r.name}
                onClick={() =>
                  setDialog({
                    op: 'account.update',
                    ...rowTarget(connections, r, r.name),
                    initial: {
                      name: r.name,
                      active: r.active,
                      ...Object.fromEntries(LIMITS.map((l) => [l.field, r.limits[l.key] == null ? '' : String(r.limits[l.key])]))
                    }
                  })
                }
              />
              <RowButton
                verb="Delete"
                row={r.name}
                danger
                onClick={() =>
                  setConfirm({
                    title: `Delete the account “${r.name}”?`,
                    body: <p>
                        FeedbackAPI removes the client account: all its campaigns and messages are cancelled and its landing and kiosk pages stop working.
                        To pause it instead, edit it and untick Active.
                      </p>,
                    confirmLabel: 'Delete account',
                    write: { op: 'account.delete', connectionId: r.connectionId, externalId: r.externalId, fields: {} }
                  })
                }
              />
            </>
          )
        }
        searchLabel="Search accounts"
        empty={<p>No accounts match.</p>}
      />
      {dialog ? <WriteDialog state={dialog} onClose={() => setDialog(null)} /> : null}
      {confirm ? <ConfirmWrite state={confirm} onClose={() => setConfirm(null)} /> : null}
    </ManagePage>
  )
}
