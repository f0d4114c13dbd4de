import { z } from 'zod'
import { rngFor, type Rng, type Seed } from './rng'

/**
 * Faults a simulator can inject, switchable while it runs (`sim.faults.set({...})`). They are
 * checked before the route handler, in this order: latency, drop, rate limit, burst rate limit,
 * server error; `malformed` corrupts the handler's own 2xx answer afterwards. `tokenExpiryAfter` is
 * not applied by the server at all: the provider's auth check reads it through `sim.tokens`.
 * Every random choice comes from the simulator's seed, so a failing run replays exactly.
 */

const rateLimitSchema = z.strictObject({
  /** Requests allowed per window; the next ones in the same window get 429. */
  limit: z.int().min(0),
  windowMs: z.int().positive(),
  /** Retry-After value; defaults to the time left in the window, rounded up. */
  retryAfterSeconds: z.int().min(0).optional(),
  /** Send Retry-After as an HTTP-date instead of seconds (both are legal, RFC 9110 §10.2.3). */
  retryAfterAsDate: z.boolean().optional()
})

const rateLimitBurstSchema = z.strictObject({
  /** After every `every` requests that pass ... */
  every: z.int().positive(),
  /** ... the next `count` get 429; then the cycle repeats. */
  count: z.int().positive(),
  retryAfterSeconds: z.int().min(0),
  retryAfterAsDate: z.boolean().optional()
})

const malformedSchema = z.strictObject({
  /** A route pattern ('/v1/ratings/:id') or a path prefix ('/v7/rest/sync'). */
  path: z.string().startsWith('/'),
  /** Only when the query's `page` (or else `cursor`) equals this; any request when left out. */
  page: z.union([z.string(), z.number()]).optional(),
  /** How many answers to corrupt; every matching one when left out. */
  times: z.int().positive().optional()
})

export const faultConfigSchema = z.strictObject({
  /** Only requests whose path starts with this are subject to faults (null: all paths). */
  pathPrefix: z.string().startsWith('/').nullable(),
  /** Fixed delay before answering, plus a random 0..latencyJitterMs. */
  latencyMs: z.int().min(0),
  latencyJitterMs: z.int().min(0),
  /** Share of requests answered 500, 502, 503 in turn. */
  errorRate: z.number().min(0).max(1),
  rateLimit: rateLimitSchema.nullable(),
  rateLimitBurst: rateLimitBurstSchema.nullable(),
  /** Share of requests whose socket is destroyed without an answer. */
  dropRate: z.number().min(0).max(1),
  /** Tokens from `sim.tokens` turn expired after this many uses (null: never). */
  tokenExpiryAfter: z.int().positive().nullable(),
  malformed: malformedSchema.nullable()
})

export type FaultConfig = z.infer<typeof faultConfigSchema>
export type RateLimitFault = z.infer<typeof rateLimitSchema>
export type RateLimitBurstFault = z.infer<typeof rateLimitBurstSchema>
export type MalformedFault = z.infer<typeof malformedSchema>

export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({
  pathPrefix: null,
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  rateLimit: null,
  rateLimitBurst: null,
  dropRate: 0,
  tokenExpiryAfter: null,
  malformed: null
})

/** The run-time switch a test or `survey-desk simulate` holds. */
export interface FaultController {
  /** Merges the given settings into the current ones (validated; throws on bad values) and restarts the fault counters. */
  set(patch: Partial<FaultConfig>): void
  /** Back to no faults at all. */
  reset(): void
  /** The settings in force. */
  get(): Readonly<FaultConfig>
}

/** What the server does with a request before its route runs. */
export type FaultOutcome =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'error'; status: 500 | 502 | 503 }
  | { kind: 'rate-limit'; status: 429; retryAfter: string }

const ERROR_STATUSES = [500, 502, 503] as const

/** The server's side of the faults: the controller plus the per-request decisions. */
export class FaultState implements FaultController {
  private config: FaultConfig = { ...NO_FAULTS }
  private rng: Rng
  private generation = 0
  private windowStart = 0
  private windowCount = 0
  private burstCounter = 0
  private errorTurn = 0
  private malformedLeft = Number.POSITIVE_INFINITY

