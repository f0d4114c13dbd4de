import '../styles/reports.css'
import { useEffect } from 'react'
import { useFollowUpsStore, type FollowUpView } from '../stores/followups-store'
import { FollowUpItem } from './followups/FollowUpItem'
import { UntrackedDetractors } from './followups/UntrackedDetractors'
import { formatN } from './reports/report-format'

const VIEWS: Array<{ id: FollowUpView; label: string }> = [
  { id: 'active', label: 'Open and in progress' },
  { id: 'closed', label: 'Closed' },
  { id: 'all', label: 'All' }
]

export function FollowUpPage() {
  const view = useFollowUpsStore((s) => s.view)
  const items = useFollowUpsStore((s) => s.items)
  const counts = useFollowUpsStore((s) => s.counts)
  const loading = useFollowUpsStore((s) => s.loading)
  const error = useFollowUpsStore((s) => s.error)
  const setView = useFollowUpsStore((s) => s.setView)

  useEffect(() => {
    void useFollowUpsStore.getState().load()
  }, [])

  return (
    <div className="page followups-page">
      <div className="page__header">
        <div>
          <h1 className="page__title">To follow up</h1>
          <p className="page__lead">
            {counts
              ? `${formatN(counts.open)} open · ${formatN(counts.inProgress)} in progress · ${formatN(counts.overdue)} overdue · ${formatN(counts.closed)} closed`
              : 'Detractors and flagged responses, with who follows them up and by when. Kept on this computer; a resync keeps them.'}
          </p>
        </div>
      </div>
      <fieldset className="segmented">
        <legend className="visually-hidden">Show</legend>
        {VIEWS.map((v) => (
          <label key={v.id} className={view === v.id ? 'segmented__option is-checked' : 'segmented__option'}>
            <input type="radio" name="followup-view" value={v.id} checked={view === v.id} onChange={() => setView(v.id)} />
            {v.label}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {items.length === 0 && !loading ? (
        <div className="empty">
          <p className="empty__title">{view === 'closed' ? 'Nothing closed yet' : 'Nothing to follow up'}</p>
          <p className="muted">Flag a response from the Inbox&apos;s detail pane, or follow up a recent detractor below.</p>
        </div>
      ) : (
        <ul className="followups" aria-label="Follow-ups, overdue first" aria-busy={loading || undefined}>
          {items.map((f) => (
            <FollowUpItem key={f.id} f={f} />
          ))}
        </ul>
      )}
      {view !== 'closed' ? <UntrackedDetractors /> : null}
    </div>
  )
}
