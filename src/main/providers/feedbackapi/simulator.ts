import { json, startSimulator, type Route, type SimRequest, type SimResult } from '../simulator-kit'
import type { ProviderSimulatorHandle, ProviderSimulatorOptions } from '../types'
import {
  API_PREFIX,
  DEFAULT_VOLUME,
  decodeId,
  encodeId,
  FEEDBACKAPI_SIM_KEY,
  feedbackUrls,
  planFor,
  SIM_TEMPLATES,
  seededAccount,
  seededCustomer,
  seededFeedback,
  seededFeedbackRequest,
  seededLocation,
  seededReview,
  seededUser,
  type IdKind,
  type SeedPlan,
  type SimAccount,
  type SimCustomer,
  type SimFeedback,
  type SimFeedbackRequest,
  type SimLocation,
  type SimReview,
  type SimUser,
  type Ts
} from './simulator-data'
import { timestampToIso } from './wire'

/**
 * A loopback FeedbackAPI v1.3 (feedbackapi-v1.3.txt): every documented endpoint under /v1.3, HTTP
 * Basic with the API key as username, 0-based page + limit (1-100) paging with {page, total_count,
 * total_returned, data}, the documented filters and sort_by, errors as {"error": {type, message,
 * param}} with the documented statuses (400, 401, 402, 404, 429, 5xx). Customers create is an
 * upsert by email or mobile number; deleting a customer or a location makes it inactive (no longer
 * listed, still retrievable), deleting an account or a user removes it. Seeded data is generated
 * per index on demand; what the API creates or changes is kept in maps layered over it.
 */

// ---------- errors in FeedbackAPI's format ----------

type ErrorType = 'api_connection_error' | 'api_error' | 'authentication_error' | 'invalid_request_error' | 'rate_limit_error'

function apiError(status: number, type: ErrorType, message: string, param?: string): SimResult {
  return json(status, { error: { type, message, ...(param ? { param } : {}) } })
}

/** Thrown inside handlers; the route wrapper answers it in the provider's format. */
class Failure extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly param?: string
  ) {
    super(message)
  }
}

const invalid = (param: string, message: string): Failure => new Failure(400, 'invalid_request_error', message, param)
const missing = (param: string): Failure => invalid(param, `Missing required param: ${param}.`)
const noSuch = (what: string, id: string, param = 'id'): Failure => new Failure(404, 'invalid_request_error', `No such ${what}: '${id}'`, param)

// ---------- reading parameters (JSON body, form body or query string) ----------

type Params = Record<string, unknown>

/** JSON (application/json or application/vnd.api+json) as the text asks, or form fields as the curl examples send. */
function bodyParams(req: SimRequest): Params {
  if (req.bodyError) throw new Failure(400, 'invalid_request_error', `Invalid JSON in the request body: ${req.bodyError.message}`)
  let body = req.body
  if (typeof body === 'string') {
    if (body.trim() === '') return {}
    try {
      body = JSON.parse(body) as unknown
    } catch {
      throw new Failure(400, 'invalid_request_error', 'Parameters must be serialized in JSON and passed in the request body.')
    }
  }
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) throw new Failure(400, 'invalid_request_error', 'The request body must be a JSON object.')
  const out: Params = {}
  // Form posts write arrays as review_profile[]=...; JSON needs no such suffix.
  for (const [k, v] of Object.entries(body as Params)) out[k.endsWith('[]') ? k.slice(0, -2) : k] = v
  return out
}

function queryParams(req: SimRequest): Params {
  const out: Params = {}
  for (const key of new Set(req.query.keys())) {
    const all = req.query.getAll(key)
    out[key.endsWith('[]') ? key.slice(0, -2) : key] = all.length > 1 || key.endsWith('[]') ? all : all[0]
  }
  return out
}

function str(p: Params, name: string, opts: { required?: boolean; max?: number; nullable?: boolean } = {}): string | null | undefined {
  const v = p[name]
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw missing(name)
    // An explicit null (or empty form field) clears a nullable field; otherwise it is as if left out.
    return v === undefined || !opts.nullable ? undefined : null
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw invalid(name, `Invalid ${name}: expected a string.`)
  const s = String(v).trim()
  if (opts.max !== undefined && s.length > opts.max) throw invalid(name, `Invalid ${name}: must be at most ${opts.max} characters.`)
  return s
}

function bool(p: Params, name: string, opts: { required?: boolean } = {}): boolean | undefined {
  const v = p[name]
  if (v === undefined || v === '' || v === null) {
    if (opts.required) throw missing(name)
    return undefined
  }
  if (typeof v === 'boolean') return v
  if (v === 1 || v === 0) return v === 1
  if (typeof v === 'string' && /^(true|false|1|0)$/i.test(v.trim())) return /^(true|1)$/i.test(v.trim())
  throw invalid(name, `Invalid boolean: ${JSON.stringify(v)}. Use true or false.`)
}

