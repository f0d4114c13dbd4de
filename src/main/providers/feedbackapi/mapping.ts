import type { ClientAccount, Customer, FeedbackRequest, Metric, Response, Scale, Site, Staff } from '../../../shared/domain/model'
import {
  readBoolean,
  readNumber,
  readTimestamp,
  type WireAccount,
  type WireCreatedUser,
  type WireCustomer,
  type WireFeedback,
  type WireFeedbackRequest,
  type WireLocation,
  type WireReview,
  type WireUser
} from './wire'

/** Wire -> unified model for FeedbackAPI (pure functions; `raw` keeps the wire object). */

const PROVIDER = 'feedbackapi' as const

const text = (v: string | null | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null)

/** Wire schemas guarantee a readable created timestamp where the model requires one. */
function requiredIso(value: Parameters<typeof readTimestamp>[0], what: string): string {
  const iso = readTimestamp(value)
  if (iso === null) throw new Error(`FeedbackAPI ${what} has no readable created timestamp`)
  return iso
}

function fullName(first: string | null | undefined, last: string | null | undefined): string | null {
  const name = [text(first), text(last)].filter((p): p is string => p !== null).join(' ')
  return name === '' ? null : name
}

function stringProperties(entries: Record<string, string | number | boolean | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(entries)) if (v !== null && v !== undefined && v !== '') out[k] = String(v)
  return out
}

const NPS: Scale = { min: 0, max: 10 }
const STARS: Scale = { min: 1, max: 5 }
const HAPPY: Scale = { min: 0, max: 1 }

/** What a feedback item measured, from its type and whichever score field is filled. */
export function feedbackScore(f: WireFeedback): { metric: Metric | null; score: number | null; scale: Scale | null } {
  const nps = readNumber(f['nps-score'] ?? f.nps_score)
  const stars = readNumber(f['star-rating'] ?? f.star_rating)
  const happy = readBoolean(f.happy)
  const type = (f.type ?? '').toLowerCase().replace(/_/g, '-')
  if (type === 'nps' || (type === '' && nps !== null)) return { metric: 'nps', score: nps, scale: NPS }
  if (type === 'star-rating' || (type === '' && stars !== null)) return { metric: 'star', score: stars, scale: STARS }
  if (type === 'happy' || (type === '' && happy !== null)) return { metric: 'happy', score: happy === null ? null : happy ? 1 : 0, scale: HAPPY }
  // "csat" is named in the attribute table without a score field of its own: read whichever is filled.
  if (type === 'csat') {
    if (stars !== null) return { metric: 'csat', score: stars, scale: STARS }
    if (happy !== null) return { metric: 'csat', score: happy ? 1 : 0, scale: HAPPY }
    return { metric: 'csat', score: null, scale: null }
  }
  return { metric: type === '' ? null : 'other', score: nps ?? stars, scale: nps !== null ? NPS : stars !== null ? STARS : null }
}

const noLinks = { reference: null, machineId: null, ticketUrl: null, sourceUrl: null }

export function mapFeedback(f: WireFeedback): Response {
  const { metric, score, scale } = feedbackScore(f)
  return {
    provider: PROVIDER,
    kind: 'feedbackapi_feedback',
    externalId: f.id,
    surveyExternalId: f.campaign ?? null,
    surveyName: null,
    metric,
    score,
    scale,
    sentiment: null,
    comment: text(f.comments),
    customer: {
      externalId: f.subscriber ?? null,
      name: text(f.subscriber_name),
      email: text(f.subscriber_email),
      phone: null,
      company: null,
      reference: null
    },
    siteExternalId: f.location ?? null,
    siteName: null,
    staffExternalId: null,
    staffName: null,
    teamExternalId: null,
    teamName: null,
    tags: [],
    drivers: [],
    answers: [],
    properties: stringProperties({ type: f.type, campaign: f.campaign, campaign_step: f.campaign_step, platform_name: f.platform_name }),
    channel: null,
    language: null,
    links: noLinks,
    respondedAt: requiredIso(f.created, `feedback ${f.id}`),
    updatedAt: null,
    raw: f
  }
}

export function mapReview(r: WireReview): Response {
  const rating = readNumber(r.rating)
  return {
    provider: PROVIDER,
    kind: 'feedbackapi_review',
    externalId: r.id,
    surveyExternalId: null,
    surveyName: null,
    metric: rating === null ? null : 'rating',
    score: rating,
    // "The normalized rating attached to the review, out of 5."
    scale: rating === null ? null : STARS,
    sentiment: null,
    comment: text(r.description) ?? text(r.title),
    customer: { externalId: null, name: text(r.reviewer_name), email: null, phone: null, company: null, reference: null },
    siteExternalId: r.location ?? null,
    siteName: null,
    staffExternalId: null,
    staffName: null,
    teamExternalId: null,
    teamName: null,
    tags: [],
    drivers: [],
    answers: [],
    properties: stringProperties({
      title: r.title,
      platform: r.platform,
      platform_name: r.platform_name,
      reviewer_url: r.reviewer_url,
      reviewer_image: r.reviewer_image
    }),
    channel: text(r.platform_name),
    language: null,
    links: { ...noLinks, sourceUrl: text(r.url) },
    respondedAt: requiredIso(r.created, `review ${r.id}`),
    updatedAt: null,
    raw: r
  }
}

