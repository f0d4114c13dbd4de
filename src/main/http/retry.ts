import { interceptors, type Dispatcher, type RetryHandler } from 'undici'
import type { RetryPolicy } from './types'

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  // A sync or a send can sit out a two-minute pause with its progress bar showing; longer than that the
  // person is better told, and the job retried later.
  maxRetryAfterMs: 120_000
}

/** Connection failures worth another try: the request may never have reached the provider, or no answer came. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/** 429 and the transient 5xx; 501 and 505 say the request itself will never work. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505)
}

/**
 * Full-jitter exponential backoff: a random delay in [0, min(maxDelayMs, baseDelayMs * 2^attempt)].
 * `attempt` counts retries already made (0 before the first retry).
 */
export function backoffDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt))
  return Math.floor(random() * ceiling)
}

/**
 * Milliseconds a Retry-After value asks for: delay-seconds ('120') or an HTTP-date
 * ('Wed, 21 Oct 2015 07:28:00 GMT'). Undefined when absent or unreadable; 0 for a date already past.
 */
export function parseRetryAfterMs(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!raw) return undefined
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1000)
  // An HTTP-date always spells a weekday or month; this keeps Date.parse from reading '-5' as a year.
  const at = /[a-z]/i.test(raw) ? Date.parse(raw) : Number.NaN
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

export interface RetryInput {
  /** Failed attempts so far, 1 after the first failure (undici's `state.counter`). */
  failures: number
  statusCode?: number
  /** Error code of a connection failure (ECONNRESET, UND_ERR_SOCKET, ...). */
  code?: string
  retryAfter?: string | string[]
}

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string }

/** The whole retry rule in one pure function, so it can be tested without a network. */
export function decideRetry(input: RetryInput, policy: RetryPolicy, random: () => number = Math.random, now: number = Date.now()): RetryDecision {
  let reason: string
  if (input.statusCode !== undefined) {
    if (!isRetryableStatus(input.statusCode)) return { retry: false, reason: `status ${input.statusCode} is not retried` }
    reason = `status ${input.statusCode}`
  } else if (input.code && RETRYABLE_ERROR_CODES.has(input.code)) {
    reason = input.code
  } else {
    return { retry: false, reason: `${input.code ?? 'this error'} is not retried` }
  }
  if (input.failures > policy.maxRetries) return { retry: false, reason: `${reason}; gave up after ${policy.maxRetries} retries` }

  const retryAfterMs = parseRetryAfterMs(input.retryAfter, now)
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) {
      return { retry: false, reason: `${reason}; Retry-After ${Math.ceil(retryAfterMs / 1000)} s is longer than the ${Math.ceil(policy.maxRetryAfterMs / 1000)} s Survey Desk waits` }
    }
    // Honoured in full (never capped at maxDelayMs); a little spread on top keeps parallel requests from returning in lockstep.
    const spread = Math.floor(random() * Math.min(policy.baseDelayMs, 1000))
    return { retry: true, delayMs: retryAfterMs + spread, reason: `${reason}, Retry-After ${Math.ceil(retryAfterMs / 1000)} s` }
  }
  return { retry: true, delayMs: backoffDelayMs(input.failures - 1, policy, random), reason }
}

export interface RetryDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
  now?: () => number
  log?: (line: string) => void
}

/** What undici hands the retry callback: RequestRetryError carries statusCode + headers, socket errors a code. */
type RetryError = Error & { statusCode?: number; code?: string; headers?: Record<string, string | string[] | undefined> }

/**
 * undici's retry callback with our rule: full jitter, Retry-After in full (the built-in one caps it at
 * maxTimeout and adds no jitter), and a wait that an AbortSignal ends at once.
 */
export function createRetryCallback(policy: RetryPolicy, deps: RetryDeps): RetryHandler.RetryCallback {
  const random = deps.random ?? Math.random
  const now = deps.now ?? Date.now
  return (error, { state, opts }, callback) => {
    const err = error as RetryError
    const decision = decideRetry(
      {
        failures: state.counter,
        // A RequestRetryError carries code 'UND_ERR_REQ_RETRY'; what matters for it is the status.
        statusCode: err.statusCode,
        code: err.statusCode === undefined ? err.code : undefined,
        retryAfter: err.headers?.['retry-after']
      },
      policy,
      random,
      now()
    )
    if (!decision.retry) {
      callback(err)
      return
    }
    deps.log?.(`${opts.method} ${opts.path}: retry ${state.counter} of ${policy.maxRetries} in ${decision.delayMs} ms (${decision.reason})`)
    const signal = (opts as { signal?: AbortSignal }).signal
    deps.sleep(decision.delayMs, signal).then(
      () => callback(null),
      (abortError: Error) => callback(abortError)
    )
  }
}

/**
 * undici's retry interceptor configured with our callback. throwOnError: false makes it hand the last
 * failing answer (status, headers and body) downstream when it stops retrying, so the provider's error
 * body still reaches the error mapper, and keeps the connection alive instead of destroying the socket.
 */
export function retryInterceptor(policy: RetryPolicy, deps: RetryDeps): Dispatcher.DispatcherComposeInterceptor {
  return interceptors.retry({
    throwOnError: false,
    maxRetries: policy.maxRetries,
    retry: createRetryCallback(policy, deps)
  })
}
