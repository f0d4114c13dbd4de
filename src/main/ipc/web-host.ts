import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { AppError, type Result } from '../../shared/errors'
import { PAIR_FRAGMENT_KEY, PAIRING_HEADER, TOKEN_HEADER, WEB_HOST_URL_FILE } from '../../shared/web-protocol'
import type { Dispatch } from './dispatch'
import type { EventBus } from './event-bus'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy'

export interface WebHostOptions {
  dispatch: Dispatch
  events: EventBus
  /** The built renderer (out/renderer). */
  staticDir: string
  /** 0 (the default) picks a free port. */
  port?: number
  /** Where the URL file goes. */
  dataDir: string
  log?: (line: string) => void
}

export interface WebHost {
  url: string
  port: number
  close(): Promise<void>
}

export const MAX_BODY_BYTES = 1024 * 1024
export const KEEPALIVE_MS = 15_000


const SECURITY_HEADERS: OutgoingHttpHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY'
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
}

const NO_STORE = { 'cache-control': 'no-store' }

/** Hashing both sides first keeps the comparison constant-time even when the lengths differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** One value or nothing: a header sent twice is as suspicious as a wrong one. */
function singleHeader(req: IncomingMessage, name: string): string | undefined | null {
  const values = req.headersDistinct[name]
  if (!values || values.length === 0) return undefined
  return values.length === 1 ? (values[0] ?? null) : null
}

function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body?: string | Buffer): void {
  if (res.headersSent) {
    res.end()
    return
  }
  const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, ...(payload ? { 'content-length': payload.length } : {}) })
  // HEAD gets the headers (content-length included) without the body.
  res.end(res.req.method === 'HEAD' ? undefined : payload)
}

function sendText(res: ServerResponse, status: number, text: string, extra: OutgoingHttpHeaders = {}): void {
  send(res, status, { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE, ...extra }, text + '\n')
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, { 'content-type': 'application/json; charset=utf-8', ...NO_STORE }, JSON.stringify(value))
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** Reads at most MAX_BODY_BYTES; more than that is a 413, whatever Content-Length claimed. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0')
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, 'Request body is larger than 1 MiB'))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData)
        req.resume()
        reject(new HttpError(413, 'Request body is larger than 1 MiB'))
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => resolveBody(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** A path inside staticDir, or null for anything that tries to leave it. */
function staticPath(staticDir: string, rawPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  if (decoded.split(/[/\\]/).some((segment) => segment === '..')) return null
  const file = resolve(staticDir, '.' + decoded)
  return file === staticDir || file.startsWith(staticDir + sep) ? file : null
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const log = opts.log ?? (() => {})
  const staticDir = resolve(opts.staticDir)
  const token = randomBytes(32).toString('base64url')
  const pairingCode = randomBytes(32).toString('base64url')
  let pairingUsed = false
  let port = 0
  const sseClients = new Set<() => void>()

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]

  /** The 403 reason, or null when the request may go on. Runs for every request, static ones too. */
  function rejectReason(req: IncomingMessage, pathname: string): string | null {
    const host = singleHeader(req, 'host')?.toLowerCase()
    // DNS rebinding: a foreign name that resolves to 127.0.0.1 still carries its own Host.
    if (!host || !allowedHosts().includes(host)) return 'Host not allowed'
    const origin = singleHeader(req, 'origin')
    if (origin === null || (origin !== undefined && origin !== `http://${host}`)) return 'Origin not allowed'
    if (!pathname.startsWith('/api/') && pathname !== '/api') return null
    if (pathname === '/api/session') {
      const code = singleHeader(req, PAIRING_HEADER)
      if (!code) return 'Pairing header missing'
      if (pairingUsed || !sameSecret(code, pairingCode)) return 'Pairing code not valid (each code works once)'
      return null
    }
    const given = singleHeader(req, TOKEN_HEADER)
    if (!given) return 'Token header missing'
    if (!sameSecret(given, token)) return 'Token not valid'
    return null
  }

  async function handleInvoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST', { allow: 'POST' })
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
    if (type !== 'application/json') return sendText(res, 415, 'Content-Type must be application/json')
    const body = await readBody(req)
    let input: unknown
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'))
    } catch {
      const result: Result<unknown> = { ok: false, error: new AppError('validation', 'Request body is not valid JSON').toShape() }
      return sendJson(res, result)
    }
    sendJson(res, await opts.dispatch(channel, input))
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendText(res, 405, 'Use GET', { allow: 'GET' })
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...NO_STORE,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive'
    })
    res.write(': ok\n\n')
    const unsubscribe = opts.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
    })
    // Keeps proxies and idle-connection reapers from dropping a quiet stream.
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS)
    const cleanup = (): void => {
      clearInterval(keepalive)
      unsubscribe()
      sseClients.delete(end)
    }
    const end = (): void => {
      cleanup()
      res.end()
    }
    sseClients.add(end)
    res.on('close', cleanup)
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Use GET', { allow: 'GET, HEAD' })
    const file = staticPath(staticDir, pathname)
    if (!file) return sendText(res, 404, 'Not found')
    let target: string | null = null
    if (pathname !== '/' && (await isFile(file))) target = file
    // SPA fallback: app routes have no extension; a missing asset stays a 404.
    else if (pathname === '/' || extname(pathname) === '') target = join(staticDir, 'index.html')
    if (!target || !(await isFile(target))) return sendText(res, 404, 'Not found')
    const ext = extname(target).toLowerCase()
    const headers: OutgoingHttpHeaders = { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream' }
    if (ext === '.html') Object.assign(headers, NO_STORE)
    send(res, 200, headers, await readFile(target))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? ''
    // Origin-form only: an absolute URL in the request line would let the path disagree with Host.
    if (!rawUrl.startsWith('/')) return sendText(res, 400, 'Bad request target')
    const pathname = rawUrl.split('?')[0] ?? '/'
    const reason = rejectReason(req, pathname)
    if (reason) {
      log(`web host: 403 ${req.method ?? '?'} ${pathname.startsWith('/api/') ? pathname : '(static)'}: ${reason}`)
      return sendText(res, 403, `Forbidden: ${reason}`)
    }
    if (pathname === '/api/session') {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST', { allow: 'POST' })
      pairingUsed = true
      return sendJson(res, { token })
    }
    if (pathname.startsWith('/api/invoke/')) return handleInvoke(req, res, pathname.slice('/api/invoke/'.length))
    if (pathname === '/api/events') return handleEvents(req, res)
    if (pathname === '/api' || pathname.startsWith('/api/')) return sendText(res, 404, 'Not found')
    return handleStatic(req, res, pathname)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendText(res, err.status, err.message, { connection: 'close' })
        return
      }
      log(`web host: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      sendText(res, 500, 'Internal error')
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/#${PAIR_FRAGMENT_KEY}=${pairingCode}`

  const urlFile = join(opts.dataDir, WEB_HOST_URL_FILE)
  try {
    await mkdir(opts.dataDir, { recursive: true, mode: 0o700 })
    await writeFile(urlFile, url + '\n', { mode: 0o600 })
    // The mode option only applies when the file is created; an older file keeps its own.
    await chmod(urlFile, 0o600)
  } catch (err) {
    await new Promise<void>((r) => server.close(() => r()))
    throw err
  }

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const end of [...sseClients]) end()
      await new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
      // Another host on the same data dir may have replaced the file since; leave theirs alone.
      const current = await readFile(urlFile, 'utf8').catch(() => null)
      if (current?.trim() === url) await unlink(urlFile).catch(() => {})
    })()
    return closing
  }

  return { url, port, close }
}
