import { z } from 'zod'

/**
 * Nicereply v1 wire schemas (nicereply-v1.txt). Permissive where the document disagrees with itself,
 * and loose objects everywhere, so a field Nicereply adds never breaks a sync and `raw` keeps it:
 *  - scores: the model tables say string, every example sends a number -> number or numeric string;
 *  - the rating's survey names its metric `metric` in the tables and `type` in every example -> both optional;
 *  - `ip_address` is typed integer ("IPv4 format") but sent as "8.8.8.8" -> string or number;
 *  - create examples send `user: null` although the table says not nullable -> nullish;
 *  - timestamps are ISO 8601 per "Date format"; an epoch number (seconds or milliseconds) is accepted too;
 *  - `links: { }` may come as `[]` from a PHP backend -> read as an empty object;
 *  - NPS stats carry `nps_score`, except one "stats for all users" example that sends `average` -> both optional.
 * Values are kept as sent; mapping.ts normalises them.
 */

/** UUIDs since August 2023; legacy numeric ids are still accepted in requests and tolerated here. */
export const WireId = z.union([z.string().min(1), z.number().int()])
export type WireId = z.infer<typeof WireId>

/** A number, or a string holding one ("5", "6.4444"). */
export const WireNumber = z.union([
  z.number(),
  z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'Expected a number')
])
export type WireNumber = z.infer<typeof WireNumber>

/** ISO 8601 text (any offset) or epoch seconds/milliseconds. */
export const WireTimestamp = z.union([
  z.string().refine((s) => s.trim() !== '' && Number.isFinite(Date.parse(s)), 'Expected an ISO 8601 date'),
  z.number().finite()
])
export type WireTimestamp = z.infer<typeof WireTimestamp>

const Links = z.record(z.string(), z.string().nullable()).optional()

// ---------------- ratings ----------------

export const WireRatingSurvey = z.looseObject({
  id: WireId,
  metric: z.string().optional(),
  type: z.string().optional()
})

export const WireRatingUser = z.looseObject({ id: WireId, username: z.string().nullish() })
export const WireRatingCustomer = z.looseObject({ id: WireId })
export const WireTicket = z.looseObject({ value: z.union([z.string(), z.number()]).nullish(), link: z.string().nullish() })
export const WireExtraAnswer = z.looseObject({ id: WireId, score: WireNumber.nullish() })

export const WireRating = z.looseObject({
  id: WireId,
  score: WireNumber,
  from: z.string().nullish(),
  status: z.string().nullish(),
  ip_address: z.union([z.string(), z.number()]).nullish(),
  comment: z.string().nullish(),
  survey: WireRatingSurvey.nullish(),
  user: WireRatingUser.nullish(),
  customer: WireRatingCustomer.nullish(),
  ticket: WireTicket.nullish(),
  extra_questions: z.array(WireExtraAnswer).nullish(),
  created_at: WireTimestamp,
  updated_at: WireTimestamp.nullish(),
  _links: Links
})
export type WireRating = z.infer<typeof WireRating>

// ---------------- surveys ----------------

export const WireSurveyExtraQuestion = z.looseObject({
  id: WireId,
  label: z.string().nullish(),
  rating_scale: z.string().nullish(),
  scale: z.string().nullish(),
  required: z.boolean().nullish()
})

export const WireSurvey = z.looseObject({
  id: WireId,
  name: z.string(),
  /** CSAT, CES or NPS */
  metric: z.string(),
  /** CSAT10, CSAT5, CSAT3, CSAT2, CES or NPS */
  scale: z.string().nullish(),
  /** template, trigger or campaign */
  distribution: z.string().nullish(),
  /** faces, stars, stars5, thumbs, ces or nps */
  rating_scale: z.string().nullish(),
  question: z.string().nullish(),
  extra_questions: z.array(WireSurveyExtraQuestion).nullish(),
  _links: Links
})
export type WireSurvey = z.infer<typeof WireSurvey>

// ---------------- customers, unsubscribes, teams, users ----------------

