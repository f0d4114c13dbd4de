import { useEffect, useState } from 'react'
import type { Connection } from '../../../../shared/domain/connection'
import type { ConnectionSyncState } from '../../../../shared/domain/inbox'
import { Icon } from '../../components/Icon'
import { summarizeProgress, useSyncStore } from '../../stores/sync-store'
import { formatCount, formatDate, providerName, timeAgo } from './format'
import { SyncSchedule } from './SyncSchedule'

/** Re-renders once a minute so "5 minutes ago" stays true. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(t)
  }, [])
  return now
}

function statusWords(s: ConnectionSyncState | undefined, now: number): { text: string; tone: 'ok' | 'running' | 'failed' | 'never' } {
  if (!s) return { text: 'Not synced yet', tone: 'never' }
  if (s.running) return { text: 'Syncing…', tone: 'running' }
  if (s.lastError) return { text: `Sync failed: ${s.lastError}`, tone: 'failed' }
  if (s.lastSuccessAt) return { text: `Synced ${timeAgo(s.lastSuccessAt, now)}`, tone: 'ok' }
  return { text: 'Not synced yet', tone: 'never' }
}

type StreamState = ConnectionSyncState['streams'][number]

/** "email_templates" -> "email templates". */
const streamName = (s: string): string => s.replace(/_/g, ' ')

function streamWords(s: StreamState, now: number): string {
  if (s.status === 'running') return 'syncing…'
  if (s.lastError && s.status === 'failed') return s.lastSuccessAt ? `failed; last synced ${timeAgo(s.lastSuccessAt, now)}` : 'failed; never synced'
  return s.lastSuccessAt ? `synced ${timeAgo(s.lastSuccessAt, now)}` : 'never synced'
}

/** Last successful sync of each stream of one connection; the exact time is in the tooltip and datetime. */
function StreamList({ streams, now }: { streams: StreamState[]; now: number }) {
  if (streams.length === 0) return null
  return (
    <ul className="sync__streams">
      {streams.map((s) => (
        <li key={s.stream} className={s.status === 'failed' && s.lastError ? 'sync__stream sync__stream--failed' : 'sync__stream'}>
          <span>{streamName(s.stream)}</span>
          {s.lastSuccessAt && s.status !== 'running' ? (
            <time dateTime={s.lastSuccessAt} title={formatDate(s.lastSuccessAt, true)}>
              {streamWords(s, now)}
            </time>
          ) : (
            <span>{streamWords(s, now)}</span>
          )}
        </li>
      ))}
    </ul>
  )
}

function ProgressBar({ ids }: { ids: ReadonlySet<string> | null }) {
  const progress = useSyncStore((s) => s.progress)
  const summary = summarizeProgress(progress, ids)
  if (!summary) return null
  const rate = summary.rowsPerSecond > 0 ? ` · ${formatCount(Math.round(summary.rowsPerSecond))} rows/s` : ''
  const errors = summary.errors > 0 ? ` · ${summary.errors} stream${summary.errors === 1 ? '' : 's'} failed` : ''
  const text = `${formatCount(summary.rows)} rows${summary.totalRows ? ` of ${formatCount(summary.totalRows)}` : ''}${rate}${errors}`
  const pct = summary.totalRows ? Math.min(100, Math.round((summary.rows / Math.max(1, summary.totalRows)) * 100)) : null
  return (
    <div className="sync-progress">
      <div
        className={pct === null ? 'progress progress--indeterminate' : 'progress'}
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={pct === null ? undefined : 0}
        aria-valuemax={pct === null ? undefined : 100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={text}
      >
        <div className="progress__fill" style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <span className="sync-progress__text">{text}</span>
    </div>
  )
}

export function SyncPanel({ connections, selectedId }: { connections: Connection[]; selectedId: string | null }) {
  const status = useSyncStore((s) => s.status)
  const statusError = useSyncStore((s) => s.statusError)
  const actionError = useSyncStore((s) => s.actionError)
  const starting = useSyncStore((s) => s.starting)
  const start = useSyncStore((s) => s.start)
  const cancel = useSyncStore((s) => s.cancel)
  const now = useMinuteClock()

  const shown = selectedId ? connections.filter((c) => c.id === selectedId) : connections
  const ids = selectedId ? new Set([selectedId]) : null
  const states = new Map((status?.connections ?? []).map((c) => [c.connectionId, c]))
  const running = shown.some((c) => states.get(c.id)?.running)
  const target = selectedId ? [selectedId] : undefined
  const failed = shown.filter((c) => states.get(c.id)?.lastError && !states.get(c.id)?.running).length
  const synced = shown.filter((c) => states.get(c.id)?.lastSuccessAt)
  const newest = synced.map((c) => states.get(c.id)!.lastSuccessAt!).sort().pop() ?? null

  const headline = running
    ? 'Syncing…'
    : failed > 0
      ? `${failed} connection${failed === 1 ? '' : 's'} failed to sync`
      : newest
        ? `Last synced ${timeAgo(newest, now)}`
        : 'Not synced yet'

  return (
    <section className="sync" aria-label="Sync">
      {status && !status.online ? (
        <div className="banner banner--warning" role="status">
          <Icon name="offline" />
          <span>Offline — showing the local copy; sync resumes when the network is back.</span>
        </div>
      ) : null}
      <div className="sync__bar">
        <p className="sync__headline" role="status" aria-live="polite">
          {headline}
        </p>
        <ProgressBar ids={ids} />
        <div className="sync__actions">
          {running ? (
            <button type="button" className="button button--small" onClick={() => void cancel(target)}>
              Cancel sync
            </button>
          ) : null}
          <button type="button" className="button button--small button--primary" onClick={() => void start(target)} disabled={starting || running || shown.length === 0}>
            {selectedId ? 'Sync now' : 'Sync all now'}
          </button>
        </div>
      </div>
      {actionError || statusError ? (
        <p className="banner banner--error" role="alert">
          {actionError ?? `Could not read the sync status: ${statusError}`}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <details className="sync__details">
          <summary>Sync status and schedule</summary>
          <div className="sync__popover">
            <SyncSchedule now={now} />
            <ul className="sync__list" aria-label="Last sync per connection and stream">
              {shown.map((c) => {
                const state = states.get(c.id)
                const w = statusWords(state, now)
                return (
                  <li key={c.id} className={`sync__item sync__item--${w.tone}`}>
                    <div className="sync__row">
                      <span className="sync__name">
                        {c.label} <span className="muted">({providerName(c.provider)})</span>
                      </span>
                      <span className="sync__state">
                        <Icon name={w.tone === 'failed' ? 'warning' : w.tone === 'ok' ? 'check' : 'info'} />
                        {w.text}
                      </span>
                    </div>
                    <StreamList streams={state?.streams ?? []} now={now} />
                  </li>
                )
              })}
            </ul>
          </div>
        </details>
      ) : null}
    </section>
  )
}