  constructor(
    private readonly seed: Seed,
    initial: Partial<FaultConfig> = {},
    private readonly now: () => number = Date.now
  ) {
    this.rng = rngFor(seed, 'faults', 0)
    this.set(initial)
  }

  get(): Readonly<FaultConfig> {
    return structuredClone(this.config)
  }

  /** Read by the token book at every use (cheaper than get()). */
  get tokenExpiryAfter(): number | null {
    return this.config.tokenExpiryAfter
  }

  set(patch: Partial<FaultConfig>): void {
    const merged = faultConfigSchema.parse({ ...this.config, ...patch })
    this.config = merged
    this.restartCounters()
  }

  reset(): void {
    this.config = { ...NO_FAULTS }
    this.restartCounters()
  }

  private restartCounters(): void {
    this.generation += 1
    this.rng = rngFor(this.seed, 'faults', this.generation)
    this.windowStart = 0
    this.windowCount = 0
    this.burstCounter = 0
    this.errorTurn = 0
    this.malformedLeft = this.config.malformed?.times ?? Number.POSITIVE_INFINITY
  }

  private inScope(path: string): boolean {
    return this.config.pathPrefix === null || path.startsWith(this.config.pathPrefix)
  }

  /** Milliseconds to wait before answering this request. */
  latencyFor(path: string): number {
    const { latencyMs, latencyJitterMs } = this.config
    if (!this.inScope(path) || (latencyMs === 0 && latencyJitterMs === 0)) return 0
    return latencyMs + (latencyJitterMs > 0 ? this.rng.int(0, latencyJitterMs) : 0)
  }

  /** Drop, rate limit or server error for this request, or pass it to its route. */
  decide(path: string): FaultOutcome {
    if (!this.inScope(path)) return { kind: 'pass' }
    const c = this.config
    if (c.dropRate > 0 && this.rng.chance(c.dropRate)) return { kind: 'drop' }

    if (c.rateLimit) {
      const now = this.now()
      if (now - this.windowStart >= c.rateLimit.windowMs) {
        this.windowStart = now
        this.windowCount = 0
      }
      if (this.windowCount >= c.rateLimit.limit) {
        const left = Math.max(1, Math.ceil((this.windowStart + c.rateLimit.windowMs - now) / 1000))
        return this.limited(c.rateLimit.retryAfterSeconds ?? left, c.rateLimit.retryAfterAsDate)
      }
      this.windowCount += 1
    }

    if (c.rateLimitBurst) {
      const { every, count } = c.rateLimitBurst
      const position = this.burstCounter % (every + count)
      this.burstCounter += 1
      if (position >= every) return this.limited(c.rateLimitBurst.retryAfterSeconds, c.rateLimitBurst.retryAfterAsDate)
    }

    if (c.errorRate > 0 && this.rng.chance(c.errorRate)) {
      const status = ERROR_STATUSES[this.errorTurn % ERROR_STATUSES.length] ?? 500
      this.errorTurn += 1
      return { kind: 'error', status }
    }
    return { kind: 'pass' }
  }

  private limited(seconds: number, asDate: boolean | undefined): FaultOutcome {
    const retryAfter = asDate ? new Date(this.now() + seconds * 1000).toUTCString() : String(seconds)
    return { kind: 'rate-limit', status: 429, retryAfter }
  }

  /**
   * Whether to corrupt this request's (2xx) answer; consumes one of `times`. `routePath` is the
   * matched route pattern, if any.
   */
  takeMalformed(path: string, routePath: string | null, query: URLSearchParams): boolean {
    const m = this.config.malformed
    if (!m || this.malformedLeft <= 0 || !this.inScope(path)) return false
    if (routePath !== m.path && !path.startsWith(m.path)) return false
    if (m.page !== undefined) {
      const asked = query.get('page') ?? query.get('cursor')
      if (asked !== String(m.page)) return false
    }
    this.malformedLeft -= 1
    return true
  }
}

/** Cuts a body so it is no longer valid JSON, as a connection cut mid-answer would. */
export function truncateJson(text: string): string {
  let cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
  try {
    JSON.parse(cut)
    cut += ',' // a prefix that still parsed (a bare number): make sure it does not
  } catch {
    // already invalid, as intended
  }
  return cut
}
