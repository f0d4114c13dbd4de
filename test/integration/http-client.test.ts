import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '../../src/shared/errors'
import { basicAuth, customerSureAuth, feedbackApiAuth, noAuth, oauthClientCredentials } from '../../src/main/http/auth'
import { customerGaugeErrors, customerSureErrors, feedbackApiErrors, nicereplyErrors } from '../../src/main/http/error-mappers'
import { createHttpClient, DEFAULT_USER_AGENT } from '../../src/main/http/http-client'
import { RequestCancelledError } from '../../src/main/http/network-errors'
import { sleep as realSleep } from '../../src/main/http/sleep'
import type { AuthStrategy, HttpClient, HttpClientOptions } from '../../src/main/http/types'
import { startTestServer, type TestServer } from '../support/http-test-server'

const SECRET = 'cs-secret-token-1234567890'

let server: TestServer
const clients: HttpClient[] = []

beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await server.close()
})

/** A client whose backoff/Retry-After waits are recorded instead of slept. */
function makeClient(overrides: Partial<HttpClientOptions> = {}): { client: HttpClient; delays: number[]; lines: string[] } {
  const delays: number[] = []
  const lines: string[] = []
  const client = createHttpClient({
    provider: 'customersure',
    baseUrl: server.url,
    auth: customerSureAuth(SECRET),
    mapError: customerSureErrors,
    rateLimit: { perSecond: 1000, burst: 1000 },
    retry: { baseDelayMs: 100, maxDelayMs: 1000 },
    sleep: async (ms, signal) => {
      delays.push(ms)
      if (signal?.aborted) throw signal.reason
    },
    log: (line) => lines.push(line),
    ...overrides
  })
  clients.push(client)
  return { client, delays, lines }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(AppError)
    return err as AppError
  }
  throw new Error('expected the request to fail')
}

