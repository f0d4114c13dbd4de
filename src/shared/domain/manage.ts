import { z } from 'zod'
import { AppErrorShape, FieldError } from '../errors'
import { ProviderId } from '../providers'
import { EntityRef } from './inbox'
import { ClientAccount, Customer, Site, Staff, Survey, Team, Template } from './model'

/**
 * Managing providers' reference data (issue 5): the rows the pages list from the local cache, the
 * writes a user makes (validated with these same schemas in the renderer and again in main), the
 * durable outbox those writes go through, and the cross-provider links.
 *
 * Field names in write inputs are the form's names (camelCase); main maps each provider's own
 * field names (site_code, country_code, ...) back onto them, so a rejection lands on its field.
 */

const ConnectionId = z.string().uuid('Choose a connection')
const ExternalId = z.string().trim().min(1, 'Required').max(200)
const Text = (label: string, max = 200) => z.string().trim().min(1, `${label} is required`).max(max, `${label}: at most ${max} characters`)
const OptionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v))
const Email = z.string().trim().email('Enter an e-mail address such as name@example.com').max(254)
const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'Two-letter country code such as GB or US')
  .transform((c) => c.toUpperCase())
const Url = z.string().trim().url('Enter a full web address starting with https://').max(2000)
/** A limit: a whole number, or null for unlimited. */
const Limit = z.number().int('Whole number').min(0, 'Zero or more').max(100_000_000).nullable()

// ---------------------------------------------------------------- rows (read from the cache)

/** Responses over the last 30 days credited to the row, from the local cache. */
export const RowFigures = z.object({
  responses: z.number().int(),
  /** Net Promoter Score, -100..100, over NPS responses; null when there were none. */
  nps: z.number().nullable(),
  /** Percent satisfied (top quarter of the scale, e.g. 4-5 of 1-5) over CSAT responses. */
  csat: z.number().nullable(),
  /** Average Customer Effort Score over CES responses. */
  ces: z.number().nullable()
})
export type RowFigures = z.infer<typeof RowFigures>

export const OutboxStatus = z.enum(['pending', 'sending', 'rejected'])
export type OutboxStatus = z.infer<typeof OutboxStatus>

/** The newest outbox entry touching a row, shown on it ("pending", or the provider's reason). */
export const RowOutboxState = z.object({
  entryId: z.number().int(),
  status: OutboxStatus,
  op: z.string(),
  message: z.string().nullable()
})
export type RowOutboxState = z.infer<typeof RowOutboxState>

const RowBase = {
  /** `<connectionId>:<externalId>`; a pending create has `<connectionId>:pending-<outbox id>`. */
  ref: z.string(),
  connectionId: z.string(),
  connectionLabel: z.string(),
  provider: ProviderId,
  externalId: z.string(),
  figures: RowFigures.nullable(),
  outbox: RowOutboxState.nullable()
}

// A row is the model's entity (src/shared/domain/model.ts) without `raw`, placed by RowBase; the
// overrides below are where the page shows a joined or flattened form of the stored entity.
export const SiteRow = Site.omit({ raw: true, reviewUrls: true }).extend({
  ...RowBase,
  /** 'site' for CustomerSure, 'location' for FeedbackAPI. */
  kind: z.enum(['site', 'location']),
  reviewUrls: z.array(z.string()),
  /** Refs of the rows linked to this one (a CustomerSure site <-> FeedbackAPI locations). */
  linkedRefs: z.array(z.string())
})
export type SiteRow = z.infer<typeof SiteRow>

export const StaffRow = Staff.omit({ raw: true, teamExternalIds: true, teamName: true }).extend({
  ...RowBase,
  teams: z.array(z.object({ externalId: z.string(), name: z.string().nullable() })),
  linkedRefs: z.array(z.string())
})
export type StaffRow = z.infer<typeof StaffRow>

export const TeamRow = Team.pick({ name: true }).extend({
  ...RowBase,
  members: z.array(z.object({ ref: z.string(), externalId: z.string(), name: z.string().nullable() }))
})
export type TeamRow = z.infer<typeof TeamRow>

