import { randomUUID } from 'node:crypto'
import { json, startSimulator, type Route, type SimRequest, type SimResult, type Simulator } from '../simulator-kit'
import type { ProviderSimulatorHandle, ProviderSimulatorOptions } from '../types'
import {
  buildNicereplyData,
  DOCUMENTED_DATE,
  nicereplyTime,
  ratingPeriodEndingAt,
  ratingWire,
  type NicereplyData,
  type RatingCore,
  type SimCustomer,
  type SimMetric,
  type SimSurvey,
  type SimTeam,
  type SimUnsubscribe,
  type SimUser
} from './simulator-data'

/**
 * A loopback Nicereply v1 (nicereply-v1.txt): every documented endpoint, Basic auth with a blank
 * username and the private key as password (401 {"errors": [...]} otherwise), `_results` /
 * `_pagination` paging with per_page 10-100, created_at ordering with sort_order, the period
 * filters, validation errors as "Validation error in requestBody[field]: ...", and state: ratings
 * and users created through the API are listed, counted in stats and found by id.
 *
 * Beyond the document: a legacy numeric id (1-based position of a seeded object) is answered with a
 * 301 to the UUID address, standing in for the "we will continue to support numerical IDs for a
 * short time" of "New IDs"; the tokenExpiryAfter fault revokes the private key after N requests.
 */

export const NICEREPLY_SIM_DEFAULT_VOLUME = 1500

const METRICS: readonly SimMetric[] = ['CSAT', 'CES', 'NPS']
const HISTOGRAM_KEYS: Record<SimMetric, number[]> = {
  CSAT: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  CES: [1, 2, 3, 4, 5, 6, 7],
  NPS: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
}

const errors = (status: number, ...messages: string[]): SimResult => json(status, { errors: messages })
const notFoundResource = (): SimResult => errors(404, 'Resource not found.')
const queryError = (param: string, message: string): string => `Validation error in queryParameters[${param}]: ${message}`
const bodyError = (field: string, message: string): string => `Validation error in requestBody[${field}]: ${message}`

// ---------------- query parameters ----------------

interface ListQuery {
  page: number
  perPage: number
  desc: boolean
  created: [number, number] | null
  updated: [number, number] | null
}

interface QueryRules {
  sort?: boolean
  period?: boolean
  updated?: boolean
}

function readDate(req: SimRequest, name: string, problems: string[]): number | null {
  const raw = req.query.get(name)
  if (raw === null || raw === '') return null
  if (!DOCUMENTED_DATE.test(raw) || Number.isNaN(Date.parse(raw))) {
    problems.push(queryError(name, 'This value is not a valid datetime.'))
    return null
  }
  return Date.parse(raw)
}

function readQuery(req: SimRequest, rules: QueryRules): { ok: true; q: ListQuery } | { ok: false; result: SimResult } {
  const problems: string[] = []
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = req.query.get(name)
    if (raw === null || raw === '') return def
    if (!/^\d+$/.test(raw.trim())) {
      problems.push(queryError(name, 'This value should be a valid number.'))
      return def
    }
    const n = Number(raw)
    if (n < min) problems.push(queryError(name, `This value should be ${min} or more.`))
    else if (n > max) problems.push(queryError(name, `This value should be ${max} or less.`))
    return n
  }
  const page = int('page', 1, 1, Number.MAX_SAFE_INTEGER)
  const perPage = int('per_page', 10, 10, 100)
  let desc = true
  if (rules.sort) {
    const s = req.query.get('sort_order')
    if (s !== null && s !== '') {
      if (s !== 'asc' && s !== 'desc') problems.push(queryError('sort_order', 'The value you selected is not a valid choice.'))
      desc = s !== 'asc'
    }
  }
  const range = (startName: string, endName: string): [number, number] | null => {
    const lo = readDate(req, startName, problems)
    const hi = readDate(req, endName, problems)
    return lo === null && hi === null ? null : [lo ?? Number.NEGATIVE_INFINITY, hi ?? Number.POSITIVE_INFINITY]
  }
  const created = rules.period ? range('period_start', 'period_end') : null
  const updated = rules.updated ? range('updated_period_start', 'updated_period_end') : null
  if (problems.length > 0) return { ok: false, result: errors(400, ...problems) }
  return { ok: true, q: { page, perPage, desc, created, updated } }
}

/** `_results` + `_pagination` (nicereply-v1.txt "Pagination"); links keep the other query parameters. */
function paged(req: SimRequest, q: ListQuery, total: number, itemsAt: (start: number, end: number) => unknown[]): SimResult {
  const totalPages = Math.ceil(total / q.perPage)
  const start = Math.min(total, (q.page - 1) * q.perPage)
  const end = Math.min(total, start + q.perPage)
  const results = itemsAt(start, end)
  const linkTo = (page: number): string => {
    const params = new URLSearchParams(req.query)
    params.set('page', String(page))
    return `${req.path}?${params.toString()}`
  }
  const links: Record<string, string> = {}
  if (q.page < totalPages) links.next = linkTo(q.page + 1)
  if (q.page > 1 && q.page - 1 <= Math.max(totalPages, 1)) links.previous = linkTo(q.page - 1)
  return json(200, {
    _results: results,
    _pagination: { total, count: results.length, per_page: q.perPage, current_page: q.page, total_pages: totalPages, links }
  })
}

