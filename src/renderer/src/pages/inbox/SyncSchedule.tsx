import { useId } from 'react'
import { useSyncStore } from '../../stores/sync-store'
import { timeAgo } from './format'

/** The choices of sync.settings (5 minutes to a day); hourly is the default. */
export const INTERVAL_CHOICES: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 30, label: 'Every 30 minutes' },
  { minutes: 60, label: 'Every hour' },
  { minutes: 120, label: 'Every 2 hours' },
  { minutes: 240, label: 'Every 4 hours' },
  { minutes: 720, label: 'Every 12 hours' },
  { minutes: 1440, label: 'Once a day' }
]

function choicesWith(current: number): Array<{ minutes: number; label: string }> {
  // A value set elsewhere (the CLI, an older version) is shown as it is rather than silently changed.
  if (INTERVAL_CHOICES.some((c) => c.minutes === current)) return [...INTERVAL_CHOICES]
  return [...INTERVAL_CHOICES, { minutes: current, label: `Every ${current} minutes` }].sort((a, b) => a.minutes - b.minutes)
}

/** How often the background sync runs, and when it looks next. */
export function SyncSchedule({ now }: { now: number }) {
  const status = useSyncStore((s) => s.status)
  const saving = useSyncStore((s) => s.savingInterval)
  const error = useSyncStore((s) => s.intervalError)
  const setIntervalMinutes = useSyncStore((s) => s.setIntervalMinutes)
  const selectId = useId()
  const nextId = useId()
  if (!status) return null
  const next = status.nextRunAt ? `Next automatic sync ${timeAgo(status.nextRunAt, now)}` : 'No automatic sync is planned'
  return (
    <div className="sync-schedule">
      <label htmlFor={selectId} className="sync-schedule__label">
        Sync automatically
      </label>
      <select
        id={selectId}
        className="select select--compact"
        value={status.intervalMinutes}
        disabled={saving}
        aria-describedby={nextId}
        onChange={(e) => void setIntervalMinutes(Number(e.target.value))}
      >
        {choicesWith(status.intervalMinutes).map((c) => (
          <option key={c.minutes} value={c.minutes}>
            {c.label}
          </option>
        ))}
      </select>
      <span id={nextId} className="sync-schedule__next muted">
        {status.online ? next : 'Offline: every connection is retried each minute'}
      </span>
      {error ? (
        <p className="banner banner--error sync-schedule__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
