import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Response } from '../../../src/shared/domain/model'
import { secretForms } from '../../../src/main/http'
import {
  createCustomerGaugeClient,
  mapResponse,
  OUTBOUND_FILTERS,
  startCustomerGaugeSimulator,
  type CgResponse,
  type CgResponsesParams,
  type CustomerGaugeClient,
  type CustomerGaugeSimulatorHandle
} from '../../../src/main/providers/customergauge'
import { createProviderTestRecorder } from '../../support/provider-test-kit'

const rec = createProviderTestRecorder()
const { logLines, failure } = rec
const seenErrors = rec.errors
const delays = rec.waits
const WRONG_SECRET = 'cg-wrong-secret-77aa88bb99cc'
const VOLUME = 5000
const PATH = '/v7/rest/sync/responses'

let handle: CustomerGaugeSimulatorHandle
const clients: CustomerGaugeClient[] = []

function client(opts: { secret?: string; clientId?: string; baseUrl?: string } = {}): CustomerGaugeClient {
  const c = createCustomerGaugeClient(
    {
      id: 'cg-test',
      baseUrl: opts.baseUrl ?? handle.baseUrl,
      region: 'eu',
      settings: { clientId: opts.clientId ?? handle.credentials.clientId },
      secret: opts.secret ?? handle.credentials.secret,
      log: rec.log
    },
    { httpOptions: rec.httpOptions({}, { realWaitCapMs: 5 }) }
  )
  clients.push(c)
  return c
}


/** A whole pass: every row, the pages, and the final cursor. */
async function pass(c: CustomerGaugeClient, params: CgResponsesParams = {}): Promise<{ rows: CgResponse[]; pages: number; cursor: number | null }> {
  const rows: CgResponse[] = []
  let pages = 0
  let cursor: number | null = null
  for await (const page of c.listResponsesPages(params)) {
    pages++
    rows.push(...page.items)
    cursor = page.cursor
  }
  return { rows, pages, cursor }
}

const tokenRequests = (): number => handle.sim.requests.count({ method: 'POST', path: '/oauth2/token' })

beforeAll(async () => {
  handle = await startCustomerGaugeSimulator({ seed: 11, volume: VOLUME, log: (line) => logLines.push(line) })
})
afterEach(() => {
  handle.sim.faults.reset()
  delays.length = 0
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await handle.close()
})

