import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { FaultState, truncateJson, type FaultConfig, type FaultController } from './faults'
import { RingRequestLog, type LoggedRequest, type RequestLog } from './request-log'
import { buildRequest, type SimRequest } from './request'
import { json, serialise, type SimResult } from './response'
import type { Seed } from './rng'
import { compileRoutes, matchRoute, type HttpMethod, type Route } from './routes'
import { createTokenBook, type TokenBook } from './token-book'

export interface SimulatorOptions {
  /** Short name for logs and default error bodies, e.g. 'nicereply'. */
  name: string
  routes: readonly Route[]
  /** 0 or absent: a free port chosen by the OS. */
  port?: number
  /** Loopback only: a simulator is never reachable from another machine. */
  host?: '127.0.0.1'
  /** Seeds fault decisions; use the same seed for your fake data. Default: the name. */
  seed?: Seed
  /** Faults in force from the start (switch them later with `sim.faults`). */
  faults?: Partial<FaultConfig>
  /** One line per request and per handler crash. Without it, only crashes go to console.error. */
  log?: (line: string) => void
  /**
   * Runs before every non-public route, after faults: return a result to answer instead (401/403
   * in the provider's format), or undefined to let the route run. Where auth belongs.
   */
  guard?: (req: SimRequest) => SimResult | undefined | Promise<SimResult | undefined>
  /** Answer for a path no route has (allowed is empty) or a method the path lacks. Default: 404 / 405 JSON. */
  notFound?: (req: SimRequest, allowed: HttpMethod[]) => SimResult
  /** Answer when a guard or handler throws. Default: 500 JSON. */
  onError?: (error: unknown, req: SimRequest) => SimResult
  /** Body of an injected 5xx or 429 in the provider's format; the kit adds Retry-After itself. */
  renderFault?: (fault: { kind: 'error' | 'rate-limit'; status: number }, req: SimRequest) => SimResult
  /** Ring size (default 10,000) and headers kept per request (default accept, authorization (scheme only), content-type, user-agent, x-request-id). */
  requestLog?: { capacity?: number; headers?: readonly string[] }
  /** Larger bodies get 413. Default 5 MB. */
  maxBodyBytes?: number
}

export interface Simulator {
  readonly name: string
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string
  readonly port: number
  readonly seed: Seed
  readonly faults: FaultController
  readonly requests: RequestLog
  /** Issue and check access tokens (OAuth simulators); honours the tokenExpiryAfter fault. */
  readonly tokens: TokenBook
  /** Stops listening and destroys open (keep-alive) sockets; resolves when the server is closed. */
  close(): Promise<void>
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1'
  const seed = opts.seed ?? opts.name
  const compiled = compileRoutes(opts.routes)
  const faults = new FaultState(seed, opts.faults)
  const requests = new RingRequestLog(opts.requestLog?.capacity, opts.requestLog?.headers)
  const tokens = createTokenBook({ expireAfterUses: () => faults.tokenExpiryAfter })
  const maxBodyBytes = opts.maxBodyBytes ?? 5 * 1024 * 1024
  const closing = new AbortController()
  const logError = opts.log ?? ((line: string) => console.error(line))

  const notFound =
    opts.notFound ??
    ((req: SimRequest, allowed: HttpMethod[]): SimResult =>
      allowed.length > 0
        ? json(405, { error: 'method_not_allowed', message: `${req.method} is not allowed on ${req.path}` }, { allow: allowed.join(', ') })
        : json(404, { error: 'not_found', message: `No route for ${req.method} ${req.path}` }))
  const onError = opts.onError ?? ((): SimResult => json(500, { error: 'internal_error', message: 'The simulator failed to answer' }))
  const renderFault =
    opts.renderFault ??
    ((fault: { kind: 'error' | 'rate-limit'; status: number }): SimResult =>
      fault.kind === 'rate-limit'
        ? json(429, { error: 'rate_limited', message: 'Too many requests' })
        : json(fault.status, { error: 'server_error', message: `Simulated ${fault.status} from ${opts.name}` }))

