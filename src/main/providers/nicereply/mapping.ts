import type { Customer, Metric, Response, Scale, Staff, Survey, Team, Unsubscribe } from '../../../shared/domain/model'
import type {
  RatingMetric,
  WireCustomer,
  WireId,
  WireNumber,
  WireRating,
  WireSurvey,
  WireTeam,
  WireTimestamp,
  WireUnsubscribe,
  WireUser
} from './wire'

/**
 * Nicereply wire objects -> the unified model (DESIGN.md). Pure functions; `raw` is the wire object.
 * A rating alone does not say its scale or its survey's name: pass what is known (the surveys, the
 * users, the team a list was read for) in the context.
 */

const PROVIDER = 'nicereply' as const

/**
 * Survey scales (nicereply-v1.txt "Survey model fields"). Since Nicereply dropped the "legacy score"
 * (always out of 10) each CSAT scale scores out of its own options: faces out of 3, thumbs 2,
 * stars5 5, stars 10.
 */
export const SCALES: Record<string, Scale> = {
  CSAT10: { min: 1, max: 10 },
  CSAT5: { min: 1, max: 5 },
  CSAT3: { min: 1, max: 3 },
  CSAT2: { min: 1, max: 2 },
  CES: { min: 1, max: 7 },
  NPS: { min: 0, max: 10 }
}

/** What each metric's rating table documents when the survey's own scale is not known. */
export const METRIC_RANGE: Record<RatingMetric, Scale> = {
  csat: { min: 1, max: 10 },
  ces: { min: 1, max: 7 },
  nps: { min: 0, max: 10 }
}

export function scaleOf(scaleName: string | null | undefined): Scale | null {
  if (!scaleName) return null
  return SCALES[scaleName.trim().toUpperCase()] ?? null
}

export function metricOf(text: string | null | undefined): RatingMetric | null {
  const m = text?.trim().toLowerCase()
  return m === 'csat' || m === 'ces' || m === 'nps' ? m : null
}

export function idOf(id: WireId): string {
  return String(id)
}

export function toNumber(v: WireNumber | null | undefined): number | null {
  if (v === null || v === undefined) return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? n : null
}

