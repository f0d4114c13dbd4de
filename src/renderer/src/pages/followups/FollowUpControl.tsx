import '../../styles/reports.css'
import { useEffect, useState } from 'react'
import { FOLLOW_UP_STATUS_LABELS, isDetractor, type FollowUp } from '../../../../shared/domain/followups'
import type { InboxDetail } from '../../../../shared/domain/inbox'
import { api } from '../../api/client'
import { today, useFollowUpsStore } from '../../stores/followups-store'
import { FollowUpEditor, type FollowUpFields } from './FollowUpEditor'

/** In the Inbox's detail pane: flag the response for follow-up, or see and change its follow-up. */
export function FollowUpControl({ detail }: { detail: InboxDetail }) {
  const [followUp, setFollowUp] = useState<FollowUp | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [editing, setEditing] = useState(false)
  const key = { connectionId: detail.connectionId, kind: detail.kind, externalId: detail.externalId }
  const keyId = `${key.connectionId}:${key.kind}:${key.externalId}`

  useEffect(() => {
    let live = true
    setLoaded(false)
    setEditing(false)
    api()
      .invoke('followups.get', { connectionId: detail.connectionId, kind: detail.kind, externalId: detail.externalId, today: today() })
      .then((r) => {
        if (!live) return
        setFollowUp(r.followUp)
        setLoaded(true)
      })
      .catch(() => live && setLoaded(true))
    return () => {
      live = false
    }
  }, [keyId, detail.connectionId, detail.kind, detail.externalId])

  async function save(fields: FollowUpFields): Promise<void> {
    const saved = await useFollowUpsStore.getState().save({ ...key, ...fields })
    setFollowUp(saved)
    void useFollowUpsStore.getState().loadCounts()
  }

  const detractor = isDetractor(detail.metric, detail.score, detail.scale)
  return (
    <section className="detail__section followup-control" aria-labelledby="detail-followup">
      <h3 id="detail-followup">Follow-up</h3>
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : followUp && !editing ? (
        <div className="followup-control__state">
          <p>
            <span className={`status-chip status-chip--${followUp.status}`}>{FOLLOW_UP_STATUS_LABELS[followUp.status]}</span>{' '}
            {followUp.owner ? <>Owner: {followUp.owner}</> : <span className="muted">No owner yet</span>}
            {followUp.dueDate ? <> · due {followUp.dueDate}</> : null}
            {followUp.overdue ? <strong className="warn-text"> · overdue</strong> : null}
          </p>
          {followUp.notes ? <p className="followup-control__notes">{followUp.notes}</p> : null}
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>
            Change follow-up
          </button>
        </div>
      ) : editing || followUp ? (
        <FollowUpEditor idPrefix="detail-followup" initial={followUp} submitLabel="Save follow-up" onSave={async (f) => {
          await save(f)
          setEditing(false)
        }} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <p className="muted">{detractor ? 'A detractor: give it an owner and a due date to close the loop.' : 'Flag it to track who follows it up and by when.'}</p>
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>
            {detractor ? 'Follow up this detractor' : 'Flag for follow-up'}
          </button>
        </>
      )}
    </section>
  )
}
