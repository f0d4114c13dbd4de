import type { SentimentCounts } from '../../../shared/metrics'
import type {
  Answer as DomainAnswer,
  FeedbackRequest as DomainFeedbackRequest,
  Metric,
  Question,
  Response,
  Scale,
  Sentiment,
  Site as DomainSite,
  Staff as DomainStaff,
  Survey as DomainSurvey,
  Template
} from '../../../shared/domain/model'
import {
  formatCustomerSureTime,
  type Answer,
  parseCustomerSureTime,
  type CsatScore,
  type EmailTemplate,
  type FeedbackRequest,
  type FeedbackResponse,
  type NetPromoterScore,
  type RatingQuestionStats,
  type ResponseRate,
  type Site,
  type StaffMember,
  type Survey,
  type TextMessageTemplate
} from './wire'

/**
 * CustomerSure wire objects -> the unified model (DESIGN.md). Pure functions; `raw` keeps the wire
 * object. A feedback response names its site and staff member only by the codes stored in its data
 * (site_code, staff_code), so resolving them to ids needs the synced sites and staff: pass them in
 * `ResponseContext`; without it the codes stay in `properties`.
 */

/** CustomerSure rates on 0-10 in every example; the API does not say the scale, so this is assumed for ratings in that range. */
export const CUSTOMERSURE_RATING_SCALE: Scale = { min: 0, max: 10 }

// ---------- helpers ----------

/** null for null, undefined, '' and the string "null" (the staff example prints it). */
function clean(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
  return text === '' || text === 'null' ? null : text
}

/** ISO 8601 UTC, or null. The wire schemas have already refused unreadable times. */
export function toIsoUtc(value: unknown): string | null {
  if (value === null || value === undefined || value === '' || value === 'null') return null
  const d = parseCustomerSureTime(value)
  return d ? formatCustomerSureTime(d) : null
}

const flag = (v: boolean | 'true' | 'false' | null | undefined): boolean => v === true || v === 'true'

/** CustomerSure's five sentiment bands on a 0-10 rating: 0-1, 2-4, 5-6, 7-8, 9-10. */
export function sentimentForRating(score: number, scale: Scale = CUSTOMERSURE_RATING_SCALE): Sentiment {
  const ratio = scale.max === scale.min ? 1 : (score - scale.min) / (scale.max - scale.min)
  if (ratio < 0.2) return 'very_negative'
  if (ratio < 0.45) return 'negative'
  if (ratio < 0.65) return 'neutral'
  if (ratio < 0.85) return 'positive'
  return 'very_positive'
}

/** What a rating question measures, read from its wording (English, Dutch, French). */
export function metricForQuestion(text: string | null | undefined): Metric {
  const t = (text ?? '').toLowerCase()
  if (/recommend|aanbevel|aanbeveel|aanraden|recommand/.test(t)) return 'nps'
  if (/effort|easy|gemakkelijk|eenvoudig|facile|moeite/.test(t)) return 'ces'
  if (/satisf|tevreden/.test(t)) return 'csat'
  return 'rating'
}

function ratingValue(answer: unknown): number | null {
  if (typeof answer === 'number' && Number.isFinite(answer)) return answer
  if (typeof answer === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(answer)) return Number(answer)
  return null
}

function answerText(answer: unknown): string | null {
  if (Array.isArray(answer)) return answer.length > 0 ? answer.map(String).join(', ') : null
  return clean(answer)
}

// ---------- feedback responses ----------

export interface ResponseContext {
  /** site_code -> site, from listed sites. */
  sitesByCode?: ReadonlyMap<string, { id: string; name: string }>
  /** staff code -> staff member, from listed staff. */
  staffByCode?: ReadonlyMap<string, { id: string; name: string; teamId: string | null }>
  /** survey id -> locale, from listed surveys. */
  surveyLocales?: ReadonlyMap<string, string>
}

/** `fields` keys that describe the customer; everything else is data (segments, staff/site codes, your own keys). */
const CUSTOMER_FIELDS = new Set(['email', 'name', 'first_name', 'last_name', 'person_code', 'telephone_number', 'company_name', 'company_code', 'address_line_1', 'postcode'])

export function mapAnswer(a: Answer): DomainAnswer {
  const isRating = (a.type ?? '').toLowerCase() === 'rating'
  const score = isRating ? ratingValue(a.answer) : null
  const inScale = score !== null && score >= CUSTOMERSURE_RATING_SCALE.min && score <= CUSTOMERSURE_RATING_SCALE.max
  return {
    questionId: clean(a.question_id),
    question: clean(a.question),
    type: clean(a.type),
    score,
    text: isRating && score !== null ? null : answerText(a.answer),
    sentiment: score !== null && inScale ? sentimentForRating(score) : null
  }
}

