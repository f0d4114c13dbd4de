import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  devServerUrlFrom,
  handleAppProtocol,
  mimeTypeFor,
  registerAppScheme,
  resolveAppFile,
  startUrl
} from '../../src/main/app-protocol'
import { makeTempDir } from '../support/temp-dir'

const ROOT = resolve('/srv/renderer')

describe('resolveAppFile', () => {
  it('maps app://survey-desk/<path> under the root, / to index.html', () => {
    expect(resolveAppFile(ROOT, 'app://survey-desk/')).toBe(join(ROOT, 'index.html'))
    expect(resolveAppFile(ROOT, 'app://survey-desk')).toBe(join(ROOT, 'index.html'))
    expect(resolveAppFile(ROOT, 'app://survey-desk/index.html')).toBe(join(ROOT, 'index.html'))
    expect(resolveAppFile(ROOT, 'app://survey-desk/assets/index-abc.js?v=1#x')).toBe(join(ROOT, 'assets', 'index-abc.js'))
    expect(resolveAppFile(ROOT, 'app://survey-desk/assets/my%20font.woff2')).toBe(join(ROOT, 'assets', 'my font.woff2'))
  })

  it.each(['app://survey-desk/../secret.txt', 'app://survey-desk/assets/../../secret.txt', 'app://survey-desk/%2e%2e/secret.txt'])(
    'keeps %s inside the root (the URL parser folds the dots away, as Chromium does)',
    (url) => {
      expect(resolveAppFile(ROOT, url)).toBe(join(ROOT, 'secret.txt'))
    }
  )

  it.each([
    'app://survey-desk/%2E%2E%2Fsecret.txt',
    'app://survey-desk/assets/%2e%2e%2fsecret.txt',
    'app://survey-desk/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://survey-desk/..%5c..%5cwindows%5cwin.ini',
    'app://survey-desk/%5cetc%5cpasswd',
    'app://survey-desk/C:%5cWindows%5cwin.ini',
    'app://survey-desk/c:/Windows/win.ini',
    'app://survey-desk/index.html%00.png',
    'app://survey-desk/%E0%A4%A',
    'app://evil/index.html',
    'app://user@survey-desk/index.html',
    'file:///etc/passwd',
    'https://survey-desk/index.html',
    'not a url'
  ])('rejects %s', (url) => {
    expect(resolveAppFile(ROOT, url)).toBeNull()
  })
})

describe('the app:// request handler', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => {
    const t = makeTempDir()
    dir = join(t.dir, 'renderer')
    cleanup = t.cleanup
    mkdirSync(join(dir, 'assets'), { recursive: true })
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Survey Desk</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir, 'assets', 'app.css'), 'body{}')
    writeFileSync(join(t.dir, 'secret.txt'), 'do not serve')
  })
  afterEach(() => cleanup())

  const get = (url: string, method = 'GET') => createAppProtocolHandler({ rootDir: dir })(new Request(url, { method }))

  it('serves files with their MIME type and the strict CSP', async () => {
    const res = await get('app://survey-desk/assets/app.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toBe('console.log(1)')
    expect((await get('app://survey-desk/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
    const index = await get('app://survey-desk/')
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await index.text()).toContain('<title>Survey Desk</title>')
  })

  it('refuses traversal and missing assets with 404, and falls back to index.html for client routes', async () => {
    expect((await get('app://survey-desk/%2e%2e/secret.txt')).status).toBe(404)
    expect((await get('app://survey-desk/assets/missing.js')).status).toBe(404)
    const route = await get('app://survey-desk/inbox')
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('Survey Desk')
  })

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://survey-desk/index.html', 'POST')).status).toBe(405)
    const head = await get('app://survey-desk/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})

describe('scheme, CSP and start URL', () => {
  it('registers app:// as standard, secure and fetch-capable, and handles/unhandles it', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerAppScheme({ registerSchemesAsPrivileged })
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES])
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } })
    const fake = { handle: vi.fn(), unhandle: vi.fn() }
    const dispose = handleAppProtocol(fake, '/x')
    expect(fake.handle).toHaveBeenCalledWith('app', expect.any(Function))
    dispose()
    expect(fake.unhandle).toHaveBeenCalledWith('app')
  })

  it('has the strict policy the design asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
  })

  it('uses a dev server only when it is loopback http and the app is not packaged', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/')
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe('http://127.0.0.1:5173/')
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeNull()
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeNull()
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost.evil.example:5173/' }, false)).toBeNull()
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://u:p@localhost:5173/' }, false)).toBeNull()
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'file:///tmp/index.html' }, false)).toBeNull()
    expect(devServerUrlFrom({}, false)).toBeNull()
    expect(startUrl(null)).toBe(APP_ENTRY_URL)
    expect(APP_ENTRY_URL).toBe('app://survey-desk/index.html')
  })

  it('knows the MIME types of a Vite build', () => {
    expect(mimeTypeFor('a/b.HTML')).toBe('text/html; charset=utf-8')
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml')
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2')
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream')
  })
})
