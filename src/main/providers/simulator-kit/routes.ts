import type { SimRequest } from './request'
import type { SimResult } from './response'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

export interface Route {
  method: HttpMethod
  /** Literal segments and ':name' parameters, e.g. '/v1/csat/ratings/:id'. A trailing '/' is ignored. */
  path: string
  handler: (req: SimRequest) => SimResult | Promise<SimResult>
  /** Skip the simulator's `guard` (auth) for this route, e.g. the OAuth token endpoint. */
  public?: boolean
}

export interface CompiledRoute {
  route: Route
  segments: { literal: string | null; param: string | null }[]
}

export function compileRoutes(routes: readonly Route[]): CompiledRoute[] {
  return routes.map((route) => {
    if (!route.path.startsWith('/')) throw new Error(`route path must start with '/': ${route.path}`)
    return {
      route,
      segments: splitPath(route.path).map((s) =>
        s.startsWith(':') && s.length > 1 ? { literal: null, param: s.slice(1) } : { literal: s, param: null }
      )
    }
  })
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: HttpMethod[] }
  | { kind: 'none' }

/** First route (in declaration order) whose pattern and method match. */
export function matchRoute(compiled: readonly CompiledRoute[], method: string, path: string): RouteMatch {
  const parts = splitPath(path)
  const allowed: HttpMethod[] = []
  for (const c of compiled) {
    const params = matchSegments(c.segments, parts)
    if (!params) continue
    if (c.route.method === method) return { kind: 'found', route: c.route, params }
    if (!allowed.includes(c.route.method)) allowed.push(c.route.method)
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' }
}

function matchSegments(segments: CompiledRoute['segments'], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]
    const part = parts[i]
    if (seg === undefined || part === undefined) return null
    if (seg.param !== null) {
      if (part === '') return null
      try {
        params[seg.param] = decodeURIComponent(part)
      } catch {
        return null
      }
    } else if (seg.literal !== part) {
      return null
    }
  }
  return params
}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
  return trimmed.split('/').slice(1)
}
