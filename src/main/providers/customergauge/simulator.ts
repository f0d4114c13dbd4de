import { json, startSimulator, type Route, type SimRequest, type SimResult } from '../simulator-kit'
import type { ProviderSimulatorHandle, ProviderSimulatorOptions } from '../types'
import { CG_PERIOD_FIELDS, CG_WITH } from './wire'
import { prerenderRows, type PrerenderedRows } from './simulator-prerender'
import { coreAttrs, DATA_PERIOD, indexOfCgid, indexWindow, keyOf, makeRow, OUTBOUND_FILTERS, periodEndingAt, rowJson, type DateField } from './simulator-data'

/**
 * A loopback CustomerGauge: one origin serving both POST /oauth2/token (OAuth2 client credentials,
 * tokens from sim.tokens so the tokenExpiryAfter fault expires them mid-sync) and
 * GET /v7/rest/sync/responses (cursor paging by internal key, oldest first, up to 1000 a page, done
 * when `data` is empty; with[], number_customergauge, filter, period[field|start|end]).
 *
 * Error bodies: the API answers 401 {"message": "Unauthenticated."} as documented; the document
 * prints no other error, and that message is Laravel's, so validation errors are Laravel's 422
 * {message, errors: {field: [..]}}, 429 "Too Many Attempts." and 5xx "Server Error". The token
 * endpoint answers like an OAuth2 server: 400 {"error": "invalid_client"} and friends.
 */

export const CG_SIM_CLIENT_ID = 'survey-desk-demo-app'
export const CG_SIM_CLIENT_SECRET = 'cg-sim-secret-3b9e7d1c5a2f48e6'
const DEFAULT_VOLUME = 20_000
const DEFAULT_PER_PAGE = 100
const TOKEN_TTL_SECONDS = 3600

export interface CustomerGaugeSimulatorHandle extends ProviderSimulatorHandle {
  /** Responses answered after the start, served after the seeded ones (for the periodic-sync flow). */
  addResponses(count: number): void
  /** How many responses the simulator serves now. */
  total(): number
}

function laravel422(errors: Record<string, string[]>): SimResult {
  const messages = Object.values(errors).flat()
  const more = messages.length - 1
  return json(422, { message: `${messages[0] ?? 'The given data was invalid.'}${more > 0 ? ` (and ${more} more error${more === 1 ? '' : 's'})` : ''}`, errors })
}

const YMD = /^\d{4}-\d{2}-\d{2}$/
function ymdToMs(text: string): number | null {
  if (!YMD.test(text)) return null
  const ms = Date.parse(`${text}T00:00:00Z`)
  return Number.isNaN(ms) || !new Date(ms).toISOString().startsWith(text) ? null : ms
}

