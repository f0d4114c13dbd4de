import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { json, startSimulator, text, type Route, type SimRequest, type Simulator, type SimulatorOptions } from '../../src/main/providers/simulator-kit'

const open: Simulator[] = []
async function start(opts: Partial<SimulatorOptions> & { routes: Route[] }): Promise<Simulator> {
  const sim = await startSimulator({ name: 'test', seed: 42, ...opts })
  open.push(sim)
  return sim
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

/** Echoes what the handler saw, so tests assert on the SimRequest itself. */
const echo = (req: SimRequest) =>
  json(200, {
    method: req.method,
    path: req.path,
    params: req.params,
    routePath: req.routePath,
    query: [...req.query],
    withs: req.query.getAll('with[]'),
    body: req.body,
    bodyError: req.bodyError?.message ?? null,
    basic: req.basic(),
    bearer: req.bearer(),
    auth: req.auth(),
    ua: req.headers['user-agent'] ?? null
  })

describe('startSimulator routing', () => {
  it('listens on loopback on a random port and matches params and query', async () => {
    const sim = await start({ routes: [{ method: 'GET', path: '/v1/csat/ratings/:id', handler: echo }] })
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
    expect(sim.port).toBeGreaterThan(0)

    const res = await fetch(`${sim.url}/v1/csat/ratings/a%20b?with[]=tags&with[]=questions&period[start]=2023-01-05`, {
      headers: { 'User-Agent': 'Acme Ltd' }
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const body = await res.json()
    expect(body).toMatchObject({
      method: 'GET',
      path: '/v1/csat/ratings/a%20b',
      params: { id: 'a b' },
      routePath: '/v1/csat/ratings/:id',
      withs: ['tags', 'questions'],
      ua: 'Acme Ltd'
    })
    expect(body.query).toContainEqual(['period[start]', '2023-01-05'])
  })

  it('ignores a trailing slash and picks the first matching route in order', async () => {
    const sim = await start({
      routes: [
        { method: 'GET', path: '/sites/new', handler: () => json(200, { which: 'literal' }) },
        { method: 'GET', path: '/sites/:id', handler: (req) => json(200, { which: req.params.id }) }
      ]
    })
    expect(await (await fetch(`${sim.url}/sites/new/`)).json()).toEqual({ which: 'literal' })
    expect(await (await fetch(`${sim.url}/sites/7`)).json()).toEqual({ which: '7' })
  })

  it('answers 404 for an unknown path and 405 for a wrong method, or what the simulator says', async () => {
    const routes: Route[] = [{ method: 'GET', path: '/things', handler: () => json(200, []) }]
    const sim = await start({ routes })
    const missing = await fetch(`${sim.url}/nope`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: 'not_found' })
    const wrong = await fetch(`${sim.url}/things`, { method: 'DELETE' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET')

    const custom = await start({ routes, notFound: (req) => json(404, { errors: [`No such endpoint ${req.path}`] }) })
    const res = await fetch(`${custom.url}/nope`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ errors: ['No such endpoint /nope'] })
  })

  it('parses JSON (also vendor +json), form and text bodies, and surfaces malformed JSON to the handler', async () => {
    const sim = await start({
      routes: [
        { method: 'POST', path: '/echo', handler: echo },
        {
          method: 'POST',
          path: '/strict',
          handler: (req) => (req.bodyError ? json(400, { message: `Problems parsing JSON: ${req.bodyError.message}` }) : json(201, req.body))
        }
      ]
    })
    const post = async (path: string, contentType: string, body: string) =>
      fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body })

    expect((await (await post('/echo', 'application/json', '{"a":[1,2]}')).json()).body).toEqual({ a: [1, 2] })
    expect((await (await post('/echo', 'application/vnd.customersure.v1+json', '{"b":true}')).json()).body).toEqual({ b: true })
    const form = await (await post('/echo', 'application/x-www-form-urlencoded', 'grant_type=client_credentials&x=1&x=2')).json()
    expect(form.body).toEqual({ grant_type: 'client_credentials', x: ['1', '2'] })
    expect((await (await post('/echo', 'text/plain', 'hello')).json()).body).toBe('hello')

    const bad = await post('/strict', 'application/json', '{"name": "x",}')
    expect(bad.status).toBe(400)
    expect((await bad.json()).message).toMatch(/^Problems parsing JSON: /)
    expect((await post('/strict', 'application/json', '{"ok":1}')).status).toBe(201)
  })

  it('decodes Basic (blank username, key as username) and Bearer credentials', async () => {
    const sim = await start({ routes: [{ method: 'GET', path: '/me', handler: echo }] })
    const b64 = (s: string) => Buffer.from(s).toString('base64')
    const as = async (authorization: string) => (await fetch(`${sim.url}/me`, { headers: { authorization } })).json()

    expect((await as(`Basic ${b64(':nice-key')}`)).basic).toEqual({ username: '', password: 'nice-key' })
    expect((await as(`Basic ${b64('fb-key:')}`)).basic).toEqual({ username: 'fb-key', password: '' })
    expect((await as('Bearer abc.def')).bearer).toBe('abc.def')
    const token = await as('Token token="ec76c296"')
    expect(token.auth).toEqual({ scheme: 'Token', value: 'token="ec76c296"' })
    expect(token.basic).toBeNull()
    expect(token.bearer).toBeNull()
  })

  it('runs the guard before non-public routes only', async () => {
    const sim = await start({
      guard: (req) => (req.headers['user-agent'] ? undefined : json(403, { message: 'User-Agent required' })),
      routes: [
        { method: 'GET', path: '/private', handler: () => json(200, { ok: true }) },
        { method: 'GET', path: '/public', handler: () => json(200, { ok: true }), public: true }
      ]
    })
    const noUa = (path: string) =>
      new Promise<number>((resolve, reject) => {
        // fetch always sends a User-Agent; node:http sends none unless told.
        httpRequest(`${sim.url}${path}`, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
          .on('error', reject)
          .end()
      })
    expect(await noUa('/private')).toBe(403)
    expect(await noUa('/public')).toBe(200)
    expect((await fetch(`${sim.url}/private`, { headers: { 'user-agent': 'Acme' } })).status).toBe(200)
  })

  it('answers 500 and logs when a handler throws', async () => {
    const lines: string[] = []
    const sim = await start({
      log: (line) => lines.push(line),
      routes: [{ method: 'GET', path: '/boom', handler: () => { throw new Error('kaput') } }]
    })
    const res = await fetch(`${sim.url}/boom`)
    expect(res.status).toBe(500)
    expect(lines.some((l) => l.includes('threw') && l.includes('kaput'))).toBe(true)
    expect(lines.some((l) => l.includes('GET /boom -> 500'))).toBe(true)
    expect(sim.requests.last()?.status).toBe(500)
  })

  it('sends text answers and custom headers', async () => {
    const sim = await start({
      routes: [{ method: 'GET', path: '/t', handler: () => text(200, 'plain', { 'X-Total-Count': 4 }) }]
    })
    const res = await fetch(`${sim.url}/t`)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.get('x-total-count')).toBe('4')
    expect(await res.text()).toBe('plain')
  })

  it('keeps connections alive and still closes promptly', async () => {
    const sim = await startSimulator({ name: 'ka', routes: [{ method: 'GET', path: '/x', handler: () => json(200, {}) }] })
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      httpRequest(`${sim.url}/x`, { headers: { connection: 'keep-alive' } }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.headers))
      })
        .on('error', reject)
        .end()
    })
    expect(headers.connection).toBe('keep-alive')
    // The client's socket is still open here; close() must not wait for its keep-alive timeout.
    await sim.close()
    await expect(fetch(`${sim.url}/x`)).rejects.toThrow()
  })
})

