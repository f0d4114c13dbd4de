import { useInboxStore } from '../../stores/inbox-store'
import { goToSection } from './drill'

/** In the Inbox while it shows a report figure's responses: what they are, and the ways back. */
export function DrillNotice() {
  const drill = useInboxStore((s) => s.drill)
  if (!drill) return null
  return (
    <div className="banner banner--note drill-notice" role="status">
      <p>
        <strong>From Reports:</strong> the responses behind “{drill.label}”. The filters below are the report&apos;s; change one to leave this view.
      </p>
      <div className="drill-notice__actions">
        <button type="button" className="button button--small" onClick={() => {
            useInboxStore.getState().clearDrill()
            goToSection('reports')
          }}>
          Back to Reports
        </button>
        <button type="button" className="button button--small" onClick={() => useInboxStore.getState().clearDrill()}>
          Show all responses
        </button>
      </div>
    </div>
  )
}