describe('retries (undici retry interceptor + our callback)', () => {
  it('retries a GET on 503 and then succeeds, with backoff delays within the full-jitter bounds', async () => {
    server.script('/sites', { status: 503 }, { status: 503 }, { body: { ok: true } })
    const { client, delays, lines } = makeClient()
    const res = await client.request({ method: 'GET', path: '/sites', operation: 'list sites' })
    expect(res.body).toEqual({ ok: true })
    expect(server.requestsTo('/sites')).toHaveLength(3)
    expect(delays).toHaveLength(2)
    expect(delays[0]).toBeGreaterThanOrEqual(0)
    expect(delays[0]).toBeLessThanOrEqual(100) // base * 2^0
    expect(delays[1]).toBeLessThanOrEqual(200) // base * 2^1
    expect(lines.some((l) => l.includes('GET /sites -> 503'))).toBe(true)
    expect(lines.some((l) => l.includes('retry 1 of'))).toBe(true)
  })

  it('honours Retry-After in seconds', async () => {
    server.script('/sites', { status: 429, headers: { 'retry-after': '2' } }, { body: [] })
    const { client, delays } = makeClient()
    await client.request({ method: 'GET', path: '/sites' })
    expect(delays).toHaveLength(1)
    expect(delays[0]).toBeGreaterThanOrEqual(2000)
    expect(delays[0]).toBeLessThan(2000 + 1000)
  })

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 4000).toUTCString() // one-second resolution: at least 3 s away
    server.script('/sites', { status: 503, headers: { 'retry-after': at } }, { body: [] })
    const { client, delays } = makeClient()
    await client.request({ method: 'GET', path: '/sites' })
    expect(delays[0]).toBeGreaterThanOrEqual(3000 - 50)
    expect(delays[0]).toBeLessThan(4000 + 1000)
  })

  it('honours Retry-After in full even above maxDelayMs (undici would cap it at maxTimeout)', async () => {
    server.script('/sites', { status: 429, headers: { 'retry-after': '10' } }, { body: [] })
    const { client, delays } = makeClient({ retry: { baseDelayMs: 100, maxDelayMs: 1000 } })
    await client.request({ method: 'GET', path: '/sites' })
    expect(delays[0]).toBeGreaterThanOrEqual(10_000)
  })

  it('gives up at once when Retry-After exceeds maxRetryAfterMs, with the wait in words', async () => {
    server.script('/sites', { status: 429, headers: { 'retry-after': '600' }, body: { message: 'Slow down' } })
    const { client, delays } = makeClient({ retry: { maxRetryAfterMs: 60_000 } })
    const err = await rejection(client.request({ method: 'GET', path: '/sites', operation: 'list sites' }))
    expect(err.code).toBe('rate_limited')
    expect(err.retryable).toBe(true)
    expect(err.message).toContain('CustomerSure')
    expect(err.message).toContain('10 minutes')
    expect(err.message).toContain('list sites')
    expect(delays).toHaveLength(0)
    expect(server.requestsTo('/sites')).toHaveLength(1)
  })

  it('stops after maxRetries and maps the last answer (its body included)', async () => {
    server.script('/sites', ...Array.from({ length: 3 }, () => ({ status: 502, body: { message: 'Bad gateway' } })))
    const { client } = makeClient({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } })
    const err = await rejection(client.request({ method: 'GET', path: '/sites' }))
    expect(server.requestsTo('/sites')).toHaveLength(3)
    expect(err.code).toBe('provider')
    expect(err.retryable).toBe(true)
    expect(err.message).toContain('Bad gateway')
  })

  it('retries a GET whose connection was dropped', async () => {
    server.script('/sites', { destroy: true }, { body: { ok: 1 } })
    const { client, delays, lines } = makeClient()
    const res = await client.request({ method: 'GET', path: '/sites' })
    expect(res.body).toEqual({ ok: 1 })
    expect(server.requestsTo('/sites')).toHaveLength(2)
    expect(delays).toHaveLength(1)
    expect(lines.some((l) => /retry 1 of \d+ in \d+ ms \((ECONNRESET|UND_ERR_SOCKET)\)/.test(l))).toBe(true)
  })

  it('never retries a POST: one request on 503 and one on a dropped connection', async () => {
    server.script('/feedback_requests', { status: 503 }, { body: {} })
    const { client, delays } = makeClient()
    const err = await rejection(client.request({ method: 'POST', path: '/feedback_requests', json: { email: 'a@b.c' }, operation: 'send a feedback request' }))
    expect(err.code).toBe('provider')
    expect(server.requestsTo('/feedback_requests')).toHaveLength(1)

    server.script('/send', { destroy: true }, { body: {} })
    const dropped = await rejection(client.request({ method: 'POST', path: '/send', json: {} }))
    expect(dropped.code).toBe('network')
    expect(dropped.message).toMatch(/^Could not reach CustomerSure/)
    expect(server.requestsTo('/send')).toHaveLength(1)
    expect(delays).toHaveLength(0)
  })

  it('never retries a PATCH', async () => {
    server.script('/sites/1', { status: 500 }, { body: {} })
    const { client } = makeClient()
    await rejection(client.request({ method: 'PATCH', path: '/sites/1', json: { name: 'x' } }))
    expect(server.requestsTo('/sites/1')).toHaveLength(1)
  })

  it('retries a POST marked idempotent, resending the same body', async () => {
    server.script('/rating_question', { status: 503 }, { body: { id: 1 } })
    const { client } = makeClient()
    await client.request({ method: 'POST', path: '/rating_question', json: { q: 1 }, idempotent: true })
    const seen = server.requestsTo('/rating_question')
    expect(seen).toHaveLength(2)
    expect(seen.map((r) => r.body)).toEqual(['{"q":1}', '{"q":1}'])
  })

  it('does not retry a 4xx', async () => {
    server.script('/sites/9', { status: 404, body: { message: 'Not found' } }, { body: {} })
    const { client } = makeClient()
    const err = await rejection(client.request({ method: 'GET', path: '/sites/9', operation: 'show site 9' }))
    expect(err.code).toBe('not_found')
    expect(server.requestsTo('/sites/9')).toHaveLength(1)
  })
})

