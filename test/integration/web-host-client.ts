import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http'

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * node:http rather than fetch: fetch normalises `..` out of paths and will not send a forged Host,
 * and both are exactly what these tests need to send.
 */
export function raw(
  port: number,
  opts: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer } = {}
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

/** An open SSE stream: `next(predicate)` resolves with the accumulated text once the predicate holds. */
export interface EventStream {
  response: IncomingMessage
  text(): string
  waitFor(predicate: (text: string) => boolean): Promise<string>
  close(): void
}

export function openEvents(port: number, headers: OutgoingHttpHeaders): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'GET', path: '/api/events', headers, agent: false }, (res) => {
      let buffer = ''
      const waiters: { predicate: (t: string) => boolean; resolve: (t: string) => void }[] = []
      const check = (): void => {
        for (const w of [...waiters]) {
          if (w.predicate(buffer)) {
            waiters.splice(waiters.indexOf(w), 1)
            w.resolve(buffer)
          }
        }
      }
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        check()
      })
      res.on('error', () => {})
      resolve({
        response: res,
        text: () => buffer,
        waitFor: (predicate) =>
          new Promise((r) => {
            waiters.push({ predicate, resolve: r })
            check()
          }),
        close: () => req.destroy()
      })
    })
    req.on('error', reject)
    req.end()
  })
}