describe('request log', () => {
  it('records each request and never keeps a secret', async () => {
    const secrets = ['sup3r-secret-bearer', 'nicereply-key-123', 'ec76c296df321768', 'client-secret-xyz', 'query-key-999']
    const sim = await start({
      routes: [
        { method: 'GET', path: '/a', handler: () => json(200, {}) },
        { method: 'POST', path: '/oauth2/token', handler: () => json(200, {}) }
      ]
    })
    await fetch(`${sim.url}/a?page=2`, { headers: { authorization: `Bearer ${secrets[0]}` } })
    await fetch(`${sim.url}/a`, { headers: { authorization: `Basic ${Buffer.from(`:${secrets[1]}`).toString('base64')}` } })
    await fetch(`${sim.url}/a`, { headers: { authorization: `Token token="${secrets[2]}"` } })
    await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=demo&client_secret=${secrets[3]}`
    })
    await fetch(`${sim.url}/a?api_key=${secrets[4]}`)

    const all = sim.requests.all()
    expect(all.map((e) => e.headers.authorization ?? null)).toEqual(['Bearer', 'Basic', 'Token', null, null])
    expect(all[0]).toMatchObject({ seq: 1, method: 'GET', path: '/a', query: 'page=2', status: 200, fault: null })
    expect(all[3]?.body).toEqual({ grant_type: 'client_credentials', client_id: 'demo', client_secret: '[redacted]' })
    const dump = JSON.stringify(all)
    for (const secret of secrets) expect(dump).not.toContain(secret)
    expect(sim.requests.count({ method: 'POST' })).toBe(1)
    expect(sim.requests.count({ path: '/a', status: 200 })).toBe(4)
    expect(sim.requests.count((e) => e.query.includes('api_key'))).toBe(1)
    sim.requests.clear()
    expect(sim.requests.all()).toEqual([])
  })

  it('stays bounded to its capacity while counting every request', async () => {
    const sim = await start({ requestLog: { capacity: 5 }, routes: [{ method: 'GET', path: '/n/:i', handler: () => json(200, {}) }] })
    for (let i = 1; i <= 12; i++) await fetch(`${sim.url}/n/${i}`)
    const all = sim.requests.all()
    expect(all).toHaveLength(5)
    expect(all.map((e) => e.path)).toEqual(['/n/8', '/n/9', '/n/10', '/n/11', '/n/12'])
    expect(sim.requests.total).toBe(12)
    expect(sim.requests.capacity).toBe(5)
  })
})
