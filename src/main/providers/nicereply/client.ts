import type { z } from 'zod'
import { AppError, zodIssuesToFieldErrors, type FieldError } from '../../../shared/errors'
import { PROVIDERS } from '../../../shared/providers'
import { createHttpClient, nicereplyAuth, nicereplyErrors, type HttpClientOptions, type QueryValue } from '../../http'
import { probeFailure, probeSuccess, type ProbeResult, type ProviderConnectionConfig } from '../types'
import {
  AllMetricHistogramEnvelope,
  AllMetricStatsEnvelope,
  CreateAgentBody,
  CreateRatingBody,
  CreateThingOrActionBody,
  CustomerEnvelope,
  CustomerPage,
  HistogramEnvelope,
  MetricStatsEnvelope,
  RatingEnvelope,
  RatingPage,
  SubjectStatsPage,
  SurveyEnvelope,
  SurveyPage,
  SurveyStatsPage,
  TeamEnvelope,
  TeamPage,
  TeamUsersPage,
  UnsubscribePage,
  UserEnvelope,
  UserPage,
  type RatingMetric,
  type SortOrder,
  type WireAllMetricHistogram,
  type WireAllMetricStats,
  type WireCustomer,
  type WireHistogram,
  type WireId,
  type WireMetricStats,
  type WirePagination,
  type WireRating,
  type WireSubjectStatsItem,
  type WireSurvey,
  type WireSurveyStatsItem,
  type WireTeam,
  type WireTeamUsersItem,
  type WireUnsubscribe,
  type WireUser
} from './wire'

/**
 * Nicereply v1 client (nicereply-v1.txt): one typed function per documented endpoint, a page-level
 * async iterator per collection, and probe(). Transport, Basic auth (blank username, private key as
 * password), retries, rate limiting and error mapping are the HTTP layer's (src/main/http).
 */

// ---------------- parameters ----------------

/** A date parameter: a Date, or ISO 8601 text (sent as is when in one of the three documented forms). */
export type DateParam = string | Date

/** "Pagination query parameters": page (default 1), per_page (default 10, 10 - 100). */
export interface PagingParams {
  page?: number
  per_page?: number
}
export interface SortParams {
  /** Default desc. */
  sort_order?: SortOrder
}
/** created_at period (stats, histograms: the rated period). */
export interface PeriodParams {
  period_start?: DateParam
  period_end?: DateParam
}
export interface UpdatedPeriodParams {
  updated_period_start?: DateParam
  updated_period_end?: DateParam
}

/** Every ratings list: the per-metric ones and those of a customer, survey, team or user. */
export type RatingListParams = PagingParams & PeriodParams & UpdatedPeriodParams & SortParams
/** Lists documented with sort_order only (surveys, customers, teams, users, unsubscribes, ...). */
export type SortedListParams = PagingParams & SortParams
/** "Get stats for all customers / surveys / users": period and sort_order. */
export type SortedStatsListParams = PagingParams & PeriodParams & SortParams
/** "Get stats for all teams" documents period_start and period_end only. */
export type StatsListParams = PagingParams & PeriodParams

export interface PageInfo {
  total: number
  count: number
  perPage: number
  currentPage: number
  totalPages: number
  /** Paths as Nicereply gives them in `_pagination.links`, or null. */
  next: string | null
  previous: string | null
  /** The page to ask for next, or null on the last page: where a sync checkpoints. */
  nextPage: number | null
}

export interface Page<T> {
  items: T[]
  page: PageInfo
}

export type CreateRatingInput = z.input<typeof CreateRatingBody>
export type CreateAgentInput = z.input<typeof CreateAgentBody>
export type CreateThingOrActionInput = z.input<typeof CreateThingOrActionBody>

type QueryKey = keyof (RatingListParams & SortedStatsListParams)
const RATING_LIST_KEYS: readonly QueryKey[] = ['page', 'per_page', 'period_start', 'period_end', 'updated_period_start', 'updated_period_end', 'sort_order']
const SORTED_LIST_KEYS: readonly QueryKey[] = ['page', 'per_page', 'sort_order']
const SORTED_STATS_LIST_KEYS: readonly QueryKey[] = ['page', 'per_page', 'period_start', 'period_end', 'sort_order']
const STATS_LIST_KEYS: readonly QueryKey[] = ['page', 'per_page', 'period_start', 'period_end']
const PERIOD_KEYS: readonly QueryKey[] = ['period_start', 'period_end']
const DATE_KEYS: ReadonlySet<QueryKey> = new Set(['period_start', 'period_end', 'updated_period_start', 'updated_period_end'])