describe('rate limiting on the wire', () => {
  it('spaces every attempt, retries included, by the rate limit', async () => {
    server.script('/sites', { status: 503 }, { status: 503 }, { body: [] })
    const { client } = makeClient({ rateLimit: { perSecond: 20, burst: 1 }, retry: { baseDelayMs: 1, maxDelayMs: 1 }, sleep: realSleep })
    await client.request({ method: 'GET', path: '/sites' })
    const at = server.requestsTo('/sites').map((r) => r.at)
    expect(at).toHaveLength(3)
    // 20/s with no burst: at least 50 ms between attempts (a little slack for delivery jitter).
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(40)
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(40)
  })
})

describe('redirects', () => {
  it('follows a 301', async () => {
    server.script('/old', { status: 301, headers: { location: '/new' } })
    server.script('/new', { body: { here: true } })
    const { client } = makeClient()
    const res = await client.request({ method: 'GET', path: '/old' })
    expect(res.body).toEqual({ here: true })
    expect(res.url).toBe(`${server.url}/new`)
  })

  it('follows a 307 keeping the method and the body', async () => {
    server.script('/feedback_requests', { status: 307, headers: { location: '/v2/feedback_requests' } })
    server.script('/v2/feedback_requests', { status: 201, body: { id: 7 } })
    const { client } = makeClient()
    const res = await client.request({ method: 'POST', path: '/feedback_requests', json: { email: 'a@b.c' } })
    expect(res.status).toBe(201)
    const [moved] = server.requestsTo('/v2/feedback_requests')
    expect(moved?.method).toBe('POST')
    expect(moved?.body).toBe('{"email":"a@b.c"}')
    expect(moved?.headers['content-type']).toBe('application/json')
  })
})

