import type { JobSummary } from '../../../../shared/domain/sends'
import { ActionsHeader } from '../../components/ActionsHeader'
import { useSendsStore } from '../../stores/sends-store'
import { JOB_STATUS_WORDS, JobProgress } from './JobProgress'
import { connectionName } from './names'

function when(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

/** Every job, newest first, each with its live bar; choosing one opens its rows below. */
export function JobsList({ jobs }: { jobs: JobSummary[] }) {
  const selectedJobId = useSendsStore((s) => s.selectedJobId)
  const selectJob = useSendsStore((s) => s.selectJob)
  return (
    <div className="table-wrap">
      <table className="table send-jobs">
        <caption className="visually-hidden">Send jobs</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Connection</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} className={selectedJobId === j.id ? 'is-editing' : undefined}>
              <th scope="row" className="table__label">
                <span>{j.fileName}</span>
                <span className="muted send-jobs__when">{when(j.createdAt)}</span>
              </th>
              <td>
                {connectionName(j.connectionLabel, j.provider)}
                {j.purpose === 'import_ratings' ? <span className="badge">Ratings import</span> : null}
              </td>
              <td>
                <span className={`send-status send-status--${j.status}`}>{JOB_STATUS_WORDS[j.status]}</span>
              </td>
              <td>
                <JobProgress job={j} label={`Progress of ${j.fileName}`} />
              </td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Open ${j.fileName}`}
                  aria-pressed={selectedJobId === j.id}
                  onClick={() => selectJob(selectedJobId === j.id ? null : j.id)}
                >
                  {selectedJobId === j.id ? 'Close' : 'Open'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
