import type { z } from 'zod'
import { AppError, zodIssuesToFieldErrors, type FieldError } from '../../../shared/errors'
import { PROVIDERS } from '../../../shared/providers'
import {
  createHttpClient,
  customerGaugeErrors,
  DEFAULT_RATE_LIMITS,
  noAuth,
  oauthClientCredentials,
  type ErrorMapper,
  type HttpClientOptions,
  type QueryValue
} from '../../http'
import { probeFailure, probeSuccess, type ProbeResult, type ProviderConnectionConfig } from '../types'
import { CgResponsesParams, type CgResponse, type CgResponsesPage } from './wire'
import { CG_RESPONSES_PAGE } from './wire-fast'

/**
 * Client of CustomerGauge's GET Responses API (customergauge-v7-sync-responses.txt): OAuth2 client
 * credentials against the region's auth host (token cached until shortly before it expires, one
 * re-authentication and retry on 401), then GET /v7/rest/sync/responses with cursor paging. A
 * connection's base URL override is one origin serving both /oauth2/token and the API.
 */

export interface CustomerGaugeClientDeps {
  httpOptions?: Partial<HttpClientOptions>
  /** Refresh this long before the token expires (default 60 s); tests shorten it. */
  tokenRefreshMarginMs?: number
}

export const CG_TOKEN_PATH = '/oauth2/token'
export const CG_RESPONSES_PATH = '/v7/rest/sync/responses'

/** One page of the sync, ready to checkpoint: store `cursor` with the items. */
export interface CgResponsesPageResult {
  items: CgResponse[]
  /** The cursor to send next time (the one CustomerGauge returned, or the one sent when it returned none). */
  cursor: number | null
  /** The cursor this page was asked with (null: from the beginning). */
  requestedCursor: number | null
  /** CustomerGauge's "previous" cursor, when it sends one. */
  previousCursor: number | null
  /** True on the empty page that ends the pass ("you're done when the data array is empty"). */
  done: boolean
  /** Each item's JSON exactly as CustomerGauge wrote it (items[k] parsed from itemTexts[k]); null if the body could not be split. */
  itemTexts: string[] | null
}

/**
 * customerGaugeErrors reads `message`; CustomerGauge's API is Laravel, whose 422 also lists the
 * rejected fields ({message, errors: {per_page: ["..."]}}): those become the error's details.
 */
export const customerGaugeErrorsWithFields: ErrorMapper = (res) => {
  const base = customerGaugeErrors(res)
  if (base.details.length > 0) return base
  const body = res.body as { errors?: unknown } | undefined
  const errors = body && typeof body === 'object' && body.errors && typeof body.errors === 'object' && !Array.isArray(body.errors) ? (body.errors as Record<string, unknown>) : null
  if (!errors) return base
  const details: FieldError[] = Object.entries(errors).map(([field, msgs]) => ({
    field,
    message: Array.isArray(msgs) ? msgs.map(String).join(' ') : String(msgs)
  }))
  return details.length > 0 ? new AppError(base.code, base.message, { details, retryable: base.retryable }) : base
}

function checkParams(params: CgResponsesParams): z.output<typeof CgResponsesParams> {
  const parsed = CgResponsesParams.safeParse(params)
  if (parsed.success) return parsed.data
  const details = zodIssuesToFieldErrors(parsed.error)
  const first = details[0]
  throw AppError.validation(details, `Survey Desk did not ask CustomerGauge for responses: ${first ? `${first.field || 'input'}: ${first.message}` : 'the request is not valid'}`)
}

/** The documented parameter names, written as the document writes them (with[]=..., period[start]=...). */
function toQuery(p: z.output<typeof CgResponsesParams>): Record<string, QueryValue> {
  return {
    per_page: p.per_page,
    cursor: p.cursor ?? undefined,
    'with[]': p.with && p.with.length > 0 ? [...new Set(p.with)] : undefined,
    number_customergauge: p.number_customergauge,
    filter: p.filter,
    'period[field]': p.period?.field,
    'period[start]': p.period?.start,
    'period[end]': p.period?.end
  }
}

