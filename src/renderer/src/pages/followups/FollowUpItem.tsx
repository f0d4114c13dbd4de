import { useState } from 'react'
import { FOLLOW_UP_STATUS_LABELS, type FollowUp } from '../../../../shared/domain/followups'
import { useFollowUpsStore } from '../../stores/followups-store'
import { formatDate, providerName } from '../inbox/format'
import { ScoreBadge } from '../inbox/InboxRow'
import { FollowUpEditor } from './FollowUpEditor'
import { openResponseInInbox } from './open-response'

export function FollowUpItem({ f }: { f: FollowUp }) {
  const [editing, setEditing] = useState(false)
  const headingId = `followup-${f.id}-title`
  return (
    <li className={f.overdue ? 'followup followup--overdue' : `followup followup--${f.status}`} aria-labelledby={headingId}>
      <div className="followup__main">
        <ScoreBadge item={f} />
        <div className="followup__text">
          <h2 id={headingId} className="followup__title">
            {f.customerName ?? 'Anonymous response'}
            {f.overdue ? <span className="badge badge--danger">Overdue</span> : null}
            <span className={`status-chip status-chip--${f.status}`}>{FOLLOW_UP_STATUS_LABELS[f.status]}</span>
            {f.reason === 'detractor' ? <span className="badge">Detractor</span> : <span className="badge">Flagged</span>}
          </h2>
          {f.comment ? <p className="followup__comment">{f.comment}</p> : <p className="muted">No comment.</p>}
          <p className="followup__meta muted">
            {f.connectionLabel ?? 'Removed connection'} · {providerName(f.provider)} · responded <time dateTime={f.respondedAt}>{formatDate(f.respondedAt)}</time>
          </p>
          <p className="followup__meta">
            {f.owner ? <>Owner: {f.owner}</> : <span className="muted">No owner</span>}
            {' · '}
            {f.dueDate ? <>Due {f.dueDate}</> : <span className="muted">No due date</span>}
            {f.closedAt ? <> · closed <time dateTime={f.closedAt}>{formatDate(f.closedAt)}</time></> : null}
          </p>
          {f.notes && !editing ? <p className="followup__notes">{f.notes}</p> : null}
        </div>
        <div className="followup__actions">
          <button type="button" className="button button--small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            {editing ? 'Hide editor' : 'Edit'}
            <span className="visually-hidden"> follow-up of {f.customerName ?? 'anonymous response'}</span>
          </button>
          {f.responseId !== null ? (
            <button type="button" className="button button--small" onClick={() => openResponseInInbox(f.responseId!)}>
              Open response
            </button>
          ) : (
            <span className="muted">No longer in the local copy</span>
          )}
          {f.status !== 'closed' ? (
            <button type="button" className="button button--small" onClick={() => void useFollowUpsStore.getState().update({ id: f.id, status: 'closed' })}>
              Mark closed
              <span className="visually-hidden"> follow-up of {f.customerName ?? 'anonymous response'}</span>
            </button>
          ) : null}
        </div>
      </div>
      {editing ? (
        <FollowUpEditor
          idPrefix={`followup-${f.id}`}
          initial={f}
          submitLabel="Save"
          onSave={async (fields) => {
            await useFollowUpsStore.getState().update({ id: f.id, ...fields })
            setEditing(false)
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
    </li>
  )
}
