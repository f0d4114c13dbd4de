import type { ZodType } from 'zod'
import { AppError } from '../../../shared/errors'
import { PROVIDERS } from '../../../shared/providers'
import { createHttpClient, customerSureAuth, customerSureErrors, type HttpClientOptions, type HttpResponse, type QueryValue } from '../../http'
import { probeFailure, probeSuccess, type ProbeResult, type ProviderConnectionConfig } from '../types'
import {
  mapCsatScore,
  mapNetPromoterScore,
  mapRatingQuestionStats,
  mapResponseRate,
  type CustomerSureCsat,
  type CustomerSureNps,
  type CustomerSureRatingQuestionStats,
  type CustomerSureResponseRate
} from './mapping'
import {
  CsatScore,
  CUSTOMERSURE_ACCEPT,
  EmailTemplateList,
  FeedbackRequest,
  FeedbackResponse,
  FeedbackResponseList,
  formatCustomerSureTime,
  NetPromoterScore,
  RatingQuestionStats,
  ResponseRate,
  Site,
  SiteList,
  StaffList,
  StaffMember,
  SurveyList,
  TextMessageTemplateList,
  type DatePeriod,
  type EmailTemplate,
  type Survey,
  type TextMessageTemplate
} from './wire'

/**
 * CustomerSure API v1 client (customersure-v1.txt), one function per documented endpoint, named after
 * the document's headings, parameters named as the document writes them. Every request goes through
 * the shared HTTP layer: `Accept: application/vnd.customersure.v1+json`, `Authorization: Token
 * token="…"`, `User-Agent` = the account's company name, retries (GET only), redirects, error mapping.
 */

export type IdInput = string | number
/** A time to send: a Date (sent as ISO 8601 UTC) or a string as the document writes them. */
export type TimeInput = string | Date

export interface CallOptions {
  signal?: AbortSignal
}

// ---------- parameters ----------

export interface PageParams {
  /** 1-based; CustomerSure pages by 30 unless per_page says otherwise. */
  page?: number
  /** Up to 100. */
  per_page?: number
}

export interface ListFeedbackResponsesParams extends PageParams {
  created_since?: TimeInput
  updated_since?: TimeInput
  email?: string
  survey_ids?: readonly IdInput[]
  site_ids?: readonly IdInput[]
  staff_ids?: readonly IdInput[]
}

export interface ListStaffParams extends PageParams {
  email?: string
  code?: string
}

/** Parameters of "Show rating question", "Retrieve your Net Promoter Score" and "Retrieve your CSAT Score". */
export interface MetricParams {
  from_time?: TimeInput
  to_time?: TimeInput
  /** Overrides from_time/to_time. */
  period?: DatePeriod
  /** Wildcard: 'cyber' matches "Cyberdyne Systems". */
  company_name?: string
  survey_ids?: readonly IdInput[]
  site_ids?: readonly IdInput[]
  staff_ids?: readonly IdInput[]
}

/** "Retrieve your response rate" documents no period, company or staff filter. */
export interface ResponseRateParams {
  from_time?: TimeInput
  to_time?: TimeInput
  survey_ids?: readonly IdInput[]
  site_ids?: readonly IdInput[]
}

export interface FeedbackRequestDataItem {
  /** At most 30 characters. staff_code and site_code link the feedback to a staff member / site. */
  key: string
  /** At most 100 characters. */
  value: string
}

export interface FeedbackRequestReminder {
  send_at: TimeInput
  /** Exactly one of the two template ids: e-mail for e-mail requests, text message for SMS ones. */
  email_template_id?: IdInput
  text_message_template_id?: IdInput
}

