import type { IncomingHttpHeaders } from 'node:http'

/** One request as a route handler sees it. */
export interface SimRequest {
  method: string
  /** The path as sent (percent-encoding kept), without the query, e.g. '/v1/ratings/42'. */
  path: string
  /** Route parameters, decoded: '/v1/ratings/:id' gives { id: '42' }. Empty when no route matched. */
  params: Record<string, string>
  /** The matched route pattern, or null. */
  routePath: string | null
  /** The raw query: repeated keys and `with[]`/`period[start]` forms are all visible (getAll, get). */
  query: URLSearchParams
  /** Lower-cased names; one string per header (repeats joined by ', '). */
  headers: Record<string, string>
  /**
   * JSON content type (application/json or any +json): the parsed value, or undefined when the body
   * is empty or malformed (see bodyError). Form-encoded: an object of fields, repeated ones as
   * arrays. Anything else: the raw text.
   */
  body: unknown
  /** Set when a JSON body did not parse, so the handler can answer 400 in its provider's words. */
  bodyError: SyntaxError | null
  rawBody: string
  /** The Authorization header split into scheme and the rest, or null. */
  auth(): { scheme: string; value: string } | null
  /** HTTP Basic credentials (either part may be empty), or null when absent or not decodable. */
  basic(): { username: string; password: string } | null
  /** The Bearer token, or null. */
  bearer(): string | null
}

export function buildRequest(input: {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  rawBody: string
}): SimRequest {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(input.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  const { body, bodyError } = parseBody(headers['content-type'] ?? '', input.rawBody)
  const authorization = headers['authorization'] ?? ''
  const auth = (): { scheme: string; value: string } | null => {
    const m = /^\s*(\S+)\s*(.*)$/s.exec(authorization)
    return m && authorization.trim() !== '' ? { scheme: m[1] ?? '', value: (m[2] ?? '').trim() } : null
  }
  return {
    method: input.method.toUpperCase(),
    path: input.url.pathname,
    params: {},
    routePath: null,
    query: input.url.searchParams,
    headers,
    body,
    bodyError,
    rawBody: input.rawBody,
    auth,
    basic() {
      const a = auth()
      if (!a || a.scheme.toLowerCase() !== 'basic' || !/^[A-Za-z0-9+/]*={0,2}$/.test(a.value)) return null
      const decoded = Buffer.from(a.value, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 0) return null
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
    },
    bearer() {
      const a = auth()
      return a && a.scheme.toLowerCase() === 'bearer' && a.value !== '' ? a.value : null
    }
  }
}

function parseBody(contentType: string, rawBody: string): { body: unknown; bodyError: SyntaxError | null } {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'application/json' || type.endsWith('+json')) {
    if (rawBody.trim() === '') return { body: undefined, bodyError: null }
    try {
      return { body: JSON.parse(rawBody) as unknown, bodyError: null }
    } catch (err) {
      return { body: undefined, bodyError: err instanceof SyntaxError ? err : new SyntaxError(String(err)) }
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form: Record<string, string | string[]> = {}
    for (const [k, v] of new URLSearchParams(rawBody)) {
      const prev = form[k]
      form[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
    }
    return { body: form, bodyError: null }
  }
  return { body: rawBody, bodyError: null }
}