/** Pages a materialised list sorted oldest first, honouring sort_order. */
function pagedList<T>(req: SimRequest, q: ListQuery, ascending: readonly T[], render: (item: T) => unknown): SimResult {
  const n = ascending.length
  return paged(req, q, n, (start, end) => {
    const out: unknown[] = []
    for (let k = start; k < end; k++) {
      const item = ascending[q.desc ? n - 1 - k : k]
      if (item !== undefined) out.push(render(item))
    }
    return out
  })
}

// ---------------- stats ----------------

class MetricTally {
  count = 0
  sum = 0
  promoters = 0
  passives = 0
  detractors = 0
  readonly histogram = new Map<number, number>()
  add(score: number): void {
    this.count += 1
    this.sum += score
    if (score >= 9) this.promoters += 1
    else if (score >= 7) this.passives += 1
    else this.detractors += 1
    this.histogram.set(score, (this.histogram.get(score) ?? 0) + 1)
  }
  stats(metric: SimMetric): Record<string, unknown> {
    if (metric === 'NPS') {
      const nps = this.count === 0 ? 0 : Math.round((100 * (this.promoters - this.detractors)) / this.count)
      return { nps_score: nps, count: this.count, groups: { promoters: this.promoters, passives: this.passives, detractors: this.detractors } }
    }
    return { average: this.count === 0 ? 0 : Math.round((this.sum / this.count) * 10_000) / 10_000, count: this.count }
  }
  histogramOf(metric: SimMetric): { histogram: Record<string, number> } {
    const h: Record<string, number> = {}
    for (const k of HISTOGRAM_KEYS[metric]) h[String(k)] = this.histogram.get(k) ?? 0
    return { histogram: h }
  }
}

class Tally {
  readonly by: Record<SimMetric, MetricTally> = { CSAT: new MetricTally(), CES: new MetricTally(), NPS: new MetricTally() }
  add(core: RatingCore): void {
    this.by[core.metric].add(core.score)
  }
  allStats(): Record<string, unknown> {
    return Object.fromEntries(METRICS.map((m) => [m, this.by[m].stats(m)]))
  }
  allHistograms(): Record<string, unknown> {
    return Object.fromEntries(METRICS.map((m) => [m, this.by[m].histogramOf(m)]))
  }
}

// ---------------- state: seeded data plus what the API created ----------------

type Selector =
  | { kind: 'metric'; metric: SimMetric }
  | { kind: 'survey'; id: string }
  | { kind: 'customer'; index: number }
  | { kind: 'team'; team: SimTeam }
  | { kind: 'user'; id: string }
  | { kind: 'all' }

class NicereplyState {
  readonly createdRatings: { core: RatingCore; wire: Record<string, unknown> }[] = []
  private readonly createdRatingIndex = new Map<string, number>()
  readonly users: SimUser[]
  private readonly userById: Map<string, SimUser>
  readonly surveyById: Map<string, SimSurvey>
  private readonly teamById: Map<string, SimTeam>
  private version = 0
  private readonly cache = new Map<string, number[]>()

  constructor(readonly data: NicereplyData) {
    this.users = [...data.users]
    this.userById = new Map(this.users.map((u) => [u.id, u]))
    this.surveyById = new Map(data.surveys.map((s) => [s.id, s]))
    this.teamById = new Map(data.teams.map((t) => [t.id, t]))
  }

  get ratingTotal(): number {
    return this.data.ratingCount + this.createdRatings.length
  }

  core(ref: number): RatingCore {
    if (ref >= this.data.ratingCount) return this.createdRatings[ref - this.data.ratingCount]!.core
    const t = this.table
    if (!t) return this.data.ratingCore(ref)
    const survey = this.data.surveys[t.survey[ref]!]!
    const customer = t.customer[ref]!
    return {
      surveyId: survey.id,
      metric: survey.metric,
      userId: this.data.users[t.user[ref]!]!.id,
      customerIndex: customer < 0 ? null : customer,
      score: t.score[ref]!,
      createdMs: t.created[ref]!,
      updatedMs: t.updated[ref]!
    }
  }

  /**
   * Filters and stats scan every rating. The first scan stores what they need of each seeded rating
   * in typed arrays (26 bytes a rating, never the ratings themselves), so later scans skip the
   * generation; a page still builds its ratings from the seed.
   */
  private table: { survey: Uint8Array; user: Uint16Array; customer: Int32Array; score: Uint8Array; created: Float64Array; updated: Float64Array } | null = null