export const TemplateRow = Template.omit({ raw: true }).extend(RowBase)
export type TemplateRow = z.infer<typeof TemplateRow>

export const SurveyRow = Survey.omit({ raw: true }).extend(RowBase)
export type SurveyRow = z.infer<typeof SurveyRow>

export const CustomerRow = Customer.omit({ raw: true, siteExternalIds: true }).extend({
  ...RowBase,
  countryCode: z.string().nullable(),
  /** FeedbackAPI: the customer's locations. */
  sites: z.array(z.object({ externalId: z.string(), name: z.string().nullable() })),
  /** Nicereply: the provider's own per-customer stats as cached (e.g. avg, count); null elsewhere. */
  stats: z.record(z.string(), z.number().nullable()).nullable()
})
export type CustomerRow = z.infer<typeof CustomerRow>

export const ClientAccountRow = ClientAccount.omit({ raw: true }).extend(RowBase)
export type ClientAccountRow = z.infer<typeof ClientAccountRow>

// ---------------------------------------------------------------- list queries

export const ManageSortField = z.enum(['name', 'code', 'email', 'provider', 'responses', 'nps', 'csat', 'ces', 'created'])
export type ManageSortField = z.infer<typeof ManageSortField>

export const ManageListInput = z
  .object({
    connectionIds: z.array(z.string().uuid()).max(100).optional(),
    /** Words matched (accent- and case-insensitive) against names, codes, e-mails, usernames. */
    search: z.string().trim().max(200).optional(),
    sort: ManageSortField.default('name'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    /** Deactivated / archived / opted-out-and-deleted rows are hidden unless asked for. */
    includeInactive: z.boolean().default(false),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0)
  })
  .strict()
export type ManageListInput = z.input<typeof ManageListInput>

export const StaffListInput = ManageListInput.extend({
  /** Only members of this team (a team EntityRef). */
  team: EntityRef.optional()
}).strict()
export const TemplateListInput = ManageListInput.extend({ channel: z.enum(['email', 'sms']).optional() }).strict()

const page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int() })
export const SitePage = page(SiteRow)
export const StaffPage = page(StaffRow)
export const TeamPage = page(TeamRow)
export const TemplatePage = page(TemplateRow)
export const SurveyPage = page(SurveyRow)
export const CustomerPage = page(CustomerRow)
export const ClientAccountPage = page(ClientAccountRow)

// ---------------------------------------------------------------- form fields (one schema per form)

/** CustomerSure "Create a site": site_code, name, region required; city (recommended) and site_type optional. */
export const CustomerSureSiteFields = z
  .object({
    siteCode: Text('Site code', 100),
    name: Text('Name'),
    region: Text('Region'),
    city: OptionalText(),
    siteType: OptionalText()
  })
  .strict()
/** "Update a site": every field optional; an empty one is left as it is. */
export const CustomerSureSiteEditFields = z
  .object({
    siteCode: OptionalText(100),
    name: OptionalText(),
    region: OptionalText(),
    city: OptionalText(),
    siteType: OptionalText()
  })
  .strict()

/** FeedbackAPI "Create a Location": name and country_code required. */
export const FeedbackApiLocationFields = z
  .object({
    name: Text('Name'),
    addressLine1: OptionalText(),
    addressLine2: OptionalText(),
    addressLine3: OptionalText(),
    postalCode: OptionalText(20),
    countryCode: CountryCode,
    /** Review profile URLs to check for this location (an update adds them). */
    reviewProfiles: z.array(Url).max(20).default([])
  })
  .strict()
export const FeedbackApiLocationEditFields = FeedbackApiLocationFields.partial().strict()

/** Nicereply "Create an Agent (without access)". */
export const NicereplyAgentFields = z.object({ fullname: Text('Full name'), username: Text('Username', 100), email: Email }).strict()
/** Nicereply "Create a Thing or Action". */
export const NicereplyThingFields = z.object({ fullname: Text('Name'), username: Text('Username', 100) }).strict()

