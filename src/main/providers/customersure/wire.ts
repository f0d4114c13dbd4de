import { z } from 'zod'
import { PERIOD_NAMES, PeriodName as PeriodNameSchema, type PeriodName } from '../../../shared/periods'

/**
 * CustomerSure API v1 wire schemas (customersure-v1.txt). Objects are loose: a field CustomerSure adds
 * later passes through untouched instead of breaking a sync. Where the document contradicts itself,
 * every printed shape is accepted:
 *  - ids are strings in one place and integers in another (survey "1" in the list, 1484 elsewhere);
 *  - timestamps are ISO 8601 with 'Z', with '+0100', without seconds ('2015-01-01T00:00Z') or without
 *    a zone (which CustomerSure reads as UTC); epoch numbers are accepted too;
 *  - the staff example prints the string "null" for an empty deactivated_at / team_id;
 *  - rating-question stats print numbers as strings ("70.58823529");
 *  - the survey question attribute is spelled `anwer_type` in the attribute list and `answer_type` in
 *    the example.
 * Entity schemas only validate (the client's `raw` stays what CustomerSure sent); mapping.ts
 * normalises. Metric schemas turn numeric strings into numbers, since they are not mapped further.
 */

export const CUSTOMERSURE_ACCEPT = 'application/vnd.customersure.v1+json'

/** The 18 named date periods of "Date periods": one list, shared with the inbox and reports. */
export const DATE_PERIODS = PERIOD_NAMES
export type DatePeriod = PeriodName
export const DatePeriod = PeriodNameSchema

/** Locales the document lists for surveys and templates (others are still accepted on the wire). */
export const CUSTOMERSURE_LOCALES = ['en', 'en-US', 'fr', 'de', 'it', 'es', 'es-MX', 'nl', 'sv', 'da', 'ja', 'ar', 'zh-CN', 'no', 'he', 'id', 'th', 'fi'] as const

/** The five sentiment bands CustomerSure counts ratings in. */
export const SENTIMENT_BANDS = ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'] as const

// ---------- time ----------

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * Reads a CustomerSure time: ISO 8601 as the document uses it (zone optional, UTC when left out;
 * '+0100' and '+01:00' both), or epoch seconds / milliseconds as a number or a string of digits.
 * Null when it is none of these.
 */
export function parseCustomerSureTime(value: unknown): Date | null {
  if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value) : null
  if (typeof value !== 'string') return null
  const text = value.trim()
  if (/^\d{9,13}(\.\d+)?$/.test(text)) return fromEpoch(Number(text))
  const m = ISO_LIKE.exec(text)
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m
  const ms = Math.round(Number(`0.${frac}`) * 1000)
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms)
  const check = new Date(t)
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')
    t -= sign * offsetMin * 60_000
  }
  return Number.isFinite(t) ? new Date(t) : null
}

function fromEpoch(n: number): Date | null {
  // Below 10^11 it can only be seconds (10^11 ms is 1973); CustomerSure never dates feedback before 2005.
  const d = new Date(n < 1e11 ? n * 1000 : n)
  return Number.isNaN(d.getTime()) ? null : d
}

/** ISO 8601 UTC as CustomerSure writes it: 'YYYY-MM-DDTHH:MM:SSZ' (whole seconds). */
export function formatCustomerSureTime(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

export const Timestamp = z
  .union([z.string(), z.number()])
  .refine((v) => parseCustomerSureTime(v) !== null, { message: 'is not a date and time Survey Desk can read (expected ISO 8601, e.g. 2023-08-20T17:00:00Z)' })

/** null, the string "null" (as the staff example prints it), '' or a timestamp. */
export const NullableTimestamp = z.union([z.null(), z.literal('null'), z.literal(''), Timestamp])

// ---------- scalars ----------

export const Id = z.union([z.string().min(1), z.number().int()])
const NullableId = z.union([z.null(), z.literal('null'), z.literal(''), Id])
const Text = z.string().nullable().optional()
/** A string some examples print as a number (machine_id "8736245"). */
const TextOrNumber = z.union([z.string(), z.number()]).nullable().optional()
const Flag = z.union([z.boolean(), z.enum(['true', 'false'])]).nullable().optional()

/** A number, or a string holding one ("70.58823529"), read as a number. */
export const Numberish = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'is not a number')
    .transform(Number)
])

// ---------- errors ("Errors") ----------

export const ValidationErrorItem = z.looseObject({
  resource: z.string().optional(),
  field: z.string().optional(),
  error: z.string().optional(),
  extra_info: z.record(z.string(), z.unknown()).nullable().optional()
})
export type ValidationErrorItem = z.infer<typeof ValidationErrorItem>

export const ErrorBody = z.looseObject({
  message: z.string(),
  errors: z.array(ValidationErrorItem).optional()
})
export type ErrorBody = z.infer<typeof ErrorBody>

// ---------- feedback requests ----------

export const FeedbackRequestData = z.looseObject({
  id: Id.nullable().optional(),
  key: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable()
})
export type FeedbackRequestData = z.infer<typeof FeedbackRequestData>

export const Reminder = z.looseObject({
  id: Id.nullable().optional(),
  send_at: NullableTimestamp.optional(),
  sent_at: NullableTimestamp.optional(),
  email_template_id: NullableId.optional(),
  text_message_template_id: NullableId.optional(),
  not_sent_reason: Text,
  delivery_failure: Text
})
export type Reminder = z.infer<typeof Reminder>

