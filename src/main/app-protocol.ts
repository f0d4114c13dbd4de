import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { CustomScheme, Protocol } from 'electron'
import { APP_HOST, APP_ORIGIN, APP_SCHEME, isLoopbackHostname } from './ipc/electron-transport'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'

/**
 * The built renderer is served from `app://survey-desk/…` (never file:, never a remote URL): a
 * standard, secure scheme gives the page a real origin, so 'self' in the CSP means just our files.
 * Electron objects are parameters so the logic here is unit-tested without the binary.
 */

export { APP_HOST, APP_ORIGIN, APP_SCHEME }

export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

export { CONTENT_SECURITY_POLICY }

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true }
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm'
}

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps `app://survey-desk/<path>` to a file under `rootDir`, or null when the URL is not ours or
 * would leave `rootDir` (`..`, encoded `%2e%2e`, `%2f`, backslashes, absolute or drive paths, NUL).
 * `/` is index.html.
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const segments = pathname.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:/.test(s))) return null
  const root = resolve(rootDir)
  const file = segments.length === 0 ? join(root, 'index.html') : resolve(root, ...segments)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null
  return file
}

export interface AppProtocolOptions {
  /** The built renderer (out/renderer). */
  rootDir: string
  readFile?: (file: string) => Promise<Buffer>
  isFile?: (file: string) => Promise<boolean>
}

async function defaultIsFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache'
  }
}

/**
 * The request handler behind `protocol.handle('app', …)`. Only GET/HEAD; an extensionless path that
 * is not a file falls back to index.html so a reload on a client-side route still opens the app.
 */
export function createAppProtocolHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = opts.readFile ?? ((file: string) => readFile(file))
  const isFile = opts.isFile ?? defaultIsFile
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: securityHeaders('text/plain; charset=utf-8') })
    }
    let file = resolveAppFile(opts.rootDir, request.url)
    if (file === null) return new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') })
    if (!(await isFile(file))) {
      if (extname(file) !== '') return new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') })
      file = join(resolve(opts.rootDir), 'index.html')
    }
    try {
      const body = await read(file)
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: securityHeaders(mimeTypeFor(file)) })
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') })
    }
  }
}

/** Must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
}

/** Runs after ready; returns a disposer. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle' | 'unhandle'>, rootDir: string): () => void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir }))
  return () => protocol.unhandle(APP_SCHEME)
}

/**
 * The dev server URL from `electron-vite dev`, only when it is plain http on loopback; anything else
 * (a remote host, https to elsewhere, garbage) is ignored so the app never loads a remote page.
 */
export function devServerUrlFrom(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL
  if (isPackaged || !raw) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' || !isLoopbackHostname(url.hostname) || url.username || url.password) return null
  return url.href
}

/** What the window loads: the dev server in development, else the app scheme. */
export function startUrl(devServerUrl: string | null): string {
  return devServerUrl ?? APP_ENTRY_URL
}