/** FeedbackAPI "Create a User": an invitation; the invite e-mail is sent only when asked. */
export const FeedbackApiUserInviteFields = z.object({ email: Email, sendInvite: z.boolean().default(true) }).strict()

/** Enco "Create a survey": name, interactionType and its first question with that question's language. */
export const EncoSurveyFields = z
  .object({
    name: Text('Survey name'),
    interactionType: Text('Interaction type'),
    question: Text('Question', 1000),
    language: Text('Language', 20)
  })
  .strict()
/** Enco "Add a question": the same survey's question in another language. */
export const EncoQuestionFields = z.object({ question: Text('Question', 1000), language: Text('Language', 20) }).strict()

const CustomerContact = {
  email: Email.optional().or(z.literal('').transform(() => undefined)),
  mobileNumber: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'Phone number in international format, e.g. +447700900123')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  firstName: OptionalText(100),
  lastName: OptionalText(100),
  countryCode: CountryCode.optional().or(z.literal('').transform(() => undefined))
}
/**
 * FeedbackAPI "Create Customer": e-mail or mobile number (one required) and a location. An existing
 * e-mail or mobile number updates that customer instead (the page says so).
 */
export const FeedbackApiCustomerFields = z
  .object({ ...CustomerContact, location: Text('Location') })
  .strict()
  .refine((c) => c.email !== undefined || c.mobileNumber !== undefined, { message: 'Enter an e-mail address or a mobile number', path: ['email'] })
/** "Update a Customer": contact fields, opt out / in, locations to add and remove. */
export const FeedbackApiCustomerEditFields = z
  .object({
    ...CustomerContact,
    optOut: z.boolean().optional(),
    locationAdd: z.array(ExternalId).max(100).default([]),
    locationRemove: z.array(ExternalId).max(100).default([])
  })
  .strict()

export const AccountLimitFields = {
  maxLocations: Limit.optional(),
  maxUsers: Limit.optional(),
  maxCampaigns: Limit.optional(),
  /** Monthly SMS allowance. */
  smsAllowance: Limit.optional()
}
/** FeedbackAPI "Create an Account": name, active and verb required; limits null = unlimited. */
export const FeedbackApiAccountFields = z
  .object({ name: Text('Name'), active: z.boolean(), verb: z.enum(['use', 'visit'], { message: 'Choose use or visit' }), ...AccountLimitFields })
  .strict()
export const FeedbackApiAccountEditFields = z.object({ name: OptionalText(), active: z.boolean().optional(), ...AccountLimitFields }).strict()

// ---------------------------------------------------------------- writes

const target = { connectionId: ConnectionId }
const existing = { connectionId: ConnectionId, externalId: ExternalId }
const write = <Op extends string, B extends z.ZodRawShape, F extends z.ZodType>(op: Op, base: B, fields: F) =>
  z.object({ op: z.literal(op), fields }).extend(base).strict()

/**
 * Every write the pages make. `fields` is the form (schemas above); field errors come back as
 * `fields.<name>`, the same path zod gives in the renderer.
 */
export const ManageWrite = z.discriminatedUnion('op', [
  write('site.create', target, CustomerSureSiteFields),
  write('site.update', existing, CustomerSureSiteEditFields),
  write('location.create', target, FeedbackApiLocationFields),
  write('location.update', existing, FeedbackApiLocationEditFields),
  /** Deactivates the location (FeedbackAPI keeps it; campaigns stop). */
  write('location.delete', existing, z.object({}).strict()),
  write('agent.create', target, NicereplyAgentFields),
  write('thing.create', target, NicereplyThingFields),
  write('user.invite', target, FeedbackApiUserInviteFields),
  write('user.remove', existing, z.object({}).strict()),
  write('survey.create', target, EncoSurveyFields),
  write('survey.addQuestion', existing, EncoQuestionFields),
  /** Destroys every response and score of the survey at Enco: `confirmName` must equal its name. */
  write('survey.delete', existing, z.object({ confirmName: Text('Survey name', 200) }).strict()),
  write('customer.create', target, FeedbackApiCustomerFields),
  write('customer.update', existing, FeedbackApiCustomerEditFields),
  /** Deactivates the customer across the account. */
  write('customer.delete', existing, z.object({}).strict()),
  write('account.create', target, FeedbackApiAccountFields),
  write('account.update', existing, FeedbackApiAccountEditFields),
  write('account.delete', existing, z.object({}).strict())
])
export type ManageWrite = z.input<typeof ManageWrite>
export type ParsedManageWrite = z.output<typeof ManageWrite>
export type ManageOp = ParsedManageWrite['op']
export const MANAGE_OPS = ManageWrite.options.map((o) => o.shape.op.value) as ManageOp[]

