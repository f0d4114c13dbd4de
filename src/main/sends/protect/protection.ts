import type { ProtectionSettings, SendPurpose } from '../../../shared/domain/sends'
import type { RowVerdict, SendRow, SuppressionList } from '../job/types'

const DAY_MS = 86_400_000

export const DEFAULT_PROTECTION: ProtectionSettings = { overSurveyDays: 30, sendWindow: null }

/** What the rules look at; gathered once per job (or dry run), then applied row by row. */
export interface ProtectionContext {
  purpose: SendPurpose
  settings: ProtectionSettings
  suppressions: SuppressionList
  doNotContact: ReadonlySet<string>
  /** Contact -> last time this app sent it a survey (epoch ms), within the over-survey window. */
  recentlySurveyed: { emails: ReadonlyMap<string, number>; phones: ReadonlyMap<string, number> }
  now: number
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/**
 * The verdict for one row: send, or skip and why. Rules, first match wins: provider opt-outs and
 * invalid contacts, the local do-not-contact list, the over-survey rule. Importing ratings sends
 * nothing to anyone, so no rule applies to it. Quiet hours never skip a row: the job waits.
 */
export function verdictFor(row: SendRow, ctx: ProtectionContext): RowVerdict {
  if (ctx.purpose === 'import_ratings') return { action: 'send' }
  const contacts: Array<{ kind: 'email' | 'phone'; value: string }> = []
  if (row.email) contacts.push({ kind: 'email', value: row.email })
  if (row.phone) contacts.push({ kind: 'phone', value: row.phone })
  if (contacts.length === 0) return { action: 'skip', reason: 'no_contact', detail: 'The row has no e-mail address or phone number to check.' }

  for (const c of contacts) {
    const hit = (c.kind === 'email' ? ctx.suppressions.emails : ctx.suppressions.phones).get(c.value)
    if (hit) return { action: 'skip', reason: hit.reason, detail: `${c.value} ${hit.detail}.` }
  }
  for (const c of contacts) {
    if (ctx.doNotContact.has(c.value)) return { action: 'skip', reason: 'do_not_contact', detail: `${c.value} is on the do-not-contact list.` }
  }
  const days = ctx.settings.overSurveyDays
  if (days > 0) {
    const since = ctx.now - days * DAY_MS
    for (const c of contacts) {
      const last = (c.kind === 'email' ? ctx.recentlySurveyed.emails : ctx.recentlySurveyed.phones).get(c.value)
      if (last !== undefined && last >= since) {
        return { action: 'skip', reason: 'over_survey', detail: `${c.value} was sent a survey on ${day(last)}, within the last ${days} days.` }
      }
    }
  }
  return { action: 'send' }
}

// ---------- quiet hours: send only inside a daily window, in the site's or the user's time zone ----------

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Minutes since midnight on the wall clock of `timeZone` at `ms`. */
const formatters = new Map<string, Intl.DateTimeFormat>()
export function wallMinutes(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone)
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })))
  const parts = f.formatToParts(new Date(ms))
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0)
  return get('hour') * 60 + get('minute')
}

/** Whether `ms` falls inside [start, end) on that zone's clock; a window like 20:00-08:00 wraps midnight. */
export function insideWindow(ms: number, window: { start: string; end: string }, timeZone: string): boolean {
  const m = wallMinutes(ms, timeZone)
  const s = minutesOf(window.start)
  const e = minutesOf(window.end)
  return s < e ? m >= s && m < e : m >= s || m < e
}

/** The first minute at or after `ms` inside the window (found minute by minute over at most a day and a bit, DST included). */
export function nextWindowOpening(ms: number, window: { start: string; end: string }, timeZone: string): number {
  const start = Math.floor(ms / 60_000) * 60_000
  if (insideWindow(ms, window, timeZone)) return ms
  for (let t = start + 60_000; t <= start + 26 * 3_600_000; t += 60_000) if (insideWindow(t, window, timeZone)) return t
  return start + 26 * 3_600_000
}
