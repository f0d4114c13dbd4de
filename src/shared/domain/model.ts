import { z } from 'zod'
import { ProviderId } from '../providers'

/**
 * The unified model of DESIGN.md. Provider mappings (src/main/providers/<p>/mapping.ts) produce
 * these from wire objects; the store keeps them; the renderer shows them. Every entity keeps its
 * provider's id as a string (`externalId`) and the provider's own JSON (`raw`), so nothing the
 * provider sent is lost and links back to the source stay possible.
 */

const Iso = z.string() // ISO 8601 instant, always UTC ('...Z') after mapping

export const Metric = z.enum(['nps', 'csat', 'ces', 'star', 'happy', 'rating', 'other'])
export type Metric = z.infer<typeof Metric>

/** CustomerSure's five sentiment bands; other providers leave it null. */
export const Sentiment = z.enum(['very_negative', 'negative', 'neutral', 'positive', 'very_positive'])
export type Sentiment = z.infer<typeof Sentiment>

export const Scale = z.object({ min: z.number(), max: z.number() })
export type Scale = z.infer<typeof Scale>

export const ResponseKind = z.enum([
  'customersure_response',
  'customergauge_response',
  'nicereply_rating',
  'feedbackapi_feedback',
  'feedbackapi_review'
])
export type ResponseKind = z.infer<typeof ResponseKind>

export const Answer = z.object({
  questionId: z.string().nullable(),
  question: z.string().nullable(),
  /** rating, nps, text, choice, multiple_choice, boolean, ... as the provider names it */
  type: z.string().nullable(),
  score: z.number().nullable(),
  text: z.string().nullable(),
  sentiment: Sentiment.nullable()
})
export type Answer = z.infer<typeof Answer>

export const CustomerRef = z.object({
  externalId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  reference: z.string().nullable()
})
export type CustomerRef = z.infer<typeof CustomerRef>

/** Where a response came from and how to find it again in the provider's or the ticket system's UI. */
export const ResponseLinks = z.object({
  reference: z.string().nullable(),
  machineId: z.string().nullable(),
  ticketUrl: z.string().nullable(),
  sourceUrl: z.string().nullable()
})

/** One piece of feedback from any provider. */
export const Response = z.object({
  provider: ProviderId,
  kind: ResponseKind,
  externalId: z.string(),
  surveyExternalId: z.string().nullable(),
  surveyName: z.string().nullable(),
  metric: Metric.nullable(),
  score: z.number().nullable(),
  scale: Scale.nullable(),
  sentiment: Sentiment.nullable(),
  comment: z.string().nullable(),
  customer: CustomerRef,
  siteExternalId: z.string().nullable(),
  siteName: z.string().nullable(),
  staffExternalId: z.string().nullable(),
  staffName: z.string().nullable(),
  teamExternalId: z.string().nullable(),
  teamName: z.string().nullable(),
  /** Tags, topics and segments as the provider labels them. */
  tags: z.array(z.string()),
  /** CustomerGauge drivers (selected reasons). */
  drivers: z.array(z.string()),
  answers: z.array(Answer),
  /** Free-form provider properties / data keys (CustomerSure data, CustomerGauge properties). */
  properties: z.record(z.string(), z.string()),
  channel: z.string().nullable(),
  language: z.string().nullable(),
  links: ResponseLinks,
  respondedAt: Iso,
  updatedAt: Iso.nullable(),
  raw: z.unknown(),
  /**
   * `raw` exactly as the provider's body wrote it, when the client kept it (CustomerGauge's sync):
   * the store keeps this text rather than serialising `raw` again.
   */
  rawJson: z.string().optional(),
  /**
   * Set by a mapping that made every other field from `rawJson` alone (no survey, connection or
   * clock in it): that mapping's name and version. The store then hashes the text instead of the
   * fields (response-row.ts contentHash). Code that changes a mapped response must drop it.
   */
  rawMapping: z.string().optional()
})
export type Response = z.infer<typeof Response>

