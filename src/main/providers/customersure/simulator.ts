import { randomBytes } from 'node:crypto'
import { json, linkHeader, pageSlice, startSimulator, text, type Route, type SimRequest, type SimResult } from '../simulator-kit'
import type { ProviderSimulatorHandle, ProviderSimulatorOptions } from '../types'
import { userAgentFor } from './client'
import {
  createSeedData,
  csatScore,
  FEEDBACK_REQUEST_ID_BASE,
  netPromoterScore,
  periodRange,
  ratingQuestionStats,
  RESPONSE_ID_BASE,
  type SeedData,
  type SimResponse,
  type SimSite
} from './simulator-data'
import { CUSTOMERSURE_ACCEPT, DATE_PERIODS, formatCustomerSureTime, parseCustomerSureTime, type DatePeriod, type ValidationErrorItem } from './wire'

/**
 * A CustomerSure API v1 look-alike on loopback (customersure-v1.txt): the same paths, the Accept /
 * User-Agent / Token checks with the documented statuses and bodies, Link + X-Total-Pages +
 * X-Total-Count paging, 422 {message, errors[{resource, field, error, extra_info}]} validation
 * errors, 403 for unpermitted parameters, 301/307 redirects from a site_code to the site's id, the 18
 * named date periods, and state: what is created is kept (layered over the seed data) and listed.
 */

const HOUR = 3_600_000
const DAY = 24 * HOUR
export const CUSTOMERSURE_DEFAULT_VOLUME = 500
const MAX_PER_PAGE = 100
const DEFAULT_PER_PAGE = 30
/** Edits (updated_at) come at most this long after submission, which bounds the scan for updated_since. */
const MAX_EDIT_DELAY = 72 * HOUR

export interface CustomerSureSimulatorOptions extends ProviderSimulatorOptions {
  /** The API token it accepts; random when left out (read it from `credentials.secret`). */
  token?: string
  /** The company name it expects as User-Agent. Default 'Survey Desk Demo'. */
  companyName?: string
  /** Newest seeded submission time (epoch ms). Default: the start of the current UTC hour. */
  anchor?: number
  /** Clock for periods, defaults and created objects. */
  now?: () => number
}

export interface CustomerSureSimulatorState {
  /** Feedback requests created through the API, by id. */
  feedbackRequests: Map<number, Record<string, unknown>>
  /** Sites created through the API, by id. */
  createdSites: Map<string, SimSite>
  /** Seeded sites as updated through the API, by id. */
  updatedSites: Map<string, SimSite>
}

export interface CustomerSureSimulatorHandle extends ProviderSimulatorHandle {
  data: SeedData
  state: CustomerSureSimulatorState
}

// ---------- request helpers ----------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
const iso = (ms: number): string => formatCustomerSureTime(new Date(ms))

/** Parameters from the query string, and for POST/PATCH from the JSON body too. */
function paramsOf(req: SimRequest): { get(name: string): string | undefined; getAll(name: string): string[] } {
  const body = isRecord(req.body) ? req.body : {}
  const scalar = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined)
  return {
    get(name) {
      return req.query.get(name) ?? scalar(body[name])
    },
    getAll(name) {
      const fromBody = body[name] ?? body[`${name}[]`]
      const listed = Array.isArray(fromBody) ? fromBody.map(scalar).filter((v): v is string => v !== undefined) : []
      return [...req.query.getAll(`${name}[]`), ...req.query.getAll(name), ...listed].filter((v) => v.trim() !== '')
    }
  }
}

const problem = (resource: string, field: string, error: string, extra_info: Record<string, unknown> = {}): ValidationErrorItem => ({ resource, field, error, extra_info })
const validationFailed = (errors: ValidationErrorItem[]): SimResult => json(422, { message: 'Validation error', errors })
const notFoundBody = (): SimResult => json(404, { message: 'Not Found' })

function unpermitted(body: Record<string, unknown>, allowed: ReadonlySet<string>, prefix = ''): string[] {
  return Object.keys(body)
    .filter((k) => !allowed.has(k))
    .map((k) => `${prefix}${k}`)
}