export interface CreateFeedbackRequestParams {
  /** Required, except for SMS sends. */
  email?: string
  send_at: TimeInput
  survey_id: IdInput
  /** Required for e-mail sends, ignored for SMS sends. */
  email_template_id?: IdInput
  first_name?: string
  surname?: string
  reference?: string
  machine_id?: string
  /** Only log the request: CustomerSure sends nothing and returns a link; state becomes sent. */
  external_link?: boolean
  /** Ignore the over-survey protection. Use with caution. */
  ignore_throttle?: boolean
  data?: readonly FeedbackRequestDataItem[]
  /** Send by text message instead of e-mail. */
  sms?: { number: string; text_message_template_id: IdInput }
  reminders?: readonly FeedbackRequestReminder[]
}

export interface CreateSiteParams {
  site_code: string
  name: string
  /** Optional, but recommended. */
  city?: string
  region: string
  site_type?: string
}

export type UpdateSiteParams = Partial<CreateSiteParams>

// ---------- results ----------

/** One page of a list, with what the paging headers said, so a sync can checkpoint after each page. */
export interface CustomerSurePage<T> {
  items: T[]
  page: number
  perPage: number | null
  /** X-Total-Pages, when sent. */
  totalPages: number | null
  /** X-Total-Count, when sent. */
  totalCount: number | null
  /** The next page to ask for, or null on the last page. */
  nextPage: number | null
}

export interface CustomerSureClient {
  /** POST /feedback_requests — never retried (it schedules a send). */
  createFeedbackRequest(params: CreateFeedbackRequestParams, opts?: CallOptions): Promise<FeedbackRequest>
  /** GET /feedback_responses/:id */
  retrieveFeedbackResponse(id: IdInput, opts?: CallOptions): Promise<FeedbackResponse>
  /** GET /feedback_responses — one page, newest first. */
  listFeedbackResponses(params?: ListFeedbackResponsesParams, opts?: CallOptions): Promise<CustomerSurePage<FeedbackResponse>>
  listFeedbackResponsesPages(params?: ListFeedbackResponsesParams, opts?: CallOptions): AsyncGenerator<CustomerSurePage<FeedbackResponse>, void, undefined>
  /** POST /rating_questions/:id — a read, so it is retried like a GET. */
  showRatingQuestion(id: IdInput, params?: MetricParams, opts?: CallOptions): Promise<CustomerSureRatingQuestionStats>
  /** GET /response_rate */
  retrieveResponseRate(params?: ResponseRateParams, opts?: CallOptions): Promise<CustomerSureResponseRate>
  /** GET /nps */
  retrieveNetPromoterScore(params?: MetricParams, opts?: CallOptions): Promise<CustomerSureNps>
  /** GET /csat */
  retrieveCsatScore(params?: MetricParams, opts?: CallOptions): Promise<CustomerSureCsat>
  /** POST /sites — never retried. */
  createSite(params: CreateSiteParams, opts?: CallOptions): Promise<Site>
  /** GET /sites/:id (CustomerSure also answers a site_code here, by redirecting). */
  retrieveSite(id: IdInput, opts?: CallOptions): Promise<Site>
  /** PATCH /sites/:id — never retried. */
  updateSite(id: IdInput, params: UpdateSiteParams, opts?: CallOptions): Promise<Site>
  /** GET /sites — sorted by name. */
  listSites(params?: PageParams, opts?: CallOptions): Promise<CustomerSurePage<Site>>
  listSitesPages(params?: PageParams, opts?: CallOptions): AsyncGenerator<CustomerSurePage<Site>, void, undefined>
  /** GET /staff/:id */
  retrieveStaffMember(id: IdInput, opts?: CallOptions): Promise<StaffMember>
  /** GET /staff */
  listStaff(params?: ListStaffParams, opts?: CallOptions): Promise<CustomerSurePage<StaffMember>>
  listStaffPages(params?: ListStaffParams, opts?: CallOptions): AsyncGenerator<CustomerSurePage<StaffMember>, void, undefined>
  /** GET /surveys — sorted by name. */
  listSurveys(params?: PageParams, opts?: CallOptions): Promise<CustomerSurePage<Survey>>
  listSurveysPages(params?: PageParams, opts?: CallOptions): AsyncGenerator<CustomerSurePage<Survey>, void, undefined>
  /** GET /email_templates — sorted by name. */
  listEmailTemplates(params?: PageParams, opts?: CallOptions): Promise<CustomerSurePage<EmailTemplate>>
  listEmailTemplatesPages(params?: PageParams, opts?: CallOptions): AsyncGenerator<CustomerSurePage<EmailTemplate>, void, undefined>
  /** GET /text_message_templates — sorted by name. */
  listTextMessageTemplates(params?: PageParams, opts?: CallOptions): Promise<CustomerSurePage<TextMessageTemplate>>
  listTextMessageTemplatesPages(params?: PageParams, opts?: CallOptions): AsyncGenerator<CustomerSurePage<TextMessageTemplate>, void, undefined>
  /** "Test connection": one cheap authenticated call (the first survey). */
  probe(opts?: CallOptions): Promise<ProbeResult>
  close(): Promise<void>
}

