import type { BrowserWindow, BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron'
import { isAppFrameUrl } from './ipc/electron-transport'

/**
 * The app window and the rules every web contents lives under. Electron objects come in as
 * parameters so the rules are unit-tested with fakes.
 */

/** The providers' own sites: the only places a link in the app may open (in the user's browser). */
export const EXTERNAL_LINK_ALLOWLIST: readonly string[] = [
  'customersure.com',
  'enco.io',
  'customergauge.com',
  'feedbackapi.com',
  'nicereply.com'
]

/** http(s) URL, no credentials, host equal to an allowlisted domain or a subdomain of one. */
export function isAllowedExternalUrl(url: string, allowlist: readonly string[] = EXTERNAL_LINK_ALLOWLIST): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false
  if (parsed.username || parsed.password) return false
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '')
  return allowlist.some((domain) => host === domain || host.endsWith(`.${domain}`))
}

export interface HardeningOptions {
  shell: Pick<Shell, 'openExternal'>
  /** The loopback dev server in `electron-vite dev`, else null. */
  devServerUrl: string | null
  log?: (message: string) => void
}

/** Opens an allowlisted link in the user's browser; returns whether it did. */
export function openIfAllowed(url: string, opts: HardeningOptions): boolean {
  if (!isAllowedExternalUrl(url)) {
    opts.log?.(`Blocked a link to a site that is not on the allowlist (${safeOrigin(url)})`)
    return false
  }
  // electronegativity-justified OPEN_EXTERNAL_JS_CHECK: url passed isAllowedExternalUrl just above (http/https only, no credentials, providers' domains only; tested in window-security.test.ts)
  opts.shell.openExternal(url).catch((err: unknown) => opts.log?.(`Could not open ${safeOrigin(url)} in the browser: ${String(err)}`))
  return true
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return 'an unparseable URL'
  }
}

/**
 * Applied to every web contents the app creates (`web-contents-created`): navigation leaves the
 * app's origin never, new windows are never created, <webview> never attaches. An allowlisted link
 * opens in the user's browser instead.
 */
export function hardenWebContents(contents: WebContents, opts: HardeningOptions): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (isAppFrameUrl(url, opts.devServerUrl)) return
    event.preventDefault()
    openIfAllowed(url, opts)
  }
  contents.on('will-navigate', (event) => guard(event, event.url))
  contents.on('will-redirect', (event) => {
    if (isAppFrameUrl(event.url, opts.devServerUrl)) return
    event.preventDefault()
    opts.log?.(`Blocked a redirect to ${safeOrigin(event.url)}`)
  })
  // Subframes navigate through this one; our pages have none, so any foreign frame navigation is
  // stopped. The main frame is left to will-navigate (which Electron emits after this one), so an
  // allowlisted link still reaches the browser.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return
    if (!isAppFrameUrl(event.url, opts.devServerUrl)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, opts)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** No page in this app needs a camera, notifications, geolocation or anything else: deny all. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow

/**
 * Constructs the app window. The options, webPreferences included, are written inline in the
 * `new BrowserWindow({...})` on purpose: that is where electronegativity reads them, so the gate
 * checks the real settings (window-security.test.ts asserts them through a fake constructor).
 */
export function newMainWindow(BrowserWindow: BrowserWindowConstructor, preloadPath: string): BrowserWindow {
  return new BrowserWindow({
    title: 'Survey Desk',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false, // shown on ready-to-show, so the user never sees a blank frame
    autoHideMenuBar: true,
    webPreferences: {
      // electronegativity-justified PRELOAD_JS_CHECK: reviewed; out/preload/index.js runs sandboxed + context-isolated and exposes only invoke/on via contextBridge (src/preload/bridge.ts, preload-bridge.test.ts)
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click must not open windows; setWindowOpenHandler denies them too.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false
    }
  })
}

/** What newMainWindow passes to BrowserWindow, read back through a capturing constructor: one source of truth. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  let captured: BrowserWindowConstructorOptions | undefined
  class Capture {
    constructor(options: BrowserWindowConstructorOptions) {
      captured = options
    }
  }
  newMainWindow(Capture as unknown as BrowserWindowConstructor, preloadPath)
  if (!captured) throw new Error('newMainWindow did not construct a window')
  return captured
}

export interface CreateWindowOptions {
  BrowserWindow: BrowserWindowConstructor
  preloadPath: string
  url: string
  log?: (message: string) => void
}

export function createMainWindow(opts: CreateWindowOptions): BrowserWindow {
  const win = newMainWindow(opts.BrowserWindow, opts.preloadPath)
  win.once('ready-to-show', () => win.show())
  // The page sets its own <title> per view; keep the window's name stable for the OS.
  win.on('page-title-updated', (event) => event.preventDefault())
  win.webContents.on('render-process-gone', (_event, details) => opts.log?.(`Renderer process gone: ${details.reason}`))
  win.loadURL(opts.url).catch((err: unknown) => opts.log?.(`Could not load the app page: ${String(err)}`))
  return win
}