/** ISO 8601 with any offset, or epoch seconds / milliseconds -> ISO 8601 UTC ('...Z'). */
export function toIsoUtc(v: WireTimestamp | null | undefined): string | null {
  if (v === null || v === undefined) return null
  const ms = typeof v === 'number' ? (Math.abs(v) < 1e11 ? v * 1000 : v) : Date.parse(v)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

const blankToNull = (s: string | null | undefined): string | null => {
  const t = s?.trim()
  return t ? t : null
}

// ---------------- ratings ----------------

export interface RatingContext {
  /** The metric of the endpoint the rating was read from (/v1/csat/ratings -> csat). */
  metric?: RatingMetric
  /** Known surveys by id, for the scale, the survey's name and the extra questions' labels. */
  surveys?: ReadonlyMap<string, WireSurvey>
  /** Known users by id, for the staff member's full name. */
  users?: ReadonlyMap<string, WireUser>
  /** The team a team's ratings list was read for. */
  team?: { id: WireId; name: string | null }
  /** Base URL of the connection, to turn `_links.self` into an address. */
  baseUrl?: string
}

/** The rating's scale: its survey's, unless the score lies outside it (a legacy out-of-10 score), then the metric's documented range. */
function ratingScale(metric: RatingMetric | null, survey: WireSurvey | undefined, score: number | null): Scale | null {
  const own = scaleOf(survey?.scale)
  const fallback = metric ? METRIC_RANGE[metric] : null
  if (own && (score === null || (score >= own.min && score <= own.max))) return own
  return fallback ?? own
}

export function mapRating(w: WireRating, ctx: RatingContext = {}): Response {
  const surveyId = w.survey ? idOf(w.survey.id) : null
  const survey = surveyId ? ctx.surveys?.get(surveyId) : undefined
  const metric = metricOf(w.survey?.metric) ?? metricOf(w.survey?.type) ?? metricOf(survey?.metric) ?? ctx.metric ?? null
  const score = toNumber(w.score)
  const userId = w.user ? idOf(w.user.id) : null
  const user = userId ? ctx.users?.get(userId) : undefined
  const extraLabels = new Map((survey?.extra_questions ?? []).map((q) => [idOf(q.id), q]))
  const selfLink = w._links?.self
  const respondedAt = toIsoUtc(w.created_at)
  if (respondedAt === null) throw new Error(`Nicereply rating ${idOf(w.id)} has no readable created_at`)
  const properties: Record<string, string> = {}
  if (w.status) properties.status = w.status
  if (w.ticket?.value !== null && w.ticket?.value !== undefined) properties.ticket = String(w.ticket.value)

  return {
    provider: PROVIDER,
    kind: 'nicereply_rating',
    externalId: idOf(w.id),
    surveyExternalId: surveyId,
    surveyName: survey?.name ?? null,
    metric: metric satisfies Metric | null,
    score,
    scale: ratingScale(metric, survey, score),
    sentiment: null,
    comment: blankToNull(w.comment),
    customer: {
      externalId: w.customer ? idOf(w.customer.id) : null,
      name: blankToNull(w.from),
      email: null,
      phone: null,
      company: null,
      reference: null
    },
    siteExternalId: null,
    siteName: null,
    staffExternalId: userId,
    staffName: blankToNull(user?.fullname) ?? blankToNull(w.user?.username),
    teamExternalId: ctx.team ? idOf(ctx.team.id) : null,
    teamName: ctx.team?.name ?? null,
    tags: [],
    drivers: [],
    answers: (w.extra_questions ?? []).map((q) => {
      const def = extraLabels.get(idOf(q.id))
      return {
        questionId: idOf(q.id),
        question: blankToNull(def?.label),
        type: blankToNull(def?.rating_scale) ?? 'rating',
        score: toNumber(q.score),
        text: null,
        sentiment: null
      }
    }),
    properties,
    channel: null,
    language: null,
    links: {
      reference: w.ticket?.value !== null && w.ticket?.value !== undefined ? String(w.ticket.value) : null,
      machineId: null,
      ticketUrl: blankToNull(w.ticket?.link),
      sourceUrl: selfLink && ctx.baseUrl ? `${ctx.baseUrl.replace(/\/+$/, '')}${selfLink}` : null
    },
    respondedAt,
    updatedAt: toIsoUtc(w.updated_at),
    raw: w
  }
}

// ---------------- surveys ----------------

export function mapSurvey(w: WireSurvey): Survey {
  const id = idOf(w.id)
  const metric = metricOf(w.metric)
  const questions: Survey['questions'] = []
  if (blankToNull(w.question)) {
    questions.push({ externalId: `${id}#question`, text: w.question!.trim(), type: blankToNull(w.rating_scale) ?? blankToNull(w.scale), language: null, position: 0 })
  }
  for (const [i, q] of (w.extra_questions ?? []).entries()) {
    questions.push({ externalId: idOf(q.id), text: blankToNull(q.label) ?? `Extra question ${i + 1}`, type: blankToNull(q.rating_scale) ?? blankToNull(q.scale), language: null, position: i + 1 })
  }
  return {
    provider: PROVIDER,
    externalId: id,
    name: w.name,
    metric,
    scale: scaleOf(w.scale) ?? (metric ? METRIC_RANGE[metric] : null),
    // Nicereply's survey type is how it is distributed: template, trigger or campaign.
    kind: blankToNull(w.distribution),
    active: null,
    questions,
    createdAt: null,
    raw: w
  }
}

// ---------------- users, teams ----------------

/** AGENT -> 'agent', THING_OR_ACTION -> 'thing_or_action', UNKNOWN_AGENT -> 'unknown_agent'. */
export function staffKind(type: string): string {
  return type.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_')
}

export function mapUser(w: WireUser, ctx: { teams?: readonly WireTeam[] } = {}): Staff {
  const teams = ctx.teams ?? []
  return {
    provider: PROVIDER,
    externalId: idOf(w.id),
    name: blankToNull(w.fullname) ?? blankToNull(w.username) ?? idOf(w.id),
    email: blankToNull(w.email),
    code: null,
    username: blankToNull(w.username),
    kind: staffKind(w.type),
    teamExternalIds: teams.map((t) => idOf(t.id)),
    teamName: teams[0]?.name ?? null,
    active: w.is_archived === null || w.is_archived === undefined ? null : !w.is_archived,
    raw: w
  }
}

export function mapTeam(w: WireTeam, ctx: { members?: readonly WireUser[] } = {}): Team {
  return {
    provider: PROVIDER,
    externalId: idOf(w.id),
    name: w.name,
    memberExternalIds: (ctx.members ?? []).map((u) => idOf(u.id)),
    raw: w
  }
}

// ---------------- customers, unsubscribes ----------------

export function mapCustomer(w: WireCustomer, ctx: { unsubscribedEmails?: ReadonlySet<string> } = {}): Customer {
  const email = blankToNull(w.email)
  return {
    provider: PROVIDER,
    externalId: idOf(w.id),
    name: blankToNull(w.name),
    firstName: null,
    lastName: null,
    email,
    phone: null,
    optedOut: email !== null && (ctx.unsubscribedEmails?.has(email.toLowerCase()) ?? false),
    invalid: false,
    siteExternalIds: [],
    createdAt: toIsoUtc(w.created_at),
    raw: w
  }
}

export function mapUnsubscribe(w: WireUnsubscribe): Unsubscribe {
  return {
    provider: PROVIDER,
    externalId: idOf(w.id),
    email: blankToNull(w.email),
    createdAt: toIsoUtc(w.unsubscribed_at),
    raw: w
  }
}