/** A whole number in [min, max]; null allowed where the document gives null a meaning ("unlimited"). */
function int(p: Params, name: string, opts: { min?: number; max?: number; nullable?: boolean } = {}): number | null | undefined {
  const v = p[name]
  if (v === undefined || v === '') return undefined
  if (v === null || (typeof v === 'string' && v.toLowerCase() === 'null')) {
    if (opts.nullable) return null
    throw invalid(name, `Invalid ${name}: a number is required.`)
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : Number.NaN
  if (!Number.isSafeInteger(n)) throw invalid(name, `Invalid integer: ${JSON.stringify(v)}.`)
  if (opts.min !== undefined && n < opts.min) throw invalid(name, `Invalid ${name}: must be at least ${opts.min}.`)
  if (opts.max !== undefined && n > opts.max) throw invalid(name, `Invalid ${name}: must be at most ${opts.max}.`)
  return n
}

function decimal(p: Params, name: string): number | undefined {
  const v = p[name]
  if (v === undefined || v === '') return undefined
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : Number.NaN
  if (!Number.isFinite(n)) throw invalid(name, `Invalid decimal: ${JSON.stringify(v)}.`)
  return n
}

/** Epoch seconds or ISO 8601, as the document's examples and text use both. Returns epoch seconds. */
function timestamp(p: Params, name: string): number | undefined {
  const v = p[name]
  if (v === undefined || v === '') return undefined
  const iso = typeof v === 'number' || typeof v === 'string' ? timestampToIso(v) : undefined
  if (iso === undefined) throw invalid(name, `Invalid timestamp for ${name}: ${JSON.stringify(v)}. Use an ISO 8601 timestamp.`)
  return Math.floor(Date.parse(iso) / 1000)
}

function idList(p: Params, name: string): string[] | undefined {
  const v = p[name]
  if (v === undefined || v === null || v === '') return undefined
  const list = Array.isArray(v) ? v : [v]
  if (!list.every((x) => typeof x === 'string' && x.trim() !== '')) throw invalid(name, `Invalid ${name}: expected an array of IDs.`)
  return (list as string[]).map((x) => x.trim())
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const E164 = /^\+[1-9]\d{6,14}$/
const COUNTRY = /^[A-Za-z]{2}$/

function email(p: Params, name = 'email', required = false): string | null | undefined {
  const v = str(p, name, { required, max: 254, nullable: !required })
  if (v && !EMAIL.test(v)) throw invalid(name, `Invalid email address: ${v}`)
  return v
}

function mobile(p: Params, name = 'mobile_number'): string | null | undefined {
  const v = str(p, name, { max: 20, nullable: true })
  if (v && !E164.test(v)) throw invalid(name, `Invalid mobile number: ${v}. Use E.164 format, including the country code (e.g. +1 for the US).`)
  return v
}

function country(p: Params, name = 'country_code', required = false): string | null | undefined {
  const v = str(p, name, { required, nullable: !required })
  if (v && !COUNTRY.test(v)) throw invalid(name, `Invalid ${name}: use the 2 letter ISO country code.`)
  return v ? v.toUpperCase() : v
}

const tsSeconds = (ts: Ts): number => (typeof ts === 'number' ? ts : Math.floor(Date.parse(timestampToIso(ts) ?? '') / 1000))
const isoNow = (): string => new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')

// ---------- tables: seeded records plus what the API changed ----------

class Table<R extends { id: string; created: Ts }> {
  /** Records created through the API (index >= seeded) or changed copies of seeded ones. */
  readonly overlay = new Map<number, R>()
  /** Not listed: inactive (deleted customers and locations) or pending (invited users). */
  readonly hidden = new Set<number>()
  /** Removed: answered 404. */
  readonly gone = new Set<number>()
  private added = 0

  constructor(
    readonly kind: IdKind,
    readonly what: string,
    readonly seeded: number,
    private readonly make: (i: number) => R
  ) {}

  get size(): number {
    return this.seeded + this.added
  }

  /** The record at an index, removed or not (for ordering). */
  raw(i: number): R | undefined {
    return this.overlay.get(i) ?? (i >= 0 && i < this.seeded ? this.make(i) : undefined)
  }

  at(i: number): R | undefined {
    return this.gone.has(i) ? undefined : this.raw(i)
  }

  find(id: string): { index: number; record: R } | undefined {
    const d = decodeId(id)
    if (!d || d.kind !== this.kind) return undefined
    const record = this.at(d.index)
    return record && record.id === id ? { index: d.index, record } : undefined
  }

  get(id: string): { index: number; record: R } {
    const found = this.find(id)
    if (!found) throw noSuch(this.what, id)
    return found
  }

  insert(build: (id: string) => R): { index: number; record: R } {
    const index = this.seeded + this.added
    this.added += 1
    const record = build(encodeId(this.kind, index))
    this.overlay.set(index, record)
    return { index, record }
  }

  replace(index: number, record: R): void {
    this.overlay.set(index, record)
  }

  createdSec(i: number): number {
    return tsSeconds(this.raw(i)!.created)
  }

  listed(i: number): R | undefined {
    return this.hidden.has(i) ? undefined : this.at(i)
  }

  *all(): Generator<{ index: number; record: R }> {
    for (let i = 0; i < this.size; i++) {
      const record = this.at(i)
      if (record) yield { index: i, record }
    }
  }
}

// ---------- lists: filters, created range, sort_by, 0-based pages ----------

type SortValue = string | number | null

interface ListSpec<R extends { id: string; created: Ts }> {
  table: Table<R>
  params: Params
  filters: Array<(r: R) => boolean>
  /** Fields sort_by may name, besides created. */
  sortable: Record<string, (r: R) => SortValue>
  defaultSort: string
}

function firstIndexAtLeast<R extends { id: string; created: Ts }>(t: Table<R>, sec: number): number {
  let lo = 0
  let hi = t.size
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (t.createdSec(mid) < sec) lo = mid + 1
    else hi = mid
  }
  return lo
}

function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' })
}

