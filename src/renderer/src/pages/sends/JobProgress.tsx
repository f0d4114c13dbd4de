import type { JobSummary } from '../../../../shared/domain/sends'

const count = (n: number): string => new Intl.NumberFormat().format(n)

export const JOB_STATUS_WORDS: Record<JobSummary['status'], string> = {
  running: 'Sending',
  waiting: 'Waiting for the send window',
  paused: 'Paused',
  needs_attention: 'Needs your attention',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Stopped with an error'
}

function eta(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
}

/** The words under a job's bar: what happened, how fast, how long still. */
export function progressText(job: JobSummary): string {
  const c = job.counts
  const parts = [`${count(c.sent)} sent`, `${count(c.failed)} failed`, `${count(c.skipped)} skipped`]
  if (c.unknown > 0) parts.push(`${count(c.unknown)} unknown`)
  const left = c.pending + c.inFlight
  if (left > 0) parts.push(`${count(left)} to go`)
  if (job.status === 'running' && job.ratePerMinute > 0) parts.push(`${count(Math.round(job.ratePerMinute))} per minute`)
  if (job.status === 'running' && job.etaSeconds !== null && left > 0) parts.push(`about ${eta(job.etaSeconds)} left`)
  return parts.join(' · ')
}

/** One bar in three colours (sent, failed, skipped) over the job's total; the text says the same in words. */
export function JobProgress({ job, label }: { job: JobSummary; label: string }) {
  const c = job.counts
  const total = Math.max(1, c.total)
  const finished = c.sent + c.failed + c.skipped
  const pct = Math.round((finished / total) * 100)
  const text = progressText(job)
  return (
    <div className="send-progress">
      <div
        className="send-progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% — ${text}`}
      >
        <div className="send-progress__part send-progress__part--sent" style={{ width: `${(c.sent / total) * 100}%` }} />
        <div className="send-progress__part send-progress__part--failed" style={{ width: `${(c.failed / total) * 100}%` }} />
        <div className="send-progress__part send-progress__part--skipped" style={{ width: `${(c.skipped / total) * 100}%` }} />
      </div>
      <span className="send-progress__text">{text}</span>
    </div>
  )
}
