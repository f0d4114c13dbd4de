import { useEffect } from 'react'
import { useFollowUpsStore } from '../../stores/followups-store'
import { goToSection } from './drill'
import { formatN } from './report-format'

/** The loop's state at a glance, with the way to the To follow up list. */
export function FollowUpSummary() {
  const counts = useFollowUpsStore((s) => s.counts)
  useEffect(() => {
    void useFollowUpsStore.getState().loadCounts()
  }, [])
  return (
    <section className="panel followup-summary" aria-labelledby="followup-summary-title">
      <h2 id="followup-summary-title" className="panel__title">
        To follow up
      </h2>
      {counts ? (
        <ul className="followup-summary__counts">
          <li>
            <strong>{formatN(counts.open)}</strong> open
          </li>
          <li>
            <strong>{formatN(counts.inProgress)}</strong> in progress
          </li>
          <li className={counts.overdue > 0 ? 'followup-summary__overdue' : undefined}>
            <strong>{formatN(counts.overdue)}</strong> overdue
          </li>
          <li>
            <strong>{formatN(counts.unassigned)}</strong> without an owner
          </li>
          <li className="muted">
            <strong>{formatN(counts.closed)}</strong> closed
          </li>
        </ul>
      ) : (
        <p className="muted">No follow-ups read yet.</p>
      )}
      <button type="button" className="button button--small" onClick={() => goToSection('followups')}>
        Open To follow up
      </button>
    </section>
  )
}
