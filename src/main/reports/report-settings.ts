import { DEFAULT_MINIMUM_SAMPLE, ReportSettings } from '../../shared/domain/reports'
import type { Db } from '../store/database'

/**
 * Report settings in app_settings under one key. The minimum sample defaults to 30: below that an
 * NPS moves by more than ±25 points with one answer either way (a 95% interval of roughly ±35),
 * too noisy to rank sites or agents on. The report time zone defaults to the computer's.
 */

const KEY = 'reports.settings'

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function readReportSettings(db: Db): ReportSettings {
  const rollupTimeZone = (db.prepare('SELECT time_zone FROM report_rollup_state WHERE id = 1').pluck().get() as string | undefined) ?? null
  const fallback = { minimumSample: DEFAULT_MINIMUM_SAMPLE, timeZone: systemTimeZone() }
  const row = db.prepare('SELECT value FROM app_settings WHERE key = ?').pluck().get(KEY) as string | undefined
  let stored: unknown = {}
  try {
    stored = row ? JSON.parse(row) : {}
  } catch {
    // Unreadable JSON (edited by hand): the defaults.
  }
  const parsed = ReportSettings.omit({ rollupTimeZone: true }).partial().safeParse(stored)
  return { ...fallback, ...(parsed.success ? parsed.data : {}), rollupTimeZone }
}

export function writeReportSettings(db: Db, change: { minimumSample?: number; timeZone?: string }): ReportSettings {
  const current = readReportSettings(db)
  const next = { minimumSample: change.minimumSample ?? current.minimumSample, timeZone: change.timeZone ?? current.timeZone }
  db.prepare(
    `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
  ).run(KEY, JSON.stringify(next), new Date().toISOString())
  return readReportSettings(db)
}