export const FeedbackRequest = z.looseObject({
  id: Id,
  email: Text,
  state: Text,
  first_name: Text,
  surname: Text,
  survey_id: NullableId.optional(),
  email_template_id: NullableId.optional(),
  reference: TextOrNumber,
  machine_id: TextOrNumber,
  send_at: NullableTimestamp.optional(),
  sent_at: NullableTimestamp.optional(),
  created_at: NullableTimestamp.optional(),
  updated_at: NullableTimestamp.optional(),
  deletion_requested_at: NullableTimestamp.optional(),
  not_sent_reason: Text,
  delivery_failure: Text,
  ignore_throttle: Flag,
  link: Text,
  data: z.array(FeedbackRequestData).nullable().optional(),
  reminders: z.array(Reminder).nullable().optional()
})
export type FeedbackRequest = z.infer<typeof FeedbackRequest>

// ---------- feedback responses ----------

export const QUESTION_TYPES = ['Rating', 'Text', 'Dropdown', 'Radio', 'Checkbox'] as const

export const Answer = z.looseObject({
  question_id: Id.nullable().optional(),
  question: Text,
  /** A string in the document; a number, a list (Checkbox) or null are read too. */
  answer: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()])), z.null()]).optional(),
  type: Text
})
export type Answer = z.infer<typeof Answer>

export const FeedbackResponse = z.looseObject({
  id: Id,
  reference: TextOrNumber,
  machine_id: TextOrNumber,
  fields: z.record(z.string(), z.unknown()).nullable().optional(),
  answers: z.array(Answer).nullable().optional(),
  submitted_at: Timestamp,
  updated_at: NullableTimestamp.optional(),
  created_at: NullableTimestamp.optional(),
  feedback_request: FeedbackRequest.nullable().optional(),
  survey: z.looseObject({ id: Id, name: Text }).nullable().optional()
})
export type FeedbackResponse = z.infer<typeof FeedbackResponse>

// ---------- metrics ----------

export const RatingQuestionStats = z.looseObject({
  question_text: Text,
  standardised_score: Numberish.nullable(),
  /** Only present when the question uses a numeric scale. */
  average_rating: Numberish.nullable().optional(),
  very_negative_count: Numberish,
  negative_count: Numberish,
  neutral_count: Numberish,
  positive_count: Numberish,
  very_positive_count: Numberish,
  total_number_of_ratings: Numberish
})
export type RatingQuestionStats = z.infer<typeof RatingQuestionStats>

export const ResponseRate = z.looseObject({
  response_rate_percent: Numberish.nullable(),
  sent_count: Numberish,
  delivered_count: Numberish,
  reply_count: Numberish
})
export type ResponseRate = z.infer<typeof ResponseRate>

export const NetPromoterScore = z.looseObject({
  net_promoter_score: Numberish.nullable(),
  promoter_count: Numberish,
  passive_count: Numberish,
  detractor_count: Numberish,
  total_number_of_ratings: Numberish
})
export type NetPromoterScore = z.infer<typeof NetPromoterScore>

export const CsatScore = z.looseObject({
  csat: Numberish.nullable(),
  very_negative_count: Numberish,
  negative_count: Numberish,
  neutral_count: Numberish,
  positive_count: Numberish,
  very_positive_count: Numberish,
  total_number_of_ratings: Numberish
})
export type CsatScore = z.infer<typeof CsatScore>

// ---------- sites, staff, surveys, templates ----------

export const Site = z.looseObject({
  id: Id,
  site_code: Text,
  name: z.string(),
  city: Text,
  region: Text,
  site_type: Text
})
export type Site = z.infer<typeof Site>

export const StaffMember = z.looseObject({
  id: Id,
  code: Text,
  first_name: Text,
  surname: Text,
  email: Text,
  time_zone: Text,
  deactivated_at: NullableTimestamp.optional(),
  team_id: NullableId.optional()
})
export type StaffMember = z.infer<typeof StaffMember>

export const SurveyQuestion = z.looseObject({
  id: Id,
  question: z.string(),
  answer_type: Text,
  /** The attribute list spells it this way. */
  anwer_type: Text
})
export type SurveyQuestion = z.infer<typeof SurveyQuestion>

export const Survey = z.looseObject({
  id: Id,
  name: z.string(),
  locale: Text,
  questions: z.array(SurveyQuestion).nullable().optional()
})
export type Survey = z.infer<typeof Survey>

export const EmailTemplate = z.looseObject({
  id: Id,
  name: z.string(),
  from_name: Text,
  from_email: Text,
  subject: Text,
  body: Text,
  locale: Text,
  archived: Flag
})
export type EmailTemplate = z.infer<typeof EmailTemplate>

export const TextMessageTemplate = z.looseObject({
  id: Id,
  name: z.string(),
  body: Text,
  locale: Text,
  archived: Flag
})
export type TextMessageTemplate = z.infer<typeof TextMessageTemplate>

export const FeedbackResponseList = z.array(FeedbackResponse)
export const SiteList = z.array(Site)
export const StaffList = z.array(StaffMember)
export const SurveyList = z.array(Survey)
export const EmailTemplateList = z.array(EmailTemplate)
export const TextMessageTemplateList = z.array(TextMessageTemplate)
