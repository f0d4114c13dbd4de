import type { ClientAccountRow, CustomerRow, OutboxEntry, SiteRow, StaffRow, SurveyRow } from '../../shared/domain/manage'
import { PROVIDERS } from '../../shared/providers'

type Fields = Record<string, unknown>
type PendingRow = SiteRow | StaffRow | SurveyRow | CustomerRow | ClientAccountRow

const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/**
 * A create still in the outbox has no row in the cache yet: the list shows it anyway, built from
 * what the user typed, under a `pending-<entry id>` ref, so the work is visible (and its rejection
 * reason is on it) until the provider's answer replaces it.
 */
export function pendingCreateRows(kind: string, entries: readonly OutboxEntry[], labels: ReadonlyMap<string, string>): PendingRow[] {
  const rows: PendingRow[] = []
  for (const e of entries) {
    const f = ((e.write as { fields?: Fields } | null)?.fields ?? {}) as Fields
    const externalId = `pending-${e.id}`
    const base = {
      ref: `${e.connectionId}:${externalId}`,
      connectionId: e.connectionId,
      connectionLabel: labels.get(e.connectionId) ?? PROVIDERS[e.provider].name,
      provider: e.provider,
      externalId,
      figures: null,
      outbox: { entryId: e.id, status: e.status, op: e.op, message: e.lastError?.message ?? null }
    }
    if (kind === 'sites' && (e.op === 'site.create' || e.op === 'location.create')) {
      rows.push({
        ...base,
        kind: e.op === 'site.create' ? 'site' : 'location',
        code: s(f.siteCode),
        name: s(f.name) ?? 'New site',
        region: s(f.region),
        city: s(f.city),
        siteType: s(f.siteType),
        countryCode: s(f.countryCode),
        address: [f.addressLine1, f.addressLine2, f.addressLine3].map(s).filter((x): x is string => x !== null),
        postalCode: s(f.postalCode),
        active: true,
        reviewUrls: Array.isArray(f.reviewProfiles) ? (f.reviewProfiles as string[]) : [],
        linkedRefs: []
      })
    } else if (kind === 'staff' && (e.op === 'agent.create' || e.op === 'thing.create' || e.op === 'user.invite')) {
      rows.push({
        ...base,
        name: s(f.fullname) ?? s(f.email) ?? 'New user',
        email: s(f.email),
        code: null,
        username: s(f.username),
        kind: e.op === 'agent.create' ? 'agent' : e.op === 'thing.create' ? 'thing_or_action' : 'invited',
        teams: [],
        active: null,
        linkedRefs: []
      })
    } else if (kind === 'surveys' && e.op === 'survey.create') {
      rows.push({
        ...base,
        name: s(f.name) ?? 'New survey',
        metric: 'nps',
        scale: { min: 0, max: 10 },
        kind: s(f.interactionType),
        active: null,
        questions: s(f.question) ? [{ externalId: `${externalId}#1`, text: s(f.question)!, type: null, language: s(f.language), position: 0 }] : [],
        createdAt: e.createdAt
      })
    } else if (kind === 'customers' && e.op === 'customer.create') {
      const first = s(f.firstName)
      const last = s(f.lastName)
      rows.push({
        ...base,
        name: [first, last].filter(Boolean).join(' ') || null,
        firstName: first,
        lastName: last,
        email: s(f.email),
        phone: s(f.mobileNumber),
        countryCode: s(f.countryCode),
        optedOut: false,
        invalid: false,
        sites: s(f.location) ? [{ externalId: s(f.location)!, name: null }] : [],
        stats: null,
        createdAt: e.createdAt
      })
    } else if (kind === 'accounts' && e.op === 'account.create') {
      const limit = (v: unknown): number | null => (typeof v === 'number' ? v : null)
      rows.push({
        ...base,
        name: s(f.name) ?? 'New account',
        active: f.active === true,
        verb: s(f.verb),
        limits: { max_locations: limit(f.maxLocations), max_users: limit(f.maxUsers), max_campaigns: limit(f.maxCampaigns), sms_allowance: limit(f.smsAllowance) }
      })
    }
  }
  return rows
}
