import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One scripted answer. `destroy` drops the connection without answering. */
export interface ScriptedResponse {
  status?: number
  headers?: Record<string, string>
  /** An object is sent as JSON (with content-type application/json unless headers say otherwise). */
  body?: string | object
  /** Wait this long before answering (for abort and timeout tests). */
  delayMs?: number
  destroy?: boolean
}

export interface RecordedRequest {
  method: string
  /** Path and query as received. */
  url: string
  headers: IncomingHttpHeaders
  body: string
  /** Arrival time (ms, Date.now()). */
  at: number
}

export type Responder = ScriptedResponse | ((req: RecordedRequest) => ScriptedResponse)

export interface TestServer {
  url: string
  requests: RecordedRequest[]
  /** Queue answers for a path (without query); each request takes the next one. Unscripted requests get 599. */
  script(path: string, ...responses: Responder[]): void
  /** Requests that arrived for a path (without query). */
  requestsTo(path: string): RecordedRequest[]
  close(): Promise<void>
}

const pathOf = (url: string): string => url.split('?')[0] ?? url

/** A loopback HTTP server whose answers a test scripts per request. */
export async function startTestServer(): Promise<TestServer> {
  const queues = new Map<string, Responder[]>()
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()

  const answer = (res: ServerResponse, scripted: ScriptedResponse): void => {
    if (scripted.destroy) {
      res.socket?.destroy()
      return
    }
    const headers: Record<string, string> = { ...scripted.headers }
    let payload = ''
    if (typeof scripted.body === 'string') payload = scripted.body
    else if (scripted.body !== undefined) {
      payload = JSON.stringify(scripted.body)
      if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
    }
    res.writeHead(scripted.status ?? 200, headers)
    res.end(payload)
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now()
      }
      requests.push(recorded)
      const queue = queues.get(pathOf(recorded.url))
      const next = queue?.shift()
      const scripted: ScriptedResponse = next === undefined ? { status: 599, body: { message: 'unscripted request' } } : typeof next === 'function' ? next(recorded) : next
      if (scripted.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t)
          if (!res.destroyed) answer(res, scripted)
        }, scripted.delayMs)
        timers.add(t)
      } else answer(res, scripted)
    })
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(path, ...responses) {
      queues.set(path, [...(queues.get(path) ?? []), ...responses])
    },
    requestsTo(path) {
      return requests.filter((r) => pathOf(r.url) === path)
    },
    close() {
      for (const t of timers) clearTimeout(t)
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
