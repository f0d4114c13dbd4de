import { useEffect, useRef } from 'react'
import type { JobRowStatus, JobSummary } from '../../../../shared/domain/sends'
import { useSendsStore } from '../../stores/sends-store'
import { JOB_STATUS_WORDS, JobProgress } from './JobProgress'
import { Pager } from './Pager'

const ROW_STATUS_WORDS: Record<JobRowStatus, string> = {
  pending: 'Waiting',
  in_flight: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
  unknown: 'Unknown'
}

const FILTERS: Array<{ id: string; label: string; statuses: JobRowStatus[] | null }> = [
  { id: 'all', label: 'All rows', statuses: null },
  { id: 'problems', label: 'Failed and skipped', statuses: ['failed', 'skipped'] },
  { id: 'unknown', label: 'Unknown', statuses: ['unknown'] },
  { id: 'sent', label: 'Sent', statuses: ['sent'] },
  { id: 'pending', label: 'Not sent yet', statuses: ['pending', 'in_flight'] }
]

/** What the user can say happened to rows whose fate is unknown, in the order the buttons show. */
const RESOLUTIONS: ReadonlyArray<readonly ['sent' | 'resend', string]> = [
  ['sent', 'They were sent (rows shown)'],
  ['resend', 'Send them again (rows shown)']
]

/** One job: its bar, its controls, and every row's result, a page at a time. */
export function JobDetail({ job }: { job: JobSummary }) {
  const rows = useSendsStore((s) => s.jobRows)
  const filter = useSendsStore((s) => s.jobRowsFilter)
  const jobError = useSendsStore((s) => s.jobError)
  const loadJobRows = useSendsStore((s) => s.loadJobRows)
  const jobAction = useSendsStore((s) => s.jobAction)
  const resolveUnknown = useSendsStore((s) => s.resolveUnknown)
  const exportRows = useSendsStore((s) => s.exportRows)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const filterId = FILTERS.find((f) => JSON.stringify(f.statuses) === JSON.stringify(filter))?.id ?? 'all'
  const active = job.status === 'running' || job.status === 'waiting'
  const resumable = job.status === 'paused' || job.status === 'failed' || job.status === 'needs_attention'
  const finished = job.status === 'done' || job.status === 'cancelled'
  const unknownRows = rows?.rows.filter((r) => r.status === 'unknown').map((r) => r.rowNumber) ?? []

  useEffect(() => headingRef.current?.focus(), [job.id])

  return (
    <section className="panel send-job" aria-labelledby="send-job-title">
      <div className="send-job__head">
        <div>
          <h2 id="send-job-title" className="panel__title" tabIndex={-1} ref={headingRef}>
            {job.fileName}
          </h2>
          <p className="muted">
            {JOB_STATUS_WORDS[job.status]}
            {job.statusDetail ? ` — ${job.statusDetail}` : ''}
          </p>
        </div>
        <div className="send-job__actions">
          {active ? (
            <button type="button" className="button button--small" onClick={() => void jobAction(job.id, 'pause')}>
              Pause
            </button>
          ) : null}
          {resumable ? (
            <button type="button" className="button button--small button--primary" onClick={() => void jobAction(job.id, 'resume')}>
              Resume
            </button>
          ) : null}
          {!finished ? (
            <button type="button" className="button button--small button--danger-quiet" onClick={() => void jobAction(job.id, 'cancel')}>
              Cancel job
            </button>
          ) : null}
          <button
            type="button"
            className="button button--small"
            disabled={job.counts.failed + job.counts.skipped === 0}
            onClick={() => void exportRows(job.id)}
          >
            Export failed and skipped rows
          </button>
        </div>
      </div>
      <JobProgress job={job} label={`Progress of ${job.fileName}`} />
      <p className="send-job__live visually-hidden" role="status" aria-live="polite">
        {finished ? `${job.fileName}: ${JOB_STATUS_WORDS[job.status]}` : ''}
      </p>

      {job.counts.unknown > 0 ? (
        <div className="banner banner--warning" role="alert">
          <div>
            <p>
              <strong>{job.counts.unknown} row(s) may or may not have been sent.</strong> The app stopped while they were on their way, and the
              provider cannot be asked. Check them in the provider, then say what happened.
            </p>
            <div className="send-job__resolve">
              {RESOLUTIONS.map(([how, words]) => (
                <button key={how} type="button" className="button button--small" disabled={unknownRows.length === 0} onClick={() => void resolveUnknown(job.id, unknownRows, how)}>
                  {words}
                </button>
              ))}
              {filterId !== 'unknown' ? (
                <button type="button" className="button button--small" onClick={() => void loadJobRows(0, ['unknown'])}>
                  Show the unknown rows
                </button>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}
      {jobError ? (
        <p className="banner banner--error" role="alert">
          {jobError}
        </p>
      ) : null}

      <div className="send-toolbar">
        <label className="send-toolbar__field">
          <span>Show</span>
          <select
            className="input select select--compact"
            value={filterId}
            onChange={(e) => void loadJobRows(0, FILTERS.find((f) => f.id === e.target.value)?.statuses ?? null)}
          >
            {FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {rows ? <Pager offset={rows.offset} shown={rows.rows.length} total={rows.total} onPage={(o) => void loadJobRows(o)} label="Job rows" /> : null}
      </div>
      <div className="table-wrap">
        <table className="table send-rows">
          <caption className="visually-hidden">Results per row</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Status</th>
              <th scope="col">Recipient</th>
              <th scope="col">Detail</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {rows?.rows.map((r) => (
              <tr key={r.rowNumber}>
                <th scope="row">{r.rowNumber}</th>
                <td>
                  <span className={`send-row-status send-row-status--${r.status}`}>{ROW_STATUS_WORDS[r.status]}</span>
                </td>
                <td>{r.recipient ?? <span className="muted">—</span>}</td>
                <td className="send-rows__detail">{r.detail ?? (r.providerRef ? <code>{r.providerRef}</code> : <span className="muted">—</span>)}</td>
                <td>{r.attempts}</td>
              </tr>
            ))}
            {rows && rows.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  No rows here.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  )
}