/** The three forms the document lists under "Date format". */
const DOCUMENTED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function formatDate(value: DateParam, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw AppError.validation([{ field, message: 'is not a valid date' }])
    return isoSeconds(value)
  }
  const text = value.trim()
  if (DOCUMENTED_DATE.test(text)) return text
  const at = Date.parse(text)
  if (text === '' || Number.isNaN(at)) {
    throw AppError.validation([{ field, message: `"${text}" is not a date; use ISO 8601, e.g. 2017-10-24T13:37:00Z` }])
  }
  return isoSeconds(new Date(at))
}

/** Checks and writes the query of one call; only the keys the endpoint documents are sent. */
function buildParams(params: object | undefined, keys: readonly QueryKey[]): Record<string, QueryValue> {
  const given = (params ?? {}) as Partial<Record<QueryKey, unknown>>
  const out: Record<string, QueryValue> = {}
  const problems: FieldError[] = []
  for (const key of keys) {
    const value = given[key]
    if (value === undefined || value === null) continue
    if (key === 'page') {
      if (!Number.isInteger(value) || (value as number) < 1) problems.push({ field: 'page', message: 'must be a whole number of 1 or more' })
      else out.page = value as number
    } else if (key === 'per_page') {
      if (!Number.isInteger(value) || (value as number) < 10 || (value as number) > 100) problems.push({ field: 'per_page', message: 'must be a whole number from 10 to 100' })
      else out.per_page = value as number
    } else if (key === 'sort_order') {
      if (value !== 'asc' && value !== 'desc') problems.push({ field: 'sort_order', message: 'must be asc or desc' })
      else out.sort_order = value
    } else if (DATE_KEYS.has(key)) {
      try {
        out[key] = formatDate(value as DateParam, key)
      } catch (err) {
        if (err instanceof AppError) problems.push(...err.details)
        else throw err
      }
    }
  }
  if (problems.length > 0) throw AppError.validation(problems)
  return out
}

function idSegment(id: WireId, field = 'id'): string {
  const text = typeof id === 'number' ? (Number.isInteger(id) && id > 0 ? String(id) : '') : id.trim()
  if (text === '') throw AppError.validation([{ field, message: 'is required (a Nicereply UUID)' }])
  return encodeURIComponent(text)
}

function checkBody<S extends z.ZodType>(schema: S, body: unknown, operation: string): z.output<S> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const details = zodIssuesToFieldErrors(parsed.error)
    throw AppError.validation(details, `Nicereply would not accept this (${operation}): ${details[0]?.field || 'input'}: ${details[0]?.message ?? 'not valid'}`)
  }
  return parsed.data
}

const num = (v: number | string | null | undefined, fallback = 0): number => {
  if (v === null || v === undefined) return fallback
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? n : fallback
}

function pageFromLink(link: string | null | undefined): number | null {
  if (!link) return null
  try {
    const p = new URL(link, 'http://nicereply.invalid').searchParams.get('page')
    return p !== null && /^\d+$/.test(p) ? Number(p) : null
  } catch {
    return null
  }
}

export function pageInfo(p: WirePagination, itemCount: number, asked: number): PageInfo {
  const currentPage = num(p.current_page, asked)
  const totalPages = num(p.total_pages)
  const next = p.links?.next ?? null
  const previous = p.links?.previous ?? null
  let nextPage: number | null = null
  // An empty page ends the walk whatever the counters say, so a confused server cannot loop us.
  if (itemCount > 0 && (next !== null || currentPage < totalPages)) {
    const linked = pageFromLink(next)
    nextPage = linked !== null && linked > asked ? linked : Math.max(asked, currentPage) + 1
  }
  return { total: num(p.total), count: num(p.count, itemCount), perPage: num(p.per_page), currentPage, totalPages, next, previous, nextPage }
}

const METRIC_NAME: Record<RatingMetric, string> = { csat: 'CSAT', ces: 'CES', nps: 'NPS' }

// ---------------- the client ----------------