/** Which provider each write goes to. */
export const OP_PROVIDER: Record<ManageOp, ProviderId> = {
  'site.create': 'customersure',
  'site.update': 'customersure',
  'location.create': 'feedbackapi',
  'location.update': 'feedbackapi',
  'location.delete': 'feedbackapi',
  'agent.create': 'nicereply',
  'thing.create': 'nicereply',
  'user.invite': 'feedbackapi',
  'user.remove': 'feedbackapi',
  'survey.create': 'enco',
  'survey.addQuestion': 'enco',
  'survey.delete': 'enco',
  'customer.create': 'feedbackapi',
  'customer.update': 'feedbackapi',
  'customer.delete': 'feedbackapi',
  'account.create': 'feedbackapi',
  'account.update': 'feedbackapi',
  'account.delete': 'feedbackapi'
}

export const OutboxEntry = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  provider: ProviderId,
  op: z.string(),
  /** The row it changes; null for a create not yet delivered. */
  targetRef: z.string().nullable(),
  /** "Create site hq — Head office", for lists. */
  summary: z.string(),
  write: z.unknown(),
  status: OutboxStatus,
  attempts: z.number().int(),
  /** An attempt may have reached the provider without its answer reaching us: a create is looked up before it is sent again. */
  uncertain: z.boolean(),
  /** The last failure: a rejection's reason, or why it is still pending (offline, provider down). */
  lastError: AppErrorShape.nullable(),
  /** A rejection's field errors, on the form's field names (`fields.siteCode`). */
  fieldErrors: z.array(FieldError),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type OutboxEntry = z.infer<typeof OutboxEntry>

export const ManageWriteResult = z.object({
  /** delivered: the provider accepted it and the cache holds its answer; pending: queued in the outbox. */
  status: z.enum(['delivered', 'pending']),
  /** The outbox entry while pending; null once delivered. */
  entryId: z.number().int().nullable(),
  /** The row as the provider now holds it; null while pending or after a delete. */
  ref: z.string().nullable(),
  message: z.string()
})
export type ManageWriteResult = z.infer<typeof ManageWriteResult>

// ---------------------------------------------------------------- links

export const LinkKind = z.enum(['site', 'staff'])
export type LinkKind = z.infer<typeof LinkKind>

/** site: CustomerSure site <-> FeedbackAPI location; staff: CustomerSure staff <-> Nicereply user. */
export const EntityLink = z.object({
  id: z.number().int(),
  kind: LinkKind,
  leftRef: z.string(),
  leftName: z.string().nullable(),
  rightRef: z.string(),
  rightName: z.string().nullable(),
  createdAt: z.string()
})
export type EntityLink = z.infer<typeof EntityLink>

export const LinkSuggestion = z.object({
  kind: LinkKind,
  leftRef: z.string(),
  leftName: z.string(),
  rightRef: z.string(),
  rightName: z.string(),
  /** What matched: same code, same e-mail, same name (ignoring case, accents and punctuation). */
  reasons: z.array(z.enum(['code', 'email', 'name'])),
  /** 0..1, higher is surer. */
  score: z.number()
})
export type LinkSuggestion = z.infer<typeof LinkSuggestion>

export const CreateLinkInput = z
  .object({ kind: LinkKind, leftRef: EntityRef, rightRef: EntityRef })
  .strict()
  .refine((l) => l.leftRef !== l.rightRef, { message: 'Link two different rows', path: ['rightRef'] })