function runList<R extends { id: string; created: Ts }>(spec: ListSpec<R>): SimResult {
  const { table: t, params: p } = spec
  const limit = int(p, 'limit', { min: 1, max: 100 }) ?? 10
  const page = int(p, 'page', { min: 0 }) ?? 0
  const sortBy = str(p, 'sort_by') ?? spec.defaultSort
  const dash = sortBy.lastIndexOf('-')
  const suffix = dash > 0 ? sortBy.slice(dash + 1).toLowerCase() : ''
  const field = suffix === 'asc' || suffix === 'desc' ? sortBy.slice(0, dash) : sortBy
  const dir = suffix === 'desc' ? -1 : 1
  if (field !== 'created' && !spec.sortable[field]) {
    throw invalid('sort_by', `Invalid sort_by: ${sortBy}. Sort by one of ${['created', ...Object.keys(spec.sortable)].join(', ')}, with -asc or -desc.`)
  }
  const after = timestamp(p, 'created_after')
  const before = timestamp(p, 'created_before')
  const lo = after === undefined ? 0 : firstIndexAtLeast(t, after)
  const hi = before === undefined ? t.size : firstIndexAtLeast(t, before + 1)

  let total: number
  let pageIndexes: number[]
  const start = page * limit
  const removedInRange = [...t.hidden, ...t.gone].some((i) => i >= lo && i < hi)
  if (field === 'created' && spec.filters.length === 0 && !removedInRange) {
    // The common case (a sync paging through everything) costs only the page it returns.
    total = Math.max(0, hi - lo)
    pageIndexes = []
    for (let k = start; k < Math.min(total, start + limit); k++) pageIndexes.push(dir === 1 ? lo + k : hi - 1 - k)
  } else {
    const matches: number[] = []
    for (let i = lo; i < hi; i++) {
      const r = t.listed(i)
      if (r && spec.filters.every((f) => f(r))) matches.push(i)
    }
    if (field === 'created') {
      if (dir === -1) matches.reverse()
    } else {
      const key = spec.sortable[field]!
      const keyed = matches.map((i) => ({ i, v: key(t.at(i)!) }))
      keyed.sort((a, b) => dir * compare(a.v, b.v) || a.i - b.i)
      matches.splice(0, matches.length, ...keyed.map((k) => k.i))
    }
    total = matches.length
    pageIndexes = matches.slice(start, start + limit)
  }
  const data = pageIndexes.map((i) => t.at(i)!)
  return json(200, { page, total_count: total, total_returned: data.length, data })
}

/** Exact, case-insensitive match of a text filter. */
function textFilter<R>(p: Params, name: string, get: (r: R) => string | null): ((r: R) => boolean) | undefined {
  const want = str(p, name)
  if (want === undefined || want === null) return undefined
  const w = want.toLowerCase()
  return (r) => (get(r) ?? '').toLowerCase() === w
}

function boolFilter<R>(p: Params, name: string, get: (r: R) => boolean | null): ((r: R) => boolean) | undefined {
  const want = bool(p, name)
  return want === undefined ? undefined : (r) => (get(r) ?? false) === want
}

function rangeFilter<R>(min: number | undefined, max: number | undefined, get: (r: R) => number | null): ((r: R) => boolean) | undefined {
  if (min === undefined && max === undefined) return undefined
  return (r) => {
    const v = get(r)
    return v !== null && (min === undefined || v >= min) && (max === undefined || v <= max)
  }
}

const defined = <T>(fs: Array<T | undefined>): T[] => fs.filter((f): f is T => f !== undefined)

// ---------- the simulator ----------

