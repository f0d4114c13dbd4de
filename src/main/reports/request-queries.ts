import type { InboxFilters } from '../../shared/domain/inbox'
import type { ReportBy } from '../../shared/domain/reports'
import type { Db } from '../store/database'
import type { RequestCounts } from './figures'
import { localDayCaseSql } from './zone-days'

/**
 * Response rate from cached feedback requests (FeedbackAPI syncs them): sent = has a send time,
 * delivered = sent and not bounced or marked spam, replied = answered. Requests carry no survey,
 * staff, team, tag or channel, so those breakdowns are empty for this metric.
 */

export const REQUEST_DIMENSIONS: ReadonlySet<ReportBy | null> = new Set([null, 'provider', 'connection', 'site', 'day', 'week', 'month'])

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

export function queryRequests(
  db: Db,
  filters: InboxFilters,
  range: { from: number | null; to: number | null },
  timeZone: string,
  by: ReportBy | null
): Array<{ key: string; counts: RequestCounts }> {
  if (!REQUEST_DIMENSIONS.has(by)) return []
  const where = ['f.removed_at IS NULL', 'f.sent_at IS NOT NULL']
  const params: Array<string | number> = []
  if (range.from !== null) {
    where.push('f.sent_at >= ?')
    params.push(new Date(range.from).toISOString())
  }
  if (range.to !== null) {
    where.push('f.sent_at < ?')
    params.push(new Date(range.to).toISOString())
  }
  if (filters.connectionIds && filters.connectionIds.length > 0) {
    where.push(`f.connection_id IN (${marks(filters.connectionIds.length)})`)
    params.push(...filters.connectionIds)
  }
  if (filters.providers && filters.providers.length > 0) {
    where.push(`c.provider IN (${marks(filters.providers.length)})`)
    params.push(...filters.providers)
  }
  if (filters.sites && filters.sites.length > 0) {
    where.push(`(${filters.sites.map(() => '(f.connection_id = ? AND f.site_external_id = ?)').join(' OR ')})`)
    for (const ref of filters.sites) params.push(ref.slice(0, 36), ref.slice(37))
  }
  const key =
    by === null
      ? `''`
      : by === 'provider'
        ? 'x.provider'
        : by === 'connection'
          ? 'x.connection_id'
          : by === 'site'
            ? `CASE WHEN x.site_external_id IS NULL THEN '' ELSE x.connection_id || ':' || x.site_external_id END`
            : localDayCaseSql('x', timeZone, range.from, range.to)
  const sql = `SELECT ${key} AS k, count(*) AS sent,
      sum(coalesce(x.status, '') NOT IN ('bounced', 'spam_complaint')) AS delivered,
      sum(coalesce(x.status, '') = 'responded' OR x.responded_at IS NOT NULL) AS replied
    FROM (SELECT f.connection_id, c.provider, f.site_external_id, f.status, f.responded_at, unixepoch(f.sent_at) * 1000 AS responded_ms
          FROM feedback_requests f CROSS JOIN connections c ON c.id = f.connection_id WHERE ${where.join(' AND ')}) x
    GROUP BY k`
  const rows = db.prepare(sql).all(...params) as Array<{ k: string | number; sent: number; delivered: number; replied: number }>
  return rows.map((r) => ({ key: String(r.k), counts: { sent: r.sent, delivered: r.delivered, replied: r.replied } }))
}
