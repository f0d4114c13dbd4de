import { Agent, interceptors, type Dispatcher } from 'undici'
import type { ZodType } from 'zod'
import pkg from '../../../package.json'
import { AppError } from '../../shared/errors'
import { attemptInterceptor } from './attempt-interceptor'
import { UnreadableJson, parseBody, readWithSchema } from './body'
import { parseWithItemTexts } from './json-items'
import { RequestCancelledError, networkError } from './network-errors'
import { buildQuery, buildTarget } from './query'
import { DEFAULT_RATE_LIMITS, createRateLimiter } from './rate-limiter'
import { redact } from './redact'
import { DEFAULT_RETRY_POLICY, retryInterceptor } from './retry'
import { sleep as realSleep } from './sleep'
import type { FastSchema, HttpClient, HttpClientOptions, HttpRequest, HttpResponse, Timeouts } from './types'
import { providerName } from './wording'

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 60_000 }

/** CustomerSure documents both 301 and 307; five hops is plenty for any of the five providers. */
export const MAX_REDIRECTS = 5

export const DEFAULT_USER_AGENT = `SurveyDesk/${(pkg as { version?: string }).version ?? '0'}`

/** Idempotent unless the request says otherwise: GET/PUT/DELETE yes, POST/PATCH (creates, sends) no. */
export function isIdempotent(req: Pick<HttpRequest, 'method' | 'idempotent'>): boolean {
  return req.idempotent ?? (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE')
}

const lowerKeys = (headers: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

interface RawResponse {
  status: number
  headers: Record<string, string>
  bytes: Uint8Array
  url: string
}

/** As undici's body.text() decodes: UTF-8, a byte-order mark dropped, bad bytes replaced. */
const utf8 = new TextDecoder()

/**
 * The HTTP layer of one connection: one keep-alive undici Agent composed with, from the outside in,
 * undici's retry interceptor (idempotent requests only), undici's redirect interceptor, and our
 * attempt interceptor (rate limit + one log line per attempt on the wire).
 */
export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const provider = opts.provider
  const policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry }
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
  const sleep = opts.sleep ?? realSleep
  const secrets = (): string[] => opts.auth.secrets()
  const log = opts.log ? (line: string): void => opts.log!(redact(`[${provider}] ${line}`, secrets())) : undefined

  const limiter = createRateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMITS[provider], { sleep })
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs
  })
  const attempt = attemptInterceptor(limiter, log)
  const redirect = interceptors.redirect({ maxRedirections: MAX_REDIRECTS })
  // compose() wraps in order, so the last interceptor is the outermost.
  const retrying = agent.compose(attempt, redirect, retryInterceptor(policy, { sleep, log }))
  // Never retried: a POST/PATCH that creates or sends must not run twice.
  const once = agent.compose(attempt, redirect)

  const baseHeaders = (): Record<string, string> => {
    const h: Record<string, string> = { accept: 'application/json', ...lowerKeys(opts.defaultHeaders) }
    if (opts.userAgent) h['user-agent'] = opts.userAgent
    else h['user-agent'] ??= DEFAULT_USER_AGENT
    return h
  }

  const redactError = (err: AppError): AppError => {
    if (err instanceof RequestCancelledError) return err
    const s = secrets()
    return new AppError(err.code, redact(err.message, s), {
      retryable: err.retryable,
      details: err.details.map((d) => ({ field: redact(d.field, s), message: redact(d.message, s) }))
    })
  }

  const toAppError = (err: unknown, req: HttpRequest, operation: string): AppError => {
    if (req.signal?.aborted) return new RequestCancelledError(provider, operation)
    if (err instanceof AppError) return redactError(err)
    return redactError(networkError(err, provider, operation, timeouts))
  }

  async function send(dispatcher: Dispatcher, req: HttpRequest, target: { origin: string; path: string; url: string }, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
    const res = await dispatcher.request({
      origin: target.origin,
      path: target.path,
      method: req.method,
      headers,
      body,
      signal: req.signal,
      idempotent: isIdempotent(req)
    })
    const bytes = await res.body.bytes()
    const history = (res.context as { history?: readonly URL[] } | undefined)?.history
    const last = history && history.length > 0 ? history[history.length - 1] : undefined
    return { status: res.statusCode, headers: flattenHeaders(res.headers), bytes, url: last ? last.toString() : target.url }
  }

  async function request<T = unknown>(req: HttpRequest, schema?: ZodType<T> | FastSchema<T>): Promise<HttpResponse<T>> {
    const operation = req.operation ?? `${req.method} ${req.path}`
    const target = buildTarget(opts.baseUrl, req.path, buildQuery(req.query, req.arrayFormat))
    const dispatcher = isIdempotent(req) ? retrying : once

    let body: string | undefined
    let contentType: string | undefined
    if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      contentType = 'application/json'
    } else if (req.form) {
      body = new URLSearchParams(req.form).toString()
      contentType = 'application/x-www-form-urlencoded'
    }

    let reauthenticated = false
    for (;;) {
      let raw: RawResponse
      try {
        if (req.signal?.aborted) throw req.signal.reason
        const headers = baseHeaders()
        if (contentType) headers['content-type'] = contentType
        if (!req.skipAuth) Object.assign(headers, lowerKeys(await opts.auth.headers(req.signal)))
        Object.assign(headers, lowerKeys(req.headers))
        raw = await send(dispatcher, req, target, headers, body)
        if (req.signal?.aborted) throw req.signal.reason
      } catch (err) {
        throw toAppError(err, req, operation)
      }

      if (raw.status === 401 && !reauthenticated && !req.skipAuth && opts.auth.onUnauthorized) {
        reauthenticated = true
        let again = false
        try {
          again = await opts.auth.onUnauthorized()
        } catch (err) {
          throw toAppError(err, req, operation)
        }
        if (again) {
          log?.(`${req.method} ${target.path}: 401, re-authenticating once`)
          continue
        }
      }
      return finish(raw, req, operation, schema)
    }
  }

  function finish<T>(raw: RawResponse, req: HttpRequest, operation: string, schema?: ZodType<T> | FastSchema<T>): HttpResponse<T> {
    let decoded: string | undefined
    const text = (): string => (decoded ??= utf8.decode(raw.bytes))
    const ok = raw.status >= 200 && raw.status <= 299
    const split = ok && req.itemsOf !== undefined ? parseWithItemTexts(raw.bytes, req.itemsOf) : null
    const parsed = split ? split.value : parseBody(text(), raw.headers['content-type'])
    if (!ok) {
      const mapped = opts.mapError({ status: raw.status, headers: raw.headers, body: parsed instanceof UnreadableJson ? undefined : parsed, operation })
      log?.(`${req.method} ${req.path}: ${mapped.code} after status ${raw.status}`)
      throw redactError(mapped)
    }
    let value: T
    try {
      if (schema && 'fastRead' in schema) value = (parsed instanceof UnreadableJson ? null : schema.fastRead(parsed)) ?? readWithSchema(parsed, schema.schema, provider, operation)
      else if (schema) value = readWithSchema(parsed, schema, provider, operation)
      else if (parsed instanceof UnreadableJson) {
        throw new AppError('provider', `${providerName(provider)} sent an answer Survey Desk could not read (${operation}): it is not valid JSON.`)
      } else value = parsed as T
    } catch (err) {
      throw toAppError(err, req, operation)
    }
    return {
      status: raw.status,
      headers: raw.headers,
      body: value,
      get text() {
        return text()
      },
      ...(split ? { itemTexts: split.itemTexts } : {}),
      url: raw.url
    }
  }

  return {
    request,
    async close() {
      await agent.close()
    }
  }
}
