import type { PeriodName } from './periods'

/**
 * Named periods (src/shared/periods.ts) -> instant ranges [from, to) in a time zone, without a date
 * library: Intl.DateTimeFormat tells a zone's wall clock at an instant, and local midnights are
 * found from that, so DST changes and year ends fall out right.
 *
 * Readings of CustomerSure's wording (the document is terse):
 * - rolling day windows include today: '7-days' is today and the 6 days before it;
 * - rolling month windows start on today's date N calendar months back ('3-months' on 15 May starts
 *   15 February; 31 May starts 28/29 February, the month's last day);
 * - every window ends at the end of today (the start of tomorrow, exclusive); weeks start on Monday.
 */

export interface InstantRange {
  from: Date
  /** Exclusive. */
  to: Date
}

/** A calendar date with no zone: month 1-12. */
interface LocalDate {
  y: number
  m: number
  d: number
}

const DAY_MS = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The wall clock of `timeZone` at instant `ms`, as if it were UTC (epoch ms, whole seconds). */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
}

/** The zone's offset from UTC at an instant, in ms (Brussels in summer: +7,200,000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000
  return wallClock(whole, timeZone) - whole
}

function localDateOf(ms: number, timeZone: string): LocalDate {
  const w = new Date(wallClock(ms, timeZone))
  return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate() }
}

/**
 * The first instant of a local date in the zone. Where midnight falls in a DST gap (some zones
 * spring forward at 00:00) the day starts at the transition, the first instant that exists.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wall = Date.UTC(date.y, date.m - 1, date.d)
  const candidates = [zoneOffsetMs(wall - DAY_MS, timeZone), zoneOffsetMs(wall + DAY_MS, timeZone), zoneOffsetMs(wall, timeZone)]
    .map((offset) => wall - offset)
    .filter((t) => wallClock(t, timeZone) === wall)
  if (candidates.length > 0) return new Date(Math.min(...candidates))
  // In a gap: the instant the old offset's clock reads midnight is the transition itself.
  return new Date(wall - zoneOffsetMs(wall - DAY_MS, timeZone))
}

function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days))
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

/** Calendar months later (negative: earlier); the day is clamped to the target month's last day. */
function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.y * 12 + (date.m - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { y, m, d: Math.min(date.d, last) }
}

/** 0 = Monday ... 6 = Sunday. */
function weekdayOf(date: LocalDate): number {
  return (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7
}

function localRange(from: LocalDate, toExclusive: LocalDate, timeZone: string): InstantRange {
  return { from: startOfLocalDay(from, timeZone), to: startOfLocalDay(toExclusive, timeZone) }
}

export function periodRange(name: PeriodName, now: Date, timeZone: string): InstantRange {
  const today = localDateOf(now.getTime(), timeZone)
  const tomorrow = addDays(today, 1)
  const weekStart = addDays(today, -weekdayOf(today))
  const monthStart: LocalDate = { y: today.y, m: today.m, d: 1 }
  const quarterStart: LocalDate = { y: today.y, m: today.m - ((today.m - 1) % 3), d: 1 }
  const yearStart: LocalDate = { y: today.y, m: 1, d: 1 }
  const r = (from: LocalDate, to: LocalDate): InstantRange => localRange(from, to, timeZone)
  switch (name) {
    case '7-days':
      return r(addDays(today, -6), tomorrow)
    case '30-days':
      return r(addDays(today, -29), tomorrow)
    case '3-months':
      return r(addMonths(today, -3), tomorrow)
    case '6-months':
      return r(addMonths(today, -6), tomorrow)
    case '12-months':
      return r(addMonths(today, -12), tomorrow)
    case 'current_week':
      return r(weekStart, tomorrow)
    case 'current_month':
      return r(monthStart, tomorrow)
    case 'current_quarter':
      return r(quarterStart, tomorrow)
    case 'current_year':
      return r(yearStart, tomorrow)
    case 'last_week':
      return r(addDays(weekStart, -7), weekStart)
    case 'last_month':
      return r(addMonths(monthStart, -1), monthStart)
    case 'last_quarter':
      return r(addMonths(quarterStart, -3), quarterStart)
    case 'last_year':
      return r(addMonths(yearStart, -12), yearStart)
    case 'yesterday':
      return r(addDays(today, -1), today)
    case 'day_before_yesterday':
      return r(addDays(today, -2), addDays(today, -1))
    case 'week_before_last':
      return r(addDays(weekStart, -14), addDays(weekStart, -7))
    case 'month_before_last':
      return r(addMonths(monthStart, -2), addMonths(monthStart, -1))
    case 'year_before_last':
      return r(addMonths(yearStart, -24), addMonths(yearStart, -12))
  }
}

/**
 * A custom range from two ISO 8601 instants; `to` is inclusive as a person reads "from 1 March to
 * 31 March 23:59:59", so the exclusive end is one millisecond after it. Either end may be open.
 */
export function customRange(fromIso?: string, toIso?: string): { from: Date | null; to: Date | null } {
  const parse = (iso: string, field: string): number => {
    const ms = Date.parse(iso)
    if (Number.isNaN(ms)) throw new RangeError(`${field}: not a date-time (${iso})`)
    return ms
  }
  const from = fromIso === undefined ? null : parse(fromIso, 'from')
  const to = toIso === undefined ? null : parse(toIso, 'to') + 1
  if (from !== null && to !== null && from >= to) throw new RangeError('from: the start is after the end')
  return { from: from === null ? null : new Date(from), to: to === null ? null : new Date(to) }
}

type Step = { days: number } | { months: number }

const STEP: Record<PeriodName, Step> = {
  '7-days': { days: 7 },
  '30-days': { days: 30 },
  '3-months': { months: 3 },
  '6-months': { months: 6 },
  '12-months': { months: 12 },
  current_week: { days: 7 },
  current_month: { months: 1 },
  current_quarter: { months: 3 },
  current_year: { months: 12 },
  last_week: { days: 7 },
  last_month: { months: 1 },
  last_quarter: { months: 3 },
  last_year: { months: 12 },
  yesterday: { days: 1 },
  day_before_yesterday: { days: 1 },
  week_before_last: { days: 7 },
  month_before_last: { months: 1 },
  year_before_last: { months: 12 }
}

/**
 * The period to compare with (reports): for a named period, the one before it of the same kind,
 * counted in calendar days / months in the zone (so a week across a DST change is still a week);
 * a "current_…" period to date compares with the same span of the previous one (1-17 March with
 * 1-17 February). Without a name: the same length immediately before.
 */
export function previousPeriod(range: InstantRange, name?: PeriodName, timeZone = 'UTC'): InstantRange {
  if (!name) {
    const length = range.to.getTime() - range.from.getTime()
    return { from: new Date(range.from.getTime() - length), to: new Date(range.from.getTime()) }
  }
  const step = STEP[name]
  const back = (t: Date): Date => {
    const date = localDateOf(t.getTime(), timeZone)
    return startOfLocalDay('days' in step ? addDays(date, -step.days) : addMonths(date, -step.months), timeZone)
  }
  if (name.startsWith('current_')) return { from: back(range.from), to: back(range.to) }
  return { from: back(range.from), to: new Date(range.from.getTime()) }
}
