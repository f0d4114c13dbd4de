import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Connection } from '../../../../shared/domain/connection'
import { ManageWrite, type RowOutboxState } from '../../../../shared/domain/manage'
import { AppError } from '../../../../shared/errors'
import { PROVIDERS, type ProviderId } from '../../../../shared/providers'
import { Icon } from '../../components/Icon'
import { useAppStore } from '../../stores/app-store'
import { useConnectionsStore } from '../../stores/connections-store'
import { followManageEvents, useManageStore } from '../../stores/manage-store'
import { valuesFrom } from './form-values'
import { FORMS, type FormOp } from './forms'
import { DEFAULT_QUERY, type ListQuery } from './use-manage-list'
import type { WriteDialogState } from './WriteDialog'
import '../../styles/manage.css'

/** The connections of one provider that the page shows (all of them, or the one picked in the top bar). */
export function useProviderConnections(provider: ProviderId): Connection[] {
  const connections = useConnectionsStore((s) => s.connections)
  const selected = useAppStore((s) => s.selectedConnectionId)
  return useMemo(() => connections.filter((c) => c.provider === provider && (selected === null || c.id === selected)), [connections, provider, selected])
}

export function useListQuery(initial: Partial<ListQuery> = {}): [ListQuery, (q: ListQuery) => void] {
  const [q, setQ] = useState<ListQuery>({ ...DEFAULT_QUERY, ...initial })
  return [q, useCallback((next: ListQuery) => setQ(next), [])]
}

interface PageProps {
  title: string
  lead: ReactNode
  children: ReactNode
}

/** A manage page: title, what it is for, the latest write's outcome, and its provider sections. */
export function ManagePage({ title, lead, children }: PageProps) {
  const status = useManageStore((s) => s.status)
  const setStatus = useManageStore((s) => s.setStatus)
  const pending = useManageStore((s) => s.pending)
  const rejected = useManageStore((s) => s.rejected)
  useEffect(() => {
    void useManageStore.getState().loadOutboxCounts()
    return followManageEvents()
  }, [])
  useEffect(() => () => setStatus(null), [setStatus])
  return (
    <div className="page manage-page">
      <div className="page__header">
        <div>
          <h1 tabIndex={-1} className="page__title">
            {title}
          </h1>
          <p className="page__lead">{lead}</p>
        </div>
      </div>
      <div className="status-region" role="status" aria-live="polite">
        {status ? (
          <div className={`banner banner--${status.tone}`}>
            <Icon name={status.tone === 'success' ? 'check' : 'warning'} />
            <p>{status.text}</p>
          </div>
        ) : null}
      </div>
      {pending + rejected > 0 ? (
        <p className="manage-outbox-summary muted">
          <Icon name="offline" /> Changes not yet at the provider: {pending} pending{rejected > 0 ? `, ${rejected} rejected (see the marked rows)` : ''}.
        </p>
      ) : null}
      {children}
    </div>
  )
}

interface SectionProps {
  id: string
  title: string
  provider: ProviderId
  connections: Connection[]
  /** What this provider allows (and does not), in a sentence. */
  note?: ReactNode
  actions?: ReactNode
  children: ReactNode
}

/** One provider's part of a page; says so plainly when no connection of that provider exists. */
export function ProviderSection({ id, title, provider, connections, note, actions, children }: SectionProps) {
  const selected = useAppStore((s) => s.selectedConnectionId)
  return (
    <section className="manage-section" aria-labelledby={`${id}-title`}>
      <div className="manage-section__header">
        <div>
          <h2 id={`${id}-title`} className="manage-section__title">
            {title}
          </h2>
          {note ? <p className="manage-section__note muted">{note}</p> : null}
        </div>
        {connections.length > 0 ? <div className="manage-section__actions">{actions}</div> : null}
      </div>
      {connections.length === 0 ? (
        <p className="muted manage-section__none">
          No {PROVIDERS[provider].name} connection{selected ? ' is selected in the top bar' : ' yet: add one on the Connections page'}.
        </p>
      ) : (
        children
      )}
    </section>
  )
}

/**
 * Opens the form of a rejected outbox entry with what was sent and the provider's reasons on the fields.
 * Returns the opener for a row's "Edit" (undefined when the entry's write has no form, e.g. a delete).
 */
export function useRejectedEditor(connections: Connection[], open: (s: WriteDialogState) => void, extra?: (op: FormOp) => Partial<WriteDialogState>) {
  const entry = useManageStore((s) => s.entry)
  return (state: RowOutboxState, rowName: string): (() => void) | undefined => {
    if (!(state.op in FORMS)) return undefined
    return () => {
      void entry(state.entryId).then((e) => {
        if (!e) return
        const parsed = ManageWrite.safeParse(e.write)
        if (!parsed.success || !(parsed.data.op in FORMS)) return
        const w = parsed.data
        const op = w.op as FormOp
        const conn = connections.find((c) => c.id === w.connectionId) ?? useConnectionsStore.getState().connections.find((c) => c.id === w.connectionId)
        open({
          op,
          connections: conn ? [conn] : [],
          externalId: 'externalId' in w ? w.externalId : undefined,
          rowName,
          initial: valuesFrom(FORMS[op].fields, w.fields as Record<string, unknown>),
          entryId: e.id,
          rejection: new AppError(e.lastError?.code ?? 'validation', e.lastError?.message ?? 'The provider refused the change.', { details: e.fieldErrors }),
          ...extra?.(op)
        })
      })
    }
  }
}

export function YesNo({ value, yes = 'Yes', no = 'No' }: { value: boolean | null; yes?: string; no?: string }) {
  if (value === null) return <span className="muted">—</span>
  return <span className={value ? 'pill pill--ok' : 'pill pill--off'}>{value ? yes : no}</span>
}
