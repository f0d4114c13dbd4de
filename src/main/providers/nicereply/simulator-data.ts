import {
  asciiSlug,
  cesScore,
  comment,
  COUNTRIES,
  csatScore,
  emailFor,
  fakePerson,
  LANGS,
  lazyList,
  npsScore,
  personName,
  rngFor,
  sentimentFor,
  surveyName,
  teamName,
  timestampFor,
  type Lang,
  type LazyList,
  type Seed
} from '../simulator-kit'

/**
 * Seed data of the Nicereply simulator: deterministic per seed, generated per index on demand.
 * Surveys, teams and users are a handful and built once; customers, unsubscribes and ratings are
 * lazy lists, so item i is computed from rngFor(seed, kind, i) only when a page holds it. Ids are
 * UUIDs that encode their index (reversibly, see uuidFor/indexOfUuid), so a lookup by id needs no
 * table either.
 */

export type SimMetric = 'CSAT' | 'CES' | 'NPS'

export interface SimSurvey {
  id: string
  name: string
  metric: SimMetric
  scale: 'CSAT10' | 'CSAT5' | 'CSAT3' | 'CSAT2' | 'CES' | 'NPS'
  distribution: 'template' | 'trigger' | 'campaign'
  rating_scale: 'faces' | 'stars' | 'stars5' | 'thumbs' | 'ces' | 'nps'
  question: string
  extra_questions: { id: string; label: string; rating_scale: string; scale: string; required: boolean }[]
  lang: Lang
  createdMs: number
  /** Score range of the scale. */
  min: number
  max: number
}

export interface SimUser {
  id: string
  type: 'AGENT' | 'UNKNOWN_AGENT' | 'THING_OR_ACTION'
  has_access: boolean
  is_archived: boolean
  username: string
  integration_usernames: { id: string; integration_id: string; username: string; type: string }[]
  fullname: string
  email: string
  role: '' | 'admin' | 'leader' | 'team_member' | 'restricted'
  createdMs: number
}

export interface SimTeam {
  id: string
  name: string
  createdMs: number
  memberIds: string[]
}

export interface SimCustomer {
  id: string
  name: string
  email: string
  tickets: number
  lang: Lang
  createdMs: number
  updatedMs: number
}

export interface SimUnsubscribe {
  id: string
  email: string
  atMs: number
}

/** What filters, sorting and stats need of a rating; cheap to compute for a seeded one. */
export interface RatingCore {
  surveyId: string
  metric: SimMetric
  userId: string
  /** Index of a seeded customer, or null. */
  customerIndex: number | null
  score: number
  createdMs: number
  updatedMs: number
}

/** The period seeded ratings fall in; ratings created through the API are stamped "now", after it. */
export const RATING_PERIOD = { start: Date.UTC(2024, 0, 1), end: Date.UTC(2025, 5, 1) }
export type RatingPeriod = { start: number; end: number }
/** RATING_PERIOD's length, ending early enough that a rating's update (up to 3 days later) is not past `anchor`. */
export function ratingPeriodEndingAt(anchor: number): RatingPeriod {
  const end = anchor - 3 * 86_400_000
  return { start: end - (RATING_PERIOD.end - RATING_PERIOD.start), end }
}

// ---------------- UUIDs that encode their index ----------------

const MASK48 = (1n << 48n) - 1n
const MULT = 0x5deece66dn // odd, so multiplication is a bijection mod 2^48
const MULT_INV = (() => {
  let inv = MULT
  for (let i = 0; i < 6; i++) inv = (inv * (2n - ((MULT * inv) & MASK48))) & MASK48
  return inv
})()

const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(8, '0').slice(-width)

function maskFor(seed: Seed, kind: string): bigint {
  const r = rngFor(seed, 'uuid-mask', kind)
  return ((BigInt(r.next()) << 16n) ^ BigInt(r.next())) & MASK48
}

