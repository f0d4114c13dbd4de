import type { Db } from '../../store/database'
import type { KnownIdLists, SendProvider } from '../read'

export interface Choice {
  value: string
  label: string
}

/** What the cache knows for a connection: ids the validator checks, and the same as labelled choices for constants. */
export interface CacheChoices {
  known: KnownIdLists
  /** Field id -> choices offered for a constant. */
  options: Record<string, Choice[]>
}

interface NamedRow {
  external_id: string
  name: string
}

/**
 * Reads the reference tables of the provider cache (small: tens to a few thousand rows per
 * connection, read by their connection index) on main's own connection. An empty table means "not
 * synced yet", so that kind is left unchecked rather than rejecting every row.
 */
export function cacheChoices(db: Db, connectionId: string, provider: SendProvider): CacheChoices {
  const named = (sql: string, ...args: unknown[]): NamedRow[] => db.prepare(sql).all(connectionId, ...args) as NamedRow[]
  const surveys = named(`SELECT external_id, name FROM surveys WHERE connection_id = ? AND removed_at IS NULL ORDER BY name`)
  const choice = (rows: NamedRow[]): Choice[] => rows.map((r) => ({ value: r.external_id, label: `${r.name} (${r.external_id})` }))
  const ids = (rows: NamedRow[]): string[] | undefined => (rows.length > 0 ? rows.map((r) => r.external_id) : undefined)
  const known: KnownIdLists = {}
  const options: Record<string, Choice[]> = {}

  if (provider === 'customersure') {
    const tpl = (channel: string): NamedRow[] =>
      named(`SELECT external_id, name FROM templates WHERE connection_id = ? AND channel = ? AND removed_at IS NULL AND archived = 0 ORDER BY name`, channel)
    const email = tpl('email')
    const sms = tpl('sms')
    setIf(known, 'surveys', ids(surveys))
    setIf(known, 'emailTemplates', ids(email))
    setIf(known, 'smsTemplates', ids(sms))
    options.survey_id = choice(surveys)
    options.email_template_id = choice(email)
    options.text_message_template_id = choice(sms)
  } else if (provider === 'enco') {
    setIf(known, 'surveys', ids(surveys))
    options.survey_id = choice(surveys)
  } else if (provider === 'feedbackapi') {
    const locations = named(`SELECT external_id, name FROM sites WHERE connection_id = ? AND removed_at IS NULL AND (active IS NULL OR active = 1) ORDER BY name`)
    setIf(known, 'locations', ids(locations))
    options.location = choice(locations)
  } else {
    const users = db
      .prepare(`SELECT external_id, name, username FROM staff WHERE connection_id = ? AND removed_at IS NULL ORDER BY name`)
      .all(connectionId) as Array<NamedRow & { username: string | null }>
    const metrics = db
      .prepare(`SELECT external_id, metric FROM surveys WHERE connection_id = ? AND removed_at IS NULL AND metric IN ('csat','ces','nps')`)
      .all(connectionId) as Array<{ external_id: string; metric: 'csat' | 'ces' | 'nps' }>
    setIf(known, 'surveys', ids(surveys))
    if (metrics.length > 0) known.surveyMetrics = Object.fromEntries(metrics.map((m) => [m.external_id, m.metric]))
    const scales = db
      .prepare(`SELECT external_id, scale_min, scale_max FROM surveys WHERE connection_id = ? AND removed_at IS NULL AND scale_min IS NOT NULL AND scale_max IS NOT NULL`)
      .all(connectionId) as Array<{ external_id: string; scale_min: number; scale_max: number }>
    if (scales.length > 0) known.surveyScales = Object.fromEntries(scales.map((s) => [s.external_id, [s.scale_min, s.scale_max] as [number, number]]))
    if (users.length > 0) known.users = users.flatMap((u) => (u.username ? [u.external_id, u.username] : [u.external_id]))
    options.survey_id = choice(surveys)
    options.user = users.map((u) => ({ value: u.username ?? u.external_id, label: `${u.name}${u.username ? ` (${u.username})` : ''}` }))
  }
  return { known, options }
}

function setIf<K extends keyof KnownIdLists>(target: KnownIdLists, key: K, value: KnownIdLists[K] | undefined): void {
  if (value !== undefined) target[key] = value
}