export const WireCustomer = z.looseObject({
  id: WireId,
  name: z.string().nullish(),
  email: z.string().nullish(),
  tickets: WireNumber.nullish(),
  created_at: WireTimestamp.nullish(),
  updated_at: WireTimestamp.nullish(),
  _links: Links
})
export type WireCustomer = z.infer<typeof WireCustomer>

export const WireUnsubscribe = z.looseObject({
  id: WireId,
  email: z.string().nullish(),
  unsubscribed_at: WireTimestamp.nullish()
})
export type WireUnsubscribe = z.infer<typeof WireUnsubscribe>

export const WireTeam = z.looseObject({
  id: WireId,
  name: z.string(),
  created_at: WireTimestamp.nullish(),
  _links: Links
})
export type WireTeam = z.infer<typeof WireTeam>

export const WireIntegrationUsername = z.looseObject({
  id: WireId,
  integration_id: WireId.nullish(),
  username: z.string().nullish(),
  type: z.string().nullish()
})

export const WireUser = z.looseObject({
  id: WireId,
  /** AGENT, UNKNOWN_AGENT or THING_OR_ACTION */
  type: z.string(),
  has_access: z.boolean().nullish(),
  is_archived: z.boolean().nullish(),
  username: z.string().nullish(),
  integration_usernames: z.array(WireIntegrationUsername).nullish(),
  fullname: z.string().nullish(),
  email: z.string().nullish(),
  /** admin, leader, team_member, restricted or '' (no role) */
  role: z.string().nullish(),
  created_at: WireTimestamp.nullish(),
  _links: Links
})
export type WireUser = z.infer<typeof WireUser>

// ---------------- stats and histograms ----------------

export const WireNpsGroups = z.looseObject({
  promoters: WireNumber,
  passives: WireNumber,
  detractors: WireNumber
})

/** CSAT/CES: {average, count}; NPS: {nps_score, count, groups}. One shape with the union of the fields. */
export const WireMetricStats = z.looseObject({
  average: WireNumber.nullish(),
  nps_score: WireNumber.nullish(),
  count: WireNumber,
  groups: WireNpsGroups.nullish()
})
export type WireMetricStats = z.infer<typeof WireMetricStats>

/** Stats of one subject (customer, team, user) for every metric. */
export const WireAllMetricStats = z.looseObject({
  CSAT: WireMetricStats.nullish(),
  CES: WireMetricStats.nullish(),
  NPS: WireMetricStats.nullish()
})
export type WireAllMetricStats = z.infer<typeof WireAllMetricStats>

/** Score -> how many ratings gave it; keys are "0".."10". */
export const WireHistogram = z.looseObject({ histogram: z.record(z.string(), WireNumber) })
export type WireHistogram = z.infer<typeof WireHistogram>

export const WireAllMetricHistogram = z.looseObject({
  CSAT: WireHistogram.nullish(),
  CES: WireHistogram.nullish(),
  NPS: WireHistogram.nullish()
})
export type WireAllMetricHistogram = z.infer<typeof WireAllMetricHistogram>

/** An item of "Get stats for all surveys". */
export const WireSurveyStatsItem = z.looseObject({ id: WireId, type: z.string().nullish(), stats: WireMetricStats })
export type WireSurveyStatsItem = z.infer<typeof WireSurveyStatsItem>

/** An item of "Get stats for all customers / teams / users". */
export const WireSubjectStatsItem = z.looseObject({ id: WireId, stats: WireAllMetricStats })
export type WireSubjectStatsItem = z.infer<typeof WireSubjectStatsItem>

/** An item of "Get users for all teams". */
export const WireTeamUsersItem = z.looseObject({ id: WireId, users: z.array(WireUser) })
export type WireTeamUsersItem = z.infer<typeof WireTeamUsersItem>

// ---------------- envelopes ----------------

const WirePaginationLinks = z.preprocess(
  (v) => (Array.isArray(v) && v.length === 0 ? {} : v),
  z.looseObject({ next: z.string().nullish(), previous: z.string().nullish() })
)

