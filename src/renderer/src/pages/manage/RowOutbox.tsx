import type { RowOutboxState } from '../../../../shared/domain/manage'
import { Icon } from '../../components/Icon'
import { useManageStore } from '../../stores/manage-store'

interface Props {
  state: RowOutboxState
  /** What the row is called, for the buttons' accessible names. */
  rowName: string
  /** Opens the form again with what was sent; absent for writes with nothing to edit (deletes). */
  onEdit?: () => void
}

/** A row's change that has not reached the provider yet: pending (queued) or rejected with the provider's reason. */
export function RowOutbox({ state, rowName, onEdit }: Props) {
  const retry = useManageStore((s) => s.retry)
  const discard = useManageStore((s) => s.discard)
  const rejected = state.status === 'rejected'
  return (
    <div className={`row-outbox row-outbox--${rejected ? 'rejected' : 'pending'}`}>
      <span className="row-outbox__state">
        <Icon name={rejected ? 'warning' : 'offline'} />
        <strong>{rejected ? 'Rejected' : state.status === 'sending' ? 'Sending…' : 'Pending'}</strong>
        {state.message ? <span className="row-outbox__message">{state.message}</span> : null}
      </span>
      <span className="row-outbox__actions">
        {rejected && onEdit ? (
          <button type="button" className="button button--small" aria-label={`Edit the rejected change to ${rowName}`} onClick={onEdit}>
            Edit
          </button>
        ) : null}
        <button type="button" className="button button--small" aria-label={`Retry the change to ${rowName}`} onClick={() => void retry(state.entryId)}>
          Retry
        </button>
        <button
          type="button"
          className="button button--small button--danger-quiet"
          aria-label={`Discard the change to ${rowName}`}
          onClick={() => void discard(state.entryId)}
        >
          Discard
        </button>
      </span>
    </div>
  )
}
