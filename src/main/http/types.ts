import type { ZodType } from 'zod'
import type { AppError } from '../../shared/errors'
import type { ProviderId } from '../../shared/providers'

/**
 * The contract of the one HTTP layer every provider client uses (src/main/http). Clients describe
 * requests; the layer owns transport, auth headers, retries, rate limiting, redirects, timeouts,
 * error mapping and redaction.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>
/**
 * How array query values are written:
 *  - 'brackets': key[]=a&key[]=b (CustomerSure survey_ids[], CustomerGauge with[])
 *  - 'repeat':   key=a&key=b
 *  - 'comma':    key=a,b
 */
export type ArrayFormat = 'brackets' | 'repeat' | 'comma'

export interface HttpRequest {
  method: HttpMethod
  /** Appended to the connection's base URL exactly as the provider document writes it (e.g. '/v1/csat/ratings'). */
  path: string
  /** undefined/null values are left out; keys are written as given (so 'period[field]' is passed literally). */
  query?: Record<string, QueryValue>
  arrayFormat?: ArrayFormat
  /** JSON body (Content-Type: application/json). */
  json?: unknown
  /** application/x-www-form-urlencoded body (OAuth token requests). */
  form?: Record<string, string>
  headers?: Record<string, string>
  /**
   * Whether a retry can never cause a second side effect. Defaults: GET/PUT/DELETE true, POST/PATCH
   * false. A POST that only reads (CustomerSure "show rating question") sets it true; nothing that
   * creates or sends ever does.
   */
  idempotent?: boolean
  /** Skip the auth strategy (the OAuth token request itself). */
  skipAuth?: boolean
  signal?: AbortSignal
  /** A short name for logs and errors, e.g. 'list feedback responses'. */
  operation?: string
  /**
   * The member of a JSON object body holding the items (CustomerGauge's 'data'): a 2xx body is then
   * parsed element by element, and each element's own text comes back in HttpResponse.itemTexts
   * (json-items.ts says why).
   */
  itemsOf?: string
}

/**
 * A 2xx body's schema with a faster reader for the usual shape: `fastRead` gives exactly what the
 * schema's parse would, or null, and the schema reads the body instead (and words any error).
 */
export interface FastSchema<T> {
  schema: ZodType<T>
  fastRead(body: unknown): T | null
}

export interface HttpResponse<T> {
  status: number
  /** Lower-cased header names. */
  headers: Record<string, string>
  body: T
  /** The body's text as received (decoded when first read). */
  readonly text: string
  /** With HttpRequest.itemsOf: each element of that array as written in the body; absent when the body could not be split that way. */
  itemTexts?: string[]
  /** The final URL after redirects, without the query's secrets (there are none in query strings here). */
  url: string
}

/** Adds credentials to a request and says whether a 401 may be cured by re-authenticating once. */
export interface AuthStrategy {
  /** Headers to add (Authorization, ...). May fetch a token (CustomerGauge OAuth). */
  headers(signal?: AbortSignal): Promise<Record<string, string>>
  /** Called once on a 401: drop a cached token and return true to retry the request once. */
  onUnauthorized?(): Promise<boolean> | boolean
  /** Every secret value this strategy knows, so the layer can redact them from any text it produces. */
  secrets(): string[]
}

/** Turns a provider's non-2xx answer into an AppError (field details, retryable). */
export type ErrorMapper = (res: { status: number; headers: Record<string, string>; body: unknown; operation: string }) => AppError

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number
  /** Requests allowed in a burst above the sustained rate. */
  burst: number
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number
  /** Base of the exponential backoff (full jitter: random(0, min(cap, base * 2^attempt))). */
  baseDelayMs: number
  /** Cap of one computed backoff delay. Retry-After is honoured in full, even above this cap, up to maxRetryAfterMs. */
  maxDelayMs: number
  /** A Retry-After longer than this fails the request (retryable) instead of sleeping for hours. */
  maxRetryAfterMs: number
}

export interface Timeouts {
  connectMs: number
  headersMs: number
  bodyMs: number
}

export interface HttpClientOptions {
  provider: ProviderId
  /** Base URL without trailing slash; request paths are appended. */
  baseUrl: string
  auth: AuthStrategy
  mapError: ErrorMapper
  rateLimit?: RateLimit
  retry?: Partial<RetryPolicy>
  timeouts?: Partial<Timeouts>
  /** Sent on every request (CustomerSure requires the company name here). */
  userAgent?: string
  /** Extra default headers, e.g. CustomerSure's Accept: application/vnd.customersure.v1+json. */
  defaultHeaders?: Record<string, string>
  /** Receives one redacted line per attempt (method, path, status, ms, retry reason). */
  log?: (line: string) => void
  /** Test hook: replaces the sleep used for backoff and rate limiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export interface HttpClient {
  /** Parses a 2xx body with `schema` when given, its fast reader first if it has one (a failure is an AppError 'provider' naming the operation and field). */
  request<T = unknown>(req: HttpRequest, schema?: ZodType<T> | FastSchema<T>): Promise<HttpResponse<T>>
  /** Closes the keep-alive dispatcher. */
  close(): Promise<void>
}