describe('401 and re-authentication', () => {
  function rotatingAuth(): AuthStrategy & { refreshes: number } {
    let n = 1
    const auth = {
      refreshes: 0,
      headers: async () => ({ authorization: `Bearer token-${n}` }),
      onUnauthorized: () => {
        auth.refreshes++
        n++
        return true
      },
      secrets: () => [`token-${n}`]
    }
    return auth
  }

  it('retries once with fresh credentials after onUnauthorized', async () => {
    server.script('/v7/rest/sync/responses', { status: 401, body: { message: 'Unauthenticated.' } }, { body: { data: [] } })
    const auth = rotatingAuth()
    const { client } = makeClient({ provider: 'customergauge', auth, mapError: customerGaugeErrors })
    const res = await client.request({ method: 'GET', path: '/v7/rest/sync/responses' })
    expect(res.body).toEqual({ data: [] })
    expect(server.requestsTo('/v7/rest/sync/responses').map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2'])
    expect(auth.refreshes).toBe(1)
  })

  it('a second 401 becomes AppError unauthorized (only one re-authentication)', async () => {
    const unauth = { status: 401, body: { message: 'Unauthenticated.' } }
    server.script('/v7/rest/sync/responses', unauth, unauth, unauth)
    const auth = rotatingAuth()
    const { client } = makeClient({ provider: 'customergauge', auth, mapError: customerGaugeErrors })
    const err = await rejection(client.request({ method: 'GET', path: '/v7/rest/sync/responses', operation: 'sync responses' }))
    expect(err.code).toBe('unauthorized')
    expect(err.retryable).toBe(false)
    expect(err.message).toContain('CustomerGauge')
    expect(server.requestsTo('/v7/rest/sync/responses')).toHaveLength(2)
    expect(auth.refreshes).toBe(1)
  })

  it('OAuth client credentials: token fetched once, shared by concurrent requests, refreshed after a 401', async () => {
    let issued = 0
    const tokenReply = (): { body: object } => ({ body: { access_token: `at-${++issued}`, token_type: 'Bearer', expires_in: 3600 } })
    server.script('/oauth2/token', tokenReply, tokenReply)
    server.script('/v7/rest/sync/responses', { body: { data: [1] } }, { body: { data: [2] } }, { status: 401, body: { message: 'Unauthenticated.' } }, { body: { data: [3] } })
    const tokenClient = makeClient({ provider: 'customergauge', auth: noAuth(['cg-client-secret']), mapError: customerGaugeErrors }).client
    const auth = oauthClientCredentials({ client: tokenClient, tokenPath: '/oauth2/token', clientId: 'cid', clientSecret: 'cg-client-secret' })
    const { client } = makeClient({ provider: 'customergauge', auth, mapError: customerGaugeErrors })

    await Promise.all([client.request({ method: 'GET', path: '/v7/rest/sync/responses' }), client.request({ method: 'GET', path: '/v7/rest/sync/responses' })])
    const tokenRequests = server.requestsTo('/oauth2/token')
    expect(tokenRequests).toHaveLength(1)
    expect(tokenRequests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(tokenRequests[0]?.body))).toEqual({ grant_type: 'client_credentials', client_id: 'cid', client_secret: 'cg-client-secret' })
    expect(tokenRequests[0]?.headers.authorization).toBeUndefined()

    const third = await client.request({ method: 'GET', path: '/v7/rest/sync/responses' })
    expect(third.body).toEqual({ data: [3] })
    expect(server.requestsTo('/oauth2/token')).toHaveLength(2)
    expect(server.requestsTo('/v7/rest/sync/responses').map((r) => r.headers.authorization)).toEqual(['Bearer at-1', 'Bearer at-1', 'Bearer at-1', 'Bearer at-2'])
  })

  it('OAuth: rejected client credentials become unauthorized, naming the provider, without the secret', async () => {
    server.script('/oauth2/token', { status: 400, body: { error: 'invalid_client', error_description: 'Client authentication failed for cg-client-secret' } })
    const tokenClient = makeClient({ provider: 'customergauge', auth: noAuth(['cg-client-secret']), mapError: customerGaugeErrors }).client
    const auth = oauthClientCredentials({ client: tokenClient, tokenPath: '/oauth2/token', clientId: 'cid', clientSecret: 'cg-client-secret' })
    const { client } = makeClient({ provider: 'customergauge', auth, mapError: customerGaugeErrors })
    const err = await rejection(client.request({ method: 'GET', path: '/v7/rest/sync/responses' }))
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('CustomerGauge')
    expect(err.message).not.toContain('cg-client-secret')
    expect(server.requestsTo('/v7/rest/sync/responses')).toHaveLength(0)
  })
})

