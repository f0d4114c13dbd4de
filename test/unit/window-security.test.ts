import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import {
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
  mainWindowOptions
} from '../../src/main/window'

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://www.customersure.com/x',
    'https://customersure.com/',
    'https://help.nicereply.com/article?id=1',
    'https://api.enco.io/survey/1.0.0',
    'https://support.customergauge.com/',
    'http://feedbackapi.com/docs',
    'https://WWW.CUSTOMERSURE.COM./pricing'
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true))

  it.each([
    'http://evil.com',
    'https://customersure.com.evil.com/',
    'https://evilcustomersure.com/',
    'https://user:pw@customersure.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'ftp://customersure.com/',
    'mailto:support@customersure.com',
    'app://survey-desk/index.html',
    'not a url'
  ])('rejects %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false))
})

describe('the main window options', () => {
  it('turn every isolation switch on and every Node door off', () => {
    const options = mainWindowOptions('/app/out/preload/index.js')
    expect(options.title).toBe('Survey Desk')
    expect(options.show).toBe(false)
    const prefs = options.webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick'
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })
})

type Listener = (...args: unknown[]) => void

function fakeContents() {
  const listeners = new Map<string, Listener[]>()
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  const fake = {
    on(name: string, fn: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), fn])
      return fake
    },
    setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
      openHandler = fn
    },
    /** Fires an event the way Electron does: an Event object carrying `url` and preventDefault. */
    fire(name: string, url = '', isMainFrame = true) {
      const event = { url, isMainFrame, defaultPrevented: false, preventDefault() { event.defaultPrevented = true } }
      for (const fn of listeners.get(name) ?? []) fn(event, url)
      return event.defaultPrevented
    },
    open(url: string) {
      if (!openHandler) throw new Error('no window open handler')
      return openHandler({ url })
    }
  }
  return fake
}

function harden(devServerUrl: string | null = null) {
  const contents = fakeContents()
  const shell = { openExternal: vi.fn(async () => undefined) }
  hardenWebContents(contents as unknown as WebContents, { shell, devServerUrl })
  return { contents, shell }
}

describe('hardenWebContents', () => {
  it('lets navigation stay inside the app and stops everything else', () => {
    const { contents, shell } = harden()
    expect(contents.fire('will-navigate', 'app://survey-desk/index.html#/reports')).toBe(false)
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(contents.fire('will-frame-navigate', 'https://evil.example/', false)).toBe(true)
    expect(contents.fire('will-frame-navigate', 'app://survey-desk/frame.html', false)).toBe(false)
    // The main frame is will-navigate's job, so an allowlisted link can still be opened there.
    expect(contents.fire('will-frame-navigate', 'https://www.customersure.com/', true)).toBe(false)
    expect(contents.fire('will-navigate', 'http://localhost:5173/')).toBe(true) // no dev server configured
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('sends an allowlisted link to the browser instead of navigating', () => {
    const { contents, shell } = harden()
    expect(contents.fire('will-navigate', 'https://www.customersure.com/help')).toBe(true)
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://www.customersure.com/help')
  })

  it('denies every new window, opening only allowlisted links externally', () => {
    const { contents, shell } = harden()
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(shell.openExternal).not.toHaveBeenCalled()
    expect(contents.open('https://www.nicereply.com/')).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://www.nicereply.com/')
  })

  it('never attaches a <webview>', () => {
    const { contents } = harden()
    expect(contents.fire('will-attach-webview')).toBe(true)
  })

  it('allows the loopback dev server when configured', () => {
    const { contents } = harden('http://localhost:5173/')
    expect(contents.fire('will-navigate', 'http://localhost:5173/')).toBe(false)
    expect(contents.fire('will-navigate', 'http://localhost:5174/')).toBe(true)
  })
})

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    let request: ((...args: unknown[]) => void) | null = null
    let check: ((...args: unknown[]) => boolean) | null = null
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn)
    }
    hardenSession(session as unknown as Session)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn()
      request!({}, permission, callback, {})
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(check!({}, permission, 'app://survey-desk', {})).toBe(false)
    }
  })
})

describe('createMainWindow', () => {
  it('builds the window from the secure options, loads the given URL and shows on ready-to-show', () => {
    const created: BrowserWindowConstructorOptions[] = []
    const once = new Map<string, () => void>()
    const show = vi.fn()
    const loadURL = vi.fn(async () => undefined)
    class FakeWindow {
      webContents = { on: vi.fn() }
      constructor(options: BrowserWindowConstructorOptions) {
        created.push(options)
      }
      once(name: string, fn: () => void) {
        once.set(name, fn)
      }
      on = vi.fn()
      show = show
      loadURL = loadURL
    }
    createMainWindow({
      BrowserWindow: FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
      preloadPath: '/out/preload/index.js',
      url: 'app://survey-desk/index.html'
    })
    expect(created).toEqual([mainWindowOptions('/out/preload/index.js')])
    expect(loadURL).toHaveBeenCalledExactlyOnceWith('app://survey-desk/index.html')
    expect(show).not.toHaveBeenCalled()
    once.get('ready-to-show')!()
    expect(show).toHaveBeenCalledOnce()
  })
})
