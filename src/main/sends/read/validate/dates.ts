import { zoneOffsetMs } from '../../../../shared/period-range'
import type { DateColumnVerdict, DateOrder } from '../types'

/** A cell read as a date: either already an instant (it carried an offset) or a wall-clock time in the user's zone. */
export type ReadDate =
  | { kind: 'instant'; ms: number }
  | { kind: 'wall'; y: number; m: number; d: number; h: number; mi: number; s: number; timeGiven: boolean }
  /** Two numbers that could be day/month or month/day: `a` is the first, `b` the second. */
  | { kind: 'pair'; a: number; b: number; y: number; h: number; mi: number; s: number; timeGiven: boolean }
  | { kind: 'bad'; message: string }

const MONTHS: Record<string, number> = {}
;[
  ['jan', 'janv', 'januari', 'january', 'janvier'],
  ['feb', 'febr', 'fev', 'februari', 'february', 'fevrier'],
  ['mar', 'mrt', 'maart', 'march', 'mars'],
  ['apr', 'avr', 'april', 'avril'],
  ['may', 'mei', 'mai'],
  ['jun', 'juni', 'june', 'juin'],
  ['jul', 'juli', 'july', 'juil', 'juillet'],
  ['aug', 'augustus', 'august', 'aout'],
  ['sep', 'sept', 'september', 'septembre'],
  ['oct', 'okt', 'oktober', 'october', 'octobre'],
  ['nov', 'november', 'novembre'],
  ['dec', 'december', 'decembre']
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)))

const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i
const TIME = String.raw`(?:[ T]+(\d{1,2})[:hHuU.](\d{2})(?:[:.](\d{2})(?:\.\d{1,6})?)?\s*(am|pm)?)?`
const YMD = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, 'i')
const PAIR = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})${TIME}$`, 'i')
const NAMED_DMY = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th|er)?[\s.\-/]+([a-zA-Z\u00C0-\u017F]{3,10})\.?[\s.\-/,]+(\d{4})${TIME}$`, 'i')
const NAMED_MDY = new RegExp(String.raw`^([a-zA-Z\u00C0-\u017F]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`, 'i')
const PAIR_START = /^(\d{1,2})[-/.](\d{1,2})[-/.](?:\d{4}|\d{2})(?!\d)/
const SERIAL = /^\d{5}([.,]\d+)?$/
/** Excel serial days for 1970-01-01 and 2100-01-01: outside that a 5-digit number is not a date. */
const SERIAL_MIN = 25_569
const SERIAL_MAX = 73_051
const DAY_MS = 86_400_000

/** Reads one cell (already trimmed and non-empty). Day/month order is left open (a `pair`) for the column to decide. */
export function readDate(text: string): ReadDate {
  if (ISO_OFFSET.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
    return Number.isNaN(ms) ? { kind: 'bad', message: `"${text}" is not a valid date and time` } : { kind: 'instant', ms }
  }
  let m = YMD.exec(text)
  if (m) return wall(text, Number(m[1]), Number(m[2]), Number(m[3]), m, 4)
  m = PAIR.exec(text)
  if (m) {
    const time = timeOf(text, m, 4)
    if ('message' in time) return { kind: 'bad', message: time.message }
    return { kind: 'pair', a: Number(m[1]), b: Number(m[2]), y: fullYear(m[3]!), ...time }
  }
  m = NAMED_DMY.exec(text)
  if (m) return named(text, m[2]!, Number(m[1]), Number(m[3]), m)
  m = NAMED_MDY.exec(text)
  if (m) return named(text, m[1]!, Number(m[2]), Number(m[3]), m)
  if (SERIAL.test(text)) {
    const serial = Number(text.replace(',', '.'))
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return { kind: 'bad', message: `"${text}" is not a date` }
    // Excel counts days from 1899-12-30 in local wall time; the fraction is the time of day.
    const t = new Date(Math.round((serial - SERIAL_MIN) * DAY_MS / 1000) * 1000)
    return { kind: 'wall', y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), timeGiven: serial % 1 !== 0 }
  }
  return { kind: 'bad', message: `"${text}" is not a date this app can read (use e.g. 2026-12-01 09:30 or 01/12/2026 09:30)` }
}

function named(text: string, monthName: string, d: number, y: number, m: RegExpExecArray): ReadDate {
  const month = MONTHS[monthName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\.$/, '')]
  if (!month) return { kind: 'bad', message: `"${monthName}" in "${text}" is not a month` }
  return wall(text, y, month, d, m, 4)
}

function wall(text: string, y: number, mo: number, d: number, m: RegExpExecArray, timeAt: number): ReadDate {
  const time = timeOf(text, m, timeAt)
  if ('message' in time) return { kind: 'bad', message: time.message }
  if (!validDay(y, mo, d)) return { kind: 'bad', message: `"${text}" is not a real date` }
  return { kind: 'wall', y, m: mo, d, ...time }
}

