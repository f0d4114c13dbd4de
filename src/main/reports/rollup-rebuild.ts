import type { Db } from '../store/database'
import { ROLLUP_FILL_SQL } from '../store/cache/schema-v4-rollups'
import { zoneTransitions } from './zone-days'

/**
 * Re-keys the rollups by the local days of another zone: its offset changes go to report_tz_offsets
 * (which the cache writer reads for every page it writes from then on) and the rollups are refilled from the
 * responses, all in one transaction so a report never sees half of it.
 */
export function rebuildRollups(db: Db, timeZone: string): { timeZone: string; rows: number } {
  const changes = zoneTransitions(timeZone)
  db.transaction(() => {
    db.exec('DELETE FROM report_tz_offsets; DELETE FROM report_rollup; DELETE FROM report_histogram;')
    const insert = db.prepare('INSERT INTO report_tz_offsets (from_ms, offset_ms) VALUES (?, ?)')
    for (const c of changes) insert.run(c.fromMs, c.offsetMs)
    db.exec(ROLLUP_FILL_SQL)
    db.prepare('UPDATE report_rollup_state SET time_zone = ?, rebuilt_at = ? WHERE id = 1').run(timeZone, new Date().toISOString())
  })()
  return { timeZone, rows: db.prepare('SELECT count(*) FROM report_rollup').pluck().get() as number }
}