describe('CustomerGauge client against its simulator', () => {
  it('authenticate: a form POST of client credentials to /oauth2/token, then the token is cached', async () => {
    const c = client()
    const before = tokenRequests()
    await c.authenticate()
    const sent = handle.sim.requests.last()!
    expect(sent.path).toBe('/oauth2/token')
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(sent.body).toEqual({ grant_type: 'client_credentials', client_id: handle.credentials.clientId, client_secret: '[redacted]' })
    await c.getResponses({ per_page: 1 })
    await c.getResponses({ per_page: 1 })
    expect(tokenRequests()).toBe(before + 1)
    expect(handle.sim.requests.last()!.headers.authorization).toBe('Bearer')
  })

  it('getResponses: per_page and cursor are honoured, oldest first, with the base set only', async () => {
    const c = client()
    const first = await c.getResponses({ per_page: 25 })
    expect(first.data).toHaveLength(25)
    expect(first.cursor.next).toBe(25)
    expect(first.data[0]).not.toHaveProperty('tags')
    expect(first.data[0]).not.toHaveProperty('properties')
    const second = await c.getResponses({ per_page: 25, cursor: first.cursor.next })
    expect(second.data[0]!.number_customergauge).toBeGreaterThan(first.data[24]!.number_customergauge)
    for (const r of [...first.data, ...second.data]) Response.parse(mapResponse(r))
    expect(handle.sim.requests.last()!.query).toBe('per_page=25&cursor=25')
  })

  it('getResponses with[]: drivers, tags, questions and properties come only when asked', async () => {
    const c = client()
    const page = await c.getResponses({ per_page: 200, with: ['selected_drivers', 'tags', 'questions', 'properties'] })
    expect(new URLSearchParams(handle.sim.requests.last()!.query).getAll('with[]')).toEqual(['selected_drivers', 'tags', 'questions', 'properties'])
    const mapped = page.data.map((r) => Response.parse(mapResponse(r)))
    expect(mapped.every((r) => r.properties.Country !== undefined)).toBe(true)
    expect(mapped.some((r) => r.drivers.length > 0)).toBe(true)
    expect(mapped.some((r) => r.tags.length > 0)).toBe(true)
    expect(mapped.some((r) => r.answers.length > 0)).toBe(true)
    expect(new Set(mapped.map((r) => r.language)).size).toBeGreaterThan(2)
    const onlyTags = await c.getResponses({ per_page: 5, with: ['tags'] })
    expect(onlyTags.data[0]).toHaveProperty('tags')
    expect(onlyTags.data[0]).not.toHaveProperty('questions')
  })

  it('listResponsesPages: a full pass over 5,000 responses yields each exactly once, then the empty page', async () => {
    const c = client()
    const { rows, pages, cursor } = await pass(c, { per_page: 1000 })
    expect(rows).toHaveLength(VOLUME)
    expect(new Set(rows.map((r) => r.number_customergauge)).size).toBe(VOLUME)
    expect(pages).toBe(6)
    expect(cursor).toBe(VOLUME)
    const ids = rows.map((r) => r.number_customergauge)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
  })

  it('listResponsesPages: the stored cursor picks up only the responses that arrived since (periodic sync)', async () => {
    const own = await startCustomerGaugeSimulator({ seed: 5, volume: 30 })
    try {
      const c = client({ baseUrl: own.baseUrl })
      const initial = await pass(c, { per_page: 1000 })
      expect(initial.rows).toHaveLength(30)
      own.addResponses(7)
      const later = await pass(c, { per_page: 1000, cursor: initial.cursor })
      expect(later.rows).toHaveLength(7)
      expect(later.rows.every((r) => !initial.rows.some((i) => i.number_customergauge === r.number_customergauge))).toBe(true)
      for (const r of later.rows) Response.parse(mapResponse(r))
      const quiet = await pass(c, { cursor: later.cursor })
      expect(quiet).toMatchObject({ rows: [], pages: 1, cursor: later.cursor })
    } finally {
      await own.close()
    }
  })

  it('number_customergauge: only that response', async () => {
    const c = client()
    const target = (await c.getResponses({ per_page: 5, cursor: 300 })).data[2]!
    const page = await c.getResponses({ number_customergauge: target.number_customergauge })
    expect(page.data).toHaveLength(1)
    expect(page.data[0]!.number_customergauge).toBe(target.number_customergauge)
    expect((await c.getResponses({ number_customergauge: target.number_customergauge, cursor: page.cursor.next })).data).toEqual([])
  })

  it('filter: the Outbound filter is applied by the simulator', async () => {
    const c = client()
    const nl = Object.entries(OUTBOUND_FILTERS).find(([, f]) => f.label === 'Country is NL')![0]
    const { rows } = await pass(c, { filter: nl, with: ['properties'], per_page: 1000 })
    expect(rows.length).toBeGreaterThan(VOLUME * 0.2)
    expect(rows.length).toBeLessThan(VOLUME * 0.4)
    expect(rows.every((r) => r.properties!.find((p) => p.field === 'Country')!.reference === 'NL')).toBe(true)
  })

  it('period[field], period[start], period[end]: only responses dated inside, end day included', async () => {
    const c = client()
    const all = await pass(c, { per_page: 1000 })
    const inside = (r: CgResponse): boolean => {
      const day = String(r.date_survey_response).slice(0, 10)
      return day >= '2024-03-01' && day <= '2024-03-10'
    }
    const expected = all.rows.filter(inside).map((r) => r.number_customergauge)
    expect(expected.length).toBeGreaterThan(10)
    const { rows } = await pass(c, { per_page: 17, period: { field: 'date_survey_response', start: '2024-03-01', end: new Date(Date.UTC(2024, 2, 10)) } })
    expect(rows.map((r) => r.number_customergauge)).toEqual(expected)
    const q = new URLSearchParams(handle.sim.requests.last()!.query)
    expect([q.get('period[field]'), q.get('period[start]'), q.get('period[end]')]).toEqual(['date_survey_response', '2024-03-01', '2024-03-10'])
  })

  it('probe: works with the right credentials', async () => {
    expect(await client().probe()).toMatchObject({ outcome: 'works' })
  })
})