  async function answer(req: SimRequest, entry: LoggedRequest, socketDrop: () => void): Promise<SimResult | null> {
    const delay = faults.latencyFor(req.path)
    if (delay > 0) await sleep(delay, undefined, { signal: closing.signal })

    const outcome = faults.decide(req.path)
    if (outcome.kind === 'drop') {
      entry.fault = 'drop'
      socketDrop()
      return null
    }
    if (outcome.kind === 'rate-limit') {
      entry.fault = 'rate-limit'
      const r = renderFault({ kind: 'rate-limit', status: 429 }, req)
      return { ...r, status: 429, headers: { ...r.headers, 'retry-after': outcome.retryAfter } }
    }
    if (outcome.kind === 'error') {
      entry.fault = 'error'
      return { ...renderFault({ kind: 'error', status: outcome.status }, req), status: outcome.status }
    }

    const match = matchRoute(compiled, req.method, req.path)
    if (match.kind !== 'found') return notFound(req, match.kind === 'wrong-method' ? match.allowed : [])
    req.params = match.params
    req.routePath = match.route.path

    if (opts.guard && !match.route.public) {
      const denied = await opts.guard(req)
      if (denied) return denied
    }
    const result = await match.route.handler(req)
    if (result.status >= 200 && result.status < 300 && (result.json !== undefined || result.text !== undefined || result.jsonBytes !== undefined)) {
      if (faults.takeMalformed(req.path, req.routePath, req.query)) {
        entry.fault = 'malformed'
        const { body, contentType } = serialise(result)
        return {
          status: result.status,
          headers: { ...result.headers, ...(contentType ? { 'content-type': contentType } : {}) },
          text: truncateJson(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'))
        }
      }
    }
    return result
  }

  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now()
    const raw = await readBody(incoming, maxBodyBytes)
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
    const req = buildRequest({ method: incoming.method ?? 'GET', url, headers: incoming.headers, rawBody: raw.text })
    const entry = requests.record({ ...req, headers: incoming.headers })
    const finish = (status: number | null): void => {
      entry.status = status
      entry.durationMs = Math.round((performance.now() - started) * 100) / 100
      opts.log?.(`[${opts.name}] ${req.method} ${url.pathname}${entry.query ? `?${entry.query}` : ''} -> ${status ?? 'dropped'} ${Math.round(entry.durationMs)}ms`)
    }

    let result: SimResult | null
    if (raw.tooLarge) {
      result = json(413, { error: 'payload_too_large', message: `Bodies over ${maxBodyBytes} bytes are refused` }, { connection: 'close' })
    } else {
      try {
        result = await answer(req, entry, () => {
          finish(null)
          res.socket?.destroy()
        })
      } catch (error) {
        if (closing.signal.aborted) return
        logError(`[${opts.name}] ${req.method} ${req.path} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        result = onError(error, req)
      }
    }
    if (result === null) return
    finish(result.status)
    send(res, req.method, result)
  }

  const server = createServer({ keepAlive: true }, (incoming, res) => {
    handle(incoming, res).catch((error: unknown) => {
      logError(`[${opts.name}] could not answer: ${String(error)}`)
      res.socket?.destroy()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  return {
    name: opts.name,
    url: `http://${host}:${port}`,
    port,
    seed,
    faults,
    requests,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function send(res: ServerResponse, method: string, result: SimResult): void {
  if (res.destroyed) return
  const { body, contentType } = serialise(result)
  const headers = new Map<string, string | number | readonly string[]>()
  for (const [k, v] of Object.entries(result.headers ?? {})) headers.set(k.toLowerCase(), v)
  if (contentType && !headers.has('content-type')) headers.set('content-type', contentType)
  headers.set('content-length', Buffer.byteLength(body))
  res.writeHead(result.status, Object.fromEntries(headers) as Record<string, string | number | string[]>)
  res.end(method === 'HEAD' ? undefined : body)
}

function readBody(req: IncomingMessage, max: number): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > max) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge }))
    req.on('error', reject)
  })
}
