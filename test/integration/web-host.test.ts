import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import type { EventBus } from '../../src/main/ipc/event-bus'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { startWebHost, type WebHost } from '../../src/main/ipc/web-host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { PAIR_FRAGMENT_KEY, PAIRING_HEADER, TOKEN_HEADER, WEB_HOST_URL_FILE } from '../../src/shared/web-protocol'
import { openEvents, raw } from './web-host-client'

const INDEX_HTML = '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body>Survey Desk</body></html>'
const APP_JS = 'console.log("hello")'

interface Fixture {
  root: string
  dataDir: string
  staticDir: string
  ctx: AppContext
  host: WebHost
  close(): Promise<void>
}

async function startFixture(): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'survey-desk-web-'))
  const dataDir = join(root, 'data')
  const staticDir = join(root, 'static')
  await mkdir(join(staticDir, 'assets'), { recursive: true })
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML)
  await writeFile(join(staticDir, 'assets', 'app.js'), APP_JS)
  // A file next to staticDir that traversal attempts would reach.
  await writeFile(join(root, 'package.json'), '{"secret":"outside"}')
  const ctx = createAppContext({ dataDir, secrets: new MemorySecretStore() })
  const host = await startWebHost({ dispatch: createDispatch(handlers, ctx), events: ctx.events, staticDir, dataDir })
  return {
    root,
    dataDir,
    staticDir,
    ctx,
    host,
    close: async () => {
      await host.close()
      ctx.close()
      await rm(root, { recursive: true, force: true })
    }
  }
}

function pairingCode(url: string): string {
  const code = new URL(url).hash.slice(1).split('=')
  expect(code[0]).toBe(PAIR_FRAGMENT_KEY)
  return code[1] as string
}

const CUSTOMERSURE = { provider: 'customersure', label: 'Support EU', companyName: 'Acme', secret: 's3cret-value' }

describe('web host', () => {
  let f: Fixture
  let token: string
  let port: number

  const invoke = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(port, {
      method: 'POST',
      path: `/api/invoke/${channel}`,
      headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body)
    })

  beforeAll(async () => {
    f = await startFixture()
    port = f.host.port
    const res = await raw(port, { method: 'POST', path: '/api/session', headers: { [PAIRING_HEADER]: pairingCode(f.host.url) } })
    expect(res.status).toBe(200)
    token = (JSON.parse(res.body) as { token: string }).token
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
  afterAll(async () => {
    await f?.close()
  })

  it('prints a loopback URL with a pairing fragment', () => {
    expect(f.host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#pair=[A-Za-z0-9_-]+$`))
  })

  it('serves index.html with the security headers', async () => {
    const res = await raw(port, { path: '/' })
    expect(res.status).toBe(200)
    expect(res.body).toBe(INDEX_HTML)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('serves assets with their content type and falls back to index.html for app routes', async () => {
    const js = await raw(port, { path: '/assets/app.js' })
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.body).toBe(APP_JS)
    const route = await raw(port, { path: '/connections/new' })
    expect(route.status).toBe(200)
    expect(route.body).toBe(INDEX_HTML)
    expect((await raw(port, { path: '/assets/missing.js' })).status).toBe(404)
    expect((await raw(port, { method: 'POST', path: '/' })).status).toBe(405)
  })

  it.each(['/../package.json', '/%2e%2e/package.json', '/assets/%2E%2E/%2e%2e/package.json', '/..%2fpackage.json', '/index.html%00.js'])(
    'refuses path traversal: %s',
    async (path) => {
      const res = await raw(port, { path })
      expect(res.status).toBe(404)
      expect(res.body).not.toContain('outside')
    }
  )

  it('refuses /api without the token header, or with a wrong one', async () => {
    const missing = await raw(port, { method: 'POST', path: '/api/invoke/app.info', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(missing.status).toBe(403)
    const wrong = await invoke('app.info', {}, { [TOKEN_HEADER]: 'not-the-token' })
    expect(wrong.status).toBe(403)
    expect(wrong.body).not.toContain(token)
    const events = await raw(port, { path: '/api/events' })
    expect(events.status).toBe(403)
  })

  it('refuses a foreign Host (DNS rebinding), for pages and /api alike', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1:1', `127.0.0.2:${port}`, 'localhost', `127.0.0.1:${port}.evil.example`]) {
      expect((await raw(port, { path: '/', headers: { host } })).status, host).toBe(403)
      expect((await invoke('app.info', {}, { host })).status, host).toBe(403)
    }
  })

  it('accepts the loopback names at its port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await raw(port, { path: '/', headers: { host } })).status).toBe(200)
    }
  })

  it('refuses a foreign Origin even with a valid token', async () => {
    const res = await invoke('app.info', {}, { origin: 'http://evil.example' })
    expect(res.status).toBe(403)
    expect((await invoke('app.info', {}, { origin: 'null' })).status).toBe(403)
    expect((await raw(port, { path: '/', headers: { origin: 'http://evil.example' } })).status).toBe(403)
    const own = await invoke('app.info', {}, { origin: `http://127.0.0.1:${port}` })
    expect(own.status).toBe(200)
  })

  it('exchanges a pairing code only once', async () => {
    const again = await raw(port, { method: 'POST', path: '/api/session', headers: { [PAIRING_HEADER]: pairingCode(f.host.url) } })
    expect(again.status).toBe(403)
    expect(again.body).not.toContain(token)
    const none = await raw(port, { method: 'POST', path: '/api/session' })
    expect(none.status).toBe(403)
  })

  it('adds a connection and lists it', async () => {
    const added = JSON.parse((await invoke('connections.add', CUSTOMERSURE)).body)
    expect(added.ok).toBe(true)
    expect(added.value).toMatchObject({ provider: 'customersure', label: 'Support EU', secret: 'set', settings: { companyName: 'Acme' } })
    expect(JSON.stringify(added)).not.toContain('s3cret-value')
    const listed = await invoke('connections.list', {})
    expect(listed.status).toBe(200)
    expect(listed.headers['cache-control']).toBe('no-store')
    const body = JSON.parse(listed.body)
    expect(body.ok).toBe(true)
    expect(body.value.connections.map((c: { id: string }) => c.id)).toContain(added.value.id)
  })

  it('answers invalid input with a validation envelope naming the field', async () => {
    const { companyName: _omit, ...withoutCompany } = CUSTOMERSURE
    const res = await invoke('connections.add', withoutCompany)
    expect(res.status).toBe(200)
    const body = JSON.parse(res.body)
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('validation')
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain('companyName')
  })

  it('answers malformed JSON with a validation envelope', async () => {
    const res = await invoke('connections.add', '{"provider": ')
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'validation', message: 'Request body is not valid JSON', details: [], retryable: false }
    })
  })

  it('answers an unknown channel with not_found', async () => {
    const body = JSON.parse((await invoke('nope.nothing', {})).body)
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('not_found')
  })

  it('checks method, content type and body size', async () => {
    expect((await raw(port, { path: '/api/invoke/app.info', headers: { [TOKEN_HEADER]: token } })).status).toBe(405)
    expect((await invoke('app.info', '{}', { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await invoke('app.info', 'x'.repeat(1024 * 1024 + 1))).status).toBe(413)
    expect((await raw(port, { path: '/api/nothing', headers: { [TOKEN_HEADER]: token } })).status).toBe(404)
  })

  it('streams events over SSE', async () => {
    const stream = await openEvents(port, { [TOKEN_HEADER]: token })
    try {
      expect(stream.response.statusCode).toBe(200)
      expect(stream.response.headers['content-type']).toContain('text/event-stream')
      expect(stream.response.headers['cache-control']).toBe('no-store')
      await stream.waitFor((t) => t.startsWith(': ok\n\n'))
      const added = JSON.parse((await invoke('connections.add', { ...CUSTOMERSURE, label: 'Events' })).body)
      const text = await stream.waitFor((t) => t.includes(added.value.id))
      const frame = text.split('\n\n').find((block) => block.includes(added.value.id))
      expect(frame).toBe(`event: connections.changed\ndata: ${JSON.stringify({ change: 'added', id: added.value.id })}`)
    } finally {
      stream.close()
    }
  })

  it('writes the URL to a 0600 file in the data dir', async () => {
    const file = join(f.dataDir, WEB_HOST_URL_FILE)
    expect((await readFile(file, 'utf8')).trim()).toBe(f.host.url)
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
  })
})

