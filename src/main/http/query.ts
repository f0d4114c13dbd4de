import type { ArrayFormat, QueryValue } from './types'

/**
 * Writes a query string. Keys are kept as the provider document writes them ('period[field]',
 * 'with[]') and only percent-encoded, never re-structured; null/undefined values are left out.
 */
export function buildQuery(query: Record<string, QueryValue> | undefined, arrayFormat: ArrayFormat = 'brackets'): string {
  if (!query) return ''
  const parts: string[] = []
  const pair = (key: string, value: string | number | boolean): void => {
    parts.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`)
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue
    if (Array.isArray(value)) {
      const items = (value as ReadonlyArray<string | number>).filter((v) => v !== null && v !== undefined)
      if (arrayFormat === 'comma') {
        if (items.length > 0) parts.push(`${encodeKey(key)}=${items.map((v) => encodeURIComponent(String(v))).join(',')}`)
      } else {
        const name = arrayFormat === 'brackets' && !key.endsWith('[]') ? `${key}[]` : key
        for (const item of items) pair(name, item)
      }
      continue
    }
    pair(key, value as string | number | boolean)
  }
  return parts.join('&')
}

/** Keys are encoded like values: 'period[field]' goes out as 'period%5Bfield%5D', which servers decode back. */
function encodeKey(key: string): string {
  return encodeURIComponent(key)
}

/** Splits base URL + path + query into the origin and request path undici wants. */
export function buildTarget(baseUrl: string, path: string, query: string): { origin: string; path: string; url: string } {
  const base = new URL(baseUrl)
  const basePath = base.pathname.replace(/\/+$/, '')
  const rel = path.startsWith('/') ? path : `/${path}`
  const sep = rel.includes('?') ? '&' : '?'
  const fullPath = `${basePath}${rel}${query ? `${sep}${query}` : ''}`
  return { origin: base.origin, path: fullPath, url: `${base.origin}${fullPath}` }
}
