import type { EntityType, EntityTypes } from '../../store/cache-api'

export type Value = string | number | null
type RefEntity = Exclude<EntityType, 'response'>

/** How one reference entity maps onto its table: its own columns (after the common ones) and key. */
export interface EntityTable<T> {
  table: string
  columns: readonly string[]
  /** Columns that, with connection_id, identify a row (external_id, plus channel for templates). */
  key: readonly string[]
  values(item: T): Value[]
  /**
   * Columns left empty because the provider never sends them, whose stored values stay when this
   * item updates a row: FeedbackAPI's account and location objects carry no verb or review_profile,
   * so a sync (or an update's answer) would otherwise blank what was sent with them.
   */
  keep?(item: T): readonly string[]
}

const json = (v: unknown): string => JSON.stringify(v ?? null)
const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0)

function define<E extends RefEntity>(t: EntityTable<EntityTypes[E]>): EntityTable<EntityTypes[E]> {
  return t
}

export const ENTITY_TABLES: { [E in RefEntity]: EntityTable<EntityTypes[E]> } = {
  survey: define<'survey'>({
    table: 'surveys',
    columns: ['name', 'metric', 'scale_min', 'scale_max', 'kind', 'active', 'questions', 'created_at'],
    key: ['external_id'],
    values: (s) => [s.name, s.metric, s.scale?.min ?? null, s.scale?.max ?? null, s.kind, bool(s.active), json(s.questions), s.createdAt]
  }),
  site: define<'site'>({
    table: 'sites',
    columns: ['code', 'name', 'region', 'city', 'site_type', 'country_code', 'address', 'postal_code', 'active', 'review_urls'],
    key: ['external_id'],
    values: (s) => [s.code, s.name, s.region, s.city, s.siteType, s.countryCode, json(s.address), s.postalCode, bool(s.active), json(s.reviewUrls)],
    keep: (s) => (s.provider === 'feedbackapi' && Object.keys(s.reviewUrls).length === 0 ? ['review_urls'] : [])
  }),
  staff: define<'staff'>({
    table: 'staff',
    columns: ['name', 'email', 'code', 'username', 'kind', 'team_external_ids', 'team_name', 'active'],
    key: ['external_id'],
    values: (s) => [s.name, s.email, s.code, s.username, s.kind, json(s.teamExternalIds), s.teamName, bool(s.active)]
  }),
  team: define<'team'>({
    table: 'teams',
    columns: ['name', 'member_external_ids'],
    key: ['external_id'],
    values: (t) => [t.name, json(t.memberExternalIds)]
  }),
  template: define<'template'>({
    table: 'templates',
    columns: ['channel', 'name', 'subject', 'body', 'locale', 'archived'],
    key: ['channel', 'external_id'],
    values: (t) => [t.channel, t.name, t.subject, t.body, t.locale, t.archived ? 1 : 0]
  }),
  customer: define<'customer'>({
    table: 'customers',
    columns: ['name', 'first_name', 'last_name', 'email', 'phone', 'opted_out', 'invalid', 'site_external_ids', 'created_at'],
    key: ['external_id'],
    values: (c) => [c.name, c.firstName, c.lastName, c.email, c.phone, c.optedOut ? 1 : 0, c.invalid ? 1 : 0, json(c.siteExternalIds), c.createdAt]
  }),
  feedback_request: define<'feedback_request'>({
    table: 'feedback_requests',
    columns: [
      'channel',
      'status',
      'recipient',
      'customer_external_id',
      'site_external_id',
      'template_external_id',
      'reference',
      'sent_at',
      'due_at',
      'responded_at',
      'created_at',
      'updated_at'
    ],
    key: ['external_id'],
    values: (f) => [
      f.channel,
      f.status,
      f.recipient,
      f.customerExternalId,
      f.siteExternalId,
      f.templateExternalId,
      f.reference,
      f.sentAt,
      f.dueAt,
      f.respondedAt,
      f.createdAt,
      f.updatedAt
    ]
  }),
  client_account: define<'client_account'>({
    table: 'client_accounts',
    columns: ['name', 'active', 'verb', 'limits'],
    key: ['external_id'],
    values: (a) => [a.name, a.active ? 1 : 0, a.verb, json(a.limits)],
    keep: (a) => (a.provider === 'feedbackapi' && a.verb === null ? ['verb'] : [])
  }),
  unsubscribe: define<'unsubscribe'>({
    table: 'unsubscribes',
    columns: ['email', 'created_at'],
    key: ['external_id'],
    values: (u) => [u.email, u.createdAt]
  })
}

export const REFERENCE_TABLES: readonly string[] = Object.values(ENTITY_TABLES).map((t) => t.table)

export function isReferenceEntity(entity: string): entity is RefEntity {
  return Object.prototype.hasOwnProperty.call(ENTITY_TABLES, entity)
}