const masks = new Map<string, bigint>()
function cachedMask(seed: Seed, kind: string): bigint {
  const key = `${typeof seed}:${String(seed)}:${kind}`
  let m = masks.get(key)
  if (m === undefined) {
    m = maskFor(seed, kind)
    masks.set(key, m)
  }
  return m
}

/** A version-4-shaped UUID for item `index` of `kind`: random-looking, and its last group gives the index back. */
export function uuidFor(seed: Seed, kind: string, index: number): string {
  const r = rngFor(seed, 'uuid', kind, index)
  const a = r.next()
  const b = r.next()
  const c = r.next()
  const tail = ((BigInt(index) * MULT) & MASK48) ^ cachedMask(seed, kind)
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-${(8 + (c & 3)).toString(16)}${hex(c >>> 4, 3)}-${tail.toString(16).padStart(12, '0')}`
}

/** The index a seeded UUID of `kind` encodes, or null when it is not one of ours. */
export function indexOfUuid(seed: Seed, kind: string, id: string, length: number): number | null {
  const m = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-([0-9a-f]{12})$/.exec(id.toLowerCase())
  if (!m) return null
  const index = Number((((BigInt(`0x${m[1]}`) ^ cachedMask(seed, kind)) & MASK48) * MULT_INV) & MASK48)
  if (!Number.isSafeInteger(index) || index >= length) return null
  return uuidFor(seed, kind, index) === id.toLowerCase() ? index : null
}

// ---------------- wording per language ----------------

const QUESTIONS: Record<SimMetric, Record<Lang, string>> = {
  CSAT: {
    en: 'How would you rate the support you received?',
    nl: 'Hoe tevreden bent u over de hulp die u kreeg?',
    fr: 'Comment évaluez-vous l’aide que vous avez reçue ?'
  },
  CES: {
    en: 'The company made it easy for me to handle my issue.',
    nl: 'Het bedrijf maakte het mij makkelijk om mijn vraag af te handelen.',
    fr: 'L’entreprise m’a facilité le traitement de ma demande.'
  },
  NPS: {
    en: 'How likely is it that you would recommend us to a friend or colleague?',
    nl: 'Hoe waarschijnlijk is het dat u ons aanbeveelt bij een vriend of collega?',
    fr: 'Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?'
  }
}

const EXTRA_LABEL: Record<Lang, string> = {
  en: 'Was your issue resolved?',
  nl: 'Is uw vraag opgelost?',
  fr: 'Votre problème a-t-il été résolu ?'
}

const SURVEY_PLAN: ReadonlyArray<Pick<SimSurvey, 'metric' | 'scale' | 'distribution' | 'rating_scale' | 'lang'> & { weight: number; extra: boolean }> = [
  { metric: 'CSAT', scale: 'CSAT3', rating_scale: 'faces', distribution: 'trigger', lang: 'en', weight: 30, extra: true },
  { metric: 'CSAT', scale: 'CSAT10', rating_scale: 'stars', distribution: 'template', lang: 'nl', weight: 14, extra: true },
  { metric: 'CSAT', scale: 'CSAT5', rating_scale: 'stars5', distribution: 'trigger', lang: 'fr', weight: 10, extra: false },
  { metric: 'CSAT', scale: 'CSAT2', rating_scale: 'thumbs', distribution: 'campaign', lang: 'en', weight: 8, extra: false },
  { metric: 'CES', scale: 'CES', rating_scale: 'ces', distribution: 'template', lang: 'en', weight: 14, extra: false },
  { metric: 'NPS', scale: 'NPS', rating_scale: 'nps', distribution: 'campaign', lang: 'nl', weight: 12, extra: false },
  { metric: 'NPS', scale: 'NPS', rating_scale: 'nps', distribution: 'template', lang: 'fr', weight: 12, extra: false }
]

const SCALE_RANGE: Record<SimSurvey['scale'], [number, number]> = { CSAT10: [1, 10], CSAT5: [1, 5], CSAT3: [1, 3], CSAT2: [1, 2], CES: [1, 7], NPS: [0, 10] }

const THINGS: Record<Lang, readonly string[]> = {
  en: ['Live chat', 'Returns desk', 'Phone line', 'Help centre article', 'Order tracking page'],
  nl: ['Chatservice', 'Retourbalie', 'Klantenlijn', 'Helpcentrum', 'Bestelstatuspagina'],
  fr: ['Chat en direct', 'Service retours', 'Ligne téléphonique', 'Centre d’aide', 'Suivi de commande']
}

const INTEGRATIONS = ['zendesk', 'helpscout-v2', 'freshdesk', 'front-v2', 'intercom'] as const

// ---------------- the data set ----------------

export interface NicereplyData {
  seed: Seed
  surveys: SimSurvey[]
  teams: SimTeam[]
  users: SimUser[]
  customers: LazyList<SimCustomer>
  unsubscribes: LazyList<SimUnsubscribe>
  /** Number of seeded ratings. */
  ratingCount: number
  ratingCore(index: number): RatingCore
  /** The wire object of seeded rating `index` (nicereply-v1.txt "Rating model fields"). */
  rating(index: number): Record<string, unknown>
  ratingId(index: number): string
  ratingIndex(id: string): number | null
  customerIndex(id: string): number | null
}

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n))

export function buildNicereplyData(seed: Seed, volume: number, period: RatingPeriod = RATING_PERIOD): NicereplyData {
  const ratingCount = Math.max(0, Math.floor(volume))
  const customerCount = Math.max(20, Math.ceil(ratingCount / 4))
  const userCount = clamp(Math.round(ratingCount / 60), 6, 40)
  const teamCount = clamp(Math.round(userCount / 4), 2, 10)
  const unsubscribeCount = Math.max(3, Math.floor(ratingCount / 100))

  const surveys: SimSurvey[] = SURVEY_PLAN.map((plan, i) => {
    const r = rngFor(seed, 'survey', i)
    const id = uuidFor(seed, 'survey', i)
    const [min, max] = SCALE_RANGE[plan.scale]
    return {
      id,
      name: `${surveyName(r, plan.lang)} (${plan.metric})`,
      metric: plan.metric,
      scale: plan.scale,
      distribution: plan.distribution,
      rating_scale: plan.rating_scale,
      question: QUESTIONS[plan.metric][plan.lang],
      extra_questions: plan.extra ? [{ id: uuidFor(seed, 'extra-question', i), label: EXTRA_LABEL[plan.lang], rating_scale: 'thumbs', scale: 'CSAT2', required: false }] : [],
      lang: plan.lang,
      createdMs: Date.UTC(2023, 0, 10) + i * 86_400_000 * 17,
      min,
      max
    }
  })
  const surveyWeights = SURVEY_PLAN.map((p, i) => [i, p.weight] as const)

  const users: SimUser[] = Array.from({ length: userCount }, (_, i) => {
    const r = rngFor(seed, 'user', i)
    const lang = r.pick(LANGS)
    const createdMs = timestampFor(r, i, { start: Date.UTC(2022, 0, 1), end: Date.UTC(2023, 11, 31), count: userCount }).getTime()
    const id = uuidFor(seed, 'user', i)
    if (i === userCount - 1) {
      // Nicereply creates an unknown agent when a rating names a username it has never seen.
      const name = personName(r, lang)
      return { id, type: 'UNKNOWN_AGENT', has_access: false, is_archived: false, username: asciiSlug(name.first) + r.int(10, 99), integration_usernames: [], fullname: '', email: '', role: '', createdMs }
    }
    if (i % 7 === 6) {
      const thing = THINGS[lang][Math.floor(i / 7) % THINGS[lang].length] ?? 'Live chat'
      return { id, type: 'THING_OR_ACTION', has_access: false, is_archived: false, username: thing.toLowerCase().replace(/[^a-z]+/g, '-'), integration_usernames: [], fullname: thing, email: '', role: '', createdMs }
    }
    const name = personName(r, lang)
    const integration = r.chance(0.5)
      ? [{ id: uuidFor(seed, 'integration-username', i), integration_id: uuidFor(seed, 'integration', i % 3), username: String(r.int(10_000_000, 99_999_999)), type: INTEGRATIONS[i % INTEGRATIONS.length] ?? 'zendesk' }]
      : []
    return {
      id,
      type: 'AGENT',
      has_access: r.chance(0.85),
      is_archived: r.chance(0.08),
      username: `${asciiSlug(name.first)}.${asciiSlug(name.last)}${i}`,
      integration_usernames: integration,
      fullname: name.full,
      email: emailFor(name, lang, i),
      role: i === 0 ? 'admin' : i % 5 === 1 ? 'leader' : r.chance(0.1) ? 'restricted' : 'team_member',
      createdMs
    }
  })

  const teamNames = new Set<string>()
  const teams: SimTeam[] = Array.from({ length: teamCount }, (_, i) => {
    const r = rngFor(seed, 'team', i)
    let name = teamName(r, r.pick(LANGS))
    for (let k = 0; teamNames.has(name) && k < 10; k++) name = teamName(r, r.pick(LANGS))
    if (teamNames.has(name)) name = `${name} ${i + 1}`
    teamNames.add(name)
    return { id: uuidFor(seed, 'team', i), name, createdMs: Date.UTC(2022, 0, 3) + i * 86_400_000 * 11, memberIds: [] }
  })
  for (const [u, user] of users.entries()) {
    teams[u % teamCount]?.memberIds.push(user.id)
    if (rngFor(seed, 'membership', u).chance(0.3)) teams[(u + 1) % teamCount]?.memberIds.push(user.id)
  }

  const customers = lazyList<SimCustomer>(customerCount, (i) => {
    const r = rngFor(seed, 'customer', i)
    const person = fakePerson(r, r.pick(COUNTRIES), i)
    const createdMs = timestampFor(r, i, { start: Date.UTC(2021, 0, 1), end: period.end, count: customerCount }).getTime()
    return { id: uuidFor(seed, 'customer', i), name: person.full, email: person.email, tickets: r.int(1, 40), lang: person.lang, createdMs, updatedMs: createdMs + r.int(0, 30) * 86_400_000 }
  })

  const unsubscribes = lazyList<SimUnsubscribe>(unsubscribeCount, (i) => {
    const r = rngFor(seed, 'unsubscribe', i)
    const customer = customers.at((i * 7919 + 13) % customerCount)
    return {
      id: uuidFor(seed, 'unsubscribe', i),
      email: customer?.email ?? `unsubscribed${i}@example.com`,
      atMs: timestampFor(r, i, { start: period.start, end: period.end, count: unsubscribeCount }).getTime()
    }
  })

  function ratingCore(i: number): RatingCore {
    const r = rngFor(seed, 'rating', i)
    const survey = surveys[r.weighted(surveyWeights)] ?? surveys[0]!
    const user = users[r.int(0, users.length - 1)]!
    const customerIndex = r.chance(0.85) ? r.int(0, customerCount - 1) : null
    const score = survey.metric === 'NPS' ? npsScore(r) : survey.metric === 'CES' ? cesScore(r) : csatScore(r, survey.max)
    const createdMs = timestampFor(r, i, { start: period.start, end: period.end, count: Math.max(1, ratingCount) }).getTime()
    const updatedMs = r.chance(0.15) ? createdMs + r.int(60, 3 * 86_400) * 1000 : createdMs
    return { surveyId: survey.id, metric: survey.metric, userId: user.id, customerIndex, score, createdMs, updatedMs }
  }

  const surveyById = new Map(surveys.map((s) => [s.id, s]))
  const userById = new Map(users.map((u) => [u.id, u]))

  function rating(i: number): Record<string, unknown> {
    const core = ratingCore(i)
    const d = rngFor(seed, 'rating-detail', i)
    const survey = surveyById.get(core.surveyId)!
    const user = userById.get(core.userId)!
    const customer = core.customerIndex === null ? undefined : customers.at(core.customerIndex)
    const lang = customer?.lang ?? survey.lang
    const from = customer?.name ?? personName(d, lang).full
    const text = d.chance(0.6) ? comment(d, sentimentFor(core.score, { min: survey.min, max: survey.max }), lang) : null
    const ticketValue = String(100_000 + i * 3 + d.int(0, 2))
    const ticket = d.chance(0.8) ? { value: ticketValue, link: d.chance(0.5) ? `https://support.example.com/tickets/${ticketValue}` : null } : null
    const ip = `${d.pick(['192.0.2', '198.51.100', '203.0.113'])}.${d.int(1, 254)}`
    const id = uuidFor(seed, 'rating', i)
    const metricPath = survey.metric.toLowerCase()
    return ratingWire({
      id,
      score: core.score,
      from,
      ip,
      comment: text,
      createdMs: core.createdMs,
      updatedMs: core.updatedMs,
      ticket,
      survey,
      user,
      customerId: customer?.id ?? null,
      status: core.createdMs < period.end - 7 * 86_400_000 ? 'closed' : 'open',
      extra: survey.extra_questions.length > 0 && d.chance(0.7) ? survey.extra_questions.map((q) => ({ id: q.id, score: d.int(1, 2) })) : [],
      metricPath
    })
  }

  return {
    seed,
    surveys,
    teams,
    users,
    customers,
    unsubscribes,
    ratingCount,
    ratingCore,
    rating,
    ratingId: (i) => uuidFor(seed, 'rating', i),
    ratingIndex: (id) => indexOfUuid(seed, 'rating', id, ratingCount),
    customerIndex: (id) => indexOfUuid(seed, 'customer', id, customerCount)
  }
}