export async function startCustomerGaugeSimulator(opts: ProviderSimulatorOptions = {}): Promise<CustomerGaugeSimulatorHandle> {
  const seed = opts.seed ?? 'customergauge'
  const volume = Math.max(0, Math.floor(opts.volume ?? DEFAULT_VOLUME))
  const period = opts.anchor === undefined ? DATA_PERIOD : periodEndingAt(opts.anchor)
  let added = 0
  const total = (): number => volume + added
  // The sync's own request (every with[] block, no filter) served from rows rendered ahead.
  const ALL_WITH = new Set<string>(CG_WITH)
  const prerendered: PrerenderedRows | null = opts.prerender ? prerenderRows(volume, (i) => JSON.stringify(rowJson(makeRow(seed, i, volume, period), ALL_WITH))) : null

  function token(req: SimRequest): SimResult {
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | string[] | undefined>
    const field = (k: string): string | undefined => {
      const v = form[k]
      return Array.isArray(v) ? v[0] : v
    }
    const grant = field('grant_type')
    if (!grant) return json(400, { error: 'invalid_request', error_description: 'grant_type is required' })
    if (grant !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' })
    // client_secret_post (the document's form) or client_secret_basic.
    const basic = req.basic()
    const id = field('client_id') ?? basic?.username
    const secret = field('client_secret') ?? basic?.password
    if (id !== CG_SIM_CLIENT_ID || secret !== CG_SIM_CLIENT_SECRET) return json(400, { error: 'invalid_client' })
    const issued = sim.tokens.issue({ subject: id, ttlSeconds: TOKEN_TTL_SECONDS })
    return json(200, { access_token: issued.token, expires_in: issued.expiresIn, token_type: 'Bearer' }, { 'cache-control': 'no-store' })
  }

  function responses(req: SimRequest): SimResult {
    const q = req.query
    const errors: Record<string, string[]> = {}
    const perPageRaw = q.get('per_page')
    let perPage = DEFAULT_PER_PAGE
    if (perPageRaw !== null) {
      const n = /^\d+$/.test(perPageRaw.trim()) ? Number(perPageRaw) : NaN
      if (!Number.isInteger(n)) errors.per_page = ['The per page must be an integer.']
      else if (n < 1 || n > 1000) errors.per_page = ['The per page must be between 1 and 1000.']
      else perPage = n
    }
    const cursorRaw = q.get('cursor')
    let cursor = 0
    if (cursorRaw !== null && cursorRaw.trim() !== '') {
      if (!/^\d+$/.test(cursorRaw.trim())) errors.cursor = ['The cursor must be an integer.']
      else cursor = Number(cursorRaw)
    }
    if (q.has('with')) errors.with = ['The with must be an array.']
    const include = new Set<string>()
    q.getAll('with[]').forEach((w, i) => {
      if ((CG_WITH as readonly string[]).includes(w)) include.add(w)
      else errors[`with.${i}`] = [`The selected with.${i} is invalid.`]
    })
    const cgidRaw = q.get('number_customergauge')
    let cgid: number | null = null
    if (cgidRaw !== null && cgidRaw.trim() !== '') {
      if (!/^\d+$/.test(cgidRaw.trim())) errors.number_customergauge = ['The number customergauge must be a number.']
      else cgid = Number(cgidRaw)
    }
    const filterRef = q.get('filter')
    const filter = filterRef !== null && filterRef.trim() !== '' ? OUTBOUND_FILTERS[filterRef.trim()] : undefined
    if (filterRef !== null && filterRef.trim() !== '' && !filter) errors.filter = ['The selected filter is invalid.']
    const fieldRaw = q.get('period[field]')
    const field = (fieldRaw ?? 'date_creation') as DateField
    if (fieldRaw !== null && !(CG_PERIOD_FIELDS as readonly string[]).includes(fieldRaw)) errors['period.field'] = ['The selected period.field is invalid.']
    const startRaw = q.get('period[start]')
    const endRaw = q.get('period[end]')
    const startMs = startRaw !== null ? ymdToMs(startRaw.trim()) : null
    const endMs = endRaw !== null ? ymdToMs(endRaw.trim()) : null
    if (startRaw !== null && startMs === null) errors['period.start'] = ['The period.start does not match the format Y-m-d.']
    if (endRaw !== null && endMs === null) errors['period.end'] = ['The period.end does not match the format Y-m-d.']
    if (startMs !== null && endMs !== null && endMs < startMs) errors['period.end'] = ['The period.end must be a date after or equal to period.start.']
    if (Object.keys(errors).length > 0) return laravel422(errors)

    // Period bounds are whole days, end day included.
    const from = startMs ?? Number.NEGATIVE_INFINITY
    const to = endMs !== null ? endMs + 86_400_000 - 1 : Number.POSITIVE_INFINITY
    const periodOn = startMs !== null || endMs !== null
    const all = total()

    // Rows after the cursor (key = index + 1, so the next index is the cursor), narrowed by CGID or period.
    let candidates: Iterable<number>
    if (cgid !== null) {
      const i = indexOfCgid(cgid)
      candidates = i !== null && i >= cursor && i < all ? [i] : []
    } else {
      let lo = cursor
      let hi = volume
      if (periodOn) {
        const w = indexWindow(volume, field, Number.isFinite(from) ? from : -8.64e15, Number.isFinite(to) ? to : 8.64e15, period)
        lo = Math.max(lo, w.from)
        hi = Math.min(hi, w.to)
      }
      candidates = (function* () {
        for (let i = lo; i < hi; i++) yield i
        for (let i = Math.max(cursor, volume); i < all; i++) yield i
      })()
    }

    const ahead = prerendered !== null && cgid === null && !filter && !periodOn && include.size === ALL_WITH.size
    if (ahead && cursor < volume && (added === 0 || cursor + perPage <= volume)) {
      const hi = Math.min(volume, cursor + perPage)
      const rows = prerendered.slices(cursor, hi).flatMap((slice, k) => (k > 0 ? [Buffer.from(','), slice] : [slice]))
      return { status: 200, jsonBytes: Buffer.concat([Buffer.from('{"data":['), ...rows, Buffer.from(`],"cursor":{"next":${keyOf(hi - 1)}}}`)]) }
    }

    const data: Record<string, unknown>[] = []
    let lastKey: number | null = null
    for (const i of candidates) {
      if (filter && !filter.test(coreAttrs(seed, i))) continue
      const row = makeRow(seed, i, volume, period)
      if (periodOn) {
        const at = row.dates[field]
        if (at < from || at > to) continue
      }
      data.push(rowJson(row, include))
      lastKey = keyOf(i)
      if (data.length >= perPage) break
    }
    // An empty page hands back the cursor it was given, to be stored for the next periodic call.
    return json(200, { data, cursor: { next: lastKey ?? (cursorRaw !== null && cursorRaw.trim() !== '' ? cursor : null) } })
  }

  const routes: Route[] = [
    { method: 'POST', path: '/oauth2/token', public: true, handler: token },
    { method: 'GET', path: '/v7/rest/sync/responses', handler: responses }
  ]

  const sim = await startSimulator({
    name: 'customergauge',
    seed,
    routes,
    port: opts.port,
    faults: opts.faults,
    log: opts.log,
    guard: (req) => (sim.tokens.use(req.bearer()) === 'valid' ? undefined : json(401, { message: 'Unauthenticated.' })),
    notFound: (req, allowed) =>
      allowed.length > 0
        ? json(405, { message: `The ${req.method} method is not supported for route ${req.path.replace(/^\//, '')}. Supported methods: ${allowed.join(', ')}.` }, { allow: allowed.join(', ') })
        : json(404, { message: 'Not Found' }),
    onError: () => json(500, { message: 'Server Error' }),
    renderFault: (fault) => json(fault.status, { message: fault.kind === 'rate-limit' ? 'Too Many Attempts.' : 'Server Error' })
  })

  return {
    provider: 'customergauge',
    sim,
    baseUrl: sim.url,
    credentials: { secret: CG_SIM_CLIENT_SECRET, clientId: CG_SIM_CLIENT_ID, region: 'eu' },
    addResponses(count: number) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`addResponses: bad count ${count}`)
      added += count
    },
    total,
    close: () => sim.close()
  }
}
