import { z } from 'zod'
import { ConnectionId } from '../domain/connection'
import { EntityRef } from '../domain/inbox'
import {
  ClientAccountPage,
  CreateLinkInput,
  CustomerPage,
  EntityLink,
  LinkKind,
  LinkSuggestion,
  ManageListInput,
  ManageWrite,
  ManageWriteResult,
  OutboxEntry,
  SitePage,
  StaffListInput,
  StaffPage,
  SurveyPage,
  TeamPage,
  TemplateListInput,
  TemplatePage
} from '../domain/manage'

const OutboxId = z.object({ id: z.number().int().positive() }).strict()
/** The entry after a retry or edit (null once delivered and gone) and what sending it gave, if it was sent. */
const OutboxOutcome = z.object({ entry: OutboxEntry.nullable(), result: ManageWriteResult.nullable() })

/**
 * Managing reference data (issue 5). Lists read only the local cache (they work offline); every
 * write goes through the durable outbox: delivered at once when the provider is reachable, else
 * queued (pending) and sent in order per connection when it is back.
 */
export const manageChannels = {
  'manage.sites.list': { input: ManageListInput, output: SitePage },
  'manage.staff.list': { input: StaffListInput, output: StaffPage },
  'manage.teams.list': { input: ManageListInput, output: TeamPage },
  /** Archived templates are hidden unless includeInactive. */
  'manage.templates.list': { input: TemplateListInput, output: TemplatePage },
  'manage.surveys.list': { input: ManageListInput, output: SurveyPage },
  'manage.customers.list': { input: ManageListInput, output: CustomerPage },
  'manage.accounts.list': { input: ManageListInput, output: ClientAccountPage },

  /**
   * One write. Online: waits for the provider; a rejection throws a 'validation' AppError whose
   * details name `fields.<form field>`. Offline / provider down: answers status 'pending'.
   */
  'manage.write': { input: ManageWrite, output: ManageWriteResult },
  'manage.outbox.list': {
    input: z.object({ connectionIds: z.array(ConnectionId).max(100).optional() }).strict(),
    output: z.object({ entries: z.array(OutboxEntry) })
  },
  /** Sends a pending or rejected entry again now (and the connection's queue behind it). */
  'manage.outbox.retry': { input: OutboxId, output: OutboxOutcome },
  /** Replaces a rejected (or pending) entry's write with corrected input and queues it again. */
  'manage.outbox.edit': {
    input: z.object({ id: z.number().int().positive(), write: ManageWrite }).strict(),
    output: OutboxOutcome
  },
  'manage.outbox.discard': { input: OutboxId, output: z.object({ id: z.number().int(), discarded: z.boolean() }) },

  'manage.links.list': { input: z.object({ kind: LinkKind.optional() }).strict(), output: z.object({ links: z.array(EntityLink) }) },
  'manage.links.suggest': { input: z.object({ kind: LinkKind }).strict(), output: z.object({ suggestions: z.array(LinkSuggestion) }) },
  'manage.links.create': { input: CreateLinkInput, output: EntityLink },
  'manage.links.remove': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.object({ id: z.number().int(), removed: z.boolean() }) },
  /** Every ref linked to this one (itself included), for one row per real site or person. */
  'manage.links.group': { input: z.object({ ref: EntityRef }).strict(), output: z.object({ refs: z.array(z.string()) }) }
} as const

export const manageEvents = {
  /** Cached reference rows of these connections changed (a write was delivered): lists may refresh. */
  'manage.changed': z.object({ connectionIds: z.array(z.string()), kinds: z.array(z.string()) }),
  /** The outbox changed: an entry was queued, sent, rejected, edited or discarded. */
  'manage.outbox': z.object({ connectionIds: z.array(z.string()), pending: z.number().int(), rejected: z.number().int() })
} as const
