import type { ZodType } from 'zod'
import { AppError } from '../../../shared/errors'
import { PROVIDERS } from '../../../shared/providers'
import { createHttpClient, feedbackApiAuth, feedbackApiErrors, type HttpClientOptions, type HttpMethod, type QueryValue } from '../../http'
import { probeFailure, probeSuccess, type ProbeResult, type ProviderConnectionConfig } from '../types'
import {
  readNumber,
  readTimestamp,
  WireAccount,
  WireAccountList,
  WireCreatedUser,
  WireCustomer,
  WireCustomerList,
  WireDeleted,
  WireFeedback,
  WireFeedbackList,
  WireFeedbackRequest,
  WireFeedbackRequestList,
  WireLocation,
  WireLocationList,
  WireReview,
  WireReviewList,
  WireUser,
  WireUserList,
  type WireListOf
} from './wire'

/**
 * FeedbackAPI v1.3 client (feedbackapi-v1.3.txt): one function per documented endpoint, named after
 * the document's headings, with every documented argument.
 *
 *  - Auth: HTTP Basic with the API key as the username and no password (feedbackApiAuth).
 *  - Writes: "Parameters must be serialized in JSON and passed in the request body", with the
 *    recommended media type application/vnd.api+json. Creates and updates are POSTs and are never
 *    retried by the HTTP layer (a retry could create twice); reads and deletes are.
 *  - Lists: GET with the filters in the query string, as every list example does; pages start at 0,
 *    limit is 1-100 (default 10). Timestamp filters are sent as ISO 8601 strings (the text) unless
 *    the caller passes epoch seconds as a number (the examples).
 */

const PROVIDER = 'feedbackapi' as const
const JSON_API = 'application/vnd.api+json'

/** A Date (sent as ISO 8601), an ISO 8601 string (sent as is) or epoch seconds (sent as is). */
export type Timestamp = Date | string | number

export interface RequestOptions {
  signal?: AbortSignal
}

/** "Pagination": limit (1-100, default 10), page (from 0), sort_by ('created-asc', 'name-desc', ...). */
export interface ListParams {
  limit?: number
  page?: number
  sort_by?: string
}

export interface CreatedRange {
  created_before?: Timestamp
  created_after?: Timestamp
}

/** One page of a list; `page` is the page asked for (0-based), `nextPage` null on the last one. */
export interface FeedbackApiPage<T> {
  items: T[]
  page: number
  limit: number
  totalCount: number | null
  totalReturned: number
  nextPage: number | null
}

export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 100

// ---------- Customers ----------

type CustomerContact = { email: string; mobile_number?: string | null } | { email?: string | null; mobile_number: string }

/** "Create Customer": email or mobile_number (one is required), fname, sname, location (required). */
export type CreateCustomerParams = CustomerContact & {
  fname?: string | null
  sname?: string | null
  /** Not in the argument list, but sent by the document's own curl example. */
  country_code?: string
  /** "A string representing an initial location ID that the customer should be attached to." */
  location: string
}

export interface CreateCustomerResult {
  customer: WireCustomer
  /**
   * FeedbackAPI treats a create for an existing email or mobile number as an update and answers
   * both alike, so this is inferred: true when the answer shows a customer that existed before
   * this call (created over ten minutes earlier, or attached to other locations); false when it
   * was created just now at the one location; null when the answer has no readable created time.
   */
  matchedExisting: boolean | null
}

/** "Update a Customer": every field optional; location_add / location_remove are arrays of location IDs. */
export interface UpdateCustomerParams {
  email?: string | null
  mobile_number?: string | null
  fname?: string | null
  sname?: string | null
  country_code?: string | null
  opt_out?: boolean
  location_add?: string[]
  location_remove?: string[]
}

/** "List all Customers" filters. */
export interface ListCustomersParams extends ListParams, CreatedRange {
  email?: string
  mobile_number?: string
  fname?: string
  sname?: string
  country_code?: string
  /** true: customers flagged invalid (a bounced email or failed SMS), as the object's `invalid` field. */
  invalid?: boolean
  /** true: customers who opted out. */
  opt_out?: boolean
}