export interface RatingWireInput {
  id: string
  score: number
  from: string
  ip: string | null
  comment: string | null
  createdMs: number
  updatedMs: number
  ticket: { value: string; link: string | null } | null
  survey: SimSurvey
  user: SimUser | null
  customerId: string | null
  status: 'open' | 'closed'
  extra: { id: string; score: number }[]
  metricPath: string
}

/** A rating as Nicereply prints it in its examples (survey.type, ticket object, _links). */
export function ratingWire(x: RatingWireInput): Record<string, unknown> {
  const links: Record<string, string> = { self: `/v1/${x.metricPath}/ratings/${x.id}`, survey: `/v1/surveys/${x.survey.id}` }
  if (x.user) links.user = `/v1/users/${x.user.id}`
  if (x.customerId) links.customer = `/v1/customers/${x.customerId}`
  return {
    id: x.id,
    score: x.score,
    from: x.from,
    ip_address: x.ip,
    comment: x.comment,
    created_at: nicereplyTime(x.createdMs),
    updated_at: nicereplyTime(x.updatedMs),
    ticket: x.ticket,
    survey: { id: x.survey.id, type: x.survey.metric },
    customer: x.customerId ? { id: x.customerId } : null,
    user: x.user ? { id: x.user.id, username: x.user.username } : null,
    status: x.status,
    extra_questions: x.extra,
    _links: links
  }
}

// ---------------- time, as Nicereply (Bratislava) writes it ----------------

/** Last Sunday of a month, 01:00 UTC: when EU summer time starts (March) and ends (October). */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0))
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1)
}

/** '2017-10-24T13:37:01+02:00': local Central European time with its offset, as in the document's examples. */
export function nicereplyTime(ms: number): string {
  const year = new Date(ms).getUTCFullYear()
  const summer = ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9)
  const offsetH = summer ? 2 : 1
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetH * 3_600_000)
  return `${local.toISOString().slice(0, 19)}+0${offsetH}:00`
}

/** "These three formats are valid on our side": 2017-10-24T13:37:00+02:00, ...-02:00, ...Z. */
export const DOCUMENTED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/