export function mapFeedbackResponse(wire: FeedbackResponse, ctx: ResponseContext = {}): Response {
  const fields = wire.fields ?? {}
  const field = (k: string): string | null => clean(fields[k])
  const answers = (wire.answers ?? []).map(mapAnswer)

  // The headline score: the NPS question when there is one, else a satisfaction question, else the first rating.
  const rated = (wire.answers ?? [])
    .map((a, i) => ({ a, mapped: answers[i]! }))
    .filter((x) => x.mapped.score !== null && (x.a.type ?? '').toLowerCase() === 'rating')
  const byMetric = (m: Metric): (typeof rated)[number] | undefined => rated.find((x) => metricForQuestion(x.a.question) === m)
  const headline = byMetric('nps') ?? byMetric('csat') ?? byMetric('ces') ?? rated[0]
  const headlineScore = headline?.mapped.score ?? null
  const inScale = headlineScore !== null && headlineScore >= CUSTOMERSURE_RATING_SCALE.min && headlineScore <= CUSTOMERSURE_RATING_SCALE.max

  const comments = answers.filter((a) => (a.type ?? '').toLowerCase() === 'text' && a.text).map((a) => a.text as string)

  const properties: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (CUSTOMER_FIELDS.has(k)) continue
    const text = clean(v)
    if (text !== null) properties[k] = text
  }

  const siteCode = field('site_code')
  const staffCode = field('staff_code')
  const site = siteCode ? ctx.sitesByCode?.get(siteCode) : undefined
  const staff = staffCode ? ctx.staffByCode?.get(staffCode) : undefined
  const request = wire.feedback_request ?? null
  const surveyId = clean(wire.survey?.id ?? request?.survey_id)
  const firstLast = [field('first_name'), field('last_name')].filter(Boolean).join(' ')

  return {
    provider: 'customersure',
    kind: 'customersure_response',
    externalId: String(wire.id),
    surveyExternalId: surveyId,
    surveyName: clean(wire.survey?.name),
    metric: headline ? metricForQuestion(headline.a.question) : null,
    score: headlineScore,
    scale: headline && inScale ? CUSTOMERSURE_RATING_SCALE : null,
    sentiment: headline && inScale ? sentimentForRating(headlineScore) : null,
    comment: comments.length > 0 ? comments.join('\n\n') : null,
    customer: {
      externalId: field('person_code'),
      name: field('name') ?? (firstLast || null),
      email: field('email') ?? clean(request?.email),
      phone: field('telephone_number'),
      company: field('company_name'),
      reference: clean(wire.reference)
    },
    siteExternalId: site?.id ?? null,
    siteName: site?.name ?? null,
    staffExternalId: staff?.id ?? null,
    staffName: staff?.name ?? null,
    teamExternalId: staff?.teamId ?? null,
    teamName: null,
    tags: [],
    drivers: [],
    answers,
    properties,
    channel: request ? (clean(request.email) ? 'email' : 'sms') : null,
    language: surveyId ? (ctx.surveyLocales?.get(surveyId) ?? null) : null,
    links: {
      reference: clean(wire.reference),
      machineId: clean(wire.machine_id),
      ticketUrl: null,
      sourceUrl: clean(request?.link)
    },
    respondedAt: toIsoUtc(wire.submitted_at) as string,
    updatedAt: toIsoUtc(wire.updated_at),
    raw: wire
  }
}

// ---------- feedback requests ----------

export function mapFeedbackRequest(wire: FeedbackRequest): DomainFeedbackRequest {
  const hasEmail = clean(wire.email) !== null
  return {
    provider: 'customersure',
    externalId: String(wire.id),
    // The API echoes no channel: a request without an e-mail address can only have gone by text message.
    channel: hasEmail ? 'email' : wire.email === null ? 'sms' : null,
    status: clean(wire.state),
    recipient: clean(wire.email),
    customerExternalId: null,
    // Only the site's code is known here; the store resolves it against synced sites.
    siteExternalId: null,
    templateExternalId: clean(wire.email_template_id),
    reference: clean(wire.reference),
    sentAt: toIsoUtc(wire.sent_at),
    dueAt: toIsoUtc(wire.send_at),
    respondedAt: null,
    createdAt: toIsoUtc(wire.created_at),
    updatedAt: toIsoUtc(wire.updated_at),
    raw: wire
  }
}

// ---------- sites, staff, surveys, templates ----------

export function mapSite(wire: Site): DomainSite {
  return {
    provider: 'customersure',
    externalId: String(wire.id),
    code: clean(wire.site_code),
    name: wire.name,
    region: clean(wire.region),
    city: clean(wire.city),
    siteType: clean(wire.site_type),
    countryCode: null,
    address: [],
    postalCode: null,
    active: null,
    reviewUrls: {},
    raw: wire
  }
}

