import type { ReportBy } from '../../shared/domain/reports'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../store/database'

/** Display names for breakdown keys, from the reference lists first, else the newest response that named it. */

export const PROVIDER_NAMES: Record<string, string> = {
  customersure: 'CustomerSure',
  enco: 'Enco',
  customergauge: 'CustomerGauge',
  feedbackapi: 'FeedbackAPI',
  nicereply: 'Nicereply'
}

const ENTITY = {
  survey: { table: 'surveys', column: 'survey' },
  site: { table: 'sites', column: 'site' },
  staff: { table: 'staff', column: 'staff' },
  team: { table: 'teams', column: 'team' }
} as const

const NONE: Partial<Record<ReportBy, string>> = {
  survey: 'No survey',
  site: 'No site',
  staff: 'No staff member',
  team: 'No team',
  channel: 'No channel'
}

/** A league table names up to a thousand rows: its statements are prepared once per connection. */
const statements = new WeakMap<Db, Map<string, Statement>>()

function prepared(db: Db, sql: string): Statement {
  let byDb = statements.get(db)
  if (!byDb) statements.set(db, (byDb = new Map()))
  let s = byDb.get(sql)
  if (!s) byDb.set(sql, (s = db.prepare(sql).pluck()))
  return s
}

export function labelFor(db: Db, by: ReportBy, key: string): string {
  if (key === '' && NONE[by]) return NONE[by]!
  if (by === 'provider') return PROVIDER_NAMES[key] ?? key
  if (by === 'connection') return (prepared(db, 'SELECT label FROM connections WHERE id = ?').get(key) as string | undefined) ?? key
  if (by in ENTITY) {
    const e = ENTITY[by as keyof typeof ENTITY]
    const connectionId = key.slice(0, 36)
    const externalId = key.slice(37)
    const listed = prepared(db, `SELECT name FROM ${e.table} WHERE connection_id = ? AND external_id = ?`).get(connectionId, externalId) as string | undefined
    if (listed) return listed
    const seen = prepared(
      db,
      `SELECT ${e.column}_name FROM responses WHERE connection_id = ? AND ${e.column}_external_id = ? AND ${e.column}_name IS NOT NULL ORDER BY id DESC LIMIT 1`
    ).get(connectionId, externalId) as string | undefined
    // Some providers send only an id (CustomerSure team ids): say what it is an id of.
    return seen ?? `${by[0]!.toUpperCase()}${by.slice(1)} ${externalId}`
  }
  return key
}
