import { startOfLocalDay, zoneOffsetMs } from '../../shared/period-range'
import type { ReportInterval } from '../../shared/domain/reports'

/**
 * Local day numbers (days since 1970-01-01 on the zone's calendar) and the zone's offset changes,
 * found once per zone and range with Intl instead of once per response. The rollups store day
 * numbers; trend buckets and SQL day grouping come from here.
 */

export const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS
/** Offset changes are searched for in this span; responses outside it use its edge offsets. */
export const ZONE_SPAN = { from: Date.UTC(1990, 0, 1), to: Date.UTC(2100, 0, 1) }

export interface OffsetChange {
  /** The first instant with this offset (the first entry starts at -Infinity in effect). */
  fromMs: number
  offsetMs: number
}

const transitionsCache = new Map<string, OffsetChange[]>()

/** A zone's offset changes over ZONE_SPAN (no two changes are a week apart in any zone, so weekly steps then bisection find them all). */
export function zoneTransitions(timeZone: string): OffsetChange[] {
  const cached = transitionsCache.get(timeZone)
  if (cached) return cached
  const out: OffsetChange[] = [{ fromMs: Number.MIN_SAFE_INTEGER, offsetMs: zoneOffsetMs(ZONE_SPAN.from, timeZone) }]
  let prevT = ZONE_SPAN.from
  let prevOffset = out[0]!.offsetMs
  for (let t = ZONE_SPAN.from + WEEK_MS; t <= ZONE_SPAN.to; t += WEEK_MS) {
    const offset = zoneOffsetMs(t, timeZone)
    if (offset !== prevOffset) {
      let lo = prevT
      let hi = t
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000
        if (zoneOffsetMs(mid, timeZone) === prevOffset) lo = mid
        else hi = mid
      }
      out.push({ fromMs: hi, offsetMs: offset })
      prevOffset = offset
    }
    prevT = t
  }
  transitionsCache.set(timeZone, out)
  return out
}

export function offsetAt(ms: number, changes: OffsetChange[]): number {
  let lo = 0
  let hi = changes.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (changes[mid]!.fromMs <= ms) lo = mid
    else hi = mid - 1
  }
  return changes[lo]!.offsetMs
}

export function localDayNumber(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetAt(ms, zoneTransitions(timeZone))) / DAY_MS)
}

/** True when `ms` is a local midnight in the zone (so a rollup day boundary). */
export function isLocalMidnight(ms: number, timeZone: string): boolean {
  return (ms + offsetAt(ms, zoneTransitions(timeZone))) % DAY_MS === 0
}

export function dayToLocalDate(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * DAY_MS)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

function localDateToDay(date: { y: number; m: number; d: number }): number {
  return Math.round(Date.UTC(date.y, date.m - 1, date.d) / DAY_MS)
}

/** The first day of the bucket holding `day`; weeks start on Monday. */
export function bucketOfDay(day: number, interval: ReportInterval): number {
  if (interval === 'day') return day
  if (interval === 'week') return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7)
  const date = dayToLocalDate(day)
  return localDateToDay({ y: date.y, m: date.m, d: 1 })
}

export function nextBucket(bucketDay: number, interval: ReportInterval): number {
  if (interval === 'day') return bucketDay + 1
  if (interval === 'week') return bucketDay + 7
  const date = dayToLocalDate(bucketDay)
  return localDateToDay(date.m === 12 ? { y: date.y + 1, m: 1, d: 1 } : { y: date.y, m: date.m + 1, d: 1 })
}

/** The instant a local day starts in the zone. */
export function dayStart(day: number, timeZone: string): Date {
  return startOfLocalDay(dayToLocalDate(day), timeZone)
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function bucketLabel(bucketDay: number, interval: ReportInterval): string {
  const d = dayToLocalDate(bucketDay)
  const iso = `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`
  if (interval === 'month') return `${MONTHS[d.m - 1]} ${d.y}`
  if (interval === 'week') return `Week of ${iso}`
  return iso
}

/** SQL for row x's local day in the zone, as a CASE over the zone's offset changes within [fromMs, toMs). */
export function localDayCaseSql(x: string, timeZone: string, fromMs: number | null, toMs: number | null): string {
  const changes = zoneTransitions(timeZone)
  const lo = fromMs ?? Number.MIN_SAFE_INTEGER
  const hi = toMs ?? Number.MAX_SAFE_INTEGER
  const relevant = changes.filter((c, i) => c.fromMs < hi && (changes[i + 1]?.fromMs ?? Number.MAX_SAFE_INTEGER) > lo)
  if (relevant.length <= 1) return `((${x}.responded_ms + ${relevant[0]?.offsetMs ?? 0}) / ${DAY_MS})`
  const cases = relevant
    .slice(1)
    .reverse()
    .map((c) => `WHEN ${x}.responded_ms >= ${c.fromMs} THEN ${c.offsetMs}`)
    .join(' ')
  return `((${x}.responded_ms + CASE ${cases} ELSE ${relevant[0]!.offsetMs} END) / ${DAY_MS})`
}