// ---------- helpers ----------

/**
 * Header values must be Latin-1 printable; a company called "Côte d’Azur Télécom" still has to be
 * sent. Accents are dropped and anything else outside printable ASCII becomes '?'. The simulator
 * compares against the same form.
 */
export function userAgentFor(companyName: string): string {
  return companyName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
}

const time = (v: TimeInput | undefined): string | undefined => (v === undefined ? undefined : v instanceof Date ? formatCustomerSureTime(v) : v)

function intHeader(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null
  return Number(value)
}

/** rel -> URL from an RFC 8288 Link header. */
export function parseLinkHeader(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!value) return out
  const re = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g
  for (const m of value.matchAll(re)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2] ?? '')?.[1]
    if (rel) for (const r of rel.trim().split(/\s+/)) out[r.toLowerCase()] = m[1] ?? ''
  }
  return out
}

function pageOfUrl(url: string): number | null {
  try {
    const p = new URL(url, 'http://localhost').searchParams.get('page')
    return p !== null && /^\d+$/.test(p) ? Number(p) : null
  } catch {
    return null
  }
}

/** CustomerSure's default page size ("If there are more than 30 …"). */
export const DEFAULT_PER_PAGE = 30

function pageFrom<T>(res: HttpResponse<T[]>, page: number, perPage: number | undefined): CustomerSurePage<T> {
  const links = parseLinkHeader(res.headers['link'])
  const totalPages = intHeader(res.headers['x-total-pages'])
  const totalCount = intHeader(res.headers['x-total-count'])
  const items = res.body
  let nextPage: number | null
  if (res.headers['link'] !== undefined) {
    // The Link header is the document's paging contract: a next link or the end.
    nextPage = links.next !== undefined ? (pageOfUrl(links.next) ?? page + 1) : null
  } else if (totalPages !== null) {
    nextPage = page < totalPages ? page + 1 : null
  } else {
    nextPage = items.length >= (perPage ?? DEFAULT_PER_PAGE) ? page + 1 : null
  }
  if (items.length === 0 || (nextPage !== null && nextPage <= page)) nextPage = null
  return { items, page, perPage: perPage ?? null, totalPages, totalCount, nextPage }
}

// ---------- the client ----------