describe('CustomerGauge tokens', () => {
  it('a token expiring mid-pagination is renewed once per 401, without losing or repeating a row', async () => {
    const c = client()
    const tokensBefore = tokenRequests()
    handle.sim.faults.set({ tokenExpiryAfter: 3 })
    const { rows, pages } = await pass(c, { per_page: 250 })
    expect(pages).toBe(21)
    expect(rows).toHaveLength(VOLUME)
    expect(new Set(rows.map((r) => r.number_customergauge)).size).toBe(VOLUME)
    expect(handle.sim.requests.count({ path: PATH, status: 401 })).toBeGreaterThanOrEqual(6)
    expect(tokenRequests() - tokensBefore).toBeGreaterThanOrEqual(7)
    expect(logLines.some((l) => l.includes('re-authenticating once'))).toBe(true)
  })

  it('wrong client secret or client id: credentials rejected, nothing else tried', async () => {
    const bad = client({ secret: WRONG_SECRET })
    const err = await failure(bad.getResponses())
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('CustomerGauge did not accept the client secret')
    expect(await bad.probe()).toMatchObject({ outcome: 'credentials_rejected' })
    expect((await client({ clientId: 'someone-else' }).probe()).outcome).toBe('credentials_rejected')
  })

  it('a revoked access token: one 401, one new token, the request succeeds', async () => {
    const c = client()
    await c.authenticate()
    handle.sim.tokens.clear()
    const seq = handle.sim.requests.total
    const tokensBefore = tokenRequests()
    expect((await c.getResponses({ per_page: 1 })).data).toHaveLength(1)
    expect(handle.sim.requests.find((e) => e.seq > seq && e.path === PATH).map((e) => e.status)).toEqual([401, 200])
    expect(tokenRequests()).toBe(tokensBefore + 1)
  })
})

describe('CustomerGauge errors', () => {
  it('bad parameters are refused before sending, with details naming the field', async () => {
    const c = client()
    const before = handle.sim.requests.total
    const err = await failure(c.getResponses({ per_page: 0, period: { start: '2023/01/05' } }))
    expect(err.code).toBe('validation')
    expect(err.details.map((d) => d.field).sort()).toEqual(['per_page', 'period.start'])
    expect(handle.sim.requests.total).toBe(before)
    const bad = await failure(c.getResponses({ with: ['everything' as 'tags'] }))
    expect(bad.details).toEqual([{ field: 'with.0', message: 'must be selected_drivers, tags, questions or properties' }])
  })

  it("a 422 from CustomerGauge becomes AppError validation with the field in details", async () => {
    const err = await failure(client().getResponses({ filter: 'no-such-filter' }))
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([{ field: 'filter', message: 'The selected filter is invalid.' }])
    expect(err.message).toContain('The selected filter is invalid.')
  })

  it('a connection without client id or region is refused when built', () => {
    const base = { id: 'x', baseUrl: null, region: null, settings: {}, secret: 's3cr3t-value' }
    expect(() => createCustomerGaugeClient(base)).toThrow(/client id/)
    expect(() => createCustomerGaugeClient({ ...base, settings: { clientId: 'a' } })).toThrow(/region/)
  })

  it('a stopped simulator is not reachable', async () => {
    const other = await startCustomerGaugeSimulator({ seed: 2, volume: 10 })
    const c = client({ baseUrl: other.baseUrl })
    expect((await c.probe()).outcome).toBe('works')
    await other.close()
    await c.authenticate().catch(() => undefined)
    const probe = await c.probe()
    expect(probe.outcome).toBe('not_reachable')
    expect(probe.message).toContain('Could not reach CustomerGauge')
  })

  it('429 with Retry-After during a pass is waited out, nothing lost', async () => {
    const c = client()
    handle.sim.faults.set({ pathPrefix: PATH, rateLimitBurst: { every: 2, count: 1, retryAfterSeconds: 1 } })
    const { rows } = await pass(c, { per_page: 500, cursor: 2500 })
    expect(new Set(rows.map((r) => r.number_customergauge)).size).toBe(VOLUME - 2500)
    expect(rows).toHaveLength(VOLUME - 2500)
    expect(handle.sim.requests.count({ fault: 'rate-limit' })).toBeGreaterThanOrEqual(2)
    expect(delays.filter((d) => d >= 1000).length).toBeGreaterThanOrEqual(2)
  })

  it('5xx during a pass are retried, nothing lost', async () => {
    const c = client()
    const seq = handle.sim.requests.total
    handle.sim.faults.set({ pathPrefix: PATH, errorRate: 0.3 })
    const { rows } = await pass(c, { per_page: 250, cursor: 2500 })
    expect(rows).toHaveLength(VOLUME - 2500)
    expect(new Set(rows.map((r) => r.number_customergauge)).size).toBe(VOLUME - 2500)
    expect(handle.sim.requests.find((e) => e.seq > seq && e.fault === 'error').length).toBeGreaterThan(0)
  })

  it('dropped connections during a pass are recovered, nothing lost', async () => {
    const c = client()
    const seq = handle.sim.requests.total
    handle.sim.faults.set({ pathPrefix: PATH, dropRate: 0.3 })
    const { rows } = await pass(c, { per_page: 250, cursor: 2500 })
    expect(rows).toHaveLength(VOLUME - 2500)
    expect(new Set(rows.map((r) => r.number_customergauge)).size).toBe(VOLUME - 2500)
    expect(handle.sim.requests.find((e) => e.seq > seq && e.fault === 'drop').length).toBeGreaterThan(0)
  })

  it('a malformed page is an AppError provider naming the operation and cursor; the pass can resume from there', async () => {
    const c = client()
    handle.sim.faults.set({ malformed: { path: PATH, page: 2000, times: 1 } })
    const rows: CgResponse[] = []
    let cursor: number | null = null
    const err = await failure(
      (async () => {
        for await (const page of c.listResponsesPages({ per_page: 1000 })) {
          rows.push(...page.items)
          cursor = page.cursor
        }
      })()
    )
    expect(err.code).toBe('provider')
    expect(err.message).toContain('(sync responses after cursor 2000)')
    expect(rows).toHaveLength(2000)
    const rest = await pass(c, { per_page: 1000, cursor })
    expect(rows.length + rest.rows.length).toBe(VOLUME)
  })
})