  private ensureTable(): void {
    if (this.table) return
    const n = this.data.ratingCount
    const surveyIndex = new Map(this.data.surveys.map((s, i) => [s.id, i]))
    const userIndex = new Map(this.data.users.map((u, i) => [u.id, i]))
    const t = { survey: new Uint8Array(n), user: new Uint16Array(n), customer: new Int32Array(n), score: new Uint8Array(n), created: new Float64Array(n), updated: new Float64Array(n) }
    for (let i = 0; i < n; i++) {
      const c = this.data.ratingCore(i)
      t.survey[i] = surveyIndex.get(c.surveyId) ?? 0
      t.user[i] = userIndex.get(c.userId) ?? 0
      t.customer[i] = c.customerIndex ?? -1
      t.score[i] = c.score
      t.created[i] = c.createdMs
      t.updated[i] = c.updatedMs
    }
    this.table = t
  }

  wire(ref: number): Record<string, unknown> {
    return ref < this.data.ratingCount ? this.data.rating(ref) : this.createdRatings[ref - this.data.ratingCount]!.wire
  }

  ratingRef(id: string): number | null {
    const seeded = this.data.ratingIndex(id)
    if (seeded !== null) return seeded
    const created = this.createdRatingIndex.get(id.toLowerCase())
    return created === undefined ? null : this.data.ratingCount + created
  }

  addRating(core: RatingCore, wire: Record<string, unknown>): void {
    this.createdRatingIndex.set(String(wire.id).toLowerCase(), this.createdRatings.length)
    this.createdRatings.push({ core, wire })
    this.version += 1
    this.cache.clear()
  }

  user(id: string): SimUser | undefined {
    return this.userById.get(id.toLowerCase())
  }

  userByUsername(username: string): SimUser | undefined {
    const wanted = username.toLowerCase()
    return this.users.find((u) => u.username.toLowerCase() === wanted)
  }

  addUser(user: SimUser): void {
    this.users.push(user)
    this.userById.set(user.id, user)
  }

  team(id: string): SimTeam | undefined {
    return this.teamById.get(id.toLowerCase())
  }

  teamsOf(userId: string): SimTeam[] {
    return this.data.teams.filter((t) => t.memberIds.includes(userId))
  }

  /** Rating refs matching, oldest first (seeded ratings are in created_at order, created ones come after them). */
  select(sel: Selector, created: [number, number] | null, updated: [number, number] | null): number[] {
    const key = `${this.version}|${selectorKey(sel)}|${created?.join(',') ?? ''}|${updated?.join(',') ?? ''}`
    const hit = this.cache.get(key)
    if (hit) return hit
    this.ensureTable()
    const members = sel.kind === 'team' ? new Set(sel.team.memberIds) : null
    const out: number[] = []
    const total = this.ratingTotal
    for (let ref = 0; ref < total; ref++) {
      const c = this.core(ref)
      if (sel.kind === 'metric' && c.metric !== sel.metric) continue
      if (sel.kind === 'survey' && c.surveyId !== sel.id) continue
      if (sel.kind === 'customer' && c.customerIndex !== sel.index) continue
      if (sel.kind === 'user' && c.userId !== sel.id) continue
      if (members && !members.has(c.userId)) continue
      if (created && (c.createdMs < created[0] || c.createdMs > created[1])) continue
      if (updated && (c.updatedMs < updated[0] || c.updatedMs > updated[1])) continue
      out.push(ref)
    }
    if (this.cache.size >= 32) this.cache.delete(this.cache.keys().next().value!)
    this.cache.set(key, out)
    return out
  }

  tally(refs: readonly number[]): Tally {
    const t = new Tally()
    for (const ref of refs) t.add(this.core(ref))
    return t
  }
}

function selectorKey(sel: Selector): string {
  switch (sel.kind) {
    case 'metric':
      return `m:${sel.metric}`
    case 'survey':
      return `s:${sel.id}`
    case 'customer':
      return `c:${sel.index}`
    case 'team':
      return `t:${sel.team.id}`
    case 'user':
      return `u:${sel.id}`
    case 'all':
      return 'all'
  }
}

// ---------------- wire renderers ----------------

function surveyWire(s: SimSurvey): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    metric: s.metric,
    scale: s.scale,
    distribution: s.distribution,
    rating_scale: s.rating_scale,
    question: s.question,
    // "Provided only when metric is CSAT!"
    ...(s.metric === 'CSAT' ? { extra_questions: s.extra_questions } : {}),
    _links: { self: `/v1/surveys/${s.id}` }
  }
}

const customerWire = (c: SimCustomer): Record<string, unknown> => ({
  id: c.id,
  name: c.name,
  email: c.email,
  tickets: c.tickets,
  created_at: nicereplyTime(c.createdMs),
  updated_at: nicereplyTime(c.updatedMs),
  _links: { self: `/v1/customers/${c.id}` }
})

const teamWire = (t: SimTeam): Record<string, unknown> => ({ id: t.id, name: t.name, created_at: nicereplyTime(t.createdMs), _links: { self: `/v1/teams/${t.id}` } })