export function createCustomerSureClient(config: ProviderConnectionConfig, deps: { httpOptions?: Partial<HttpClientOptions> } = {}): CustomerSureClient {
  const companyName = config.settings.companyName?.trim() ?? ''
  if (companyName === '') {
    throw AppError.validation([
      { field: 'settings.companyName', message: 'CustomerSure needs the company name of the account: it is sent as the User-Agent of every request, and requests without one are refused' }
    ])
  }
  const http = createHttpClient({
    provider: 'customersure',
    baseUrl: (config.baseUrl ?? PROVIDERS.customersure.defaultBaseUrl).replace(/\/+$/, ''),
    auth: customerSureAuth(config.secret),
    mapError: customerSureErrors,
    userAgent: userAgentFor(companyName),
    defaultHeaders: { accept: CUSTOMERSURE_ACCEPT },
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    ...(config.log ? { log: config.log } : {}),
    ...deps.httpOptions
  })

  const get = async <T>(path: string, operation: string, schema: ZodType<T>, query: Record<string, QueryValue> | undefined, opts: CallOptions | undefined): Promise<HttpResponse<T>> =>
    http.request({ method: 'GET', path, query, arrayFormat: 'brackets', operation, signal: opts?.signal }, schema)

  const listPage = async <T>(path: string, operation: string, schema: ZodType<T[]>, params: PageParams, query: Record<string, QueryValue>, opts?: CallOptions): Promise<CustomerSurePage<T>> => {
    const page = params.page ?? 1
    const res = await get(path, operation, schema, { ...query, page: params.page, per_page: params.per_page }, opts)
    return pageFrom(res, page, params.per_page)
  }

  async function* pages<P extends PageParams, T>(fetch: (p: P, o?: CallOptions) => Promise<CustomerSurePage<T>>, params: P, opts?: CallOptions): AsyncGenerator<CustomerSurePage<T>, void, undefined> {
    let page: number | null = params.page ?? 1
    while (page !== null) {
      const result = await fetch({ ...params, page }, opts)
      yield result
      page = result.nextPage
    }
  }

  const seg = (id: IdInput): string => encodeURIComponent(String(id))

  const metricQuery = (p: MetricParams): Record<string, QueryValue> => ({
    from_time: time(p.from_time),
    to_time: time(p.to_time),
    period: p.period,
    company_name: p.company_name,
    survey_ids: p.survey_ids,
    site_ids: p.site_ids,
    staff_ids: p.staff_ids
  })

  const listFeedbackResponses = (p: ListFeedbackResponsesParams = {}, o?: CallOptions): Promise<CustomerSurePage<FeedbackResponse>> =>
    listPage(
      '/feedback_responses',
      'list feedback responses',
      FeedbackResponseList,
      p,
      {
        created_since: time(p.created_since),
        updated_since: time(p.updated_since),
        email: p.email,
        survey_ids: p.survey_ids,
        site_ids: p.site_ids,
        staff_ids: p.staff_ids
      },
      o
    )
  const listSites = (p: PageParams = {}, o?: CallOptions): Promise<CustomerSurePage<Site>> => listPage('/sites', 'list sites', SiteList, p, {}, o)
  const listStaff = (p: ListStaffParams = {}, o?: CallOptions): Promise<CustomerSurePage<StaffMember>> =>
    listPage('/staff', 'list staff', StaffList, p, { email: p.email, code: p.code }, o)
  const listSurveys = (p: PageParams = {}, o?: CallOptions): Promise<CustomerSurePage<Survey>> => listPage('/surveys', 'list surveys', SurveyList, p, {}, o)
  const listEmailTemplates = (p: PageParams = {}, o?: CallOptions): Promise<CustomerSurePage<EmailTemplate>> =>
    listPage('/email_templates', 'list email templates', EmailTemplateList, p, {}, o)
  const listTextMessageTemplates = (p: PageParams = {}, o?: CallOptions): Promise<CustomerSurePage<TextMessageTemplate>> =>
    listPage('/text_message_templates', 'list text message templates', TextMessageTemplateList, p, {}, o)

  return {
    async createFeedbackRequest(p, o) {
      const body = {
        email: p.email,
        send_at: time(p.send_at),
        survey_id: p.survey_id,
        email_template_id: p.email_template_id,
        first_name: p.first_name,
        surname: p.surname,
        reference: p.reference,
        machine_id: p.machine_id,
        external_link: p.external_link,
        ignore_throttle: p.ignore_throttle,
        data: p.data?.map((d) => ({ key: d.key, value: d.value })),
        sms: p.sms ? { number: p.sms.number, text_message_template_id: p.sms.text_message_template_id } : undefined,
        reminders: p.reminders?.map((r) => ({ send_at: time(r.send_at), email_template_id: r.email_template_id, text_message_template_id: r.text_message_template_id }))
      }
      const res = await http.request({ method: 'POST', path: '/feedback_requests', json: body, operation: 'create a feedback request', signal: o?.signal }, FeedbackRequest)
      return res.body
    },

    async retrieveFeedbackResponse(id, o) {
      return (await get(`/feedback_responses/${seg(id)}`, 'retrieve a feedback response', FeedbackResponse, undefined, o)).body
    },
    listFeedbackResponses,
    listFeedbackResponsesPages: (p = {}, o) => pages(listFeedbackResponses, p, o),

    async showRatingQuestion(id, p = {}, o) {
      // The definition says POST, the example sends GET with query parameters: POST as defined, parameters
      // in the query as the examples write them, and retried like a GET since it only reads.
      const res = await http.request(
        { method: 'POST', path: `/rating_questions/${seg(id)}`, query: metricQuery(p), arrayFormat: 'brackets', idempotent: true, operation: 'show rating question stats', signal: o?.signal },
        RatingQuestionStats
      )
      return mapRatingQuestionStats(res.body)
    },
    async retrieveResponseRate(p = {}, o) {
      const query = { from_time: time(p.from_time), to_time: time(p.to_time), survey_ids: p.survey_ids, site_ids: p.site_ids }
      return mapResponseRate((await get('/response_rate', 'retrieve the response rate', ResponseRate, query, o)).body)
    },
    async retrieveNetPromoterScore(p = {}, o) {
      return mapNetPromoterScore((await get('/nps', 'retrieve the Net Promoter Score', NetPromoterScore, metricQuery(p), o)).body)
    },
    async retrieveCsatScore(p = {}, o) {
      return mapCsatScore((await get('/csat', 'retrieve the CSAT score', CsatScore, metricQuery(p), o)).body)
    },

    async createSite(p, o) {
      const body = { site_code: p.site_code, name: p.name, city: p.city, region: p.region, site_type: p.site_type }
      return (await http.request({ method: 'POST', path: '/sites', json: body, operation: 'create a site', signal: o?.signal }, Site)).body
    },
    async retrieveSite(id, o) {
      return (await get(`/sites/${seg(id)}`, 'retrieve a site', Site, undefined, o)).body
    },
    async updateSite(id, p, o) {
      const body = { site_code: p.site_code, name: p.name, city: p.city, region: p.region, site_type: p.site_type }
      return (await http.request({ method: 'PATCH', path: `/sites/${seg(id)}`, json: body, operation: 'update a site', signal: o?.signal }, Site)).body
    },
    listSites,
    listSitesPages: (p = {}, o) => pages(listSites, p, o),

    async retrieveStaffMember(id, o) {
      return (await get(`/staff/${seg(id)}`, 'retrieve a staff member', StaffMember, undefined, o)).body
    },
    listStaff,
    listStaffPages: (p = {}, o) => pages(listStaff, p, o),

    listSurveys,
    listSurveysPages: (p = {}, o) => pages(listSurveys, p, o),
    listEmailTemplates,
    listEmailTemplatesPages: (p = {}, o) => pages(listEmailTemplates, p, o),
    listTextMessageTemplates,
    listTextMessageTemplatesPages: (p = {}, o) => pages(listTextMessageTemplates, p, o),

    async probe(o) {
      try {
        const res = await get('/surveys', 'test the connection', SurveyList, { per_page: 1 }, o)
        const total = intHeader(res.headers['x-total-count']) ?? res.body.length
        return probeSuccess('customersure', `the API token and company name were accepted; ${total} ${total === 1 ? 'survey' : 'surveys'} visible`)
      } catch (err) {
        return probeFailure('customersure', err)
      }
    },
    close: () => http.close()
  }
}
