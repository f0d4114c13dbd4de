import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { json, startSimulator, type Simulator, type SimulatorOptions } from '../../src/main/providers/simulator-kit'

const open: Simulator[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

/** A simulator with a paged list, an OAuth token endpoint and a bearer-guarded data route. */
async function start(extra: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const sim: Simulator = await startSimulator({
    name: 'faulty',
    seed: 7,
    guard: (req) => {
      if (!req.path.startsWith('/data')) return undefined
      return sim.tokens.use(req.bearer()) === 'valid' ? undefined : json(401, { message: 'Unauthenticated.' })
    },
    routes: [
      {
        method: 'GET',
        path: '/items',
        handler: (req) => json(200, { page: Number(req.query.get('page') ?? 1), data: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] })
      },
      {
        method: 'POST',
        path: '/oauth2/token',
        public: true,
        handler: () => {
          const t = sim.tokens.issue({ subject: 'client-1' })
          return json(200, { access_token: t.token, token_type: 'Bearer', expires_in: t.expiresIn })
        }
      },
      { method: 'GET', path: '/data', handler: () => json(200, { data: [] }) }
    ],
    ...extra
  })
  open.push(sim)
  return sim
}

const statuses = async (sim: Simulator, n: number, path = '/items'): Promise<number[]> => {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${sim.url}${path}`)
    await res.arrayBuffer()
    out.push(res.status)
  }
  return out
}

describe('faults', () => {
  it('latency delays the answer by at least latencyMs (client clock and server record)', async () => {
    const sim = await start()
    sim.faults.set({ latencyMs: 50 })
    const t0 = performance.now()
    const res = await fetch(`${sim.url}/items`)
    await res.json()
    expect(performance.now() - t0).toBeGreaterThanOrEqual(49)
    expect(sim.requests.last()?.durationMs).toBeGreaterThanOrEqual(49)

    sim.faults.reset()
    await fetch(`${sim.url}/items`).then((r) => r.arrayBuffer())
    expect(sim.requests.last()?.durationMs).toBeLessThan(49)
  })

  it('errorRate 1 answers 500, 502, 503 in turn; a partial rate is the same for the same seed', async () => {
    const sim = await start({ faults: { errorRate: 1 } })
    expect(await statuses(sim, 4)).toEqual([500, 502, 503, 500])
    expect(sim.requests.count({ fault: 'error' })).toBe(4)

    const a = await start({ faults: { errorRate: 0.5 } })
    const b = await start({ faults: { errorRate: 0.5 } })
    const seqA = await statuses(a, 20)
    expect(await statuses(b, 20)).toEqual(seqA)
    expect(seqA.some((s) => s === 200)).toBe(true)
    expect(seqA.some((s) => s >= 500)).toBe(true)
  })

  it('rate limit answers 429 with Retry-After in seconds, or as an HTTP-date', async () => {
    const sim = await start({ faults: { rateLimit: { limit: 2, windowMs: 60_000, retryAfterSeconds: 30 } } })
    expect(await statuses(sim, 3)).toEqual([200, 200, 429])
    const limited = await fetch(`${sim.url}/items`)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('30')

    sim.faults.set({ rateLimit: { limit: 1, windowMs: 60_000, retryAfterSeconds: 30, retryAfterAsDate: true } })
    expect(await statuses(sim, 1)).toEqual([200])
    const before = Date.now()
    const dated = await fetch(`${sim.url}/items`)
    expect(dated.status).toBe(429)
    const header = dated.headers.get('retry-after') ?? ''
    expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    const when = Date.parse(header)
    expect(when).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 29_000)
    expect(when).toBeLessThanOrEqual(Date.now() + 31_000)

    sim.faults.set({ rateLimit: { limit: 0, windowMs: 10_000 } })
    const defaulted = Number((await fetch(`${sim.url}/items`)).headers.get('retry-after'))
    expect(defaulted).toBeGreaterThanOrEqual(1)
    expect(defaulted).toBeLessThanOrEqual(10)
  })

  it('burst mode: after every N passing requests the next M get 429', async () => {
    const sim = await start({ faults: { rateLimitBurst: { every: 2, count: 1, retryAfterSeconds: 1 } } })
    expect(await statuses(sim, 7)).toEqual([200, 200, 429, 200, 200, 429, 200])
    sim.faults.set({ rateLimitBurst: { every: 1, count: 2, retryAfterSeconds: 1 } })
    expect(await statuses(sim, 6)).toEqual([200, 429, 429, 200, 429, 429])
  })

  it('scopes faults to a path prefix', async () => {
    const sim = await start({ faults: { errorRate: 1, pathPrefix: '/data' } })
    expect(await statuses(sim, 2, '/items')).toEqual([200, 200])
    expect(await statuses(sim, 1, '/data')).toEqual([500])
  })

  it('dropRate 1 destroys the socket without an answer', async () => {
    const sim = await start({ faults: { dropRate: 1 } })
    const error = await fetch(`${sim.url}/items`).then(
      () => null,
      (e: unknown) => e as Error & { cause?: { code?: string; message?: string } }
    )
    expect(error).not.toBeNull()
    const detail = `${error?.cause?.code ?? ''} ${error?.cause?.message ?? ''}`
    expect(detail).toMatch(/other side closed|ECONNRESET|socket hang up|UND_ERR_SOCKET/)
    expect(sim.requests.last()).toMatchObject({ fault: 'drop', status: null })
  })

  it('malformed corrupts only the configured page, `times` times', async () => {
    const sim = await start({ faults: { malformed: { path: '/items', page: 2, times: 1 } } })
    const page = async (n: number) => (await fetch(`${sim.url}/items?page=${n}`)).text()
    expect(JSON.parse(await page(1))).toMatchObject({ page: 1 })
    const broken = await fetch(`${sim.url}/items?page=2`)
    expect(broken.status).toBe(200)
    expect(broken.headers.get('content-type')).toContain('application/json')
    const text = await broken.text()
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError)
    expect(text.length).toBeGreaterThan(0)
    expect(JSON.parse(await page(3))).toMatchObject({ page: 3 })
    // times: 1 is used up, so a retry of page 2 succeeds
    expect(JSON.parse(await page(2))).toMatchObject({ page: 2 })
    expect(sim.requests.count({ fault: 'malformed' })).toBe(1)
  })

  it('token expiry: a token is refused after N uses, a fresh one works', async () => {
    const sim = await start({ faults: { tokenExpiryAfter: 2 } })
    const token = async () => {
      const res = await fetch(`${sim.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=a&client_secret=b'
      })
      return ((await res.json()) as { access_token: string }).access_token
    }
    const call = async (t: string) => (await fetch(`${sim.url}/data`, { headers: { authorization: `Bearer ${t}` } })).status
    const first = await token()
    expect([await call(first), await call(first), await call(first)]).toEqual([200, 200, 401])
    expect(sim.tokens.status(first)).toBe('expired')
    expect(sim.tokens.uses(first)).toBe(3)
    expect(sim.tokens.subjectOf(first)).toBe('client-1')
    const second = await token()
    expect(second).not.toBe(first)
    expect(await call(second)).toBe(200)
    expect(await call('made-up')).toBe(401)
    expect(sim.tokens.status('made-up')).toBe('unknown')
    expect(JSON.stringify(sim.requests.all())).not.toContain(first)
  })

  it('validates settings and resets to none', async () => {
    const sim = await start()
    expect(() => sim.faults.set({ errorRate: 2 })).toThrow()
    expect(() => sim.faults.set({ rateLimit: { limit: -1, windowMs: 10 } })).toThrow()
    sim.faults.set({ latencyMs: 5, errorRate: 1 })
    expect(sim.faults.get()).toMatchObject({ latencyMs: 5, errorRate: 1 })
    sim.faults.reset()
    expect(sim.faults.get()).toMatchObject({ latencyMs: 0, errorRate: 0, rateLimit: null })
    expect(await statuses(sim, 1)).toEqual([200])
  })
})
