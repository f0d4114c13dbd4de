import { z } from 'zod'

/**
 * FeedbackAPI v1.3 wire schemas (feedbackapi-v1.3.txt). They validate without transforming, so a
 * parsed object is still the provider's JSON (kept as `raw` by the mapping), and they are loose:
 * a field the provider adds later passes through instead of breaking a sync.
 *
 * Where the document contradicts itself, every shape it shows is accepted:
 *  - timestamps: the text says "ISO 8601 formatted timestamp", every example prints epoch seconds
 *    (1734134400); both are read, and so are numeric strings and epoch milliseconds;
 *  - feedback scores: the attribute table says nps_score / star_rating, the examples print
 *    "nps-score" / "star-rating"; both spellings are read;
 *  - numbers arrive as JSON numbers or numeric strings (Update an Account answers "sms_allowance":"2000");
 *  - a user who never signed in has "last_access": false (List active Users example);
 *  - "Create a User" answers a pending user without id or created.
 */

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i
const NUMERIC = /^[+-]?\d+(?:\.\d+)?$/

/** Epoch values above this are milliseconds (1e11 seconds is the year 5138). */
const EPOCH_MS_THRESHOLD = 1e11

/**
 * A FeedbackAPI timestamp as an ISO 8601 UTC instant: epoch seconds (number or digits), epoch
 * milliseconds, or an ISO 8601 string (a missing zone is read as UTC). `undefined` when unreadable.
 */
export function timestampToIso(value: unknown): string | undefined {
  let ms: number | undefined
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = Math.abs(value) >= EPOCH_MS_THRESHOLD ? value : value * 1000
  } else if (typeof value === 'string') {
    const text = value.trim()
    if (NUMERIC.test(text)) {
      const n = Number(text)
      ms = Math.abs(n) >= EPOCH_MS_THRESHOLD ? n : n * 1000
    } else if (ISO_8601.test(text)) {
      let iso = text.replace(' ', 'T').replace(/\s*UTC$/i, 'Z').replace(',', '.')
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00Z'
      else if (!/(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(iso)) iso += 'Z'
      // '+0100' is not read by every Date parser; '+01:00' is.
      iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
      ms = Date.parse(iso)
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

const TIMESTAMP_MESSAGE = 'is not a timestamp Survey Desk can read (expected epoch seconds or an ISO 8601 date and time)'

/** Epoch seconds or ISO 8601, as the document shows both. */
export const WireTimestamp = z.union([z.number(), z.string()]).refine((v) => timestampToIso(v) !== undefined, { message: TIMESTAMP_MESSAGE })
export type WireTimestamp = z.infer<typeof WireTimestamp>

/** A number, or a numeric string (the document types some numbers as strings). */
export const WireNumber = z.union([z.number(), z.string().trim().regex(NUMERIC, 'is not a number')])
export type WireNumber = z.infer<typeof WireNumber>

/** A boolean, also as 'true'/'false' or 0/1 the way form-minded APIs sometimes answer. */
export const WireBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'TRUE', 'FALSE', '1', '0']), z.literal(0), z.literal(1)])
export type WireBoolean = z.infer<typeof WireBoolean>

/** Identifiers are short strings ("gd7TdO"). */
export const WireId = z.string().min(1, 'is empty')

const optText = z.string().nullish()
const optId = WireId.nullish()
const optBool = WireBoolean.nullish()
const optNumber = WireNumber.nullish()
const optTimestamp = WireTimestamp.nullish()

// ---------- Customers ("The Customer Object") ----------

export const WireCustomer = z.looseObject({
  id: WireId,
  created: optTimestamp,
  email: optText,
  mobile_number: optText,
  fname: optText,
  sname: optText,
  last_sms: optTimestamp,
  last_email: optTimestamp,
  country_code: optText,
  invalid: optBool,
  opt_out: optBool,
  locations: z.array(WireId).nullish()
})
export type WireCustomer = z.infer<typeof WireCustomer>

// ---------- Locations ("The Location Object") ----------

export const WireLocation = z.looseObject({
  id: WireId,
  created: optTimestamp,
  name: optText,
  address_line_1: optText,
  address_line_2: optText,
  address_line_3: optText,
  postal_code: optText,
  country_code: optText,
  /** Not part of the documented object; read if the API ever echoes the create/update argument. */
  review_profile: z.array(z.string()).nullish()
})
export type WireLocation = z.infer<typeof WireLocation>

// ---------- Reviews ("The Review Object") ----------