export interface FeedbackApiSimulatorHandle extends ProviderSimulatorHandle {
  /** Message template ids the simulator knows (the API has no endpoint for them). */
  templates: typeof SIM_TEMPLATES
  plan: SeedPlan
  /** Users invited through Create a User, with whether an invite email was asked for. */
  invites: ReadonlyArray<{ email: string; sent: boolean }>
  /** Feedback requests created through the API, oldest first: the simulator's own record of sends. */
  createdFeedbackRequests(): SimFeedbackRequest[]
}

export async function startFeedbackApiSimulator(opts: ProviderSimulatorOptions = {}): Promise<FeedbackApiSimulatorHandle> {
  const seed = opts.seed ?? 'feedbackapi'
  const plan = planFor(seed, opts.volume ?? DEFAULT_VOLUME, opts.anchor)

  const customers = new Table<SimCustomer>('customer', 'customer', plan.counts.customers, (i) => seededCustomer(plan, i))
  const locations = new Table<SimLocation>('location', 'location', plan.counts.locations, (i) => seededLocation(plan, i))
  const reviews = new Table<SimReview>('review', 'review', plan.counts.reviews, (i) => seededReview(plan, i))
  const feedback = new Table<SimFeedback>('feedback', 'feedback', plan.counts.feedback, (i) => seededFeedback(plan, i))
  const requests = new Table<SimFeedbackRequest>('request', 'feedback request', plan.counts.requests, (i) => seededFeedbackRequest(plan, i))
  const accounts = new Table<SimAccount>('account', 'account', plan.counts.accounts, (i) => seededAccount(plan, i))
  const users = new Table<SimUser>('user', 'user', plan.counts.users, (i) => seededUser(plan, i))
  /** Review profile URLs per location index: an argument, not an attribute of the location object. */
  const reviewProfiles = new Map<number, string[]>()
  const accountVerbs = new Map<number, string>()
  /** Invites created by Create a User, and whether an email was asked for (send_invite). */
  const invites: { email: string; sent: boolean }[] = []

  const activeLocation = (id: string, param: string): SimLocation => {
    const found = locations.find(id)
    if (!found || locations.hidden.has(found.index)) throw invalid(param, `No such location: '${id}'`)
    return found.record
  }

  const reviewProfileList = (p: Params): string[] | undefined => {
    const v = p.review_profile
    if (v === undefined || v === null || v === '') return undefined
    const list = Array.isArray(v) ? v : [v]
    for (const url of list) {
      let ok = false
      try {
        const u = new URL(String(url))
        ok = u.protocol === 'https:' || u.protocol === 'http:'
      } catch {
        ok = false
      }
      if (!ok) throw invalid('review_profile', `Invalid review profile URL: ${String(url)}`)
    }
    return list.map(String)
  }

  // ---- customers ----

  const findCustomerByContact = (em: string | null | undefined, mob: string | null | undefined): { index: number; record: SimCustomer } | undefined => {
    const e = em?.toLowerCase()
    for (let i = 0; i < customers.size; i++) {
      const c = customers.at(i)
      if (!c) continue
      if ((e && c.email?.toLowerCase() === e) || (mob && c.mobile_number === mob)) return { index: i, record: c }
    }
    return undefined
  }

  const createCustomer = (req: SimRequest): SimResult => {
    const p = bodyParams(req)
    const em = email(p)
    const mob = mobile(p)
    if (!em && !mob) throw invalid('email', 'Missing required param: email or mobile_number (one of them is required).')
    const fname = str(p, 'fname', { max: 100, nullable: true })
    const sname = str(p, 'sname', { max: 100, nullable: true })
    const cc = country(p)
    const locationId = str(p, 'location', { required: true })!
    activeLocation(locationId, 'location')
    const existing = findCustomerByContact(em, mob)
    if (existing) {
      // "the creation will be treated as an update to the existing record"
      const c = existing.record
      const updated: SimCustomer = {
        ...c,
        email: em ?? c.email,
        mobile_number: mob ?? c.mobile_number,
        fname: fname !== undefined ? fname : c.fname,
        sname: sname !== undefined ? sname : c.sname,
        country_code: cc ?? c.country_code,
        locations: c.locations.includes(locationId) ? c.locations : [...c.locations, locationId]
      }
      customers.replace(existing.index, updated)
      customers.hidden.delete(existing.index)
      return json(200, updated)
    }
    const { record } = customers.insert((id) => ({
      id,
      created: isoNow(),
      email: em ?? null,
      mobile_number: mob ?? null,
      fname: fname ?? null,
      sname: sname ?? null,
      last_sms: null,
      last_email: null,
      country_code: cc ?? null,
      invalid: false,
      opt_out: false,
      locations: [locationId]
    }))
    return json(200, record)
  }

  const updateCustomer = (req: SimRequest): SimResult => {
    const { index, record: c } = customers.get(req.params.id!)
    const p = bodyParams(req)
    const em = email(p)
    const mob = mobile(p)
    for (const [value, field] of [[em, 'email'], [mob, 'mobile_number']] as const) {
      if (!value) continue
      const other = findCustomerByContact(field === 'email' ? value : undefined, field === 'mobile_number' ? value : undefined)
      if (other && other.index !== index) throw invalid(field, `Another customer already has this ${field === 'email' ? 'email address' : 'mobile number'}.`)
    }
    const add = idList(p, 'location_add') ?? []
    const remove = idList(p, 'location_remove') ?? []
    for (const id of add) activeLocation(id, 'location_add')
    let locs = [...c.locations]
    for (const id of add) if (!locs.includes(id)) locs.push(id)
    locs = locs.filter((id) => !remove.includes(id))
    const fname = str(p, 'fname', { max: 100, nullable: true })
    const sname = str(p, 'sname', { max: 100, nullable: true })
    const cc = country(p)
    const optOut = bool(p, 'opt_out')
    const updated: SimCustomer = {
      ...c,
      ...(em !== undefined ? { email: em } : {}),
      ...(mob !== undefined ? { mobile_number: mob } : {}),
      ...(fname !== undefined ? { fname } : {}),
      ...(sname !== undefined ? { sname } : {}),
      ...(cc !== undefined ? { country_code: cc } : {}),
      ...(optOut !== undefined ? { opt_out: optOut } : {}),
      locations: locs
    }
    if (!updated.email && !updated.mobile_number) throw invalid('email', 'A customer needs an email address or a mobile number.')
    customers.replace(index, updated)
    return json(200, updated)
  }

  const listCustomers = (req: SimRequest): SimResult => {
    const p = queryParams(req)
    return runList({
      table: customers,
      params: p,
      filters: defined([
        textFilter<SimCustomer>(p, 'email', (c) => c.email),
        textFilter<SimCustomer>(p, 'mobile_number', (c) => c.mobile_number),
        textFilter<SimCustomer>(p, 'fname', (c) => c.fname),
        textFilter<SimCustomer>(p, 'sname', (c) => c.sname),
        textFilter<SimCustomer>(p, 'country_code', (c) => c.country_code),
        boolFilter<SimCustomer>(p, 'invalid', (c) => c.invalid),
        boolFilter<SimCustomer>(p, 'opt_out', (c) => c.opt_out)
      ]),
      sortable: { fname: (c) => c.fname, sname: (c) => c.sname, email: (c) => c.email },
      defaultSort: 'created-desc'
    })
  }

  // ---- locations ----

  const createLocation = (req: SimRequest): SimResult => {
    const p = bodyParams(req)
    const name = str(p, 'name', { required: true, max: 200 })!
    const cc = country(p, 'country_code', true)!
    const fields = {
      address_line_1: str(p, 'address_line_1', { max: 200, nullable: true }) ?? null,
      address_line_2: str(p, 'address_line_2', { max: 200, nullable: true }) ?? null,
      address_line_3: str(p, 'address_line_3', { max: 200, nullable: true }) ?? null,
      postal_code: str(p, 'postal_code', { max: 20, nullable: true }) ?? null
    }
    const profiles = reviewProfileList(p)
    const { index, record } = locations.insert((id) => ({ id, created: isoNow(), name, ...fields, country_code: cc }))
    if (profiles) reviewProfiles.set(index, profiles)
    return json(200, record)
  }

  const updateLocation = (req: SimRequest): SimResult => {
    const { index, record: l } = locations.get(req.params.id!)
    const p = bodyParams(req)
    const name = str(p, 'name', { max: 200 })
    const cc = country(p)
    const updated: SimLocation = { ...l, ...(name ? { name } : {}), ...(cc ? { country_code: cc } : {}) }
    for (const f of ['address_line_1', 'address_line_2', 'address_line_3', 'postal_code'] as const) {
      const v = str(p, f, { max: 200, nullable: true })
      if (v !== undefined) updated[f] = v
    }
    const profiles = reviewProfileList(p)
    // "A list of review profile urls to add for this location."
    if (profiles) reviewProfiles.set(index, [...new Set([...(reviewProfiles.get(index) ?? []), ...profiles])])
    locations.replace(index, updated)
    return json(200, updated)
  }

  const listLocations = (req: SimRequest): SimResult => {
    const p = queryParams(req)
    return runList({
      table: locations,
      params: p,
      filters: defined([
        textFilter<SimLocation>(p, 'name', (l) => l.name),
        textFilter<SimLocation>(p, 'postal_code', (l) => l.postal_code),
        textFilter<SimLocation>(p, 'country_code', (l) => l.country_code)
      ]),
      sortable: { name: (l) => l.name, postal_code: (l) => l.postal_code, country_code: (l) => l.country_code },
      // "The locations are returned sorted by the location name by default."
      defaultSort: 'name-asc'
    })
  }

  // ---- reviews and feedback (read-only) ----

  const listReviews = (req: SimRequest): SimResult => {
    const p = queryParams(req)
    const location = str(p, 'location')
    const platform = str(p, 'platform')
    return runList({
      table: reviews,
      params: p,
      filters: defined([
        location ? (r: SimReview) => r.location === location : undefined,
        platform ? (r: SimReview) => r.platform === platform : undefined,
        rangeFilter<SimReview>(decimal(p, 'rating_greater_than'), decimal(p, 'rating_less_than'), (r) => r.rating)
      ]),
      sortable: { rating: (r) => r.rating },
      defaultSort: 'created-desc'
    })
  }

  const FEEDBACK_TYPES = ['star-rating', 'nps', 'happy', 'csat']
  // Only feedback of type happy has a happy value; the filter never matches the others.
  const happyFilter = (want: boolean | undefined): ((f: SimFeedback) => boolean) | undefined => (want === undefined ? undefined : (f) => f.happy === want)
  const listFeedback = (req: SimRequest): SimResult => {
    const p = queryParams(req)
    const type = str(p, 'type')
    if (type && !FEEDBACK_TYPES.includes(type)) throw invalid('type', `Invalid type: ${type}. Use star-rating, nps or happy.`)
    const eq = (name: keyof SimFeedback): ((f: SimFeedback) => boolean) | undefined => {
      const want = str(p, name)
      return want ? (f) => f[name] === want : undefined
    }
    return runList({
      table: feedback,
      params: p,
      filters: defined([
        type ? (f: SimFeedback) => f.type === type : undefined,
        rangeFilter<SimFeedback>(int(p, 'nps_score_greater_than', { min: 0, max: 10 }) ?? undefined, int(p, 'nps_score_less_than', { min: 0, max: 10 }) ?? undefined, (f) => f['nps-score']),
        rangeFilter<SimFeedback>(
          int(p, 'star_rating_greater_than', { min: 1, max: 5 }) ?? undefined,
          int(p, 'star_rating_less_than', { min: 1, max: 5 }) ?? undefined,
          (f) => f['star-rating']
        ),
        happyFilter(bool(p, 'happy')),
        eq('subscriber'),
        eq('location'),
        eq('campaign'),
        eq('campaign_step')
      ]),
      sortable: {},
      defaultSort: 'created-desc'
    })
  }

  // ---- feedback requests ----

  const createFeedbackRequest = (req: SimRequest): SimResult => {
    const p = bodyParams(req)
    const subscriberId = str(p, 'subscriber', { required: true })!
    const templateId = str(p, 'template', { required: true })!
    const due = timestamp(p, 'due')
    const suppress = bool(p, 'suppress_message') ?? false
    const customer = customers.find(subscriberId)
    if (!customer || customers.hidden.has(customer.index)) throw invalid('subscriber', `No such subscriber: '${subscriberId}'`)
    const template = SIM_TEMPLATES.find((t) => t.id === templateId)
    if (!template) throw invalid('template', `No such message template: '${templateId}'`)
    // Required by the argument list; the document's own example leaves it out, so the customer's first location stands in.
    const locationId = str(p, 'location') ?? customer.record.locations[0]
    if (!locationId) throw missing('location')
    activeLocation(locationId, 'location')
    const c = customer.record
    if (!suppress) {
      if (c.opt_out) throw new Failure(402, 'invalid_request_error', 'The customer has opted out of messages, so no feedback request was sent.', 'subscriber')
      if (c.invalid) throw new Failure(402, 'invalid_request_error', 'The customer is marked invalid (a bounced email or failed SMS), so no feedback request was sent.', 'subscriber')
      if (template.channel === 'email' && !c.email) throw new Failure(402, 'invalid_request_error', 'The customer has no email address for an email template.', 'template')
      if (template.channel === 'sms' && !c.mobile_number) throw new Failure(402, 'invalid_request_error', 'The customer has no mobile number for an SMS template.', 'template')
    }
    const created = isoNow()
    const dueIso = due === undefined ? created : new Date(due * 1000).toISOString().replace('.000Z', 'Z')
    const { record } = requests.insert((id) => ({
      id,
      created,
      due: dueIso,
      updated: created,
      subscriber: c.id,
      template: template.id,
      location: locationId,
      type: suppress ? 'suppressed' : template.channel,
      message_opened: false,
      message_clicked: false,
      message_bounced: false,
      bounce_reason: null,
      spam_complaint: false,
      ...feedbackUrls(id),
      feedback: null
    }))
    return json(200, record)
  }

  const listFeedbackRequests = (req: SimRequest): SimResult => {
    const p = queryParams(req)
    const eq = (name: 'subscriber' | 'template' | 'location'): ((r: SimFeedbackRequest) => boolean) | undefined => {
      const want = str(p, name)
      return want ? (r) => r[name] === want : undefined
    }
    const flag = (name: 'message_opened' | 'message_clicked' | 'message_bounced' | 'spam_complaint'): ((r: SimFeedbackRequest) => boolean) | undefined =>
      boolFilter<SimFeedbackRequest>(p, name, (r) => r[name])
    return runList({
      table: requests,
      params: p,
      filters: defined([
        rangeFilter<SimFeedbackRequest>(timestamp(p, 'due_after'), timestamp(p, 'due_before'), (r) => tsSeconds(r.due)),
        rangeFilter<SimFeedbackRequest>(timestamp(p, 'updated_after'), timestamp(p, 'updated_before'), (r) => tsSeconds(r.updated)),
        eq('subscriber'),
        eq('template'),
        eq('location'),
        flag('message_opened'),
        flag('message_clicked'),
        flag('message_bounced'),
        flag('spam_complaint')
      ]),
      sortable: { due: (r) => tsSeconds(r.due), updated: (r) => tsSeconds(r.updated) },
      defaultSort: 'created-desc'
    })
  }

  // ---- client accounts ----

  const VERBS = ['use', 'visit']
  const limitFields = (p: Params): Partial<Pick<SimAccount, 'max_locations' | 'max_users' | 'max_campaigns' | 'sms_allowance'>> => {
    const out: Partial<Pick<SimAccount, 'max_locations' | 'max_users' | 'max_campaigns' | 'sms_allowance'>> = {}
    for (const f of ['max_locations', 'max_users', 'max_campaigns', 'sms_allowance'] as const) {
      const v = int(p, f, { min: 0, nullable: true })
      if (v !== undefined) out[f] = v
    }
    return out
  }

  const createAccount = (req: SimRequest): SimResult => {
    const p = bodyParams(req)
    const name = str(p, 'name', { required: true, max: 200 })!
    const active = bool(p, 'active', { required: true })!
    const verb = str(p, 'verb', { required: true })!
    if (!VERBS.includes(verb)) throw invalid('verb', `Invalid verb: ${verb}. Use use or visit.`)
    str(p, 'account_template', { nullable: true })
    const limits = limitFields(p)
    const { index, record } = accounts.insert((id) => ({
      id,
      created: isoNow(),
      name,
      active,
      max_locations: null,
      max_users: null,
      max_campaigns: null,
      sms_allowance: null,
      ...limits,
      active_locations: 0,
      active_users: 0
    }))
    accountVerbs.set(index, verb)
    return json(200, record)
  }

  const updateAccount = (req: SimRequest): SimResult => {
    const { index, record: a } = accounts.get(req.params.id!)
    const p = bodyParams(req)
    const name = str(p, 'name', { max: 200 })
    const active = bool(p, 'active')
    const updated: SimAccount = { ...a, ...(name ? { name } : {}), ...(active !== undefined ? { active } : {}), ...limitFields(p) }
    accounts.replace(index, updated)
    // As in the document's Update an Account example, the allowance comes back as a string.
    return json(200, { ...updated, sms_allowance: updated.sms_allowance === null ? null : String(updated.sms_allowance) })
  }

  const listAccounts = (req: SimRequest): SimResult => {
    const p = queryParams(req)
    return runList({
      table: accounts,
      params: p,
      filters: defined([textFilter<SimAccount>(p, 'name', (a) => a.name), boolFilter<SimAccount>(p, 'active', (a) => a.active)]),
      sortable: { name: (a) => a.name },
      defaultSort: 'created-desc'
    })
  }

  // ---- users ----

  const createUser = (req: SimRequest): SimResult => {
    const p = bodyParams(req)
    const em = email(p, 'email', true)!
    const sendInvite = bool(p, 'send_invite') ?? false
    for (const { index, record } of users.all()) {
      if (record.email.toLowerCase() === em.toLowerCase() && !users.hidden.has(index)) throw invalid('email', `A user with the email ${em} already exists.`)
    }
    const { index, record } = users.insert((id) => ({ id, created: isoNow(), name: null, email: em, type: 'standard', status: 'pending', last_access: false }))
    users.hidden.add(index)
    invites.push({ email: em, sent: sendInvite })
    return json(200, {
      email: record.email,
      type: record.type,
      status: record.status,
      invite_url: `https://reviews.example.net/invite?code=${record.id}`
    })
  }
  const listUsers = (req: SimRequest): SimResult => {
    const p = queryParams(req)
    const type = str(p, 'type')
    if (type && type !== 'standard' && type !== 'restricted') throw invalid('type', `Invalid type: ${type}. Use standard or restricted.`)
    return runList({
      table: users,
      params: p,
      filters: defined([type ? (u: SimUser) => u.type === type : undefined, (u: SimUser) => u.status === 'active']),
      sortable: { name: (u) => u.name, email: (u) => u.email },
      defaultSort: 'created-desc'
    })
  }

  // ---- routes ----

  const retrieve =
    <R extends { id: string; created: Ts }>(t: Table<R>) =>
    (req: SimRequest): SimResult =>
      json(200, t.get(req.params.id!).record)

  /** Customers and locations: "set to inactive rather than removed". */
  const deactivate =
    <R extends { id: string; created: Ts }>(t: Table<R>) =>
    (req: SimRequest): SimResult => {
      const { index, record } = t.get(req.params.id!)
      t.hidden.add(index)
      return json(200, { id: record.id, deleted: true })
    }

  /** Accounts and users: removed. */
  const remove =
    <R extends { id: string; created: Ts }>(t: Table<R>) =>
    (req: SimRequest): SimResult => {
      const { index, record } = t.get(req.params.id!)
      t.gone.add(index)
      return json(200, { id: record.id, deleted: true })
    }

  const guarded = (handler: (req: SimRequest) => SimResult): ((req: SimRequest) => SimResult) => (req) => {
    try {
      return handler(req)
    } catch (err) {
      if (err instanceof Failure) return apiError(err.status, err.type, err.message, err.param)
      throw err
    }
  }

  const r = (method: Route['method'], path: string, handler: (req: SimRequest) => SimResult, extra: Partial<Route> = {}): Route => ({
    method,
    path: `${API_PREFIX}${path}`,
    handler: guarded(handler),
    ...extra
  })

  /** The document's older names (/subscriber/ in Authentication, /subscribers in Pagination) redirect to /customers. */
  const legacy = (req: SimRequest): SimResult => {
    const q = req.query.toString()
    return json(301, { moved_to: `${API_PREFIX}/customers` }, { location: `${API_PREFIX}/customers${q ? `?${q}` : ''}` })
  }

  const routes: Route[] = [
    r('GET', '/customers', listCustomers),
    r('POST', '/customers', createCustomer),
    r('GET', '/customers/:id', retrieve(customers)),
    r('POST', '/customers/:id', updateCustomer),
    r('DELETE', '/customers/:id', deactivate(customers)),
    r('GET', '/subscribers', legacy, { public: true }),
    r('GET', '/subscriber', legacy, { public: true }),
    r('GET', '/locations', listLocations),
    r('POST', '/locations', createLocation),
    r('GET', '/locations/:id', retrieve(locations)),
    r('POST', '/locations/:id', updateLocation),
    r('DELETE', '/locations/:id', deactivate(locations)),
    r('GET', '/reviews', listReviews),
    r('GET', '/reviews/:id', retrieve(reviews)),
    r('GET', '/feedback', listFeedback),
    r('GET', '/feedback/:id', retrieve(feedback)),
    r('GET', '/feedback-request', listFeedbackRequests),
    r('POST', '/feedback-request', createFeedbackRequest),
    r('GET', '/feedback-request/:id', retrieve(requests)),
    r('GET', '/accounts', listAccounts),
    r('POST', '/accounts', createAccount),
    r('GET', '/accounts/:id', retrieve(accounts)),
    r('POST', '/accounts/:id', updateAccount),
    r('DELETE', '/accounts/:id', remove(accounts)),
    r('GET', '/users', listUsers),
    r('POST', '/users', createUser),
    r('GET', '/users/:id', (req) => {
      const found = users.get(req.params.id!)
      if (found.record.status === 'pending') throw noSuch('user', req.params.id!)
      return json(200, found.record)
    }),
    r('DELETE', '/users/:id', remove(users))
  ]

  const sim = await startSimulator({
    name: 'feedbackapi',
    seed,
    routes,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.faults ? { faults: opts.faults } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    guard: (req) => {
      // "Provide your API key as the basic auth username value. You do not need to provide a password."
      const basic = req.basic()
      if (basic && basic.username === FEEDBACKAPI_SIM_KEY) return undefined
      return json(
        401,
        { error: { type: 'authentication_error', message: 'No valid API key provided. Send your API key as the basic auth username.' } },
        { 'www-authenticate': 'Basic realm="FeedbackAPI"' }
      )
    },
    notFound: (req, allowed) =>
      allowed.length > 0
        ? json(405, { error: { type: 'invalid_request_error', message: `${req.method} is not allowed on ${req.path}.` } }, { allow: allowed.join(', ') })
        : apiError(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${req.path}).`),
    onError: () => apiError(500, 'api_error', 'Something went wrong on our end.'),
    renderFault: (fault) =>
      fault.kind === 'rate-limit'
        ? apiError(429, 'rate_limit_error', 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.')
        : apiError(fault.status, 'api_error', 'Something went wrong on our end.')
  })

  return {
    provider: 'feedbackapi',
    sim,
    baseUrl: `${sim.url}${API_PREFIX}`,
    credentials: { secret: FEEDBACKAPI_SIM_KEY },
    templates: SIM_TEMPLATES,
    plan,
    invites,
    createdFeedbackRequests: () => [...requests.overlay.entries()].filter(([i]) => i >= requests.seeded).sort(([a], [b]) => a - b).map(([, r]) => r),
    close: () => sim.close()
  }
}