const userWire = (u: SimUser): Record<string, unknown> => ({
  id: u.id,
  type: u.type,
  has_access: u.has_access,
  is_archived: u.is_archived,
  username: u.username,
  integration_usernames: u.integration_usernames,
  fullname: u.fullname,
  email: u.email,
  role: u.role,
  created_at: nicereplyTime(u.createdMs),
  _links: { self: `/v1/users/${u.id}` }
})

const unsubscribeWire = (u: SimUnsubscribe): Record<string, unknown> => ({ id: u.id, email: u.email, unsubscribed_at: nicereplyTime(u.atMs) })

// ---------------- routes ----------------

type Found<T> = { ok: true; value: T } | { ok: false; result: SimResult }

function buildRoutes(state: NicereplyState): Route[] {
  const data = state.data

  /**
   * The `:id` of the request: a UUID, or a legacy numeric id (1-based position among the seeded
   * objects), answered with a 301 to the UUID address.
   */
  function resolve<T>(req: SimRequest, byUuid: (id: string) => T | undefined, byPosition: (index: number) => T | undefined, idOf: (value: T) => string): Found<T> {
    const raw = req.params.id ?? ''
    if (/^\d+$/.test(raw)) {
      const found = byPosition(Number(raw) - 1)
      if (found === undefined) return { ok: false, result: notFoundResource() }
      const segments = req.path.split('/')
      const at = segments.findIndex((s, i) => i > 1 && s === raw)
      segments[at] = idOf(found)
      const qs = req.query.toString()
      return { ok: false, result: json(301, { errors: ['Moved permanently.'] }, { location: `${segments.join('/')}${qs ? `?${qs}` : ''}` }) }
    }
    const found = byUuid(raw)
    return found === undefined ? { ok: false, result: notFoundResource() } : { ok: true, value: found }
  }

  const findSurvey = (req: SimRequest): Found<SimSurvey> =>
    resolve(req, (id) => state.surveyById.get(id.toLowerCase()), (i) => data.surveys[i], (s) => s.id)
  const findTeam = (req: SimRequest): Found<SimTeam> =>
    resolve(req, (id) => state.team(id), (i) => data.teams[i], (t) => t.id)
  const findUser = (req: SimRequest): Found<SimUser> =>
    resolve(req, (id) => state.user(id), (i) => state.users[i], (u) => u.id)
  const findCustomer = (req: SimRequest): Found<{ index: number; customer: SimCustomer }> =>
    resolve(
      req,
      (id) => {
        const index = data.customerIndex(id)
        const customer = index === null ? undefined : data.customers.at(index)
        return index === null || !customer ? undefined : { index, customer }
      },
      (i) => {
        const customer = data.customers.at(i)
        return customer ? { index: i, customer } : undefined
      },
      (c) => c.customer.id
    )

  /** A ratings list for a selector, with the period filters and sort_order. */
  const ratingsList = (req: SimRequest, sel: Selector): SimResult => {
    const r = readQuery(req, { sort: true, period: true, updated: true })
    if (!r.ok) return r.result
    const refs = state.select(sel, r.q.created, r.q.updated)
    return pagedList(req, r.q, refs, (ref) => state.wire(ref))
  }

  const periodOnly = (req: SimRequest): Found<ListQuery> => {
    const r = readQuery(req, { period: true })
    return r.ok ? { ok: true, value: r.q } : { ok: false, result: r.result }
  }

  /** One subject's (customer, survey, team, user) ratings, stats and histogram. */
  const subjectRoutes = (base: string, find: (req: SimRequest) => Found<Selector>, statsShape: (req: SimRequest, sel: Selector, t: Tally) => unknown, histogramShape: (req: SimRequest, sel: Selector, t: Tally) => unknown): Route[] => [
    {
      method: 'GET',
      path: `${base}/:id/ratings`,
      handler: (req) => {
        const f = find(req)
        return f.ok ? ratingsList(req, f.value) : f.result
      }
    },
    {
      method: 'GET',
      path: `${base}/:id/stats`,
      handler: (req) => {
        const f = find(req)
        if (!f.ok) return f.result
        const p = periodOnly(req)
        if (!p.ok) return p.result
        return json(200, { _results: statsShape(req, f.value, state.tally(state.select(f.value, p.value.created, null))) })
      }
    },
    {
      method: 'GET',
      path: `${base}/:id/histogram`,
      handler: (req) => {
        const f = find(req)
        if (!f.ok) return f.result
        const p = periodOnly(req)
        if (!p.ok) return p.result
        return json(200, { _results: histogramShape(req, f.value, state.tally(state.select(f.value, p.value.created, null))) })
      }
    }
  ]

  const allStats = (_req: SimRequest, _sel: Selector, t: Tally): unknown => t.allStats()
  const allHistograms = (_req: SimRequest, _sel: Selector, t: Tally): unknown => t.allHistograms()
  const asSelector = <T>(f: Found<T>, make: (v: T) => Selector): Found<Selector> => (f.ok ? { ok: true, value: make(f.value) } : f)

  /** "Get stats for all X": one pass over the ratings in the period, tallied per subject on the page. */
  const statsForAll = <T>(req: SimRequest, rules: QueryRules, ascending: readonly T[], idOf: (item: T) => string, keyOfRating: (core: RatingCore) => string[]): SimResult => {
    const r = readQuery(req, rules)
    if (!r.ok) return r.result
    const tallies = new Map<string, Tally>()
    for (const ref of state.select({ kind: 'all' }, r.q.created, null)) {
      const core = state.core(ref)
      for (const key of keyOfRating(core)) {
        let t = tallies.get(key)
        if (!t) {
          t = new Tally()
          tallies.set(key, t)
        }
        t.add(core)
      }
    }
    return pagedList(req, r.q, ascending, (item) => ({ id: idOf(item), stats: (tallies.get(idOf(item)) ?? new Tally()).allStats() }))
  }

  const teamsOfUser = new Map<string, string[]>()
  for (const t of data.teams) for (const u of t.memberIds) teamsOfUser.set(u, [...(teamsOfUser.get(u) ?? []), t.id])

  // -------- creating ratings --------
  const createRating = (req: SimRequest, only: SimMetric | null): SimResult => {
    const body = readJsonBody(req)
    if (!body.ok) return body.result
    const b = body.value
    const problems: string[] = []
    let survey: SimSurvey | undefined
    if (b.survey_id === undefined || b.survey_id === null || b.survey_id === '') problems.push(bodyError('survey_id', 'This field is missing.'))
    else if (typeof b.survey_id !== 'string') problems.push(bodyError('survey_id', 'This value should be of type string.'))
    else {
      survey = /^\d+$/.test(b.survey_id) ? data.surveys[Number(b.survey_id) - 1] : state.surveyById.get(b.survey_id.toLowerCase())
      if (!survey) problems.push(bodyError('survey_id', 'Survey not found.'))
      else if (only && survey.metric !== only) problems.push(bodyError('survey_id', `This is not a ${only} survey.`))
    }
    if (b.score === undefined || b.score === null) problems.push(bodyError('score', 'This field is missing.'))
    else if (typeof b.score !== 'number' || !Number.isInteger(b.score)) problems.push(bodyError('score', 'This value should be of type integer.'))
    else if (survey && (b.score < survey.min || b.score > survey.max)) problems.push(bodyError('score', `This value should be between ${survey.min} and ${survey.max}.`))
    for (const field of ['from', 'comment', 'ip_address'] as const) {
      if (b[field] !== undefined && typeof b[field] !== 'string') problems.push(bodyError(field, 'This value should be of type string.'))
    }
    if (typeof b.ip_address === 'string' && !/^(\d{1,3})(\.\d{1,3}){3}$/.test(b.ip_address)) problems.push(bodyError('ip_address', 'This is not a valid IP address.'))
    if (b.ticket !== undefined && b.ticket !== null && typeof b.ticket !== 'string') problems.push(bodyError('ticket', 'This value should be of type string.'))

    let user: SimUser | undefined
    let newUsername: string | null = null
    const u = b.user
    if (u === undefined || u === null) problems.push(bodyError('user', 'This field is missing.'))
    else if (typeof u !== 'object' || Array.isArray(u)) problems.push(bodyError('user', 'This value should be of type object.'))
    else {
      const ref = u as Record<string, unknown>
      const hasId = ref.id !== undefined
      const hasName = ref.username !== undefined
      if (hasId === hasName) problems.push(bodyError('user', 'Object must contain only one of the following fields: id OR username.'))
      else if (hasId) {
        user = typeof ref.id === 'string' ? (/^\d+$/.test(ref.id) ? data.users[Number(ref.id) - 1] : state.user(ref.id)) : undefined
        if (!user) problems.push(bodyError('user.id', 'User not found.'))
      } else if (typeof ref.username !== 'string' || ref.username.trim() === '') problems.push(bodyError('user.username', 'This value should not be blank.'))
      else {
        user = state.userByUsername(ref.username)
        if (!user) newUsername = ref.username.trim()
      }
    }

    let customerIndex: number | null = null
    if (b.customer_id !== undefined && b.customer_id !== null) {
      const idx = typeof b.customer_id === 'string' ? data.customerIndex(b.customer_id) : null
      if (idx === null) problems.push(bodyError('customer_id', 'Customer not found.'))
      else customerIndex = idx
    }

    const extra: { id: string; score: number }[] = []
    if (b.extra_questions !== undefined && b.extra_questions !== null) {
      if (!Array.isArray(b.extra_questions)) problems.push(bodyError('extra_questions', 'This value should be of type array.'))
      else
        for (const [i, q] of (b.extra_questions as unknown[]).entries()) {
          const item = (q ?? {}) as Record<string, unknown>
          if (typeof item.id !== 'string' || (survey && !survey.extra_questions.some((e) => e.id === item.id))) problems.push(bodyError(`extra_questions.${i}.id`, 'Extra question not found in this survey.'))
          else if (typeof item.score !== 'number' || !Number.isInteger(item.score) || item.score < 1 || item.score > 10) problems.push(bodyError(`extra_questions.${i}.score`, 'This value should be between 1 and 10.'))
          else extra.push({ id: item.id, score: item.score })
        }
    }
    if (problems.length > 0 || !survey) return errors(400, ...problems)

    if (newUsername !== null) {
      user = { id: randomUUID(), type: 'UNKNOWN_AGENT', has_access: false, is_archived: false, username: newUsername, integration_usernames: [], fullname: '', email: '', role: '', createdMs: Date.now() }
      state.addUser(user)
    }
    const now = Math.max(Date.now(), lastCreatedMs(state) + 1000)
    const score = b.score as number
    const id = randomUUID()
    const customer = customerIndex === null ? undefined : data.customers.at(customerIndex)
    const core: RatingCore = { surveyId: survey.id, metric: survey.metric, userId: user!.id, customerIndex, score, createdMs: now, updatedMs: now }
    const wire = ratingWire({
      id,
      score,
      from: typeof b.from === 'string' ? b.from : (customer?.name ?? ''),
      ip: typeof b.ip_address === 'string' ? b.ip_address : null,
      comment: typeof b.comment === 'string' && b.comment !== '' ? b.comment : null,
      createdMs: now,
      updatedMs: now,
      ticket: typeof b.ticket === 'string' ? { value: b.ticket, link: null } : null,
      survey,
      user: user ?? null,
      customerId: customer?.id ?? null,
      status: 'open',
      extra,
      metricPath: survey.metric.toLowerCase()
    })
    state.addRating(core, wire)
    return json(201, { _results: wire })
  }

  // -------- creating users --------
  const createUser = (req: SimRequest, type: 'AGENT' | 'THING_OR_ACTION'): SimResult => {
    const body = readJsonBody(req)
    if (!body.ok) return body.result
    const b = body.value
    const problems: string[] = []
    const fields = type === 'AGENT' ? (['fullname', 'username', 'email'] as const) : (['fullname', 'username'] as const)
    for (const f of fields) {
      if (b[f] === undefined || b[f] === null) problems.push(bodyError(f, 'This field is missing.'))
      else if (typeof b[f] !== 'string') problems.push(bodyError(f, 'This value should be of type string.'))
      else if ((b[f] as string).trim() === '') problems.push(bodyError(f, 'This value should not be blank.'))
    }
    if (typeof b.username === 'string' && b.username.trim() !== '' && state.userByUsername(b.username.trim())) problems.push(bodyError('username', 'This value is already used.'))
    if (type === 'AGENT' && typeof b.email === 'string' && b.email.trim() !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email.trim())) problems.push(bodyError('email', 'This value is not a valid email address.'))
    if (problems.length > 0) return errors(400, ...problems)
    const user: SimUser = {
      id: randomUUID(),
      type,
      has_access: false,
      is_archived: false,
      username: (b.username as string).trim(),
      integration_usernames: [],
      fullname: (b.fullname as string).trim(),
      email: type === 'AGENT' ? (b.email as string).trim() : '',
      role: '',
      createdMs: Date.now()
    }
    state.addUser(user)
    return json(201, { _results: userWire(user) })
  }

  // -------- per metric --------
  const metricRoutes = (metric: SimMetric): Route[] => {
    const m = metric.toLowerCase()
    const surveysOf = data.surveys.filter((s) => s.metric === metric)
    return [
      { method: 'GET', path: `/v1/${m}/ratings`, handler: (req) => ratingsList(req, { kind: 'metric', metric }) },
      { method: 'POST', path: `/v1/${m}/ratings`, handler: (req) => createRating(req, metric) },
      {
        method: 'GET',
        path: `/v1/${m}/ratings/:id`,
        handler: (req) => {
          const ref = state.ratingRef(req.params.id ?? '')
          if (ref === null || state.core(ref).metric !== metric) return notFoundResource()
          return json(200, { _results: state.wire(ref) })
        }
      },
      {
        method: 'GET',
        path: `/v1/${m}/stats`,
        handler: (req) => {
          const p = periodOnly(req)
          return p.ok ? json(200, { _results: state.tally(state.select({ kind: 'metric', metric }, p.value.created, null)).by[metric].stats(metric) }) : p.result
        }
      },
      {
        method: 'GET',
        path: `/v1/${m}/histogram`,
        handler: (req) => {
          const p = periodOnly(req)
          return p.ok ? json(200, { _results: state.tally(state.select({ kind: 'metric', metric }, p.value.created, null)).by[metric].histogramOf(metric) }) : p.result
        }
      },
      {
        method: 'GET',
        path: `/v1/${m}/surveys`,
        handler: (req) => {
          const r = readQuery(req, { sort: true })
          return r.ok ? pagedList(req, r.q, surveysOf, surveyWire) : r.result
        }
      }
    ]
  }

  const sortedRoute = <T>(path: string, items: () => readonly T[], render: (item: T) => unknown): Route => ({
    method: 'GET',
    path,
    handler: (req) => {
      const r = readQuery(req, { sort: true })
      return r.ok ? pagedList(req, r.q, items(), render) : r.result
    }
  })

  const surveyMetric = (sel: Selector): SimMetric => (sel.kind === 'survey' ? (state.surveyById.get(sel.id)?.metric ?? 'CSAT') : 'CSAT')

  return [
    { method: 'POST', path: '/v1/ratings', handler: (req) => createRating(req, null) },
    ...METRICS.flatMap(metricRoutes),

    // -------- customers --------
    {
      method: 'GET',
      path: '/v1/customers',
      handler: (req) => {
        const r = readQuery(req, { sort: true })
        if (!r.ok) return r.result
        const n = data.customers.length
        return paged(req, r.q, n, (start, end) => {
          const out: unknown[] = []
          for (let k = start; k < end; k++) out.push(customerWire(data.customers.at(r.q.desc ? n - 1 - k : k)!))
          return out
        })
      }
    },
    {
      method: 'GET',
      path: '/v1/customers/stats',
      handler: (req) => {
        const r = readQuery(req, { sort: true, period: true })
        if (!r.ok) return r.result
        const n = data.customers.length
        const onPage = new Map<number, Tally>()
        const start = Math.min(n, (r.q.page - 1) * r.q.perPage)
        const end = Math.min(n, start + r.q.perPage)
        const indexAt = (k: number): number => (r.q.desc ? n - 1 - k : k)
        for (let k = start; k < end; k++) onPage.set(indexAt(k), new Tally())
        for (const ref of state.select({ kind: 'all' }, r.q.created, null)) {
          const core = state.core(ref)
          if (core.customerIndex !== null) onPage.get(core.customerIndex)?.add(core)
        }
        return paged(req, r.q, n, (s, e) => {
          const out: unknown[] = []
          for (let k = s; k < e; k++) out.push({ id: data.customers.at(indexAt(k))!.id, stats: onPage.get(indexAt(k))!.allStats() })
          return out
        })
      }
    },
    {
      method: 'GET',
      path: '/v1/customers/:id',
      handler: (req) => {
        const f = findCustomer(req)
        return f.ok ? json(200, { _results: customerWire(f.value.customer) }) : f.result
      }
    },
    ...subjectRoutes('/v1/customers', (req) => asSelector(findCustomer(req), (c) => ({ kind: 'customer', index: c.index })), allStats, allHistograms),

    // -------- surveys --------
    sortedRoute('/v1/surveys', () => data.surveys, surveyWire),
    {
      method: 'GET',
      path: '/v1/surveys/stats',
      handler: (req) => {
        const r = readQuery(req, { sort: true, period: true })
        if (!r.ok) return r.result
        const tallies = new Map(data.surveys.map((s) => [s.id, new Tally()]))
        for (const ref of state.select({ kind: 'all' }, r.q.created, null)) {
          const core = state.core(ref)
          tallies.get(core.surveyId)?.add(core)
        }
        return pagedList(req, r.q, data.surveys, (s) => ({ id: s.id, type: s.metric, stats: tallies.get(s.id)!.by[s.metric].stats(s.metric) }))
      }
    },
    sortedRoute('/v1/surveys/unsubscribes', () => data.unsubscribes.slice(0), unsubscribeWire),
    {
      method: 'GET',
      path: '/v1/surveys/:id',
      handler: (req) => {
        const f = findSurvey(req)
        return f.ok ? json(200, { _results: surveyWire(f.value) }) : f.result
      }
    },
    ...subjectRoutes(
      '/v1/surveys',
      (req) => asSelector(findSurvey(req), (s) => ({ kind: 'survey', id: s.id })),
      (_req, sel, t) => t.by[surveyMetric(sel)].stats(surveyMetric(sel)),
      (_req, sel, t) => t.by[surveyMetric(sel)].histogramOf(surveyMetric(sel))
    ),

    // -------- teams --------
    sortedRoute('/v1/teams', () => data.teams, teamWire),
    {
      method: 'GET',
      path: '/v1/teams/stats',
      // The document lists period_start and period_end only for this one.
      handler: (req) => statsForAll(req, { period: true }, data.teams, (t) => t.id, (core) => teamsOfUser.get(core.userId) ?? [])
    },
    sortedRoute('/v1/teams/users', () => data.teams, (t) => ({ id: t.id, users: t.memberIds.map((id) => state.user(id)).filter((u): u is SimUser => u !== undefined).map(userWire) })),
    {
      method: 'GET',
      path: '/v1/teams/:id',
      handler: (req) => {
        const f = findTeam(req)
        return f.ok ? json(200, { _results: teamWire(f.value) }) : f.result
      }
    },
    ...subjectRoutes('/v1/teams', (req) => asSelector(findTeam(req), (t) => ({ kind: 'team', team: t })), allStats, allHistograms),
    {
      method: 'GET',
      path: '/v1/teams/:id/users',
      handler: (req) => {
        const f = findTeam(req)
        if (!f.ok) return f.result
        const r = readQuery(req, { sort: true })
        if (!r.ok) return r.result
        const members = f.value.memberIds.map((id) => state.user(id)).filter((u): u is SimUser => u !== undefined)
        return pagedList(req, r.q, members, userWire)
      }
    },

    // -------- users --------
    { method: 'POST', path: '/v1/users/thing-or-action', handler: (req) => createUser(req, 'THING_OR_ACTION') },
    { method: 'POST', path: '/v1/users/agent', handler: (req) => createUser(req, 'AGENT') },
    sortedRoute('/v1/users', () => state.users, userWire),
    {
      method: 'GET',
      path: '/v1/users/stats',
      handler: (req) => statsForAll(req, { sort: true, period: true }, state.users, (u) => u.id, (core) => [core.userId])
    },
    {
      method: 'GET',
      path: '/v1/users/:id',
      handler: (req) => {
        const f = findUser(req)
        return f.ok ? json(200, { _results: userWire(f.value) }) : f.result
      }
    },
    ...subjectRoutes('/v1/users', (req) => asSelector(findUser(req), (u) => ({ kind: 'user', id: u.id })), allStats, allHistograms),
    {
      method: 'GET',
      path: '/v1/users/:id/teams',
      handler: (req) => {
        const f = findUser(req)
        if (!f.ok) return f.result
        const r = readQuery(req, { sort: true })
        return r.ok ? pagedList(req, r.q, state.teamsOf(f.value.id), teamWire) : r.result
      }
    }
  ]
}