export const Question = z.object({
  externalId: z.string(),
  text: z.string(),
  type: z.string().nullable(),
  language: z.string().nullable(),
  position: z.number().nullable()
})
export type Question = z.infer<typeof Question>

export const Survey = z.object({
  provider: ProviderId,
  externalId: z.string(),
  name: z.string(),
  metric: Metric.nullable(),
  scale: Scale.nullable(),
  /** Enco's interactionType, Nicereply's survey type, ... */
  kind: z.string().nullable(),
  active: z.boolean().nullable(),
  questions: z.array(Question),
  createdAt: Iso.nullable(),
  raw: z.unknown()
})
export type Survey = z.infer<typeof Survey>

/** CustomerSure site or FeedbackAPI location. */
export const Site = z.object({
  provider: ProviderId,
  externalId: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  siteType: z.string().nullable(),
  countryCode: z.string().nullable(),
  address: z.array(z.string()),
  postalCode: z.string().nullable(),
  active: z.boolean().nullable(),
  reviewUrls: z.record(z.string(), z.string()),
  raw: z.unknown()
})
export type Site = z.infer<typeof Site>

/** CustomerSure staff, Nicereply user, FeedbackAPI user. */
export const Staff = z.object({
  provider: ProviderId,
  externalId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  code: z.string().nullable(),
  username: z.string().nullable(),
  /** Nicereply: agent or thing-or-action; CustomerSure: staff; FeedbackAPI: user role. */
  kind: z.string().nullable(),
  teamExternalIds: z.array(z.string()),
  teamName: z.string().nullable(),
  active: z.boolean().nullable(),
  raw: z.unknown()
})
export type Staff = z.infer<typeof Staff>

export const Team = z.object({
  provider: ProviderId,
  externalId: z.string(),
  name: z.string(),
  memberExternalIds: z.array(z.string()),
  raw: z.unknown()
})
export type Team = z.infer<typeof Team>

export const Template = z.object({
  provider: ProviderId,
  externalId: z.string(),
  channel: z.enum(['email', 'sms']),
  name: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  locale: z.string().nullable(),
  archived: z.boolean(),
  raw: z.unknown()
})
export type Template = z.infer<typeof Template>

export const Customer = z.object({
  provider: ProviderId,
  externalId: z.string(),
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  optedOut: z.boolean(),
  invalid: z.boolean(),
  siteExternalIds: z.array(z.string()),
  createdAt: Iso.nullable(),
  raw: z.unknown()
})
export type Customer = z.infer<typeof Customer>

/** A survey invitation sent (or scheduled) through a provider. */
export const FeedbackRequest = z.object({
  provider: ProviderId,
  externalId: z.string(),
  channel: z.enum(['email', 'sms', 'voice']).nullable(),
  status: z.string().nullable(),
  recipient: z.string().nullable(),
  customerExternalId: z.string().nullable(),
  siteExternalId: z.string().nullable(),
  templateExternalId: z.string().nullable(),
  reference: z.string().nullable(),
  sentAt: Iso.nullable(),
  dueAt: Iso.nullable(),
  respondedAt: Iso.nullable(),
  createdAt: Iso.nullable(),
  updatedAt: Iso.nullable(),
  raw: z.unknown()
})
export type FeedbackRequest = z.infer<typeof FeedbackRequest>

/** FeedbackAPI agency client account. */
export const ClientAccount = z.object({
  provider: ProviderId,
  externalId: z.string(),
  name: z.string(),
  active: z.boolean(),
  verb: z.string().nullable(),
  limits: z.record(z.string(), z.number().nullable()),
  raw: z.unknown()
})
export type ClientAccount = z.infer<typeof ClientAccount>

/** Nicereply unsubscribe (an address that must not be surveyed). */
export const Unsubscribe = z.object({
  provider: ProviderId,
  externalId: z.string(),
  email: z.string().nullable(),
  createdAt: Iso.nullable(),
  raw: z.unknown()
})
export type Unsubscribe = z.infer<typeof Unsubscribe>