export function createNicereplyClient(config: ProviderConnectionConfig, deps: { httpOptions?: Partial<HttpClientOptions> } = {}) {
  const http = createHttpClient({
    provider: 'nicereply',
    baseUrl: (config.baseUrl ?? PROVIDERS.nicereply.defaultBaseUrl).replace(/\/+$/, ''),
    auth: nicereplyAuth(config.secret),
    mapError: nicereplyErrors,
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    ...(config.log ? { log: config.log } : {}),
    ...deps.httpOptions
  })

  async function getOne<T>(path: string, schema: z.ZodType<{ _results: T }>, operation: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
    const res = await http.request({ method: 'GET', path, query, operation, signal }, schema)
    return res.body._results
  }

  async function getPage<T>(
    path: string,
    schema: z.ZodType<{ _results: T[]; _pagination: WirePagination }>,
    operation: string,
    params: object | undefined,
    keys: readonly QueryKey[],
    signal?: AbortSignal
  ): Promise<Page<T>> {
    const query = buildParams(params, keys)
    const asked = typeof query.page === 'number' ? query.page : 1
    const res = await http.request({ method: 'GET', path, query, operation: asked > 1 ? `${operation}, page ${asked}` : operation, signal }, schema)
    return { items: res.body._results, page: pageInfo(res.body._pagination, res.body._results.length, asked) }
  }

  /** Page by page from params.page (default 1) to the last; each page is yielded whole so a sync can checkpoint after it. */
  async function* walk<T>(fetchPage: (page: number) => Promise<Page<T>>, start: number | undefined): AsyncGenerator<Page<T>, void, undefined> {
    let pageNo = start ?? 1
    for (;;) {
      const p = await fetchPage(pageNo)
      yield p
      if (p.page.nextPage === null) return
      pageNo = p.page.nextPage
    }
  }

  /** A list endpoint as a pair: one page, and every page from params.page on. */
  function list<T, P extends PagingParams>(path: () => string, schema: z.ZodType<{ _results: T[]; _pagination: WirePagination }>, operation: string, keys: readonly QueryKey[]) {
    const one = (params?: P, signal?: AbortSignal): Promise<Page<T>> => getPage(path(), schema, operation, params, keys, signal)
    const all = (params?: P, signal?: AbortSignal): AsyncGenerator<Page<T>, void, undefined> => walk((page) => one({ ...params, page } as P, signal), params?.page)
    return { one, all }
  }

  async function post<T>(path: string, body: unknown, schema: z.ZodType<{ _results: T }>, operation: string, signal?: AbortSignal): Promise<T> {
    // Creates are never retried by the layer (POST is non-idempotent): a second rating must not appear.
    const res = await http.request({ method: 'POST', path, json: body, operation, signal }, schema)
    return res.body._results
  }

  // ---- per metric (CSAT, CES, NPS share every shape) ----
  function metricEndpoints(metric: RatingMetric) {
    const M = METRIC_NAME[metric]
    return {
      listRatings: (params?: RatingListParams, signal?: AbortSignal) => getPage(`/v1/${metric}/ratings`, RatingPage, `list ${M} ratings`, params, RATING_LIST_KEYS, signal),
      listRatingsPages: (params?: RatingListParams, signal?: AbortSignal) =>
        walk((page) => getPage(`/v1/${metric}/ratings`, RatingPage, `list ${M} ratings`, { ...params, page }, RATING_LIST_KEYS, signal), params?.page),
      getRating: async (id: WireId, signal?: AbortSignal): Promise<WireRating> => getOne(`/v1/${metric}/ratings/${idSegment(id)}`, RatingEnvelope, `get a ${M} rating`, undefined, signal),
      getStats: async (params?: PeriodParams, signal?: AbortSignal): Promise<WireMetricStats> =>
        getOne(`/v1/${metric}/stats`, MetricStatsEnvelope, `get ${M} stats`, buildParams(params, PERIOD_KEYS), signal),
      getHistogram: async (params?: PeriodParams, signal?: AbortSignal): Promise<WireHistogram> =>
        getOne(`/v1/${metric}/histogram`, HistogramEnvelope, `get the ${M} histogram`, buildParams(params, PERIOD_KEYS), signal),
      listSurveys: (params?: SortedListParams, signal?: AbortSignal) => getPage(`/v1/${metric}/surveys`, SurveyPage, `list ${M} surveys`, params, SORTED_LIST_KEYS, signal),
      listSurveysPages: (params?: SortedListParams, signal?: AbortSignal) =>
        walk((page) => getPage(`/v1/${metric}/surveys`, SurveyPage, `list ${M} surveys`, { ...params, page }, SORTED_LIST_KEYS, signal), params?.page),
      createRating: async (input: CreateRatingInput, signal?: AbortSignal): Promise<WireRating> =>
        post(`/v1/${metric}/ratings`, checkBody(CreateRatingBody, input, `create a ${M} rating`), RatingEnvelope, `create a ${M} rating`, signal)
    }
  }
  const csat = metricEndpoints('csat')
  const ces = metricEndpoints('ces')
  const nps = metricEndpoints('nps')

  // ---- one subject (customer, survey, team, user): ratings, stats, histogram ----
  function subjectEndpoints(kind: 'customers' | 'surveys' | 'teams' | 'users', noun: string) {
    const ratings = (id: WireId) => `/v1/${kind}/${idSegment(id)}/ratings`
    return {
      listRatings: async (id: WireId, params?: RatingListParams, signal?: AbortSignal) => getPage(ratings(id), RatingPage, `list a ${noun}'s ratings`, params, RATING_LIST_KEYS, signal),
      listRatingsPages: (id: WireId, params?: RatingListParams, signal?: AbortSignal) =>
        walk((page) => getPage(ratings(id), RatingPage, `list a ${noun}'s ratings`, { ...params, page }, RATING_LIST_KEYS, signal), params?.page),
      getAllMetricStats: async (id: WireId, params?: PeriodParams, signal?: AbortSignal): Promise<WireAllMetricStats> =>
        getOne(`/v1/${kind}/${idSegment(id)}/stats`, AllMetricStatsEnvelope, `get a ${noun}'s stats`, buildParams(params, PERIOD_KEYS), signal),
      getAllMetricHistogram: async (id: WireId, params?: PeriodParams, signal?: AbortSignal): Promise<WireAllMetricHistogram> =>
        getOne(`/v1/${kind}/${idSegment(id)}/histogram`, AllMetricHistogramEnvelope, `get a ${noun}'s histogram`, buildParams(params, PERIOD_KEYS), signal)
    }
  }
  const customer = subjectEndpoints('customers', 'customer')
  const survey = subjectEndpoints('surveys', 'survey')
  const team = subjectEndpoints('teams', 'team')
  const user = subjectEndpoints('users', 'user')

  const customers = list<WireCustomer, SortedListParams>(() => '/v1/customers', CustomerPage, 'list customers', SORTED_LIST_KEYS)
  const customersStats = list<WireSubjectStatsItem, SortedStatsListParams>(() => '/v1/customers/stats', SubjectStatsPage, 'get stats for all customers', SORTED_STATS_LIST_KEYS)
  const surveys = list<WireSurvey, SortedListParams>(() => '/v1/surveys', SurveyPage, 'list surveys', SORTED_LIST_KEYS)
  const surveysStats = list<WireSurveyStatsItem, SortedStatsListParams>(() => '/v1/surveys/stats', SurveyStatsPage, 'get stats for all surveys', SORTED_STATS_LIST_KEYS)
  const unsubscribes = list<WireUnsubscribe, SortedListParams>(() => '/v1/surveys/unsubscribes', UnsubscribePage, 'list unsubscribes', SORTED_LIST_KEYS)
  const teams = list<WireTeam, SortedListParams>(() => '/v1/teams', TeamPage, 'list teams', SORTED_LIST_KEYS)
  const teamsStats = list<WireSubjectStatsItem, StatsListParams>(() => '/v1/teams/stats', SubjectStatsPage, 'get stats for all teams', STATS_LIST_KEYS)
  const teamsUsers = list<WireTeamUsersItem, SortedListParams>(() => '/v1/teams/users', TeamUsersPage, 'get users for all teams', SORTED_LIST_KEYS)
  const users = list<WireUser, SortedListParams>(() => '/v1/users', UserPage, 'list users', SORTED_LIST_KEYS)
  const usersStats = list<WireSubjectStatsItem, SortedStatsListParams>(() => '/v1/users/stats', SubjectStatsPage, 'get stats for all users', SORTED_STATS_LIST_KEYS)

  const teamUsersPage = async (id: WireId, params?: SortedListParams, signal?: AbortSignal) =>
    getPage(`/v1/teams/${idSegment(id)}/users`, UserPage, "list a team's users", params, SORTED_LIST_KEYS, signal)
  const userTeamsPage = async (id: WireId, params?: SortedListParams, signal?: AbortSignal) =>
    getPage(`/v1/users/${idSegment(id)}/teams`, TeamPage, "list a user's teams", params, SORTED_LIST_KEYS, signal)

  return {
    // ---- Ratings ----
    /** POST /v1/ratings: a rating for a survey of any metric. */
    createRating: async (input: CreateRatingInput, signal?: AbortSignal): Promise<WireRating> =>
      post('/v1/ratings', checkBody(CreateRatingBody, input, 'create a rating'), RatingEnvelope, 'create a rating', signal),

    // ---- CSAT ----
    /** GET /v1/csat/ratings (sorted by created_at). */
    listCsatRatings: csat.listRatings,
    listCsatRatingsPages: csat.listRatingsPages,
    /** GET /v1/csat/ratings/<ID> */
    getCsatRating: csat.getRating,
    /** GET /v1/csat/stats */
    getCsatStats: csat.getStats,
    /** GET /v1/csat/histogram */
    getCsatHistogram: csat.getHistogram,
    /** GET /v1/csat/surveys */
    listCsatSurveys: csat.listSurveys,
    listCsatSurveysPages: csat.listSurveysPages,
    /** POST /v1/csat/ratings */
    createCsatRating: csat.createRating,

    // ---- CES ----
    listCesRatings: ces.listRatings,
    listCesRatingsPages: ces.listRatingsPages,
    getCesRating: ces.getRating,
    getCesStats: ces.getStats,
    getCesHistogram: ces.getHistogram,
    listCesSurveys: ces.listSurveys,
    listCesSurveysPages: ces.listSurveysPages,
    createCesRating: ces.createRating,

    // ---- NPS ----
    listNpsRatings: nps.listRatings,
    listNpsRatingsPages: nps.listRatingsPages,
    getNpsRating: nps.getRating,
    getNpsStats: nps.getStats,
    getNpsHistogram: nps.getHistogram,
    listNpsSurveys: nps.listSurveys,
    listNpsSurveysPages: nps.listSurveysPages,
    createNpsRating: nps.createRating,

    // ---- Customers ----
    /** GET /v1/customers */
    listCustomers: customers.one,
    listCustomersPages: customers.all,
    /** GET /v1/customers/stats */
    listStatsForAllCustomers: customersStats.one,
    listStatsForAllCustomersPages: customersStats.all,
    /** GET /v1/customers/<ID> */
    getCustomer: async (id: WireId, signal?: AbortSignal): Promise<WireCustomer> => getOne(`/v1/customers/${idSegment(id)}`, CustomerEnvelope, 'get a customer', undefined, signal),
    /** GET /v1/customers/<ID>/ratings */
    listCustomerRatings: customer.listRatings,
    listCustomerRatingsPages: customer.listRatingsPages,
    /** GET /v1/customers/<ID>/stats */
    getCustomerStats: customer.getAllMetricStats,
    /** GET /v1/customers/<ID>/histogram */
    getCustomerHistogram: customer.getAllMetricHistogram,

    // ---- Surveys ----
    /** GET /v1/surveys (sorted by created_at) */
    listSurveys: surveys.one,
    listSurveysPages: surveys.all,
    /** GET /v1/surveys/stats */
    listStatsForAllSurveys: surveysStats.one,
    listStatsForAllSurveysPages: surveysStats.all,
    /** GET /v1/surveys/<ID> */
    getSurvey: async (id: WireId, signal?: AbortSignal): Promise<WireSurvey> => getOne(`/v1/surveys/${idSegment(id)}`, SurveyEnvelope, 'get a survey', undefined, signal),
    /** GET /v1/surveys/<ID>/ratings */
    listSurveyRatings: survey.listRatings,
    listSurveyRatingsPages: survey.listRatingsPages,
    /** GET /v1/surveys/<ID>/stats: {average, count} or {nps_score, count, groups}, by the survey's metric. */
    getSurveyStats: async (id: WireId, params?: PeriodParams, signal?: AbortSignal): Promise<WireMetricStats> =>
      getOne(`/v1/surveys/${idSegment(id)}/stats`, MetricStatsEnvelope, "get a survey's stats", buildParams(params, PERIOD_KEYS), signal),
    /** GET /v1/surveys/<ID>/histogram */
    getSurveyHistogram: async (id: WireId, params?: PeriodParams, signal?: AbortSignal): Promise<WireHistogram> =>
      getOne(`/v1/surveys/${idSegment(id)}/histogram`, HistogramEnvelope, "get a survey's histogram", buildParams(params, PERIOD_KEYS), signal),
    /** GET /v1/surveys/unsubscribes */
    listUnsubscribes: unsubscribes.one,
    listUnsubscribesPages: unsubscribes.all,

    // ---- Teams ----
    /** GET /v1/teams */
    listTeams: teams.one,
    listTeamsPages: teams.all,
    /** GET /v1/teams/stats */
    listStatsForAllTeams: teamsStats.one,
    listStatsForAllTeamsPages: teamsStats.all,
    /** GET /v1/teams/users */
    listUsersForAllTeams: teamsUsers.one,
    listUsersForAllTeamsPages: teamsUsers.all,
    /** GET /v1/teams/<ID> */
    getTeam: async (id: WireId, signal?: AbortSignal): Promise<WireTeam> => getOne(`/v1/teams/${idSegment(id)}`, TeamEnvelope, 'get a team', undefined, signal),
    /** GET /v1/teams/<ID>/ratings */
    listTeamRatings: team.listRatings,
    listTeamRatingsPages: team.listRatingsPages,
    /** GET /v1/teams/<ID>/stats */
    getTeamStats: team.getAllMetricStats,
    /** GET /v1/teams/<ID>/histogram */
    getTeamHistogram: team.getAllMetricHistogram,
    /** GET /v1/teams/<ID>/users */
    listTeamUsers: teamUsersPage,
    listTeamUsersPages: (id: WireId, params?: SortedListParams, signal?: AbortSignal) => walk((page) => teamUsersPage(id, { ...params, page }, signal), params?.page),

    // ---- Users ----
    /** POST /v1/users/thing-or-action */
    createThingOrAction: async (input: CreateThingOrActionInput, signal?: AbortSignal): Promise<WireUser> =>
      post('/v1/users/thing-or-action', checkBody(CreateThingOrActionBody, input, 'create a thing or action'), UserEnvelope, 'create a thing or action', signal),
    /** POST /v1/users/agent (an agent without access) */
    createAgent: async (input: CreateAgentInput, signal?: AbortSignal): Promise<WireUser> =>
      post('/v1/users/agent', checkBody(CreateAgentBody, input, 'create an agent'), UserEnvelope, 'create an agent', signal),
    /** GET /v1/users */
    listUsers: users.one,
    listUsersPages: users.all,
    /** GET /v1/users/stats */
    listStatsForAllUsers: usersStats.one,
    listStatsForAllUsersPages: usersStats.all,
    /** GET /v1/users/<ID> */
    getUser: async (id: WireId, signal?: AbortSignal): Promise<WireUser> => getOne(`/v1/users/${idSegment(id)}`, UserEnvelope, 'get a user', undefined, signal),
    /** GET /v1/users/<ID>/ratings */
    listUserRatings: user.listRatings,
    listUserRatingsPages: user.listRatingsPages,
    /** GET /v1/users/<ID>/stats */
    getUserStats: user.getAllMetricStats,
    /** GET /v1/users/<ID>/histogram */
    getUserHistogram: user.getAllMetricHistogram,
    /** GET /v1/users/<ID>/teams */
    listUserTeams: userTeamsPage,
    listUserTeamsPages: (id: WireId, params?: SortedListParams, signal?: AbortSignal) => walk((page) => userTeamsPage(id, { ...params, page }, signal), params?.page),

    /** "Test connection": one authenticated page of surveys (the cheapest list), reported in plain words. */
    async probe(signal?: AbortSignal): Promise<ProbeResult> {
      try {
        const p = await getPage('/v1/surveys', SurveyPage, 'test the connection', { per_page: 10 }, SORTED_LIST_KEYS, signal)
        const n = p.page.total
        return probeSuccess('nicereply', `the private key works and the account has ${n} survey${n === 1 ? '' : 's'}`)
      } catch (err) {
        return probeFailure('nicereply', err)
      }
    },

    close: (): Promise<void> => http.close()
  }
}

export type NicereplyClient = ReturnType<typeof createNicereplyClient>