describe('web host lifecycle', () => {
  it('drops an event subscription when its client disconnects', async () => {
    const f = await startFixture()
    let live = 0
    let onUnsubscribe = (): void => {}
    const unsubscribed = new Promise<void>((r) => (onUnsubscribe = r))
    const counted = {
      subscribe: (listener: Parameters<EventBus['subscribe']>[0]) => {
        live++
        const off = f.ctx.events.subscribe(listener)
        return () => {
          live--
          onUnsubscribe()
          return off()
        }
      }
    } as unknown as EventBus
    const host = await startWebHost({ dispatch: createDispatch(handlers, f.ctx), events: counted, staticDir: f.staticDir, dataDir: join(f.root, 'other') })
    try {
      const session = await raw(host.port, { method: 'POST', path: '/api/session', headers: { [PAIRING_HEADER]: pairingCode(host.url) } })
      const stream = await openEvents(host.port, { [TOKEN_HEADER]: JSON.parse(session.body).token })
      await stream.waitFor((t) => t.startsWith(': ok'))
      expect(live).toBe(1)
      stream.close()
      await unsubscribed
      expect(live).toBe(0)
    } finally {
      await host.close()
      await f.close()
    }
  })

  it('uses a new token and pairing code each start, tightens an existing URL file and removes it on close', async () => {
    const first = await startFixture()
    const file = join(first.dataDir, WEB_HOST_URL_FILE)
    const firstUrl = first.host.url
    const stream = await openEvents(first.host.port, {
      [TOKEN_HEADER]: JSON.parse(
        (await raw(first.host.port, { method: 'POST', path: '/api/session', headers: { [PAIRING_HEADER]: pairingCode(firstUrl) } })).body
      ).token
    })
    await stream.waitFor((t) => t.startsWith(': ok'))
    const ended = new Promise<void>((r) => stream.response.on('close', () => r()))
    await first.host.close()
    await ended // close() ends open event streams instead of waiting for them
    expect(existsSync(file)).toBe(false)

    // A leftover, too-open file from an earlier run gets 0600.
    await writeFile(file, 'stale', { mode: 0o644 })
    const second = await startWebHost({
      dispatch: createDispatch(handlers, first.ctx),
      events: first.ctx.events,
      staticDir: first.staticDir,
      dataDir: first.dataDir
    })
    try {
      expect(pairingCode(second.url)).not.toBe(pairingCode(firstUrl))
      expect((await readFile(file, 'utf8')).trim()).toBe(second.url)
      if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
    } finally {
      await second.close()
      await first.close()
    }
    expect(existsSync(file)).toBe(false)
  })
})
