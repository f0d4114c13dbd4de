import { useState } from 'react'
import type { SiteRow } from '../../../shared/domain/manage'
import { ConfirmWrite, type ConfirmWriteState } from './manage/ConfirmWrite'
import type { Column } from './manage/DataTable'
import { connectionColumn, notYetCreated, text } from './manage/columns'
import { figureColumns } from './manage/Figures'
import { LinksPanel } from './manage/LinksPanel'
import { ManagePage, YesNo } from './manage/ManageFrame'
import { CreateButton, ManageSection, RowButton, rowTarget, useProviderList } from './manage/ManageTable'
import { WriteDialog, type WriteDialogState } from './manage/WriteDialog'


function CustomerSureSites({ open }: { open: (s: WriteDialogState) => void }) {
  const source = useProviderList('manage.sites.list', 'customersure')
  const { connections } = source
  const columns: Array<Column<SiteRow>> = [
    { id: 'code', header: 'Code', cell: (r) => text(r.code), sortKey: 'code' },
    { id: 'region', header: 'Region', cell: (r) => text(r.region) },
    { id: 'city', header: 'City', cell: (r) => text(r.city) },
    { id: 'type', header: 'Type', cell: (r) => text(r.siteType) },
    ...connectionColumn<SiteRow>(connections.length > 1),
    ...figureColumns<SiteRow>()
  ]
  return (
    <ManageSection
      id="cs-sites"
      title="CustomerSure sites"
      note="Sites can be created and updated. CustomerSure’s API has no way to delete a site: remove it in CustomerSure itself."
      create={<CreateButton label="New site" onClick={() => open({ op: 'site.create', connections })} />}
      source={source}
      open={open}
      nameHeader="Site"
      columns={columns}
      actions={(r) =>
        notYetCreated(r) ? null : (
          <RowButton
            verb="Edit"
            row={r.name}
            onClick={() =>
              open({
                op: 'site.update',
                ...rowTarget(connections, r, r.name),
                initial: { siteCode: r.code ?? '', name: r.name, region: r.region ?? '', city: r.city ?? '', siteType: r.siteType ?? '' }
              })
            }
          />
        )
      }
      searchLabel="Search sites"
      empty={<p>No sites match.</p>}
    />
  )
}

function FeedbackApiLocations({ open, confirm }: { open: (s: WriteDialogState) => void; confirm: (s: ConfirmWriteState) => void }) {
  const source = useProviderList('manage.sites.list', 'feedbackapi')
  const { connections } = source
  const columns: Array<Column<SiteRow>> = [
    { id: 'country', header: 'Country', cell: (r) => text(r.countryCode) },
    { id: 'address', header: 'Address', cell: (r) => (r.address.length ? r.address.join(', ') : text(null)) },
    { id: 'postal', header: 'Postal code', cell: (r) => text(r.postalCode) },
    { id: 'active', header: 'Active', cell: (r) => <YesNo value={r.active} yes="Active" no="Deactivated" /> },
    ...connectionColumn<SiteRow>(connections.length > 1),
    ...figureColumns<SiteRow>()
  ]
  return (
    <ManageSection
      id="fa-locations"
      title="FeedbackAPI locations"
      note="Create, update and deactivate. Deleting a location in FeedbackAPI makes it inactive: its campaigns stop."
      create={<CreateButton label="New location" onClick={() => open({ op: 'location.create', connections })} />}
      source={source}
      open={open}
      nameHeader="Location"
      columns={columns}
      inactiveLabel="Show deactivated"
      actions={(r) =>
        notYetCreated(r) ? null : (
          <>
            <RowButton
              verb="Edit"
              row={r.name}
              onClick={() =>
                open({
                  op: 'location.update',
                  ...rowTarget(connections, r, r.name),
                  initial: {
                    name: r.name,
                    addressLine1: r.address[0] ?? '',
                    addressLine2: r.address[1] ?? '',
                    addressLine3: r.address[2] ?? '',
                    postalCode: r.postalCode ?? '',
                    countryCode: r.countryCode ?? ''
                  }
                })
              }
            />
            {r.active === false ? null : (
              <RowButton
                verb="Deactivate"
                row={r.name}
                danger
                onClick={() =>
                  confirm({
                    title: `Deactivate “${r.name}”?`,
                    body: (
                      <p>
                        FeedbackAPI makes a deleted location inactive: all its campaigns stop and the reviews attached to it are no longer
                        active. This cannot be undone from Survey Desk.
                      </p>
                    ),
                    confirmLabel: 'Deactivate location',
                    write: { op: 'location.delete', connectionId: r.connectionId, externalId: r.externalId, fields: {} }
                  })
                }
              />
            )}
          </>
        )
      }
      searchLabel="Search locations"
      empty={<p>No locations match.</p>}
    />
  )
}

export function SitesPage() {
  const [dialog, setDialog] = useState<WriteDialogState | null>(null)
  const [confirm, setConfirm] = useState<ConfirmWriteState | null>(null)
  return (
    <ManagePage title="Sites" lead="The places feedback is tied to: CustomerSure sites and FeedbackAPI locations, from the local copy, with the last 30 days’ figures.">
      <CustomerSureSites open={setDialog} />
      <FeedbackApiLocations open={setDialog} confirm={setConfirm} />
      <LinksPanel kind="site" />
      {dialog ? <WriteDialog state={dialog} onClose={() => setDialog(null)} /> : null}
      {confirm ? <ConfirmWrite state={confirm} onClose={() => setConfirm(null)} /> : null}
    </ManagePage>
  )
}