const forbiddenParams = (keys: string[]): SimResult => json(403, { message: `Unpermitted parameter${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` })

/** A time parameter: undefined when absent, a number when readable, or a validation problem. */
function readTime(p: ReturnType<typeof paramsOf>, name: string, resource: string, errors: ValidationErrorItem[]): number | undefined {
  const raw = p.get(name)
  if (raw === undefined || raw.trim() === '') return undefined
  const d = parseCustomerSureTime(raw)
  if (!d) {
    errors.push(problem(resource, name, 'invalid_date', { valid_format: 'YYYY-MM-DDTHH:MM:SSZ' }))
    return undefined
  }
  return d.getTime()
}

const asInt = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : null)

// ---------- the simulator ----------

export async function startCustomerSureSimulator(opts: CustomerSureSimulatorOptions = {}): Promise<CustomerSureSimulatorHandle> {
  const seed = opts.seed ?? 'customersure'
  const now = opts.now ?? Date.now
  const anchor = opts.anchor ?? Math.floor(now() / HOUR) * HOUR
  const token = opts.token ?? randomBytes(16).toString('hex')
  const company = opts.companyName ?? 'Survey Desk Demo'
  const expectedAgent = userAgentFor(company).toLowerCase()
  const data = createSeedData({ seed, volume: opts.volume ?? CUSTOMERSURE_DEFAULT_VOLUME, anchor })
  const state: CustomerSureSimulatorState = { feedbackRequests: new Map(), createdSites: new Map(), updatedSites: new Map() }
  let nextRequestId = FEEDBACK_REQUEST_ID_BASE + data.volume + 1000
  let nextDataId = 256_777
  let nextReminderId = 60_845_536
  let nextSiteId = 100_001

  // ----- paging -----
  function paged(req: SimRequest, total: number, slice: (start: number, end: number) => unknown[]): SimResult {
    const p = paramsOf(req)
    const errors: ValidationErrorItem[] = []
    const page = asInt(p.get('page') ?? '1')
    const perPageAsked = asInt(p.get('per_page') ?? String(DEFAULT_PER_PAGE))
    if (page === null || page < 1) errors.push(problem(req.path, 'page', 'invalid_value', { greater_than: 0, must_be: 'integer' }))
    if (perPageAsked === null || perPageAsked < 1) errors.push(problem(req.path, 'per_page', 'invalid_value', { greater_than: 0, must_be: 'integer' }))
    if (errors.length > 0 || page === null || perPageAsked === null) return validationFailed(errors)
    // Like the api-pagination gem CustomerSure's headers come from: a larger per_page is cut to the maximum.
    const perPage = Math.min(perPageAsked, MAX_PER_PAGE)
    const s = pageSlice(total, page, perPage, 1)
    const url = `http://${req.headers['host'] ?? '127.0.0.1'}${req.path}${req.query.size > 0 ? `?${req.query.toString()}` : ''}`
    return json(200, s.outOfRange ? [] : slice(s.start, s.end), {
      link: linkHeader(url, page, s.totalPages),
      'x-total-pages': String(s.totalPages),
      'x-total-count': String(total)
    })
  }
  const pagedArray = (req: SimRequest, items: readonly unknown[]): SimResult => paged(req, items.length, (a, b) => items.slice(a, b))
  const byName = <T extends { name: string; id: string | number }>(items: T[]): T[] =>
    [...items].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || String(a.id).localeCompare(String(b.id)))

  // ----- sites (seeded, updated, created) -----
  const allSites = (): SimSite[] => [...data.sites.map((s) => state.updatedSites.get(s.id) ?? s), ...state.createdSites.values()]
  const siteById = (id: string): SimSite | undefined => state.createdSites.get(id) ?? state.updatedSites.get(id) ?? data.sites.find((s) => s.id === id)
  const siteByCode = (code: string): SimSite | undefined => allSites().find((s) => s.site_code === code)

  // ----- responses -----
  type Filter = (r: SimResponse) => boolean
  const scanCache = new Map<string, number[]>()
  /** Indices (newest first) in [lo, hi) that pass `filter`; cached per query so paging through is linear. */
  function scan(key: string, lo: number, hi: number, filter: Filter): number[] {
    const hit = scanCache.get(key)
    if (hit) return hit
    const out: number[] = []
    for (let i = hi - 1; i >= lo; i--) if (filter(data.responses.at(i)!)) out.push(i)
    if (scanCache.size >= 8) scanCache.delete(scanCache.keys().next().value as string)
    scanCache.set(key, out)
    return out
  }

  function responseFilter(p: ReturnType<typeof paramsOf>, extra: { updatedSince?: number; email?: string; companyName?: string }): Filter | null {
    const surveys = new Set(p.getAll('survey_ids'))
    const sites = new Set(p.getAll('site_ids'))
    const staff = new Set(p.getAll('staff_ids'))
    const email = extra.email?.trim().toLowerCase()
    const companyNeedle = extra.companyName?.replace(/[*%]/g, '').trim().toLowerCase()
    if (surveys.size === 0 && sites.size === 0 && staff.size === 0 && !email && !companyNeedle && extra.updatedSince === undefined) return null
    return (r) =>
      (surveys.size === 0 || surveys.has(String(r.surveyId))) &&
      (sites.size === 0 || sites.has(r.siteId)) &&
      (staff.size === 0 || staff.has(r.staffId)) &&
      (!email || r.email.toLowerCase() === email) &&
      (!companyNeedle || (r.company ?? '').toLowerCase().includes(companyNeedle)) &&
      (extra.updatedSince === undefined || r.updatedAt >= extra.updatedSince)
  }

  /** The from/to of a metric: a named period wins over from_time/to_time (as documented). */
  function metricWindow(req: SimRequest, allowPeriod: boolean, defaults: () => { from: number; to: number }): { from: number; to: number } | SimResult {
    const p = paramsOf(req)
    const errors: ValidationErrorItem[] = []
    const resource = req.path
    const period = allowPeriod ? p.get('period') : undefined
    const from = readTime(p, 'from_time', resource, errors)
    const to = readTime(p, 'to_time', resource, errors)
    if (period !== undefined && period.trim() !== '') {
      if (!(DATE_PERIODS as readonly string[]).includes(period)) {
        return validationFailed([problem(resource, 'period', 'invalid_value', { allowed_values: [...DATE_PERIODS] })])
      }
      return periodRange(period as DatePeriod, now())
    }
    if (errors.length > 0) return validationFailed(errors)
    const d = defaults()
    const window = { from: from ?? d.from, to: to ?? d.to }
    if (window.to < window.from) return validationFailed([problem(resource, 'to_time', 'invalid_date', { minimum: iso(window.from) })])
    return window
  }

  function responsesIn(req: SimRequest, window: { from: number; to: number }): SimResponse[] {
    const p = paramsOf(req)
    const filter = responseFilter(p, { companyName: p.get('company_name') })
    const lo = data.firstIndexAtOrAfter(window.from)
    const hi = data.firstIndexAtOrAfter(window.to + 1)
    const out: SimResponse[] = []
    for (let i = lo; i < hi; i++) {
      const r = data.responses.at(i)!
      if (!filter || filter(r)) out.push(r)
    }
    return out
  }

  const startOfToday = (): number => Math.floor(now() / DAY) * DAY
  const last30Days = (): { from: number; to: number } => ({ from: startOfToday() - 30 * DAY, to: now() })

  // ----- feedback requests -----
  const FR_KEYS = new Set(['email', 'send_at', 'survey_id', 'email_template_id', 'first_name', 'surname', 'reference', 'machine_id', 'external_link', 'ignore_throttle', 'data', 'sms', 'reminders'])
  const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
  const PHONE = /^\+?[0-9 ()-]{6,20}$/

  function createFeedbackRequest(req: SimRequest): SimResult {
    if (req.bodyError || !isRecord(req.body)) return json(400, { message: 'Problems parsing JSON' })
    const b = req.body
    const resource = '/feedback_requests/'
    const extra = unpermitted(b, FR_KEYS)
    if (isRecord(b.sms)) extra.push(...unpermitted(b.sms, new Set(['number', 'text_message_template_id']), 'sms.'))
    if (Array.isArray(b.data)) b.data.forEach((d, i) => isRecord(d) && extra.push(...unpermitted(d, new Set(['key', 'value']), `data[${i}].`)))
    if (Array.isArray(b.reminders)) b.reminders.forEach((r, i) => isRecord(r) && extra.push(...unpermitted(r, new Set(['send_at', 'email_template_id', 'text_message_template_id']), `reminders[${i}].`)))
    if (extra.length > 0) return forbiddenParams(extra)

    const errors: ValidationErrorItem[] = []
    const isSms = b.sms !== undefined && b.sms !== null
    const emailTemplate = (v: unknown) => data.emailTemplates.find((t) => t.id === asInt(v))
    const smsTemplate = (v: unknown) => data.textMessageTemplates.find((t) => t.id === asInt(v))
    const checkTemplate = (field: string, v: unknown, kind: 'email' | 'sms'): void => {
      const t = kind === 'email' ? emailTemplate(v) : smsTemplate(v)
      if (!t) errors.push(problem(resource, field, 'invalid_value', { message: `no ${kind === 'email' ? 'email' : 'text message'} template has this ID` }))
      else if (t.archived) errors.push(problem(resource, field, 'forbidden_value', { disallowed_values: [t.id], message: 'this template is archived' }))
    }

    if (isBlank(b.survey_id)) errors.push(problem(resource, 'survey_id', 'required'))
    else if (!data.surveys.some((s) => s.id === asInt(b.survey_id))) errors.push(problem(resource, 'survey_id', 'invalid_value', { message: 'you do not own a survey with this ID' }))

    if (isSms) {
      if (!isRecord(b.sms)) errors.push(problem(resource, 'sms', 'invalid_format'))
      else {
        if (isBlank(b.sms.number)) errors.push(problem(resource, 'sms.number', 'required'))
        else if (typeof b.sms.number !== 'string' || !PHONE.test(b.sms.number)) errors.push(problem(resource, 'sms.number', 'invalid_format', { valid_format: PHONE.source }))
        if (isBlank(b.sms.text_message_template_id)) errors.push(problem(resource, 'sms.text_message_template_id', 'required'))
        else checkTemplate('sms.text_message_template_id', b.sms.text_message_template_id, 'sms')
      }
    } else {
      if (isBlank(b.email)) errors.push(problem(resource, 'email', 'required'))
      if (isBlank(b.email_template_id)) errors.push(problem(resource, 'email_template_id', 'required'))
      else checkTemplate('email_template_id', b.email_template_id, 'email')
    }
    if (!isBlank(b.email) && (typeof b.email !== 'string' || !EMAIL.test(b.email))) errors.push(problem(resource, 'email', 'invalid_format', { valid_format: EMAIL.source }))

    let sendAt: number | null = null
    if (isBlank(b.send_at)) errors.push(problem(resource, 'send_at', 'required'))
    else {
      const d = parseCustomerSureTime(b.send_at)
      if (!d) errors.push(problem(resource, 'send_at', 'invalid_date', { valid_format: 'YYYY-MM-DDTHH:MM:SSZ' }))
      else if (d.getTime() < now() - 5 * 60_000) errors.push(problem(resource, 'send_at', 'invalid_date', { minimum: iso(now()), message: 'send_at must be in the future' }))
      else sendAt = d.getTime()
    }

    const maxLength = (field: string, max: number): void => {
      const v = b[field]
      if (v === undefined || v === null) return
      if (typeof v !== 'string' && typeof v !== 'number') errors.push(problem(resource, field, 'invalid_format'))
      else if (String(v).length > max) errors.push(problem(resource, field, 'wrong_length', { maximum: String(max) }))
    }
    maxLength('first_name', 100)
    maxLength('surname', 100)
    maxLength('reference', 255)
    maxLength('machine_id', 36)
    for (const f of ['external_link', 'ignore_throttle']) {
      if (b[f] !== undefined && b[f] !== null && b[f] !== true && b[f] !== false && b[f] !== 'true' && b[f] !== 'false') errors.push(problem(resource, f, 'invalid_value', { allowed_values: [true, false] }))
    }

    const dataItems: { key: string; value: string }[] = []
    if (b.data !== undefined && b.data !== null) {
      if (!Array.isArray(b.data)) errors.push(problem(resource, 'data', 'invalid_format'))
      else
        b.data.forEach((d, i) => {
          if (!isRecord(d)) return errors.push(problem(resource, `data[${i}]`, 'invalid_format'))
          if (isBlank(d.key)) errors.push(problem(resource, `data[${i}].key`, 'required'))
          else if (String(d.key).length > 30) errors.push(problem(resource, `data[${i}].key`, 'wrong_length', { maximum: '30' }))
          const value = d.value === undefined || d.value === null ? '' : String(d.value)
          if (value.length > 100) errors.push(problem(resource, `data[${i}].value`, 'wrong_length', { maximum: '100' }))
          dataItems.push({ key: String(d.key ?? ''), value })
        })
    }

    const reminders: Record<string, unknown>[] = []
    if (b.reminders !== undefined && b.reminders !== null) {
      if (!Array.isArray(b.reminders)) errors.push(problem(resource, 'reminders', 'invalid_format'))
      else
        b.reminders.forEach((r, i) => {
          const at = `reminders[${i}]`
          if (!isRecord(r)) return errors.push(problem(resource, at, 'invalid_format'))
          if (isBlank(r.send_at)) errors.push(problem(resource, `${at}.send_at`, 'required'))
          else {
            const d = parseCustomerSureTime(r.send_at)
            if (!d) errors.push(problem(resource, `${at}.send_at`, 'invalid_date', { valid_format: 'YYYY-MM-DDTHH:MM:SSZ' }))
            else if (sendAt !== null && d.getTime() <= sendAt) errors.push(problem(resource, `${at}.send_at`, 'invalid_date', { minimum: iso(sendAt), message: 'a reminder must come after the request' }))
          }
          const hasEmail = !isBlank(r.email_template_id)
          const hasSms = !isBlank(r.text_message_template_id)
          if (hasEmail && hasSms) errors.push(problem(resource, at, 'custom', { message: 'provide either email_template_id or text_message_template_id, not both' }))
          else if (!hasEmail && !hasSms) errors.push(problem(resource, `${at}.${isSms ? 'text_message_template_id' : 'email_template_id'}`, 'required'))
          else if (hasEmail) checkTemplate(`${at}.email_template_id`, r.email_template_id, 'email')
          else checkTemplate(`${at}.text_message_template_id`, r.text_message_template_id, 'sms')
          reminders.push({
            id: nextReminderId + i,
            email_template_id: hasEmail ? asInt(r.email_template_id) : null,
            // Echoed as sent, offset and all, as the document's example shows.
            send_at: r.send_at,
            sent_at: null,
            text_message_template_id: hasSms ? asInt(r.text_message_template_id) : null,
            not_sent_reason: null,
            delivery_failure: null
          })
        })
    }

    if (errors.length > 0) return validationFailed(errors)

    const id = nextRequestId++
    nextReminderId += reminders.length
    const at = now()
    const externalLink = b.external_link === true || b.external_link === 'true'
    const created: Record<string, unknown> = {
      id,
      email: isBlank(b.email) ? null : b.email,
      state: externalLink ? 'sent' : 'pending',
      first_name: b.first_name ?? null,
      surname: b.surname ?? null,
      survey_id: asInt(b.survey_id),
      email_template_id: isSms ? null : asInt(b.email_template_id),
      reference: b.reference ?? null,
      machine_id: b.machine_id ?? null,
      send_at: iso(sendAt ?? at),
      sent_at: externalLink ? iso(at) : null,
      created_at: iso(at),
      updated_at: iso(at),
      not_sent_reason: null,
      delivery_failure: null,
      ignore_throttle: b.ignore_throttle === true || b.ignore_throttle === 'true',
      link: `http://${req.headers['host'] ?? '127.0.0.1'}/r/${id.toString(36)}${randomBytes(4).toString('hex')}`,
      data: dataItems.map((d) => ({ id: nextDataId++, key: d.key, value: d.value })),
      reminders
    }
    state.feedbackRequests.set(id, created)
    return json(201, created)
  }

  // ----- sites -----
  const SITE_KEYS = new Set(['site_code', 'name', 'city', 'region', 'site_type'])
  function checkSiteBody(req: SimRequest, creating: boolean, self?: SimSite): SimResult | Record<string, unknown> {
    if (req.bodyError || !isRecord(req.body)) return json(400, { message: 'Problems parsing JSON' })
    const b = req.body
    const extra = unpermitted(b, SITE_KEYS)
    if (extra.length > 0) return forbiddenParams(extra)
    const resource = creating ? '/sites/' : `/sites/${self?.id ?? ''}`
    const errors: ValidationErrorItem[] = []
    for (const field of SITE_KEYS) {
      const v = b[field]
      const required = field === 'site_code' || field === 'name' || field === 'region'
      if (v === undefined) {
        if (creating && required) errors.push(problem(resource, field, 'required'))
        continue
      }
      if (v === null || (typeof v === 'string' && v.trim() === '')) {
        if (required) errors.push(problem(resource, field, 'required'))
        continue
      }
      if (typeof v !== 'string') errors.push(problem(resource, field, 'invalid_format'))
      else if (v.length > 255) errors.push(problem(resource, field, 'wrong_length', { maximum: '255' }))
    }
    if (typeof b.site_code === 'string' && b.site_code.trim() !== '') {
      const other = siteByCode(b.site_code)
      if (other && other.id !== self?.id) errors.push(problem(resource, 'site_code', 'custom', { message: 'has already been taken' }))
    }
    return errors.length > 0 ? validationFailed(errors) : b
  }
  const isResult = (v: SimResult | Record<string, unknown>): v is SimResult => typeof (v as SimResult).status === 'number' && ('json' in v || 'text' in v)
  const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null)

  /** A site asked for by its code is where CustomerSure redirects: 301 for reads, 307 (method kept) for updates. */
  const redirectToSite = (req: SimRequest, site: SimSite, status: 301 | 307): SimResult =>
    text(status, '', { location: `http://${req.headers['host'] ?? '127.0.0.1'}/sites/${encodeURIComponent(site.id)}` })

  const routes: Route[] = [
    { method: 'POST', path: '/feedback_requests', handler: createFeedbackRequest },

    {
      method: 'GET',
      path: '/feedback_responses/:id',
      handler: (req) => {
        const id = asInt(req.params.id)
        const r = id === null ? undefined : data.responses.at(id - RESPONSE_ID_BASE)
        return r ? json(200, r.wire) : notFoundBody()
      }
    },
    {
      method: 'GET',
      path: '/feedback_responses',
      handler: (req) => {
        const p = paramsOf(req)
        const errors: ValidationErrorItem[] = []
        const createdSince = readTime(p, 'created_since', req.path, errors)
        const updatedSince = readTime(p, 'updated_since', req.path, errors)
        if (errors.length > 0) return validationFailed(errors)
        let lo = 0
        if (createdSince !== undefined) lo = Math.max(lo, data.firstIndexAtOrAfter(createdSince))
        if (updatedSince !== undefined) lo = Math.max(lo, data.firstIndexAtOrAfter(updatedSince - MAX_EDIT_DELAY))
        const hi = data.volume
        const filter = responseFilter(p, { updatedSince, email: p.get('email') })
        // Reverse chronological: the newest first.
        if (!filter) return paged(req, hi - lo, (a, b) => data.responses.slice(hi - b, hi - a).reverse().map((r) => r.wire))
        const key = JSON.stringify([lo, [...p.getAll('survey_ids')], [...p.getAll('site_ids')], [...p.getAll('staff_ids')], p.get('email') ?? '', updatedSince ?? ''])
        const indices = scan(key, lo, hi, filter)
        return paged(req, indices.length, (a, b) => indices.slice(a, b).map((i) => data.responses.at(i)!.wire))
      }
    },

    ...(['GET', 'POST'] as const).map(
      (method): Route => ({
        // Defined as POST, shown in the example as GET: both are answered.
        method,
        path: '/rating_questions/:id',
        handler: (req) => {
          const id = asInt(req.params.id)
          const found = id === null ? undefined : data.question(id)
          if (!found || found.question.answer_type !== 'Rating') return notFoundBody()
          const window = metricWindow(req, true, last30Days)
          if ('status' in window) return window
          const position = found.survey.questions.indexOf(found.question)
          const tally = new Map<number, number>()
          for (const r of responsesIn(req, window)) {
            if (r.surveyId !== found.survey.id) continue
            const score = position === 0 ? r.nps : r.satisfaction
            tally.set(score, (tally.get(score) ?? 0) + 1)
          }
          return json(200, ratingQuestionStats(found.question.question, tally))
        }
      })
    ),
    {
      method: 'GET',
      path: '/response_rate',
      handler: (req) => {
        // Default: the 30 days before yesterday (replies to the last two days' requests may still come).
        const window = metricWindow(req, false, () => ({ from: startOfToday() - 32 * DAY, to: startOfToday() - 2 * DAY }))
        if ('status' in window) return window
        let sent = 0
        let delivered = 0
        let replies = 0
        for (const r of responsesIn(req, window)) {
          const reply = r.viaRequest ? 1 : 0
          sent += r.unansweredSent + reply
          delivered += r.unansweredDelivered + reply
          replies += reply
        }
        const surveys = new Set(paramsOf(req).getAll('survey_ids'))
        for (const fr of state.feedbackRequests.values()) {
          const sentAt = typeof fr.sent_at === 'string' ? parseCustomerSureTime(fr.sent_at)?.getTime() : undefined
          if (sentAt === undefined || sentAt < window.from || sentAt > window.to) continue
          if (surveys.size > 0 && !surveys.has(String(fr.survey_id))) continue
          sent++
          delivered++
        }
        return json(200, { response_rate_percent: delivered > 0 ? Math.round((replies / delivered) * 100) : null, sent_count: sent, delivered_count: delivered, reply_count: replies })
      }
    },
    {
      method: 'GET',
      path: '/nps',
      handler: (req) => {
        const window = metricWindow(req, true, last30Days)
        if ('status' in window) return window
        return json(200, netPromoterScore(responsesIn(req, window).map((r) => r.nps)))
      }
    },
    {
      method: 'GET',
      path: '/csat',
      handler: (req) => {
        const window = metricWindow(req, true, last30Days)
        if ('status' in window) return window
        return json(200, csatScore(responsesIn(req, window).map((r) => r.satisfaction)))
      }
    },

    {
      method: 'POST',
      path: '/sites',
      handler: (req) => {
        const b = checkSiteBody(req, true)
        if (isResult(b)) return b
        const site: SimSite = {
          id: String(nextSiteId++),
          site_code: String(b.site_code),
          name: String(b.name),
          city: strOrNull(b.city),
          region: String(b.region),
          site_type: strOrNull(b.site_type)
        }
        state.createdSites.set(site.id, site)
        return json(201, site)
      }
    },
    {
      method: 'GET',
      path: '/sites/:id',
      handler: (req) => {
        const site = siteById(req.params.id ?? '')
        if (site) return json(200, site)
        const byCode = siteByCode(req.params.id ?? '')
        return byCode ? redirectToSite(req, byCode, 301) : notFoundBody()
      }
    },
    {
      method: 'PATCH',
      path: '/sites/:id',
      handler: (req) => {
        const site = siteById(req.params.id ?? '')
        if (!site) {
          const byCode = siteByCode(req.params.id ?? '')
          return byCode ? redirectToSite(req, byCode, 307) : notFoundBody()
        }
        const b = checkSiteBody(req, false, site)
        if (isResult(b)) return b
        const updated: SimSite = { ...site }
        if (b.site_code !== undefined) updated.site_code = String(b.site_code)
        if (b.name !== undefined) updated.name = String(b.name)
        if (b.region !== undefined) updated.region = String(b.region)
        if (b.city !== undefined) updated.city = strOrNull(b.city)
        if (b.site_type !== undefined) updated.site_type = strOrNull(b.site_type)
        if (state.createdSites.has(site.id)) state.createdSites.set(site.id, updated)
        else state.updatedSites.set(site.id, updated)
        return json(200, updated)
      }
    },
    { method: 'GET', path: '/sites', handler: (req) => pagedArray(req, byName(allSites())) },

    {
      method: 'GET',
      path: '/staff/:id',
      handler: (req) => {
        const member = data.staff.find((s) => s.id === req.params.id)
        return member ? json(200, member) : notFoundBody()
      }
    },
    {
      method: 'GET',
      path: '/staff',
      handler: (req) => {
        const p = paramsOf(req)
        const email = p.get('email')?.trim().toLowerCase()
        const code = p.get('code')?.trim()
        const matching = data.staff.filter((s) => (!email || s.email.toLowerCase() === email) && (!code || s.code === code))
        return pagedArray(req, matching)
      }
    },
    { method: 'GET', path: '/surveys', handler: (req) => pagedArray(req, byName(data.surveys)) },
    { method: 'GET', path: '/email_templates', handler: (req) => pagedArray(req, byName(data.emailTemplates)) },
    { method: 'GET', path: '/text_message_templates', handler: (req) => pagedArray(req, byName(data.textMessageTemplates)) }
  ]

  // ----- auth: User-Agent (403), Accept version, Token (401); tokenExpiryAfter turns the token down after N uses -----
  let tokenUses = 0
  let expiryLimitSeen: number | null = null
  const TOKEN_VALUE = /^token\s*=\s*"?([^"]*)"?\s*$/i

  const sim = await startSimulator({
    name: 'customersure',
    seed,
    port: opts.port,
    faults: opts.faults,
    log: opts.log,
    routes,
    guard: (req) => {
      const agent = req.headers['user-agent']?.trim() ?? ''
      if (agent === '' || agent.toLowerCase() !== expectedAgent) return json(403, { message: 'Missing or invalid User Agent string' })
      const accept = (req.headers['accept'] ?? '').toLowerCase()
      if (!accept.includes(CUSTOMERSURE_ACCEPT)) {
        return json(406, { message: `You must specify the API version in the Accept header: ${CUSTOMERSURE_ACCEPT}` })
      }
      const auth = req.auth()
      const given = auth && auth.scheme.toLowerCase() === 'token' ? (TOKEN_VALUE.exec(auth.value)?.[1] ?? null) : null
      const denied = (): SimResult => json(401, { message: 'HTTP Token: Access denied.' }, { 'www-authenticate': 'Token realm="Application"' })
      if (given !== token) return denied()
      const limit = sim.faults.get().tokenExpiryAfter
      if (limit !== expiryLimitSeen) {
        expiryLimitSeen = limit
        tokenUses = 0
      }
      tokenUses += 1
      if (limit !== null && tokenUses > limit) return denied()
      return undefined
    },
    notFound: (_req, allowed) => (allowed.length > 0 ? json(405, { message: 'Method Not Allowed' }, { allow: allowed.join(', ') }) : notFoundBody()),
    onError: () => json(500, { message: 'Internal Server Error' }),
    renderFault: (fault) =>
      fault.kind === 'rate-limit'
        ? json(429, { message: 'API rate limit exceeded. Please retry after the time given in Retry-After.' })
        : json(fault.status, { message: fault.status === 503 ? 'Service Unavailable' : fault.status === 502 ? 'Bad Gateway' : 'Internal Server Error' })
  })

  return {
    provider: 'customersure',
    sim,
    baseUrl: sim.url,
    credentials: { secret: token, companyName: company },
    data,
    state,
    close: () => sim.close()
  }
}