// ---------- Locations ----------

/** "Create a Location": name and country_code are required. */
export interface CreateLocationParams {
  name: string
  address_line_1?: string | null
  address_line_2?: string | null
  address_line_3?: string | null
  postal_code?: string | null
  country_code: string
  /** Review profile URLs to check for this location. */
  review_profile?: string[]
}

/** "Update a Location"; review_profile URLs are added. */
export type UpdateLocationParams = Partial<CreateLocationParams>

export interface ListLocationsParams extends ListParams, CreatedRange {
  name?: string
  postal_code?: string
  country_code?: string
}

// ---------- Reviews ----------

export interface ListReviewsParams extends ListParams, CreatedRange {
  location?: string
  platform?: string
  /** Rating at most this ("a decimal represented by a string"; numbers are sent as such). */
  rating_less_than?: number | string
  /** Rating at least this. */
  rating_greater_than?: number | string
}

// ---------- Feedback ----------

export type FeedbackType = 'star-rating' | 'nps' | 'happy' | 'csat'

export interface ListFeedbackParams extends ListParams, CreatedRange {
  type?: FeedbackType | (string & {})
  /** 0-10, inclusive */
  nps_score_less_than?: number
  nps_score_greater_than?: number
  /** 1-5, inclusive */
  star_rating_less_than?: number
  star_rating_greater_than?: number
  happy?: boolean
  subscriber?: string
  location?: string
  campaign?: string
  campaign_step?: string
}

// ---------- Feedback Requests ----------

/** "Create a Feedback Request". */
export interface CreateFeedbackRequestParams {
  /** ID of the customer (subscriber) to send to. */
  subscriber: string
  template: string
  location: string
  /** When to send, if not now. */
  due?: Timestamp
  /** true: generate the feedback URL but send no message. */
  suppress_message?: boolean
}

export interface ListFeedbackRequestsParams extends ListParams, CreatedRange {
  due_before?: Timestamp
  due_after?: Timestamp
  updated_before?: Timestamp
  updated_after?: Timestamp
  subscriber?: string
  template?: string
  location?: string
  message_opened?: boolean
  message_clicked?: boolean
  message_bounced?: boolean
  spam_complaint?: boolean
}

// ---------- Client Accounts ----------

export interface AccountLimits {
  /** null: unlimited */
  max_locations?: number | null
  max_users?: number | null
  max_campaigns?: number | null
  /** Monthly SMS limit; null: unlimited. */
  sms_allowance?: number | null
}

/** "Create an Account": name, active and verb are required. */
export interface CreateAccountParams extends AccountLimits {
  name: string
  active: boolean
  /** How consumers deal with the company: "Thank you for using X" or "Thank you for visiting X". */
  verb: 'use' | 'visit'
  account_template?: string | null
}

export interface UpdateAccountParams extends AccountLimits {
  name?: string
  active?: boolean
}

/**
 * "List all Accounts". The document marks name and active "required" (copied from the create
 * arguments); they work as optional filters, so listing every account stays possible.
 */
export interface ListAccountsParams extends ListParams, CreatedRange {
  name?: string
  active?: boolean
}

// ---------- Users ----------

export interface CreateUserParams {
  email: string
  /** Send the invite by email (default false); the invite URL is in the answer either way. */
  send_invite?: boolean
}

export interface ListActiveUsersParams extends ListParams, CreatedRange {
  type?: 'standard' | 'restricted'
}

// ---------- the client ----------

export interface FeedbackApiClientDeps {
  httpOptions?: Partial<HttpClientOptions>
}

export type FeedbackApiClient = ReturnType<typeof createFeedbackApiClient>

function timestampParam(value: Timestamp | undefined): string | number | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw AppError.validation([{ field: 'timestamp', message: 'is not a valid date' }])
    return value.toISOString()
  }
  return value
}

