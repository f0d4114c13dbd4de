import { useEffect, useState } from 'react'
import type { InboxItem } from '../../../../shared/domain/inbox'
import { api } from '../../api/client'
import { useFollowUpsStore } from '../../stores/followups-store'
import { formatDate, providerName } from '../inbox/format'
import { ScoreBadge } from '../inbox/InboxRow'
import { userTimeZone } from '../inbox/filter-draft'
import { errorText } from '../reports/error-text'

/** How many recent detractors are offered for triage. */
const LIMIT = 10

/**
 * The last 30 days' NPS detractors that nobody follows up yet, newest first: the loop starts here.
 * Read from the local copy like the Inbox (NPS 0–6).
 */
export function UntrackedDetractors() {
  const tracked = useFollowUpsStore((s) => s.items)
  const [items, setItems] = useState<InboxItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    api()
      .invoke('inbox.list', { filters: { metrics: ['nps'], maxScore: 6, period: '30-days', timeZone: userTimeZone() }, limit: 100 })
      .then((page) => live && setItems(page.items))
      .catch((err: unknown) => live && setError(errorText(err)))
    return () => {
      live = false
    }
  }, [])

  async function track(item: InboxItem): Promise<void> {
    try {
      const d = await api().invoke('inbox.detail', { id: item.id })
      await useFollowUpsStore.getState().save({ connectionId: d.connectionId, kind: d.kind, externalId: d.externalId })
    } catch (err) {
      setError(errorText(err))
    }
  }

  const trackedIds = new Set(tracked.map((f) => f.responseId))
  const open = (items ?? []).filter((i) => !trackedIds.has(i.id)).slice(0, LIMIT)
  return (
    <section className="panel" aria-labelledby="untracked-title">
      <h2 id="untracked-title" className="panel__title">
        Detractors of the last 30 days without a follow-up
      </h2>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null ? (
        <p className="muted">Reading the local copy…</p>
      ) : open.length === 0 ? (
        <p className="muted">Every recent NPS detractor has a follow-up.</p>
      ) : (
        <ul className="untracked">
          {open.map((i) => (
            <li key={i.id} className="untracked__item">
              <ScoreBadge item={i} />
              <span className="untracked__text">
                <strong>{i.customerName ?? 'Anonymous'}</strong> <span className="muted">· {i.connectionLabel} · {providerName(i.provider)} · {formatDate(i.respondedAt)}</span>
                {i.comment ? <span className="untracked__comment">{i.comment}</span> : null}
              </span>
              <button type="button" className="button button--small" onClick={() => void track(i)}>
                Follow up<span className="visually-hidden"> {i.customerName ?? 'this response'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
