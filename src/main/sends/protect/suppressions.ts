import type { Db } from '../../store/database'
import type { SkipReason, SuppressionList } from '../job/types'
import { normaliseEmail, normalisePhone } from './contact'

const PROVIDER_NAMES: Record<string, string> = {
  customersure: 'CustomerSure',
  enco: 'Enco',
  customergauge: 'CustomerGauge',
  feedbackapi: 'FeedbackAPI',
  nicereply: 'Nicereply'
}

/** The cache streams that hold opt-outs: FeedbackAPI customers (opt_out, invalid), Nicereply unsubscribes. */
export const SUPPRESSION_STREAMS: Readonly<Record<string, readonly string[]>> = {
  feedbackapi: ['customers'],
  nicereply: ['unsubscribes']
}

/**
 * Everyone who opted out, unsubscribed or was marked invalid in any connected provider, read from
 * the provider cache (the main database). Two indexed-by-nothing scans of small reference tables:
 * a few milliseconds for tens of thousands of customers.
 */
export function readSuppressions(db: Db): SuppressionList {
  const emails = new Map<string, { reason: SkipReason; detail: string }>()
  const phones = new Map<string, { reason: SkipReason; detail: string }>()
  const where = (provider: string, label: string): string => `${PROVIDER_NAMES[provider] ?? provider} (${label})`

  const customers = db
    .prepare(
      `SELECT c.email, c.phone, c.opted_out, c.invalid, c.provider, coalesce(k.label, c.connection_id) AS label
       FROM customers c LEFT JOIN connections k ON k.id = c.connection_id
       WHERE c.removed_at IS NULL AND (c.opted_out = 1 OR c.invalid = 1)`
    )
    .all() as Array<{ email: string | null; phone: string | null; opted_out: number; invalid: number; provider: string; label: string }>
  for (const c of customers) {
    const verdict =
      c.opted_out === 1
        ? { reason: 'opted_out' as const, detail: `opted out at ${where(c.provider, c.label)}` }
        : { reason: 'invalid_contact' as const, detail: `marked invalid (bounced or undeliverable) at ${where(c.provider, c.label)}` }
    const email = normaliseEmail(c.email)
    const phone = normalisePhone(c.phone, null)
    if (email && !emails.has(email)) emails.set(email, verdict)
    if (phone && !phones.has(phone)) phones.set(phone, verdict)
  }

  const unsubscribes = db
    .prepare(
      `SELECT u.email, u.provider, coalesce(k.label, u.connection_id) AS label
       FROM unsubscribes u LEFT JOIN connections k ON k.id = u.connection_id WHERE u.removed_at IS NULL AND u.email IS NOT NULL`
    )
    .all() as Array<{ email: string; provider: string; label: string }>
  for (const u of unsubscribes) {
    const email = normaliseEmail(u.email)
    if (email && !emails.has(email)) emails.set(email, { reason: 'unsubscribed', detail: `unsubscribed at ${where(u.provider, u.label)}` })
  }
  return { emails, phones }
}

/**
 * Connections whose opt-out lists were never synced (so the suppression check would miss people):
 * the host syncs them before a job is created.
 */
export function connectionsMissingSuppressions(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT k.id, k.provider, s.stream, s.last_success_at FROM connections k
       LEFT JOIN sync_state s ON s.connection_id = k.id WHERE k.provider IN ('feedbackapi','nicereply')`
    )
    .all() as Array<{ id: string; provider: string; stream: string | null; last_success_at: string | null }>
  const synced = new Set(rows.filter((r) => r.stream && r.last_success_at && SUPPRESSION_STREAMS[r.provider]?.includes(r.stream)).map((r) => r.id))
  return [...new Set(rows.map((r) => r.id))].filter((id) => !synced.has(id))
}