export function createCustomerGaugeClient(config: ProviderConnectionConfig, deps: CustomerGaugeClientDeps = {}) {
  const clientId = config.settings.clientId?.trim()
  if (!clientId) throw AppError.validation([{ field: 'settings.clientId', message: 'Client id is required' }], 'CustomerGauge needs the client id of the Connected App.')
  if (!config.baseUrl && !config.region) throw AppError.validation([{ field: 'region', message: 'Region must be eu, us or au' }], 'CustomerGauge needs the region (eu, us or au).')
  const override = config.baseUrl?.replace(/\/+$/, '')
  const apiBase = override ?? PROVIDERS.customergauge.defaultBaseUrl.replace('{region}', config.region!)
  const authBase = override ?? `https://auth.${config.region!}.customergauge.com`
  const common: Partial<HttpClientOptions> = {
    provider: 'customergauge',
    mapError: customerGaugeErrorsWithFields,
    rateLimit: config.rateLimit ?? DEFAULT_RATE_LIMITS.customergauge,
    log: config.log
  }

  // The token endpoint sends no Authorization header; the secret goes in the form, and is redacted from this client's logs.
  const tokenHttp = createHttpClient({ ...common, baseUrl: authBase, auth: noAuth([config.secret]), ...deps.httpOptions } as HttpClientOptions)
  const auth = oauthClientCredentials({
    client: tokenHttp,
    tokenPath: CG_TOKEN_PATH,
    clientId,
    clientSecret: config.secret,
    refreshMarginMs: deps.tokenRefreshMarginMs
  })
  const http = createHttpClient({ ...common, baseUrl: apiBase, auth, ...deps.httpOptions } as HttpClientOptions)

  /** GET /v7/rest/sync/responses, with each item's own text. */
  async function getResponsesPage(params: CgResponsesParams, opts: { signal?: AbortSignal }): Promise<{ page: CgResponsesPage; itemTexts: string[] | null }> {
    const p = checkParams(params)
    const res = await http.request(
      { method: 'GET', path: CG_RESPONSES_PATH, query: toQuery(p), arrayFormat: 'brackets', signal: opts.signal, operation: `sync responses${p.cursor != null ? ` after cursor ${p.cursor}` : ''}`, itemsOf: 'data' },
      CG_RESPONSES_PAGE
    )
    const texts = res.itemTexts
    return { page: res.body, itemTexts: texts !== undefined && texts.length === res.body.data.length ? texts : null }
  }

  /** GET /v7/rest/sync/responses: one page (up to per_page, at most 1000) after `cursor`, oldest first. */
  async function getResponses(params: CgResponsesParams = {}, opts: { signal?: AbortSignal } = {}): Promise<CgResponsesPage> {
    return (await getResponsesPage(params, opts)).page
  }

  return {
    /**
     * POST /oauth2/token (grant_type=client_credentials): gets a fresh access token now. Requests do
     * this by themselves when needed; this is for checking the Connected App. The token never leaves the client.
     */
    async authenticate(opts: { signal?: AbortSignal } = {}): Promise<void> {
      auth.invalidate()
      await auth.headers(opts.signal)
    },

    getResponses,

    /**
     * Every page from `cursor` (or the beginning) until CustomerGauge answers an empty `data` array,
     * which is yielded too (with done: true) so its cursor can be stored for the next periodic call.
     * per_page defaults to 1000, the most the document allows.
     */
    async *listResponsesPages(params: CgResponsesParams = {}, opts: { signal?: AbortSignal } = {}): AsyncGenerator<CgResponsesPageResult> {
      const first = checkParams(params)
      let cursor: number | null = first.cursor ?? null
      const ask = (at: number | null): Promise<{ page: CgResponsesPage; itemTexts: string[] | null }> => {
        const asked = getResponsesPage({ ...params, per_page: params.per_page ?? 1000, cursor: at }, opts)
        // A page asked ahead and then not wanted (the caller stopped) must not fail unhandled; when
        // it is wanted, awaiting it below still throws its error.
        asked.catch(() => undefined)
        return asked
      }
      let asking = ask(cursor)
      for (;;) {
        const { page, itemTexts } = await asking
        const next = page.cursor.next
        const done = page.data.length === 0
        if (!done && (next === null || next === cursor)) {
          throw new AppError(
            'provider',
            `CustomerGauge sent ${page.data.length} responses without a new cursor (sync responses${cursor !== null ? ` after cursor ${cursor}` : ''}), so Survey Desk cannot ask for the next page; the pass stopped here.`,
            { details: [{ field: 'cursor.next', message: next === null ? 'missing' : 'same as the cursor sent' }] }
          )
        }
        // The next page is asked for before this one is handed over: CustomerGauge (or its
        // simulator) prepares it while the caller maps and stores this one, instead of each waiting
        // on the other (measured: a re-sync of 1M rows ran at the speed of that chain, ~11,600 rows/s).
        if (!done) asking = ask(next)
        yield { items: page.data, cursor: next ?? cursor, requestedCursor: cursor, previousCursor: page.cursor.previous, done, itemTexts }
        if (done) return
        cursor = next
      }
    },

    /** "Test connection": gets a token, then asks for one response. */
    async probe(): Promise<ProbeResult> {
      try {
        await getResponses({ per_page: 1 })
        return probeSuccess('customergauge', 'the Connected App got an access token and responses can be read')
      } catch (err) {
        return probeFailure('customergauge', err)
      }
    },

    async close(): Promise<void> {
      await Promise.all([http.close(), tokenHttp.close()])
    }
  }
}

export type CustomerGaugeClient = ReturnType<typeof createCustomerGaugeClient>