describe('cancellation', () => {
  it('an abort while waiting for the answer rejects promptly with RequestCancelledError', async () => {
    const ac = new AbortController()
    server.script('/slow', () => {
      ac.abort()
      return { delayMs: 5000, body: {} }
    })
    const { client } = makeClient()
    const started = Date.now()
    const err = await rejection(client.request({ method: 'GET', path: '/slow', signal: ac.signal }))
    expect(err).toBeInstanceOf(RequestCancelledError)
    expect(err.code).toBe('network')
    expect(err.retryable).toBe(false)
    expect(err.message).toMatch(/^Cancelled/)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('an abort during a Retry-After wait (after a 503) ends the wait at once', async () => {
    const ac = new AbortController()
    server.script('/sites', { status: 503, headers: { 'retry-after': '60' } }, { body: {} })
    const { client } = makeClient({
      sleep: (ms, signal) => {
        queueMicrotask(() => ac.abort())
        return realSleep(ms, signal)
      }
    })
    const started = Date.now()
    const err = await rejection(client.request({ method: 'GET', path: '/sites', signal: ac.signal }))
    expect(err).toBeInstanceOf(RequestCancelledError)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(server.requestsTo('/sites')).toHaveLength(1)
  })

  it('an abort during the backoff after a dropped connection ends the wait at once', async () => {
    const ac = new AbortController()
    server.script('/sites', { destroy: true }, { body: {} })
    const { client } = makeClient({
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      sleep: (ms, signal) => {
        queueMicrotask(() => ac.abort())
        return realSleep(ms, signal)
      }
    })
    const started = Date.now()
    const err = await rejection(client.request({ method: 'GET', path: '/sites', signal: ac.signal }))
    expect(err).toBeInstanceOf(RequestCancelledError)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('an already-aborted signal sends nothing', async () => {
    const ac = new AbortController()
    ac.abort()
    const { client } = makeClient()
    const err = await rejection(client.request({ method: 'GET', path: '/sites', signal: ac.signal }))
    expect(err).toBeInstanceOf(RequestCancelledError)
    expect(server.requests).toHaveLength(0)
  })

  it('an abort while queued behind the rate limiter rejects without sending', async () => {
    server.script('/a', { body: {} })
    const ac = new AbortController()
    const { client } = makeClient({ rateLimit: { perSecond: 0.1, burst: 1 }, sleep: realSleep })
    await client.request({ method: 'GET', path: '/a' })
    const queued = client.request({ method: 'GET', path: '/b', signal: ac.signal })
    ac.abort()
    const err = await rejection(queued)
    expect(err).toBeInstanceOf(RequestCancelledError)
    expect(server.requestsTo('/b')).toHaveLength(0)
  })
})

describe('requests and answers', () => {
  it('writes the query, headers and JSON body as described', async () => {
    server.script('/v7/rest/sync/responses', { body: {} })
    const { client } = makeClient({ defaultHeaders: { Accept: 'application/vnd.customersure.v1+json' } })
    await client.request({
      method: 'GET',
      path: '/v7/rest/sync/responses',
      query: { per_page: 100, cursor: undefined, filter: null, 'with[]': ['tags', 'questions'], 'period[field]': 'date_creation' },
      headers: { 'X-Extra': 'yes' }
    })
    const [seen] = server.requests
    expect(seen?.url).toBe('/v7/rest/sync/responses?per_page=100&with%5B%5D=tags&with%5B%5D=questions&period%5Bfield%5D=date_creation')
    expect(seen?.headers.accept).toBe('application/vnd.customersure.v1+json')
    expect(seen?.headers['user-agent']).toBe(DEFAULT_USER_AGENT)
    expect(DEFAULT_USER_AGENT).toMatch(/^SurveyDesk\/\d+\.\d+\.\d+/)
    expect(seen?.headers.authorization).toBe(`Token token="${SECRET}"`)
    expect(seen?.headers['x-extra']).toBe('yes')
  })

  it('sends the configured User-Agent (CustomerSure wants the company name) and a form body', async () => {
    server.script('/form', { body: {} })
    const { client } = makeClient({ userAgent: 'Acme Ltd' })
    await client.request({ method: 'POST', path: '/form', form: { a: '1 2', b: 'x&y' } })
    const [seen] = server.requests
    expect(seen?.headers['user-agent']).toBe('Acme Ltd')
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(seen?.body).toBe('a=1+2&b=x%26y')
  })

  it('appends paths to a base URL that has a path of its own', async () => {
    server.script('/survey/1.0.0/surveys', { body: [] })
    const { client } = makeClient({ baseUrl: `${server.url}/survey/1.0.0` })
    await client.request({ method: 'GET', path: '/surveys' })
    expect(server.requestsTo('/survey/1.0.0/surveys')).toHaveLength(1)
  })

  it('reads 204 as undefined and JSON without a JSON content type as JSON', async () => {
    server.script('/sites/1', { status: 204 })
    server.script('/plain', { headers: { 'content-type': 'text/plain' }, body: '{"a":1}' })
    const { client } = makeClient()
    expect((await client.request({ method: 'DELETE', path: '/sites/1' })).body).toBeUndefined()
    expect((await client.request({ method: 'GET', path: '/plain' })).body).toEqual({ a: 1 })
  })

  it('a body that fails the schema is a provider error naming the operation and the field', async () => {
    server.script('/response_rate', { body: { response_rate_percent: 'fifty' } })
    const { client } = makeClient()
    const schema = z.object({ response_rate_percent: z.number() })
    const err = await rejection(client.request({ method: 'GET', path: '/response_rate', operation: 'read the response rate' }, schema))
    expect(err.code).toBe('provider')
    expect(err.message).toMatch(/^CustomerSure sent an answer Survey Desk could not read \(read the response rate\): response_rate_percent: /)
    expect(err.details[0]?.field).toBe('response_rate_percent')
  })

  it('parses a valid body with the schema', async () => {
    server.script('/response_rate', { body: { response_rate_percent: 50 } })
    const { client } = makeClient()
    const res = await client.request({ method: 'GET', path: '/response_rate' }, z.object({ response_rate_percent: z.number() }))
    expect(res.body.response_rate_percent).toBe(50)
  })

  it('itemsOf: each element of the array comes back as written, the body as JSON.parse reads it, the text whole', async () => {
    const text = '{"data":[{"comment":"Centre d’appels"} , {"comment":"très bien"},3],"cursor":{"next":7}}'
    server.script('/responses', { headers: { 'content-type': 'application/json' }, body: text }, { status: 422, body: { message: 'The per page must not be greater than 1000.' } })
    const { client } = makeClient()
    const res = await client.request({ method: 'GET', path: '/responses', itemsOf: 'data' })
    expect(res.itemTexts).toEqual(['{"comment":"Centre d’appels"}', '{"comment":"très bien"}', '3'])
    expect(res.body).toEqual(JSON.parse(text))
    expect(res.text).toBe(text)
    // An error answer is not split: it is mapped as any other.
    const err = await rejection(client.request({ method: 'GET', path: '/responses', itemsOf: 'data' }))
    expect(err.code).toBe('validation')
  })

  it('a FastSchema: its fast reader answers when it can; when it declines, the schema reads the body and words the error', async () => {
    const schema = z.object({ n: z.number() })
    const seen: unknown[] = []
    const fast = { schema, fastRead: (body: unknown) => (seen.push(body), typeof (body as { n?: unknown }).n === 'number' ? { n: 1000 } : null) }
    server.script('/n', { body: { n: 1 } }, { body: { n: 'one' } })
    const { client } = makeClient()
    // 1000, not 1: the fast reader's answer was taken.
    expect((await client.request({ method: 'GET', path: '/n' }, fast)).body).toEqual({ n: 1000 })
    const err = await rejection(client.request({ method: 'GET', path: '/n', operation: 'read n' }, fast))
    expect(seen).toEqual([{ n: 1 }, { n: 'one' }])
    expect(err.code).toBe('provider')
    expect(err.message).toMatch(/^CustomerSure sent an answer Survey Desk could not read \(read n\): n: /)
  })

  it('maps a CustomerSure 422 to a validation error with field details', async () => {
    server.script('/feedback_requests/33', {
      status: 422,
      body: { message: 'Validation error', errors: [{ resource: '/feedback_requests/33', field: 'state', error: 'invalid_value', extra_info: { allowed_values: ['sent', 'pending', 'not_sent'] } }] }
    })
    const { client } = makeClient()
    const err = await rejection(client.request({ method: 'PATCH', path: '/feedback_requests/33', json: { state: 'x' }, operation: 'update feedback request 33' }))
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([{ field: 'state', message: 'must be one of sent, pending or not_sent' }])
    expect(err.message).toContain('update feedback request 33')
  })

  it('a refused connection is a retryable network error', async () => {
    const closed = await startTestServer()
    const url = closed.url
    await closed.close()
    const { client } = makeClient({ baseUrl: url, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } })
    const err = await rejection(client.request({ method: 'GET', path: '/sites', operation: 'list sites' }))
    expect(err.code).toBe('network')
    expect(err.retryable).toBe(true)
    expect(err.message).toBe('Could not reach CustomerSure (list sites): the connection was refused (is the address right, and is the service up?).')
  })

  it('a headers timeout is a network error saying how long it waited', async () => {
    server.script('/slow', { delayMs: 3000, body: {} })
    const { client } = makeClient({ timeouts: { headersMs: 200 } })
    const err = await rejection(client.request({ method: 'POST', path: '/slow', json: {} }))
    expect(err.code).toBe('network')
    expect(err.message).toContain('no answer came within 1 second')
  })
})

describe('redaction', () => {
  it('a secret echoed by the server (raw and base64 Basic) never reaches error messages or log lines', async () => {
    const key = 'fa-live-key-abcdef123456'
    const echo = (r: { headers: Record<string, unknown> }): { status: number; body: object } => ({
      status: 400,
      body: { error: { type: 'invalid_request_error', message: `Bad credentials ${String(r.headers.authorization)} for ${key}`, param: key } }
    })
    server.script('/customers', echo)
    const { client, lines } = makeClient({ provider: 'feedbackapi', auth: feedbackApiAuth(key), mapError: feedbackApiErrors })
    const err = await rejection(client.request({ method: 'POST', path: '/customers', json: { email: 'a@b.c' }, query: { probe: key } }))
    const basic = Buffer.from(`${key}:`).toString('base64')
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${basic}`)
    const everything = JSON.stringify([err.message, err.details, lines])
    expect(everything).toContain('[redacted]')
    expect(everything).not.toContain(key)
    expect(everything).not.toContain(basic)
    expect(everything).not.toContain(basic.replace(/=+$/, ''))
    expect(lines.length).toBeGreaterThan(0)
  })

  it('Nicereply-style Basic (blank username) is redacted in its base64 form too', async () => {
    const key = 'nr-private-key-998877'
    server.script('/v1/surveys', (r) => ({ status: 401, body: { errors: [`Wrong basic authentication: ${String(r.headers.authorization)}`] } }))
    const { client, lines } = makeClient({ provider: 'nicereply', auth: basicAuth('', key), mapError: nicereplyErrors })
    const err = await rejection(client.request({ method: 'GET', path: '/v1/surveys' }))
    const basic = Buffer.from(`:${key}`).toString('base64')
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${basic}`)
    expect(JSON.stringify([err.message, err.details, lines])).not.toContain(basic)
  })

  it('never logs request headers', async () => {
    server.script('/sites', { body: [] })
    const { client, lines } = makeClient()
    await client.request({ method: 'GET', path: '/sites' })
    expect(lines.join('\n')).not.toMatch(/authorization|cookie|Token token/i)
  })
})

describe('an answer cut off halfway', () => {
  it('is a retryable network error, not a half-read body', async () => {
    const { createServer } = await import('node:http')
    const cut = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"data": [')
      setImmediate(() => res.socket?.destroy())
    })
    await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve))
    const port = (cut.address() as { port: number }).port
    try {
      const { client } = makeClient({ baseUrl: `http://127.0.0.1:${port}`, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } })
      const err = await rejection(client.request({ method: 'GET', path: '/v1/ratings', operation: 'list ratings' }))
      expect(err.code).toBe('network')
      expect(err.retryable).toBe(true)
      expect(err.message).toMatch(/^Could not reach CustomerSure \(list ratings\): the connection was dropped/)
    } finally {
      cut.closeAllConnections()
      await new Promise<void>((resolve) => cut.close(() => resolve()))
    }
  })
})