function lastCreatedMs(state: NicereplyState): number {
  const last = state.createdRatings[state.createdRatings.length - 1]
  return last ? last.core.createdMs : 0
}

function readJsonBody(req: SimRequest): { ok: true; value: Record<string, unknown> } | { ok: false; result: SimResult } {
  let body = req.body
  if (req.bodyError) return { ok: false, result: errors(400, 'Validation error in requestBody: The JSON syntax is not valid.') }
  if (typeof body === 'string') {
    try {
      body = body.trim() === '' ? undefined : (JSON.parse(body) as unknown)
    } catch {
      return { ok: false, result: errors(400, 'Validation error in requestBody: The JSON syntax is not valid.') }
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, result: errors(400, 'Validation error in requestBody: This value should be of type object.') }
  }
  return { ok: true, value: body as Record<string, unknown> }
}

// ---------------- start ----------------

export interface NicereplySimulatorHandle extends ProviderSimulatorHandle {
  /** The seeded data, for tests that want to know what to expect. */
  data: NicereplyData
  /** Ratings created through the API, oldest first: the simulator's own record of imports. */
  createdRatings(): ReadonlyArray<Record<string, unknown>>
}

export async function startNicereplySimulator(opts: ProviderSimulatorOptions = {}): Promise<NicereplySimulatorHandle> {
  const seed = opts.seed ?? 'nicereply'
  const data = buildNicereplyData(seed, opts.volume ?? NICEREPLY_SIM_DEFAULT_VOLUME, opts.anchor === undefined ? undefined : ratingPeriodEndingAt(opts.anchor))
  const state = new NicereplyState(data)
  const holder: { sim: Simulator | null; key: string } = { sim: null, key: '' }

  const sim = await startSimulator({
    name: 'nicereply',
    seed,
    routes: buildRoutes(state),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.faults ? { faults: opts.faults } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    // "401 Unauthorized: Wrong or missing basic authentication." The username is ignored (blank by the document).
    guard: (req) => {
      const password = req.basic()?.password
      if (!password || !holder.sim || holder.sim.tokens.use(password) !== 'valid') return errors(401, 'Wrong or missing basic authentication.')
      return undefined
    },
    notFound: (_req, allowed) => (allowed.length > 0 ? errors(405, 'Method not allowed.') : errors(404, 'Route not found.')),
    onError: () => errors(500, 'Internal server error.'),
    renderFault: (fault) => (fault.kind === 'rate-limit' ? errors(429, 'Too many requests.') : errors(fault.status, 'Internal server error.'))
  })
  holder.sim = sim
  // A random private key per start (it stands in for a secret); ten years, or until the tokenExpiryAfter fault revokes it.
  holder.key = sim.tokens.issue({ subject: 'nicereply-private-key', ttlSeconds: 10 * 365 * 86_400 }).token

  return {
    provider: 'nicereply',
    sim,
    baseUrl: sim.url,
    credentials: { secret: holder.key },
    data,
    createdRatings: () => state.createdRatings.map((r) => r.wire),
    close: () => sim.close()
  }
}
