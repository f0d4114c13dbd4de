import type { ProviderId } from '../../shared/providers'
import { abortReason, sleep as realSleep } from './sleep'
import type { RateLimit } from './types'

/**
 * Requests per connection. None of the five documents states a number, so each default is
 * conservative and says why:
 *  - customersure: no limit published (customersure-v1.txt) -> 5/s, burst 10.
 *  - enco: no limit published (enco-promoter-survey-1.0.0.txt); sends are billed -> 5/s, burst 10.
 *  - customergauge: no limit published (customergauge-v7-sync-responses.txt). The sync is its only
 *    read and each call carries up to 1,000 responses, so a first sync of a large account is
 *    thousands of calls: at 2/s a 1,000,000-row account would take 500 s on the limiter alone.
 *    15/s, burst 15 lets the sync run at the app's own speed (~15,000 rows/s ceiling) -> 15/s, burst 15.
 *  - feedbackapi: "429 - Too Many Requests ... We recommend an exponential backoff" with no number
 *    (feedbackapi-v1.3.txt "Errors") -> 5/s, burst 5.
 *  - nicereply: "429 Too Many Requests | When rate limits was hitted (currently no limits)"
 *    (nicereply-v1.txt "Errors") -> 10/s, burst 20.
 */
export const DEFAULT_RATE_LIMITS: Record<ProviderId, RateLimit> = {
  customersure: { perSecond: 5, burst: 10 },
  enco: { perSecond: 5, burst: 10 },
  customergauge: { perSecond: 15, burst: 15 },
  feedbackapi: { perSecond: 5, burst: 5 },
  nicereply: { perSecond: 10, burst: 20 }
}

export interface RateLimiterDeps {
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export interface RateLimiter {
  /** Resolves when the caller may send one request; callers are served first come, first served. Rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>
}

interface Waiter {
  resolve: () => void
  reject: (err: Error) => void
  signal?: AbortSignal
  onAbort?: () => void
}

/**
 * Token bucket: holds up to `burst` tokens (at least 1), refilled at `perSecond`. One pump serves the
 * queue in order, so a request that arrived first is sent first.
 */
export function createRateLimiter(limit: RateLimit, deps: RateLimiterDeps = {}): RateLimiter {
  if (!(limit.perSecond > 0)) throw new RangeError('rate limit perSecond must be above 0')
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? realSleep
  const capacity = Math.max(1, limit.burst)
  let tokens = capacity
  let last = now()
  const queue: Waiter[] = []
  let pumping = false

  const refill = (): void => {
    const t = now()
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * limit.perSecond)
    last = t
  }

  const pump = async (): Promise<void> => {
    pumping = true
    try {
      while (queue.length > 0) {
        refill()
        if (tokens >= 1) {
          tokens -= 1
          const waiter = queue.shift()!
          if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
          waiter.resolve()
          continue
        }
        await sleep(Math.ceil(((1 - tokens) / limit.perSecond) * 1000)).catch(() => undefined)
      }
    } finally {
      pumping = false
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal))
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, signal }
        if (signal) {
          waiter.onAbort = () => {
            const i = queue.indexOf(waiter)
            if (i >= 0) queue.splice(i, 1)
            reject(abortReason(signal))
          }
          signal.addEventListener('abort', waiter.onAbort, { once: true })
        }
        queue.push(waiter)
        if (!pumping) void pump()
      })
    }
  }
}
