import { z } from 'zod'

/**
 * Wire schemas of CustomerGauge's GET Responses API (customergauge-v7-sync-responses.txt). Permissive
 * where the document is: extra fields pass through, numbers may come as numeric strings (and
 * reference strings as numbers), dates as "2022-03-30 12:34:56", ISO 8601 or epoch numbers, and every
 * optional block may be absent or null (they only come with the matching with[]).
 */

const NumericString = z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'must be a number').transform(Number)

/** 3414 or "3414". */
export const WireInt = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/, 'must be a whole number').transform(Number)])

/** A reference such as number_customer: "123" in the example; a number is read as its text. */
const WireRef = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)))

/** The NPS answer: 10, "10", or empty (no answer). */
const WireScore = z
  .union([z.number(), NumericString, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v))

/** "2022-03-30 12:34:56" as printed; ISO 8601 and epoch numbers are read too. */
export const WireDate = z.union([z.string(), z.number()]).nullish()

const Text = z.string().nullish()

export const CgTag = z.looseObject({
  label: z.string(),
  /** 'tag' (manual) or 'topic' (text analytics, with a sentiment). */
  type: z.string().nullish(),
  sentiment: z.string().nullish()
})
export type CgTag = z.infer<typeof CgTag>

export const CgQuestion = z.looseObject({
  title: z.string(),
  /** "7" in the example; numbers, nulls and arrays (multiple choice) are read too. */
  answer: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()])), z.null()]).optional()
})
export type CgQuestion = z.infer<typeof CgQuestion>

export const CgDriver = z.looseObject({
  primary: z.string(),
  secondary: z
    .array(z.string())
    .nullish()
    .transform((s) => s ?? [])
})
export type CgDriver = z.infer<typeof CgDriver>

export const CgProperty = z.looseObject({
  field: z.string(),
  reference: z.union([z.string(), z.number(), z.boolean()]).nullish()
})
export type CgProperty = z.infer<typeof CgProperty>

export const CgResponse = z.looseObject({
  status: z.string().nullish(),
  contact: z.looseObject({ first_name: Text, last_name: Text }).nullish(),
  account: z.looseObject({ name: Text, number: WireRef }).nullish(),
  /** The CGID: CustomerGauge's number for this survey record. */
  number_customergauge: WireInt,
  number_customer: WireRef,
  number_order: WireRef,
  email: Text,
  phone: WireRef,
  nps: WireScore,
  /** {original, translation} in the example; a plain string is read as the original. */
  comment: z.union([z.looseObject({ original: Text, translation: Text }), z.string(), z.null()]).optional(),
  date_creation: WireDate,
  date_order: WireDate,
  date_sent: WireDate,
  date_survey_response: WireDate,
  language: Text,
  locale: Text,
  follow_up: z.looseObject({ requested: z.union([z.boolean(), z.number(), z.string()]).nullish(), details: WireRef }).nullish(),
  tags: z.array(CgTag).nullish(),
  questions: z.array(CgQuestion).nullish(),
  selected_drivers: z.array(CgDriver).nullish(),
  properties: z.array(CgProperty).nullish()
})
export type CgResponse = z.infer<typeof CgResponse>

/** The cursor is an integer; "used to navigate to next page or previous page", so a previous one is read if present. */
const WireCursor = z.union([WireInt, z.null()]).optional()

export const CgResponsesPage = z.looseObject({
  data: z.array(CgResponse),
  cursor: z
    .looseObject({ next: WireCursor, previous: WireCursor, prev: WireCursor })
    .nullish()
    .transform((c) => ({ next: c?.next ?? null, previous: c?.previous ?? c?.prev ?? null }))
})
export type CgResponsesPage = z.infer<typeof CgResponsesPage>

/** The 401 body: {"message": "Unauthenticated."} */
export const CgErrorBody = z.looseObject({ message: z.string().optional(), errors: z.record(z.string(), z.array(z.string())).optional() })

// ---------- request parameters ----------

export const CG_WITH = ['selected_drivers', 'tags', 'questions', 'properties'] as const
export const CgWith = z.enum(CG_WITH, { message: 'must be selected_drivers, tags, questions or properties' })
export type CgWith = z.infer<typeof CgWith>

export const CG_PERIOD_FIELDS = ['date_creation', 'date_order', 'date_sent', 'date_survey_response'] as const
export const CgPeriodField = z.enum(CG_PERIOD_FIELDS, { message: 'must be date_creation, date_order, date_sent or date_survey_response' })
export type CgPeriodField = z.infer<typeof CgPeriodField>

const YMD = /^\d{4}-\d{2}-\d{2}$/
/** yyyy-mm-dd; a Date is written as its UTC calendar day. */
const PeriodDate = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z
    .string()
    .trim()
    .regex(YMD, 'must be a date in yyyy-mm-dd format')
    .refine((s) => !YMD.test(s) || (!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), 'is not a real calendar date')
])

export const CgResponsesParams = z
  .object({
    /** 1 to 1000. */
    per_page: z.int().min(1, 'must be 1 or more').max(1000, 'must be 1000 or less').optional(),
    /** Returned by the previous call; an integer. */
    cursor: z.union([z.int().min(0), z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number)]).nullish(),
    with: z.array(CgWith).optional(),
    number_customergauge: z.int().min(0).optional(),
    /** The reference of an Outbound filter set up in CustomerGauge. */
    filter: z.string().trim().min(1, 'must not be empty').optional(),
    period: z
      .object({
        field: CgPeriodField.optional(),
        start: PeriodDate.optional(),
        end: PeriodDate.optional()
      })
      .refine((p) => !(p.start && p.end) || p.start <= p.end, { message: 'must not be before the start', path: ['end'] })
      .optional()
  })
  .strict()
export type CgResponsesParams = z.input<typeof CgResponsesParams>
