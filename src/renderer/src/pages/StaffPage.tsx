import { useState } from 'react'
import type { StaffRow, TeamRow } from '../../../shared/domain/manage'
import { connectionColumn, notYetCreated, text } from './manage/columns'
import { ConfirmWrite, type ConfirmWriteState } from './manage/ConfirmWrite'
import type { Column } from './manage/DataTable'
import { figureColumns } from './manage/Figures'
import { LinksPanel } from './manage/LinksPanel'
import { ManagePage, YesNo } from './manage/ManageFrame'
import { CreateButton, ManageSection, RowButton, useProviderList } from './manage/ManageTable'
import { WriteDialog, type WriteDialogState } from './manage/WriteDialog'

const teams = (r: StaffRow) => (r.teams.length ? r.teams.map((t) => t.name ?? t.externalId).join(', ') : text(null))
const KINDS: Record<string, string> = { agent: 'Agent', thing: 'Thing or action', thing_or_action: 'Thing or action', 'thing-or-action': 'Thing or action', user: 'User', staff: 'Staff', standard: 'Standard', restricted: 'Restricted' }
const kindName = (k: string | null) => (k === null ? text(null) : (KINDS[k] ?? k))

function CustomerSureStaff() {
  const source = useProviderList('manage.staff.list', 'customersure')
  const { connections } = source
  const columns: Array<Column<StaffRow>> = [
    { id: 'email', header: 'E-mail', cell: (r) => text(r.email), sortKey: 'email' },
    { id: 'code', header: 'Code', cell: (r) => text(r.code), sortKey: 'code' },
    { id: 'team', header: 'Team', cell: teams },
    { id: 'active', header: 'State', cell: (r) => <YesNo value={r.active} yes="Active" no="Deactivated" /> },
    ...connectionColumn<StaffRow>(connections.length > 1),
    ...figureColumns<StaffRow>()
  ]
  return (
    <ManageSection
      id="cs-staff"
      title="CustomerSure staff"
      note="Look staff up by e-mail or code. CustomerSure’s API lets you read staff, not change them."
      source={source}
      nameHeader="Name"
      columns={columns}
      searchLabel="Find staff by name, e-mail or code"
      inactiveLabel="Show deactivated"
      empty={<p>No staff match.</p>}
    />
  )
}

function NicereplyUsers({ open }: { open: (s: WriteDialogState) => void }) {
  const source = useProviderList('manage.staff.list', 'nicereply')
  const { connections } = source
  const columns: Array<Column<StaffRow>> = [
    { id: 'username', header: 'Username', cell: (r) => text(r.username) },
    { id: 'email', header: 'E-mail', cell: (r) => text(r.email), sortKey: 'email' },
    { id: 'kind', header: 'Kind', cell: (r) => kindName(r.kind) },
    { id: 'teams', header: 'Teams', cell: teams },
    ...connectionColumn<StaffRow>(connections.length > 1),
    ...figureColumns<StaffRow>()
  ]
  return (
    <ManageSection
      id="nr-users"
      title="Nicereply users"
      note="Agents are rated people; a thing or action is anything else customers rate. Both are created without Nicereply access."
      create={
        <>
          <CreateButton label="New agent" onClick={() => open({ op: 'agent.create', connections })} />
          <CreateButton label="New thing or action" primary={false} onClick={() => open({ op: 'thing.create', connections })} />
        </>
      }
      source={source}
      nameHeader="Name"
      columns={columns}
      open={open}
      searchLabel="Search Nicereply users"
      empty={<p>No users match.</p>}
    />
  )
}

function NicereplyTeams() {
  const source = useProviderList('manage.teams.list', 'nicereply')
  const { connections } = source
  const columns: Array<Column<TeamRow>> = [
    { id: 'count', header: 'Members', numeric: true, cell: (r) => r.members.length },
    {
      id: 'members',
      header: 'Who',
      cell: (r) => (r.members.length ? <span className="member-list">{r.members.map((m) => m.name ?? m.externalId).join(', ')}</span> : text(null))
    },
    ...connectionColumn<TeamRow>(connections.length > 1),
    ...figureColumns<TeamRow>()
  ]
  return (
    <ManageSection
      id="nr-teams"
      title="Nicereply teams"
      note="Teams and their members, as Nicereply holds them."
      source={source}
      nameHeader="Team"
      columns={columns}
      searchLabel="Search teams"
      empty={<p>No teams match.</p>}
    />
  )
}

function FeedbackApiUsers({ open, confirm }: { open: (s: WriteDialogState) => void; confirm: (s: ConfirmWriteState) => void }) {
  const source = useProviderList('manage.staff.list', 'feedbackapi')
  const { connections } = source
  const columns: Array<Column<StaffRow>> = [
    { id: 'email', header: 'E-mail', cell: (r) => text(r.email), sortKey: 'email' },
    { id: 'kind', header: 'Role', cell: (r) => kindName(r.kind) },
    { id: 'active', header: 'State', cell: (r) => <YesNo value={r.active} yes="Active" no="Invited" /> },
    ...connectionColumn<StaffRow>(connections.length > 1)
  ]
  return (
    <ManageSection
      id="fa-users"
      title="FeedbackAPI users"
      note="Invite people by e-mail (with or without FeedbackAPI’s invitation e-mail) and remove them."
      create={<CreateButton label="Invite user" onClick={() => open({ op: 'user.invite', connections, initial: { sendInvite: true } })} />}
      source={source}
      nameHeader="Name"
      columns={columns}
      open={open}
      actions={(r) =>
        notYetCreated(r) ? null : r.externalId.startsWith('pending:') ? (
          // FeedbackAPI gives an invitation no id until it is accepted, so there is nothing to remove yet.
          <span className="muted">Invitation not yet accepted</span>
        ) : (
          <RowButton
            verb="Remove"
            row={r.name}
            danger
            onClick={() =>
              confirm({
                title: `Remove “${r.name}”?`,
                body: <p>{r.email ?? r.name} loses access to this FeedbackAPI account. You can invite them again later.</p>,
                confirmLabel: 'Remove user',
                write: { op: 'user.remove', connectionId: r.connectionId, externalId: r.externalId, fields: {} }
              })
            }
          />
        )
      }
      searchLabel="Search FeedbackAPI users"
      inactiveLabel="Show invited (not yet accepted) and removed users"
      empty={<p>No users match.</p>}
    />
  )
}

export function StaffPage() {
  const [dialog, setDialog] = useState<WriteDialogState | null>(null)
  const [confirm, setConfirm] = useState<ConfirmWriteState | null>(null)
  return (
    <ManagePage title="Staff & teams" lead="The people and teams feedback is credited to, at each provider, with the last 30 days’ figures from the local copy.">
      <CustomerSureStaff />
      <NicereplyUsers open={setDialog} />
      <NicereplyTeams />
      <FeedbackApiUsers open={setDialog} confirm={setConfirm} />
      <LinksPanel kind="staff" />
      {dialog ? <WriteDialog state={dialog} onClose={() => setDialog(null)} /> : null}
      {confirm ? <ConfirmWrite state={confirm} onClose={() => setConfirm(null)} /> : null}
    </ManagePage>
  )
}