function timeOf(text: string, m: RegExpExecArray, at: number): { h: number; mi: number; s: number; timeGiven: boolean } | { message: string } {
  if (m[at] === undefined) return { h: 0, mi: 0, s: 0, timeGiven: false }
  let h = Number(m[at])
  const mi = Number(m[at + 1])
  const s = m[at + 2] === undefined ? 0 : Number(m[at + 2])
  const ampm = m[at + 3]?.toLowerCase()
  if (ampm) {
    if (h < 1 || h > 12) return { message: `"${text}" has an impossible time` }
    h = (h % 12) + (ampm === 'pm' ? 12 : 0)
  }
  if (h > 23 || mi > 59 || s > 59) return { message: `"${text}" has an impossible time` }
  return { h, mi, s, timeGiven: true }
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y)
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/**
 * Collects a column's evidence for day/month order: a value whose first part is over 12 can only
 * be day-first, one whose second part is over 12 only month-first. The whole column is seen before
 * any row is judged, so no row is guessed on its own.
 */
export class DateColumnEvidence {
  private dayFirst = 0
  private monthFirst = 0
  private pairs = 0

  observe(text: string): void {
    // Only the two leading numbers matter here; the full reading happens once, in the second pass.
    const m = PAIR_START.exec(text)
    if (!m) return
    const a = Number(m[1])
    const b = Number(m[2])
    this.pairs++
    if (a > 12 && b <= 12) this.dayFirst++
    else if (b > 12 && a <= 12) this.monthFirst++
  }

  /** The column's verdict; a caller's choice wins, else the values' majority, else ambiguous. */
  verdict(field: string, chosen: DateOrder | undefined): DateColumnVerdict {
    if (chosen) return { field, order: chosen, decidedBy: 'caller', ambiguous: false }
    if (this.pairs === 0) return { field, order: 'ymd', decidedBy: 'unambiguous', ambiguous: false }
    if (this.dayFirst > 0 || this.monthFirst > 0) {
      return { field, order: this.dayFirst >= this.monthFirst ? 'dmy' : 'mdy', decidedBy: 'values', ambiguous: false }
    }
    return { field, order: null, decidedBy: 'undecided', ambiguous: true }
  }
}

export type DateResult = { ok: true; ms: number } | { ok: false; message: string }

/** Hour a date written without a time is sent at: nobody wants a survey at midnight. */
export const DATE_ONLY_HOUR = 9

/**
 * A cell to an instant, using the column's day/month order and the user's time zone. A date
 * without a time means 09:00 that day.
 */
export function resolveDate(text: string, order: DateOrder | null, timeZone: string): DateResult {
  const read = readDate(text)
  switch (read.kind) {
    case 'bad':
      return { ok: false, message: read.message }
    case 'instant':
      return { ok: true, ms: read.ms }
    case 'wall':
      return { ok: true, ms: wallToInstant(read.y, read.m, read.d, read.timeGiven ? read.h : DATE_ONLY_HOUR, read.mi, read.s, timeZone) }
    case 'pair': {
      if (order === null) {
        return { ok: false, message: `Day and month could be either way round in this column ("${text}"): choose day-first or month-first` }
      }
      const [d, mo] = order === 'mdy' ? [read.b, read.a] : [read.a, read.b]
      if (!validDay(read.y, mo, d)) {
        return { ok: false, message: `"${text}" is not a real date when read ${order === 'mdy' ? 'month-first' : 'day-first'} like the rest of the column` }
      }
      return { ok: true, ms: wallToInstant(read.y, mo, d, read.timeGiven ? read.h : DATE_ONLY_HOUR, read.mi, read.s, timeZone) }
    }
  }
}

/** Per zone and UTC day: the zone's offset if it is the same all day (no transition), else null. */
const dayOffsets = new Map<string, Map<number, number | null>>()

function offsetAt(ms: number, timeZone: string): number {
  // Intl is slow; a zone changes offset on very few days, so one offset per day serves almost every row.
  let days = dayOffsets.get(timeZone)
  if (!days) dayOffsets.set(timeZone, (days = new Map()))
  const day = Math.floor(ms / DAY_MS)
  let offset = days.get(day)
  if (offset === undefined) {
    if (days.size > 100_000) days.clear()
    const start = zoneOffsetMs(day * DAY_MS, timeZone)
    offset = start === zoneOffsetMs(day * DAY_MS + DAY_MS - 1000, timeZone) ? start : null
    days.set(day, offset)
  }
  return offset ?? zoneOffsetMs(ms, timeZone)
}

/** The instant a wall-clock time shows in a zone (a time in a DST gap moves forward by the gap). */
export function wallToInstant(y: number, m: number, d: number, h: number, mi: number, s: number, timeZone: string): number {
  const wallMs = Date.UTC(y, m - 1, d, h, mi, s)
  const guess = wallMs - offsetAt(wallMs, timeZone)
  return wallMs - offsetAt(guess, timeZone)
}