export function mapCustomer(c: WireCustomer): Customer {
  return {
    provider: PROVIDER,
    externalId: c.id,
    name: fullName(c.fname, c.sname),
    firstName: text(c.fname),
    lastName: text(c.sname),
    email: text(c.email),
    phone: text(c.mobile_number),
    optedOut: readBoolean(c.opt_out) ?? false,
    invalid: readBoolean(c.invalid) ?? false,
    siteExternalIds: c.locations ?? [],
    createdAt: readTimestamp(c.created),
    raw: c
  }
}

/** Review profile URLs keyed by their host ('www.google.com'), numbered when a host repeats. */
function reviewUrls(urls: readonly string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const url of urls ?? []) {
    let key: string
    try {
      key = new URL(url).hostname || url
    } catch {
      key = url
    }
    let unique = key
    for (let n = 2; unique in out; n++) unique = `${key} (${n})`
    out[unique] = url
  }
  return out
}

export function mapLocation(l: WireLocation): Site {
  const address = [l.address_line_1, l.address_line_2, l.address_line_3].map(text).filter((s): s is string => s !== null)
  const active = (l as { active?: unknown }).active
  return {
    provider: PROVIDER,
    externalId: l.id,
    code: null,
    name: text(l.name) ?? `Location ${l.id}`,
    // The document's examples put the town in line 2 and the state or county in line 3.
    region: text(l.address_line_3),
    city: text(l.address_line_2),
    siteType: null,
    countryCode: text(l.country_code)?.toUpperCase() ?? null,
    address,
    postalCode: text(l.postal_code),
    active: typeof active === 'boolean' ? active : null,
    reviewUrls: reviewUrls(l.review_profile),
    raw: l
  }
}

export function mapUser(u: WireUser | WireCreatedUser): Staff {
  const email = text(u.email)
  const status = text(u.status)?.toLowerCase() ?? null
  return {
    provider: PROVIDER,
    // A user just invited has no id until the invite is accepted.
    externalId: u.id ?? `pending:${email ?? 'unknown'}`,
    name: text(u.name) ?? email ?? u.id ?? 'Invited user',
    email,
    code: null,
    username: email,
    kind: text(u.type),
    teamExternalIds: [],
    teamName: null,
    active: status === null ? null : status === 'active',
    raw: u
  }
}

const ACCOUNT_LIMITS = ['max_locations', 'max_users', 'max_campaigns', 'sms_allowance', 'active_locations', 'active_users'] as const

export function mapAccount(a: WireAccount): ClientAccount {
  const limits: Record<string, number | null> = {}
  // null means unlimited for the max_* fields and the allowance.
  for (const key of ACCOUNT_LIMITS) limits[key] = readNumber(a[key])
  return {
    provider: PROVIDER,
    externalId: a.id,
    name: text(a.name) ?? `Account ${a.id}`,
    active: readBoolean(a.active) ?? false,
    verb: text(a.verb),
    limits,
    raw: a
  }
}

/**
 * A feedback request's state in one word, most decisive first. `now` decides whether a due time
 * still lies ahead ("scheduled").
 */
export function feedbackRequestStatus(r: WireFeedbackRequest, now: Date = new Date()): string {
  const type = text(r.type)?.toLowerCase() ?? null
  if (r.feedback) return 'responded'
  if (readBoolean(r.spam_complaint)) return 'spam_complaint'
  if (readBoolean(r.message_bounced)) return 'bounced'
  if (type === 'suppressed') return 'suppressed'
  if (readBoolean(r.message_clicked)) return 'clicked'
  if (readBoolean(r.message_opened)) return 'opened'
  const due = readTimestamp(r.due)
  if (due !== null && Date.parse(due) > now.getTime()) return 'scheduled'
  return 'sent'
}

export function mapFeedbackRequest(r: WireFeedbackRequest, now: Date = new Date()): FeedbackRequest {
  const type = text(r.type)?.toLowerCase() ?? null
  const channel = type === 'email' || type === 'sms' ? type : null
  const status = feedbackRequestStatus(r, now)
  const due = readTimestamp(r.due)
  const created = readTimestamp(r.created)
  const sentAt = status === 'suppressed' || status === 'scheduled' ? null : (due ?? created)
  return {
    provider: PROVIDER,
    externalId: r.id,
    channel,
    status,
    recipient: text(r.feedback?.subscriber_email),
    customerExternalId: r.subscriber ?? null,
    siteExternalId: r.location ?? null,
    templateExternalId: r.template ?? null,
    reference: null,
    sentAt,
    dueAt: due,
    respondedAt: r.feedback ? readTimestamp(r.feedback.created) : null,
    createdAt: created,
    updatedAt: readTimestamp(r.updated),
    raw: r
  }
}
