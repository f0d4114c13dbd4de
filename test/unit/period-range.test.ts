import { describe, expect, it } from 'vitest'
import { customRange, periodRange, previousPeriod, startOfLocalDay, zoneOffsetMs } from '../../src/shared/period-range'
import { PERIOD_NAMES, type PeriodName } from '../../src/shared/periods'

const iso = (d: Date): string => d.toISOString()
const range = (name: PeriodName, now: string, tz: string): [string, string] => {
  const r = periodRange(name, new Date(now), tz)
  return [iso(r.from), iso(r.to)]
}

describe('periodRange in UTC on Wednesday 2025-05-14 15:30', () => {
  const now = '2025-05-14T15:30:00Z'
  const expected: Record<PeriodName, [string, string]> = {
    '7-days': ['2025-05-08T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    '30-days': ['2025-04-15T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    '3-months': ['2025-02-14T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    '6-months': ['2024-11-14T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    '12-months': ['2024-05-14T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    current_week: ['2025-05-12T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    current_month: ['2025-05-01T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    current_quarter: ['2025-04-01T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    current_year: ['2025-01-01T00:00:00.000Z', '2025-05-15T00:00:00.000Z'],
    last_week: ['2025-05-05T00:00:00.000Z', '2025-05-12T00:00:00.000Z'],
    last_month: ['2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z'],
    last_quarter: ['2025-01-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z'],
    last_year: ['2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
    yesterday: ['2025-05-13T00:00:00.000Z', '2025-05-14T00:00:00.000Z'],
    day_before_yesterday: ['2025-05-12T00:00:00.000Z', '2025-05-13T00:00:00.000Z'],
    week_before_last: ['2025-04-28T00:00:00.000Z', '2025-05-05T00:00:00.000Z'],
    month_before_last: ['2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z'],
    year_before_last: ['2023-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z']
  }
  for (const name of PERIOD_NAMES) {
    it(name, () => expect(range(name, now, 'UTC')).toEqual(expected[name]))
  }
})

describe('periodRange in a zone', () => {
  it('uses the zone\'s date, not UTC\'s: 23:30 UTC on 31 Dec is already New Year in Brussels', () => {
    expect(range('current_year', '2024-12-31T23:30:00Z', 'Europe/Brussels')).toEqual(['2024-12-31T23:00:00.000Z', '2025-01-01T23:00:00.000Z'])
    expect(range('last_year', '2024-12-31T23:30:00Z', 'Europe/Brussels')).toEqual(['2023-12-31T23:00:00.000Z', '2024-12-31T23:00:00.000Z'])
    expect(range('yesterday', '2024-12-31T23:30:00Z', 'America/New_York')).toEqual(['2024-12-30T05:00:00.000Z', '2024-12-31T05:00:00.000Z'])
  })

  it('a Sunday belongs to the week that started the Monday before', () => {
    expect(range('current_week', '2025-05-18T12:00:00Z', 'UTC')).toEqual(['2025-05-12T00:00:00.000Z', '2025-05-19T00:00:00.000Z'])
  })

  it('spring forward in Brussels (30 March 2025): the day is 23 hours long', () => {
    const [from, to] = range('yesterday', '2025-03-31T10:00:00Z', 'Europe/Brussels')
    expect([from, to]).toEqual(['2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z'])
    expect(Date.parse(to) - Date.parse(from)).toBe(23 * 3_600_000)
  })

  it('fall back in Brussels (26 October 2025): the day is 25 hours long', () => {
    const [from, to] = range('yesterday', '2025-10-27T10:00:00Z', 'Europe/Brussels')
    expect([from, to]).toEqual(['2025-10-25T22:00:00.000Z', '2025-10-26T23:00:00.000Z'])
    expect(Date.parse(to) - Date.parse(from)).toBe(25 * 3_600_000)
  })

  it('New York across both changes (9 March and 2 November 2025)', () => {
    expect(range('yesterday', '2025-03-10T12:00:00Z', 'America/New_York')).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z'])
    expect(range('yesterday', '2025-11-03T12:00:00Z', 'America/New_York')).toEqual(['2025-11-02T04:00:00.000Z', '2025-11-03T05:00:00.000Z'])
    // A week holding the change is 7 local days, 167 hours.
    const [from, to] = range('last_week', '2025-03-12T12:00:00Z', 'America/New_York')
    expect([from, to]).toEqual(['2025-03-03T05:00:00.000Z', '2025-03-10T04:00:00.000Z'])
  })

  it('a month window from the 31st clamps to the end of a shorter month, leap years included', () => {
    expect(range('3-months', '2024-05-31T12:00:00Z', 'UTC')[0]).toBe('2024-02-29T00:00:00.000Z')
    expect(range('3-months', '2025-05-31T12:00:00Z', 'UTC')[0]).toBe('2025-02-28T00:00:00.000Z')
    expect(range('12-months', '2024-02-29T12:00:00Z', 'UTC')[0]).toBe('2023-02-28T00:00:00.000Z')
  })

  it('leap day: yesterday on 1 March 2024 is 29 February; last_month is all of February', () => {
    expect(range('yesterday', '2024-03-01T08:00:00Z', 'UTC')).toEqual(['2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z'])
    expect(range('last_month', '2024-03-01T08:00:00Z', 'Europe/Brussels')).toEqual(['2024-01-31T23:00:00.000Z', '2024-02-29T23:00:00.000Z'])
  })

  it('quarters and year ends', () => {
    expect(range('last_quarter', '2025-01-15T12:00:00Z', 'UTC')).toEqual(['2024-10-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'])
    expect(range('current_quarter', '2025-12-31T12:00:00Z', 'UTC')).toEqual(['2025-10-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'])
    expect(range('week_before_last', '2025-01-02T12:00:00Z', 'UTC')).toEqual(['2024-12-16T00:00:00.000Z', '2024-12-23T00:00:00.000Z'])
    expect(range('month_before_last', '2025-02-10T12:00:00Z', 'UTC')).toEqual(['2024-12-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'])
  })

  it('a day whose midnight does not exist starts at the transition (Santiago, 7 September 2025)', () => {
    // Chile springs forward at 24:00 -> 01:00: 7 September has no 00:00.
    const start = startOfLocalDay({ y: 2025, m: 9, d: 7 }, 'America/Santiago')
    expect(iso(start)).toBe('2025-09-07T04:00:00.000Z')
    expect(zoneOffsetMs(start.getTime(), 'America/Santiago')).toBe(-3 * 3_600_000)
  })
})

describe('customRange', () => {
  it('reads ISO instants with offsets; the end is inclusive', () => {
    const r = customRange('2025-03-01T00:00:00+01:00', '2025-03-31T23:59:59.999+02:00')
    expect(iso(r.from!)).toBe('2025-02-28T23:00:00.000Z')
    expect(iso(r.to!)).toBe('2025-03-31T22:00:00.000Z')
  })
  it('leaves an end open and refuses a reversed range', () => {
    expect(customRange(undefined, '2025-01-01T00:00:00Z').from).toBeNull()
    expect(() => customRange('2025-02-01T00:00:00Z', '2025-01-01T00:00:00Z')).toThrow(/after the end/)
  })
})

describe('previousPeriod', () => {
  const tz = 'Europe/Brussels'
  const prev = (name: PeriodName, now: string): [string, string] => {
    const r = previousPeriod(periodRange(name, new Date(now), tz), name, tz)
    return [iso(r.from), iso(r.to)]
  }
  it('last_month -> the month before, across the DST change', () => {
    expect(prev('last_month', '2025-04-10T12:00:00Z')).toEqual(['2025-01-31T23:00:00.000Z', '2025-02-28T23:00:00.000Z'])
  })
  it('current_month to date -> the same days of the previous month', () => {
    expect(prev('current_month', '2025-03-17T12:00:00Z')).toEqual(['2025-01-31T23:00:00.000Z', '2025-02-17T23:00:00.000Z'])
  })
  it('rolling windows -> the window just before, in local days', () => {
    const current = periodRange('7-days', new Date('2025-04-02T12:00:00Z'), tz)
    const before = previousPeriod(current, '7-days', tz)
    expect(iso(before.to)).toBe(iso(current.from))
    expect(iso(before.from)).toBe('2025-03-19T23:00:00.000Z')
  })
  it('last_year -> the year before; without a name, the same length before', () => {
    expect(prev('last_year', '2025-06-01T00:00:00Z')).toEqual(['2022-12-31T23:00:00.000Z', '2023-12-31T23:00:00.000Z'])
    const r = previousPeriod({ from: new Date('2025-01-10T00:00:00Z'), to: new Date('2025-01-20T00:00:00Z') })
    expect([iso(r.from), iso(r.to)]).toEqual(['2024-12-31T00:00:00.000Z', '2025-01-10T00:00:00.000Z'])
  })
})
