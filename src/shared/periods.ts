import { z } from 'zod'

/**
 * CustomerSure's 18 named date periods (customersure-v1.txt, "Date periods"), used app-wide for the
 * inbox and reports. Ranges are computed in the user's time zone by src/shared/period-range.ts.
 * Weeks start on Monday. "ending 11:59 today" in the document is read as the end of today
 * (23:59:59.999), which is what the rolling windows mean everywhere else in the document.
 */
export const PERIOD_NAMES = [
  '7-days',
  '30-days',
  '3-months',
  '6-months',
  '12-months',
  'current_week',
  'current_month',
  'current_quarter',
  'current_year',
  'last_week',
  'last_month',
  'last_quarter',
  'last_year',
  'yesterday',
  'day_before_yesterday',
  'week_before_last',
  'month_before_last',
  'year_before_last'
] as const

export const PeriodName = z.enum(PERIOD_NAMES)
export type PeriodName = z.infer<typeof PeriodName>

export const PERIOD_LABELS: Record<PeriodName, string> = {
  '7-days': 'Last 7 days',
  '30-days': 'Last 30 days',
  '3-months': 'Last 3 months',
  '6-months': 'Last 6 months',
  '12-months': 'Last 12 months',
  current_week: 'This week',
  current_month: 'This month',
  current_quarter: 'This quarter',
  current_year: 'This year',
  last_week: 'Last week',
  last_month: 'Last month',
  last_quarter: 'Last quarter',
  last_year: 'Last year',
  yesterday: 'Yesterday',
  day_before_yesterday: 'Day before yesterday',
  week_before_last: 'Week before last',
  month_before_last: 'Month before last',
  year_before_last: 'Year before last'
}

/** An IANA time zone name the runtime knows (e.g. Europe/Brussels). */
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'Not a time zone this computer knows (use an IANA name such as Europe/Brussels)')