export function mapStaffMember(wire: StaffMember): DomainStaff {
  const name = [clean(wire.first_name), clean(wire.surname)].filter(Boolean).join(' ')
  const team = clean(wire.team_id)
  return {
    provider: 'customersure',
    externalId: String(wire.id),
    name: name || clean(wire.code) || clean(wire.email) || String(wire.id),
    email: clean(wire.email),
    code: clean(wire.code),
    username: null,
    kind: 'staff',
    teamExternalIds: team ? [team] : [],
    teamName: null,
    active: toIsoUtc(wire.deactivated_at) === null,
    raw: wire
  }
}

export function mapSurvey(wire: Survey): DomainSurvey {
  const questions: Question[] = (wire.questions ?? []).map((q, i) => ({
    externalId: String(q.id),
    text: q.question,
    type: clean(q.answer_type ?? q.anwer_type),
    language: clean(wire.locale),
    position: i
  }))
  const ratingMetrics = (wire.questions ?? []).filter((q) => (q.answer_type ?? q.anwer_type ?? '').toLowerCase() === 'rating').map((q) => metricForQuestion(q.question))
  const metric: Metric | null = ratingMetrics.includes('nps') ? 'nps' : ratingMetrics.includes('csat') ? 'csat' : ratingMetrics.includes('ces') ? 'ces' : ratingMetrics.length > 0 ? 'rating' : null
  return {
    provider: 'customersure',
    externalId: String(wire.id),
    name: wire.name,
    metric,
    scale: ratingMetrics.length > 0 ? CUSTOMERSURE_RATING_SCALE : null,
    kind: null,
    active: null,
    questions,
    createdAt: null,
    raw: wire
  }
}

export function mapEmailTemplate(wire: EmailTemplate): Template {
  return {
    provider: 'customersure',
    externalId: String(wire.id),
    channel: 'email',
    name: wire.name,
    subject: clean(wire.subject),
    body: clean(wire.body),
    locale: clean(wire.locale),
    archived: flag(wire.archived),
    raw: wire
  }
}

export function mapTextMessageTemplate(wire: TextMessageTemplate): Template {
  return {
    provider: 'customersure',
    externalId: String(wire.id),
    channel: 'sms',
    name: wire.name,
    subject: null,
    body: clean(wire.body),
    locale: clean(wire.locale),
    archived: flag(wire.archived),
    raw: wire
  }
}

// ---------- metrics: provider-side figures, typed ----------

export interface CustomerSureRatingQuestionStats {
  questionText: string | null
  /** 0-100, comparable across scales. */
  standardisedScore: number | null
  /** Only for numeric scales. */
  averageRating: number | null
  counts: SentimentCounts
  totalNumberOfRatings: number
  raw: RatingQuestionStats
}

export interface CustomerSureResponseRate {
  responseRatePercent: number | null
  sentCount: number
  deliveredCount: number
  replyCount: number
  raw: ResponseRate
}

export interface CustomerSureNps {
  netPromoterScore: number | null
  promoterCount: number
  passiveCount: number
  detractorCount: number
  totalNumberOfRatings: number
  raw: NetPromoterScore
}

export interface CustomerSureCsat {
  csat: number | null
  counts: SentimentCounts
  totalNumberOfRatings: number
  raw: CsatScore
}

const counts = (w: { very_negative_count: number; negative_count: number; neutral_count: number; positive_count: number; very_positive_count: number }): SentimentCounts => ({
  veryNegative: w.very_negative_count,
  negative: w.negative_count,
  neutral: w.neutral_count,
  positive: w.positive_count,
  veryPositive: w.very_positive_count
})

export function mapRatingQuestionStats(wire: RatingQuestionStats): CustomerSureRatingQuestionStats {
  return {
    questionText: clean(wire.question_text),
    standardisedScore: wire.standardised_score,
    averageRating: wire.average_rating ?? null,
    counts: counts(wire),
    totalNumberOfRatings: wire.total_number_of_ratings,
    raw: wire
  }
}

export function mapResponseRate(wire: ResponseRate): CustomerSureResponseRate {
  return {
    responseRatePercent: wire.response_rate_percent,
    sentCount: wire.sent_count,
    deliveredCount: wire.delivered_count,
    replyCount: wire.reply_count,
    raw: wire
  }
}

export function mapNetPromoterScore(wire: NetPromoterScore): CustomerSureNps {
  return {
    netPromoterScore: wire.net_promoter_score,
    promoterCount: wire.promoter_count,
    passiveCount: wire.passive_count,
    detractorCount: wire.detractor_count,
    totalNumberOfRatings: wire.total_number_of_ratings,
    raw: wire
  }
}

export function mapCsatScore(wire: CsatScore): CustomerSureCsat {
  return { csat: wire.csat, counts: counts(wire), totalNumberOfRatings: wire.total_number_of_ratings, raw: wire }
}