export const WireReview = z.looseObject({
  id: WireId,
  created: WireTimestamp,
  title: optText,
  description: optText,
  location: optId,
  platform: optId,
  platform_name: optText,
  /** "The normalized rating attached to the review, out of 5." (float) */
  rating: optNumber,
  url: optText,
  reviewer_name: optText,
  reviewer_image: optText,
  reviewer_url: optText
})
export type WireReview = z.infer<typeof WireReview>

// ---------- Feedback ("The Feedback Object") ----------

export const WireFeedback = z.looseObject({
  id: WireId,
  created: WireTimestamp,
  /** "star-rating, nps or csat" in the attribute table; the filter and examples also use "happy". */
  type: optText,
  'nps-score': optNumber,
  nps_score: optNumber,
  'star-rating': optNumber,
  star_rating: optNumber,
  happy: optBool,
  comments: optText,
  platform_name: optText,
  subscriber: optId,
  subscriber_name: optText,
  subscriber_email: optText,
  location: optId,
  campaign: optId,
  campaign_step: optId
})
export type WireFeedback = z.infer<typeof WireFeedback>

// ---------- Feedback Requests ("The Feedback Request Object") ----------

export const WireFeedbackRequest = z.looseObject({
  id: WireId,
  created: optTimestamp,
  due: optTimestamp,
  updated: optTimestamp,
  subscriber: optId,
  template: optId,
  location: optId,
  /** "typically sms or email"; "suppressed" when suppress_message was set. */
  type: optText,
  message_opened: optBool,
  message_clicked: optBool,
  message_bounced: optBool,
  bounce_reason: optText,
  spam_complaint: optBool,
  full_url: optText,
  branded_url: optText,
  feedback: WireFeedback.nullish()
})
export type WireFeedbackRequest = z.infer<typeof WireFeedbackRequest>

// ---------- Client Accounts ("The Account Object") ----------

export const WireAccount = z.looseObject({
  id: WireId,
  created: optTimestamp,
  name: optText,
  active: optBool,
  /** Create argument ("use" or "visit"); not in the documented object, read if present. */
  verb: optText,
  max_locations: optNumber,
  max_users: optNumber,
  max_campaigns: optNumber,
  sms_allowance: optNumber,
  active_locations: optNumber,
  active_users: optNumber
})
export type WireAccount = z.infer<typeof WireAccount>

// ---------- Users ("The User Object") ----------

export const WireUser = z.looseObject({
  id: WireId,
  created: optTimestamp,
  name: optText,
  email: optText,
  /** standard or restricted */
  type: optText,
  /** active, or pending until the invite is accepted */
  status: optText,
  /** false for a user who never signed in (List active Users example). */
  last_access: z.union([WireTimestamp, z.literal(false)]).nullish()
})
export type WireUser = z.infer<typeof WireUser>

/** "Create a User" answers a pending user: no id or created yet, and the invite URL. */
export const WireCreatedUser = z.looseObject({
  id: optId,
  created: optTimestamp,
  name: optText,
  email: z.string(),
  type: optText,
  status: optText,
  invite_url: optText,
  last_access: z.union([WireTimestamp, z.literal(false)]).nullish()
})
export type WireCreatedUser = z.infer<typeof WireCreatedUser>

// ---------- Shared shapes ----------

/** Every Delete answers {"id": "...", "deleted": true}. */
export const WireDeleted = z.looseObject({ id: WireId, deleted: WireBoolean })
export type WireDeleted = z.infer<typeof WireDeleted>

/**
 * "List Response Format": data, page, total_count, total_returned. The page number in the answer
 * is not trusted for paging (the examples answer "page":1 to a request for the default page 0).
 */
export function wireList<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    page: optNumber,
    total_count: optNumber,
    total_returned: optNumber
  })
}
export interface WireListOf<T> {
  data: T[]
  page?: WireNumber | null
  total_count?: WireNumber | null
  total_returned?: WireNumber | null
}

export const WireCustomerList = wireList(WireCustomer)
export const WireLocationList = wireList(WireLocation)
export const WireReviewList = wireList(WireReview)
export const WireFeedbackList = wireList(WireFeedback)
export const WireFeedbackRequestList = wireList(WireFeedbackRequest)
export const WireAccountList = wireList(WireAccount)
export const WireUserList = wireList(WireUser)

// ---------- Readers used by the mapping and the client ----------

export function readNumber(value: WireNumber | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : null
}

export function readBoolean(value: WireBoolean | null | undefined): boolean | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1
  return value === 'true' || value === 'TRUE' || value === '1'
}

export function readTimestamp(value: WireTimestamp | false | null | undefined): string | null {
  if (value === null || value === undefined || value === false) return null
  return timestampToIso(value) ?? null
}
