/**
 * Paging arithmetic the provider simulators share. Each provider renders the results in its own
 * shape (CustomerSure Link + X-Total-* headers, FeedbackAPI 0-based page+limit, Nicereply
 * _pagination, CustomerGauge cursor); these helpers only do the counting and the parsing.
 */

export interface PageSlice {
  /** The page asked for, in the caller's base. */
  page: number
  perPage: number
  /** Index of the first item on the page (0-based) ... */
  start: number
  /** ... and one past the last; start === end for an empty or out-of-range page. */
  end: number
  /** Items on this page. */
  count: number
  /** ceil(total / perPage): 0 when there are no items. */
  totalPages: number
  firstPage: number
  /** The last page in the caller's base (firstPage when there are no items). */
  lastPage: number
  /** Neighbouring pages in the caller's base, or null. */
  nextPage: number | null
  prevPage: number | null
  /** The page lies beyond the last one (or before the first). */
  outOfRange: boolean
}

/** Which items page `page` of `perPage` holds, with pages counted from `base` (0 or 1). */
export function pageSlice(total: number, page: number, perPage: number, base: 0 | 1 = 1): PageSlice {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`pageSlice: bad total ${total}`)
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`pageSlice: bad perPage ${perPage}`)
  if (!Number.isInteger(page)) throw new RangeError(`pageSlice: bad page ${page}`)
  const totalPages = Math.ceil(total / perPage)
  const index = page - base
  const lastPage = Math.max(totalPages, 1) - 1 + base
  const outOfRange = index < 0 || index >= Math.max(totalPages, 1)
  const start = outOfRange ? 0 : Math.min(total, index * perPage)
  const end = outOfRange ? 0 : Math.min(total, start + perPage)
  return {
    page,
    perPage,
    start,
    end,
    count: end - start,
    totalPages,
    firstPage: base,
    lastPage,
    nextPage: !outOfRange && page < lastPage ? page + 1 : null,
    prevPage: !outOfRange && page > base ? page - 1 : null,
    outOfRange
  }
}

export interface LinkHeaderOptions {
  /** Query parameter that carries the page. Default 'page'. */
  pageParam?: string
  /** Whether pages count from 0 or 1. Default 1. */
  base?: 0 | 1
}

/**
 * An RFC 8288 (ex-5988) Link header: first, prev, next, last, each the given URL with its page
 * parameter replaced (other parameters such as per_page kept). `url` is absolute, e.g.
 * `${sim.url}${req.path}?${req.query}`.
 */
export function linkHeader(url: string | URL, page: number, totalPages: number, opts: LinkHeaderOptions = {}): string {
  const pageParam = opts.pageParam ?? 'page'
  const base = opts.base ?? 1
  const first = base
  const last = Math.max(totalPages, 1) - 1 + base
  const at = (p: number): string => {
    const u = new URL(String(url))
    u.searchParams.set(pageParam, String(p))
    return u.toString()
  }
  const links: string[] = [`<${at(first)}>; rel="first"`]
  if (page > first && page <= last) links.push(`<${at(page - 1)}>; rel="prev"`)
  if (page >= first && page < last) links.push(`<${at(page + 1)}>; rel="next"`)
  links.push(`<${at(last)}>; rel="last"`)
  return links.join(', ')
}

export interface IntParamRule {
  min?: number
  max?: number
  default: number
}

/** Why a parameter was refused; the provider turns it into its own error body. */
export interface ParamProblem {
  param: string
  /** The raw text received. */
  value: string
  reason: 'not_an_integer' | 'too_small' | 'too_large'
  min?: number
  max?: number
  /** A plain English sentence, e.g. 'per_page must be 100 or less'. */
  message: string
}

export type IntParamResult = { ok: true; value: number } | { ok: false; problem: ParamProblem }

/**
 * Reads an integer query parameter: absent or empty gives the default; anything else must be a
 * whole number (optionally signed) within [min, max]. Repeated parameters: the first counts.
 */
export function parseIntParam(query: URLSearchParams, name: string, rule: IntParamRule): IntParamResult {
  const raw = query.get(name)
  if (raw === null || raw.trim() === '') return { ok: true, value: rule.default }
  const text = raw.trim()
  const bounds = { ...(rule.min !== undefined ? { min: rule.min } : {}), ...(rule.max !== undefined ? { max: rule.max } : {}) }
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    return { ok: false, problem: { param: name, value: raw, reason: 'not_an_integer', ...bounds, message: `${name} must be a whole number` } }
  }
  const value = Number(text)
  if (rule.min !== undefined && value < rule.min) {
    return { ok: false, problem: { param: name, value: raw, reason: 'too_small', ...bounds, message: `${name} must be ${rule.min} or more` } }
  }
  if (rule.max !== undefined && value > rule.max) {
    return { ok: false, problem: { param: name, value: raw, reason: 'too_large', ...bounds, message: `${name} must be ${rule.max} or less` } }
  }
  return { ok: true, value }
}