export const WirePagination = z.looseObject({
  total: WireNumber,
  count: WireNumber,
  per_page: WireNumber,
  current_page: WireNumber,
  total_pages: WireNumber,
  links: WirePaginationLinks.optional()
})
export type WirePagination = z.infer<typeof WirePagination>

/** `{ "_results": {...} }` */
export function single<T extends z.ZodType>(item: T) {
  return z.looseObject({ _results: item })
}

/** `{ "_results": [...], "_pagination": {...} }` */
export function page<T extends z.ZodType>(item: T) {
  return z.looseObject({ _results: z.array(item), _pagination: WirePagination })
}

export const WireErrorBody = z.looseObject({ errors: z.array(z.string()) })
export type WireErrorBody = z.infer<typeof WireErrorBody>

export const RatingEnvelope = single(WireRating)
export const RatingPage = page(WireRating)
export const SurveyEnvelope = single(WireSurvey)
export const SurveyPage = page(WireSurvey)
export const CustomerEnvelope = single(WireCustomer)
export const CustomerPage = page(WireCustomer)
export const UnsubscribePage = page(WireUnsubscribe)
export const TeamEnvelope = single(WireTeam)
export const TeamPage = page(WireTeam)
export const UserEnvelope = single(WireUser)
export const UserPage = page(WireUser)
export const MetricStatsEnvelope = single(WireMetricStats)
export const AllMetricStatsEnvelope = single(WireAllMetricStats)
export const HistogramEnvelope = single(WireHistogram)
export const AllMetricHistogramEnvelope = single(WireAllMetricHistogram)
export const SurveyStatsPage = page(WireSurveyStatsItem)
export const SubjectStatsPage = page(WireSubjectStatsItem)
export const TeamUsersPage = page(WireTeamUsersItem)

// ---------------- request bodies (what the client sends) ----------------

export const SortOrder = z.enum(['asc', 'desc'])
export type SortOrder = z.infer<typeof SortOrder>

export const RatingMetric = z.enum(['csat', 'ces', 'nps'])
export type RatingMetric = z.infer<typeof RatingMetric>

/** "Object must contain only one of the following fields: id (string(UUID)) OR username (string)." */
export const RatingUserRef = z.union(
  [z.strictObject({ id: WireId }), z.strictObject({ username: z.string().min(1, 'username must not be empty') })],
  { error: 'must contain exactly one of id or username' }
)
export type RatingUserRef = z.infer<typeof RatingUserRef>

export const ExtraQuestionAnswer = z.strictObject({
  id: WireId,
  score: z.int().min(1, 'Extra question scores are 1 to 10').max(10, 'Extra question scores are 1 to 10')
})

/** Body of POST /v1/ratings and /v1/{csat,ces,nps}/ratings. */
export const CreateRatingBody = z.strictObject({
  survey_id: WireId,
  /** 0-10 for NPS, 1-7 for CES, 1..scale for CSAT; the survey decides, so only the outer bounds are checked here. */
  score: z.int().min(0).max(10),
  from: z.string().optional(),
  comment: z.string().optional(),
  ticket: z.string().nullable().optional(),
  user: RatingUserRef,
  customer_id: WireId.nullable().optional(),
  ip_address: z
    .string()
    .regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'Only IPv4 addresses are supported')
    .optional(),
  extra_questions: z.array(ExtraQuestionAnswer).nullable().optional()
})
export type CreateRatingBody = z.infer<typeof CreateRatingBody>

/** Body of POST /v1/users/agent. */
export const CreateAgentBody = z.strictObject({
  fullname: z.string().min(1),
  username: z.string().min(1),
  email: z.string().min(1)
})
export type CreateAgentBody = z.infer<typeof CreateAgentBody>

/** Body of POST /v1/users/thing-or-action. */
export const CreateThingOrActionBody = z.strictObject({
  fullname: z.string().min(1),
  username: z.string().min(1)
})
export type CreateThingOrActionBody = z.infer<typeof CreateThingOrActionBody>
