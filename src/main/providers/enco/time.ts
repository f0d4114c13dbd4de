/**
 * Timestamps as providers print them, turned into ISO 8601 UTC. Enco's report example shows local
 * wall-clock times without a zone ("2020-02-07T16:54:42.179"); documents elsewhere show epoch
 * numbers where the text says ISO 8601. Returns null for what cannot be read, so the caller can
 * say which field it could not read.
 */

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/

/** Epoch numbers: below 10^11 they are seconds (that is up to the year 5138), above, milliseconds. */
function fromEpoch(n: number): string | null {
  if (!Number.isFinite(n)) return null
  const ms = Math.abs(n) < 1e11 ? n * 1000 : n
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** Minutes `timeZone` is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit'
  }).formatToParts(new Date(utcMs))
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000)
}

/** A wall-clock time in `timeZone` (IANA name, or 'UTC') as epoch milliseconds. */
export function wallClockToUtcMs(wall: { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number }, timeZone: string): number {
  const naive = Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi, wall.s, wall.ms)
  if (timeZone === 'UTC') return naive
  // Two passes settle the offset on both sides of a daylight-saving change.
  let guess = naive - zoneOffsetMinutes(naive, timeZone) * 60_000
  guess = naive - zoneOffsetMinutes(guess, timeZone) * 60_000
  return guess
}

/**
 * ISO 8601 UTC ('...Z') from an ISO string (zoned or not), 'yyyy-mm-dd hh:mm:ss', or an epoch
 * number. A zone-less time is read in `assumeZone`.
 */
export function toIsoUtc(value: string | number | null | undefined, assumeZone = 'UTC'): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return fromEpoch(value)
  const text = value.trim()
  if (text === '') return null
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text))
  if (ZONED.test(text)) {
    const d = new Date(text.replace(' ', 'T'))
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  const m = WALL_CLOCK.exec(text)
  if (!m) return null
  const n = (i: number): number => Number(m[i] ?? 0)
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0
  const wall = { y: n(1), mo: n(2), d: n(3), h: n(4), mi: n(5), s: n(6), ms: Math.floor(fraction) }
  if (wall.mo < 1 || wall.mo > 12 || wall.d < 1 || wall.d > 31 || wall.h > 23 || wall.mi > 59 || wall.s > 60) return null
  const ms = wallClockToUtcMs(wall, assumeZone)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

/** Wall-clock text in `timeZone` without a zone, the way Enco's reports print times: '2020-02-07T16:54:42.179'. */
export function wallClockText(utcMs: number, timeZone: string): string {
  const offset = timeZone === 'UTC' ? 0 : zoneOffsetMinutes(utcMs, timeZone)
  return new Date(utcMs + offset * 60_000).toISOString().replace(/Z$/, '')
}