function checkPaging(params: ListParams, operation: string): { limit: number; page: number } {
  const limit = params.limit ?? DEFAULT_LIMIT
  const page = params.page ?? 0
  const details = []
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) details.push({ field: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` })
  if (!Number.isInteger(page) || page < 0) details.push({ field: 'page', message: 'must be a whole number from 0 up' })
  if (details.length > 0) {
    throw new AppError('validation', `FeedbackAPI lists take a limit from 1 to ${MAX_LIMIT} and pages counted from 0 (${operation}).`, { details })
  }
  return { limit, page }
}

const TIMESTAMP_FILTERS = new Set(['created_before', 'created_after', 'due_before', 'due_after', 'updated_before', 'updated_after'])

function listQuery(params: object, paging: { limit: number; page: number }): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = { limit: paging.limit, page: paging.page }
  for (const [key, value] of Object.entries(params) as [string, unknown][]) {
    if (key === 'limit' || key === 'page' || value === undefined || value === null) continue
    if (TIMESTAMP_FILTERS.has(key)) query[key] = timestampParam(value as Timestamp)
    else query[key] = value as QueryValue
  }
  return query
}

/** Ten minutes of clock difference between this machine and FeedbackAPI's is tolerated. */
const UPSERT_CLOCK_MARGIN_MS = 10 * 60_000

export function createFeedbackApiClient(config: ProviderConnectionConfig, deps: FeedbackApiClientDeps = {}) {
  const http = createHttpClient({
    provider: PROVIDER,
    baseUrl: config.baseUrl ?? PROVIDERS.feedbackapi.defaultBaseUrl,
    auth: feedbackApiAuth(config.secret),
    mapError: feedbackApiErrors,
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    ...(config.log ? { log: config.log } : {}),
    defaultHeaders: { accept: `${JSON_API}, application/json` },
    ...deps.httpOptions
  })

  const path = (collection: string, id?: string): string => (id === undefined ? `/${collection}` : `/${collection}/${encodeURIComponent(requireId(id))}`)

  function requireId(id: string): string {
    if (typeof id !== 'string' || id.trim() === '') throw AppError.validation([{ field: 'id', message: 'is required' }])
    return id
  }

  async function call<T>(method: HttpMethod, p: string, operation: string, schema: ZodType<T>, opts: RequestOptions = {}, body?: object): Promise<T> {
    const res = await http.request(
      {
        method,
        path: p,
        operation,
        ...(body !== undefined ? { json: body, headers: { 'content-type': JSON_API } } : {}),
        ...(opts.signal ? { signal: opts.signal } : {})
      },
      schema
    )
    return res.body
  }

  async function list<T>(collection: string, operation: string, schema: ZodType<WireListOf<T>>, params: ListParams, opts: RequestOptions = {}): Promise<FeedbackApiPage<T>> {
    const paging = checkPaging(params, operation)
    const res = await http.request(
      { method: 'GET', path: `/${collection}`, query: listQuery(params, paging), operation, ...(opts.signal ? { signal: opts.signal } : {}) },
      schema
    )
    const items = res.body.data
    const totalCount = readNumber(res.body.total_count)
    let nextPage: number | null
    if (items.length === 0) nextPage = null
    else if (totalCount !== null) nextPage = (paging.page + 1) * paging.limit < totalCount ? paging.page + 1 : null
    else nextPage = items.length >= paging.limit ? paging.page + 1 : null
    return { items, page: paging.page, limit: paging.limit, totalCount, totalReturned: readNumber(res.body.total_returned) ?? items.length, nextPage }
  }

  /** Page by page from params.page (default 0), so a sync can checkpoint after each one. */
  async function* pages<T, P extends ListParams>(fetch: (p: P, o: RequestOptions) => Promise<FeedbackApiPage<T>>, params: P, opts: RequestOptions): AsyncGenerator<FeedbackApiPage<T>, void, undefined> {
    let page: number | null = params.page ?? 0
    while (page !== null) {
      const result = await fetch({ ...params, page }, opts)
      yield result
      page = result.nextPage
    }
  }

  // ---- Customers ----

  async function createCustomer(params: CreateCustomerParams, opts?: RequestOptions): Promise<CreateCustomerResult> {
    const startedAt = Date.now()
    const customer = await call('POST', path('customers'), 'create customer', WireCustomer, opts, params)
    return { customer, matchedExisting: inferMatchedExisting(customer, params.location, startedAt) }
  }

  function inferMatchedExisting(customer: WireCustomer, location: string, startedAt: number): boolean | null {
    if ((customer.locations ?? []).some((l) => l !== location)) return true
    const created = readTimestamp(customer.created)
    if (created === null) return null
    return Date.parse(created) < startedAt - UPSERT_CLOCK_MARGIN_MS
  }

  const retrieveCustomer = (id: string, opts?: RequestOptions): Promise<WireCustomer> => call('GET', path('customers', id), 'retrieve customer', WireCustomer, opts)
  const updateCustomer = (id: string, params: UpdateCustomerParams, opts?: RequestOptions): Promise<WireCustomer> =>
    call('POST', path('customers', id), 'update customer', WireCustomer, opts, params)
  /** Makes the customer inactive across the account (FeedbackAPI keeps the record). */
  const deleteCustomer = (id: string, opts?: RequestOptions): Promise<WireDeleted> => call('DELETE', path('customers', id), 'delete customer', WireDeleted, opts)
  const listCustomers = (params: ListCustomersParams = {}, opts?: RequestOptions): Promise<FeedbackApiPage<WireCustomer>> =>
    list('customers', 'list customers', WireCustomerList, params, opts)

  // ---- Locations ----

  const createLocation = (params: CreateLocationParams, opts?: RequestOptions): Promise<WireLocation> => call('POST', path('locations'), 'create location', WireLocation, opts, params)
  const retrieveLocation = (id: string, opts?: RequestOptions): Promise<WireLocation> => call('GET', path('locations', id), 'retrieve location', WireLocation, opts)
  const updateLocation = (id: string, params: UpdateLocationParams, opts?: RequestOptions): Promise<WireLocation> =>
    call('POST', path('locations', id), 'update location', WireLocation, opts, params)
  /** Makes the location inactive: its campaigns stop and its reviews are no longer active. */
  const deleteLocation = (id: string, opts?: RequestOptions): Promise<WireDeleted> => call('DELETE', path('locations', id), 'delete location', WireDeleted, opts)
  const listLocations = (params: ListLocationsParams = {}, opts?: RequestOptions): Promise<FeedbackApiPage<WireLocation>> =>
    list('locations', 'list locations', WireLocationList, params, opts)

  // ---- Reviews ----

  const retrieveReview = (id: string, opts?: RequestOptions): Promise<WireReview> => call('GET', path('reviews', id), 'retrieve review', WireReview, opts)
  const listReviews = (params: ListReviewsParams = {}, opts?: RequestOptions): Promise<FeedbackApiPage<WireReview>> => list('reviews', 'list reviews', WireReviewList, params, opts)

  // ---- Feedback ----

  const retrieveFeedback = (id: string, opts?: RequestOptions): Promise<WireFeedback> => call('GET', path('feedback', id), 'retrieve feedback', WireFeedback, opts)
  const listFeedback = (params: ListFeedbackParams = {}, opts?: RequestOptions): Promise<FeedbackApiPage<WireFeedback>> =>
    list('feedback', 'list feedback', WireFeedbackList, params, opts)

  // ---- Feedback Requests ----

  const createFeedbackRequest = (params: CreateFeedbackRequestParams, opts?: RequestOptions): Promise<WireFeedbackRequest> =>
    call('POST', path('feedback-request'), 'create feedback request', WireFeedbackRequest, opts, { ...params, due: timestampParam(params.due) })
  const retrieveFeedbackRequest = (id: string, opts?: RequestOptions): Promise<WireFeedbackRequest> =>
    call('GET', path('feedback-request', id), 'retrieve feedback request', WireFeedbackRequest, opts)
  const listFeedbackRequests = (params: ListFeedbackRequestsParams = {}, opts?: RequestOptions): Promise<FeedbackApiPage<WireFeedbackRequest>> =>
    list('feedback-request', 'list feedback requests', WireFeedbackRequestList, params, opts)

  // ---- Client Accounts ----

  const createAccount = (params: CreateAccountParams, opts?: RequestOptions): Promise<WireAccount> => call('POST', path('accounts'), 'create client account', WireAccount, opts, params)
  const retrieveAccount = (id: string, opts?: RequestOptions): Promise<WireAccount> => call('GET', path('accounts', id), 'retrieve client account', WireAccount, opts)
  const updateAccount = (id: string, params: UpdateAccountParams, opts?: RequestOptions): Promise<WireAccount> =>
    call('POST', path('accounts', id), 'update client account', WireAccount, opts, params)
  /** Removes the account: its campaigns, messages, landing and kiosk pages stop. To pause it, update active instead. */
  const deleteAccount = (id: string, opts?: RequestOptions): Promise<WireDeleted> => call('DELETE', path('accounts', id), 'delete client account', WireDeleted, opts)
  const listAccounts = (params: ListAccountsParams = {}, opts?: RequestOptions): Promise<FeedbackApiPage<WireAccount>> =>
    list('accounts', 'list client accounts', WireAccountList, params, opts)

  // ---- Users ----

  /** Creates a pending user and an invite; the answer has no id until the invite is accepted. */
  const createUser = (params: CreateUserParams, opts?: RequestOptions): Promise<WireCreatedUser> => call('POST', path('users'), 'create user', WireCreatedUser, opts, params)
  const retrieveUser = (id: string, opts?: RequestOptions): Promise<WireUser> => call('GET', path('users', id), 'retrieve user', WireUser, opts)
  const deleteUser = (id: string, opts?: RequestOptions): Promise<WireDeleted> => call('DELETE', path('users', id), 'delete user', WireDeleted, opts)
  /** Active users only: pending (invited) users are not listed. */
  const listActiveUsers = (params: ListActiveUsersParams = {}, opts?: RequestOptions): Promise<FeedbackApiPage<WireUser>> =>
    list('users', 'list active users', WireUserList, params, opts)

  /** "Test connection": one page of one location, which needs a valid key and costs nothing. */
  async function probe(opts?: RequestOptions): Promise<ProbeResult> {
    try {
      const page = await listLocations({ limit: 1 }, opts)
      const n = page.totalCount ?? page.items.length
      return probeSuccess(PROVIDER, `the API key works and the account has ${n} location${n === 1 ? '' : 's'}`)
    } catch (err) {
      return probeFailure(PROVIDER, err)
    }
  }

  return {
    provider: PROVIDER,
    createCustomer,
    retrieveCustomer,
    updateCustomer,
    deleteCustomer,
    listCustomers,
    listCustomersPages: (params: ListCustomersParams = {}, opts: RequestOptions = {}) => pages(listCustomers, params, opts),
    createLocation,
    retrieveLocation,
    updateLocation,
    deleteLocation,
    listLocations,
    listLocationsPages: (params: ListLocationsParams = {}, opts: RequestOptions = {}) => pages(listLocations, params, opts),
    retrieveReview,
    listReviews,
    listReviewsPages: (params: ListReviewsParams = {}, opts: RequestOptions = {}) => pages(listReviews, params, opts),
    retrieveFeedback,
    listFeedback,
    listFeedbackPages: (params: ListFeedbackParams = {}, opts: RequestOptions = {}) => pages(listFeedback, params, opts),
    createFeedbackRequest,
    retrieveFeedbackRequest,
    listFeedbackRequests,
    listFeedbackRequestsPages: (params: ListFeedbackRequestsParams = {}, opts: RequestOptions = {}) => pages(listFeedbackRequests, params, opts),
    createAccount,
    retrieveAccount,
    updateAccount,
    deleteAccount,
    listAccounts,
    listAccountsPages: (params: ListAccountsParams = {}, opts: RequestOptions = {}) => pages(listAccounts, params, opts),
    createUser,
    retrieveUser,
    deleteUser,
    listActiveUsers,
    listActiveUsersPages: (params: ListActiveUsersParams = {}, opts: RequestOptions = {}) => pages(listActiveUsers, params, opts),
    probe,
    close: (): Promise<void> => http.close()
  }
}