describe('CustomerGauge simulator speaks CustomerGauge', () => {
  it('answers raw requests with the documented 401 body, Laravel 422s and OAuth2 token errors', async () => {
    const noToken = await fetch(`${handle.baseUrl}${PATH}`)
    expect(noToken.status).toBe(401)
    expect(await noToken.json()).toEqual({ message: 'Unauthenticated.' })

    const form = (body: Record<string, string>): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() })
    const badClient = await fetch(`${handle.baseUrl}/oauth2/token`, form({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' }))
    expect([badClient.status, await badClient.json()]).toEqual([400, { error: 'invalid_client' }])
    const badGrant = await fetch(`${handle.baseUrl}/oauth2/token`, form({ grant_type: 'password' }))
    expect(await badGrant.json()).toEqual({ error: 'unsupported_grant_type' })
    const ok = await fetch(`${handle.baseUrl}/oauth2/token`, form({ grant_type: 'client_credentials', client_id: handle.credentials.clientId!, client_secret: handle.credentials.secret }))
    const token = (await ok.json()) as { access_token: string; expires_in: number; token_type: string }
    expect(token).toMatchObject({ expires_in: 3600, token_type: 'Bearer' })

    const invalid = await fetch(`${handle.baseUrl}${PATH}?per_page=1001&with=tags&period%5Bend%5D=25-01-2023`, { headers: { authorization: `Bearer ${token.access_token}` } })
    expect(invalid.status).toBe(422)
    expect(await invalid.json()).toEqual({
      message: 'The per page must be between 1 and 1000. (and 2 more errors)',
      errors: {
        per_page: ['The per page must be between 1 and 1000.'],
        with: ['The with must be an array.'],
        'period.end': ['The period.end does not match the format Y-m-d.']
      }
    })
  })
})

describe('CustomerGauge at volume', () => {
  it('serves 1,000,000 responses lazily: the last pages come straight from the cursor', async () => {
    const big = await startCustomerGaugeSimulator({ seed: 3, volume: 1_000_000 })
    try {
      const c = client({ baseUrl: big.baseUrl })
      const page = await c.getResponses({ per_page: 1000, cursor: 999_000, with: ['selected_drivers', 'tags', 'questions', 'properties'] })
      expect(page.data).toHaveLength(1000)
      expect(page.cursor.next).toBe(1_000_000)
      for (const r of page.data.slice(0, 50)) Response.parse(mapResponse(r))
      expect((await c.getResponses({ per_page: 1000, cursor: page.cursor.next })).data).toEqual([])
    } finally {
      await big.close()
    }
  })
})

describe('CustomerGauge secrets', () => {
  it('no log line, error message or error detail contains the client secret', () => {
    expect(logLines.length).toBeGreaterThan(50)
    expect(seenErrors.length).toBeGreaterThan(3)
    const texts = [...logLines, ...seenErrors.flatMap((e) => [e.message, ...e.details.flatMap((d) => [d.field, d.message])])]
    for (const secret of [handle.credentials.secret, WRONG_SECRET]) {
      for (const form of secretForms(secret)) {
        expect(texts.filter((t) => t.includes(form))).toEqual([])
      }
    }
  })
})
