/**
 * What a simulator was asked, for test assertions ("the client sent User-Agent", "it backed off
 * after the 429"). A ring buffer, so a million-request sync keeps only the latest entries. Secrets
 * never enter it: Authorization keeps its scheme only, and secret-looking body fields and query
 * parameters are replaced by a marker.
 */

export interface LoggedRequest {
  /** 1-based sequence number over the simulator's life (keeps counting past the ring's capacity). */
  seq: number
  /** Epoch milliseconds when the request arrived. */
  at: number
  method: string
  path: string
  /** The query string without '?', secret-looking values redacted. */
  query: string
  /** The selected headers (lower-cased names); authorization reduced to its scheme, e.g. 'Bearer'. */
  headers: Record<string, string>
  /** Parsed body (JSON or form, secret-looking fields redacted) or raw text, cut to 4 KB; undefined when empty. */
  body: unknown
  /** Status answered; null while in flight or when the connection was dropped. */
  status: number | null
  /** The fault that answered instead of the route, if any. */
  fault: 'drop' | 'error' | 'rate-limit' | 'malformed' | null
  /** Time from arrival to answer (or drop), latency faults included. */
  durationMs: number | null
}

export type RequestFilter =
  | ((entry: LoggedRequest) => boolean)
  | { method?: string; path?: string; pathPrefix?: string; status?: number; fault?: LoggedRequest['fault'] }

export interface RequestLog {
  /** Entries held, oldest first. */
  all(): LoggedRequest[]
  /** How many held entries match (all of them without a filter). */
  count(filter?: RequestFilter): number
  /** Held entries that match, oldest first. */
  find(filter: RequestFilter): LoggedRequest[]
  /** The newest entry. */
  last(): LoggedRequest | undefined
  /** Requests seen over the simulator's life, including those the ring has forgotten. */
  readonly total: number
  readonly capacity: number
  clear(): void
}

export const DEFAULT_LOG_CAPACITY = 10_000
export const DEFAULT_LOGGED_HEADERS = ['accept', 'authorization', 'content-type', 'user-agent', 'x-request-id'] as const
const MAX_LOGGED_BODY = 4096
const REDACTED = '[redacted]'
const SECRET_NAME = /secret|password|passwd|token|api[-_]?key|^key$|credential|authorization/i

/** The log plus the server's write side. */
export class RingRequestLog implements RequestLog {
  private readonly ring: (LoggedRequest | undefined)[]
  private next = 0
  private size = 0
  private seen = 0

  constructor(
    readonly capacity: number = DEFAULT_LOG_CAPACITY,
    private readonly headerNames: readonly string[] = DEFAULT_LOGGED_HEADERS
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`request log capacity must be >= 1, got ${capacity}`)
    this.ring = new Array<LoggedRequest | undefined>(capacity)
  }

  get total(): number {
    return this.seen
  }

  /** Records an arriving request; the server fills status, fault and duration in the returned entry. */
  record(input: {
    method: string
    path: string
    query: URLSearchParams
    headers: Record<string, string | string[] | undefined>
    body: unknown
    rawBody: string
  }): LoggedRequest {
    this.seen += 1
    const entry: LoggedRequest = {
      seq: this.seen,
      at: Date.now(),
      method: input.method,
      path: input.path,
      query: redactQuery(input.query),
      headers: this.pickHeaders(input.headers),
      body: loggableBody(input.body, input.rawBody),
      status: null,
      fault: null,
      durationMs: null
    }
    this.ring[this.next] = entry
    this.next = (this.next + 1) % this.capacity
    this.size = Math.min(this.size + 1, this.capacity)
    return entry
  }

  all(): LoggedRequest[] {
    const out: LoggedRequest[] = []
    const start = (this.next - this.size + this.capacity) % this.capacity
    for (let i = 0; i < this.size; i++) {
      const entry = this.ring[(start + i) % this.capacity]
      if (entry) out.push(entry)
    }
    return out
  }

  find(filter: RequestFilter): LoggedRequest[] {
    const test = toPredicate(filter)
    return this.all().filter(test)
  }

  count(filter?: RequestFilter): number {
    return filter === undefined ? this.size : this.find(filter).length
  }

  last(): LoggedRequest | undefined {
    return this.size === 0 ? undefined : this.ring[(this.next - 1 + this.capacity) % this.capacity]
  }

  clear(): void {
    this.ring.fill(undefined)
    this.next = 0
    this.size = 0
  }

  private pickHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const name of this.headerNames) {
      const raw = headers[name]
      if (raw === undefined) continue
      const value = Array.isArray(raw) ? raw.join(', ') : raw
      out[name] = name === 'authorization' || name === 'proxy-authorization' ? redactAuthorization(value) : value
    }
    return out
  }
}

/** 'Bearer abc' -> 'Bearer'; 'Token token="x"' -> 'Token'; a value without a scheme -> '[redacted]'. */
export function redactAuthorization(value: string): string {
  const scheme = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+\S/.exec(value)
  return scheme?.[1] ?? REDACTED
}

function redactQuery(query: URLSearchParams): string {
  const copy = new URLSearchParams()
  for (const [k, v] of query) copy.append(k, SECRET_NAME.test(k) ? REDACTED : v)
  return copy.toString()
}

function loggableBody(body: unknown, rawBody: string): unknown {
  if (rawBody === '') return undefined
  if (body !== null && typeof body === 'object') {
    const redacted = redactDeep(body, 0)
    if (JSON.stringify(redacted).length <= MAX_LOGGED_BODY) return redacted
    return `${JSON.stringify(redacted).slice(0, MAX_LOGGED_BODY)}…`
  }
  return rawBody.length <= MAX_LOGGED_BODY ? rawBody : `${rawBody.slice(0, MAX_LOGGED_BODY)}…`
}

function redactDeep(value: unknown, depth: number): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_NAME.test(k) ? REDACTED : redactDeep(v, depth + 1)
  return out
}

function toPredicate(filter: RequestFilter): (entry: LoggedRequest) => boolean {
  if (typeof filter === 'function') return filter
  return (e) =>
    (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
    (filter.path === undefined || e.path === filter.path) &&
    (filter.pathPrefix === undefined || e.path.startsWith(filter.pathPrefix)) &&
    (filter.status === undefined || e.status === filter.status) &&
    (filter.fault === undefined || e.fault === filter.fault)
}
