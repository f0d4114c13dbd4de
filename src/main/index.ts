import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron'
import { join, resolve } from 'node:path'
import { CONTENT_SECURITY_POLICY, devServerUrlFrom, handleAppProtocol, registerAppScheme, startUrl } from './app-protocol'
import { APP_DIR_NAME, resolveDataDir } from './data-dir'
import { startBackgroundWork } from './background-work'
import { createAppContext, type AppContext } from './ipc/app-context'
import { createDispatch } from './ipc/dispatch'
import { forwardEvents, isAppFrameUrl, registerIpcTransport } from './ipc/electron-transport'
import { handlers } from './ipc/handlers'
import { createMainWindow, hardenSession, hardenWebContents } from './window'

// The Electron entry. It only wires Electron's objects to the tested pieces (window.ts,
// app-protocol.ts, ipc/electron-transport.ts); the app itself is the handler table.

function log(message: string): void {
  process.stderr.write(`[survey-desk] ${message}\n`)
}

/** Only the stack goes to the log; dispatch already keeps the message away from the page. */
function logUnexpected(err: unknown): void {
  log(`Unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
}

function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === name) return argv[i + 1]
    if (arg?.startsWith(`${name}=`)) return arg.slice(name.length + 1)
  }
  return undefined
}

// Before anything asks for a path: userData must be "<appData>/Survey Desk", the folder data-dir.ts
// computes for the CLI and the web host.
app.setName(APP_DIR_NAME)
const explicitDataDir = flagValue(process.argv, '--data-dir') ?? process.env.SURVEY_DESK_DATA_DIR
if (explicitDataDir) app.setPath('userData', resolve(resolveDataDir(explicitDataDir)))

// app-root.ts looks here first: in a packaged app (asar) getAppPath() is the one reliable root.
process.env.SURVEY_DESK_APP_ROOT ??= app.getAppPath()

app.enableSandbox()
registerAppScheme(protocol)

const devServerUrl = devServerUrlFrom(process.env, app.isPackaged)
if (process.env.ELECTRON_RENDERER_URL && !devServerUrl) {
  log('Ignoring ELECTRON_RENDERER_URL: only an http://localhost or http://127.0.0.1 dev server may be loaded.')
}
const isTrustedUrl = (url: string): boolean => isAppFrameUrl(url, devServerUrl)

const preloadPath = join(__dirname, '../preload/index.js')
const rendererDir = join(__dirname, '../renderer')

let ctx: AppContext | null = null
const disposers: Array<() => void> = []

function appWindows(): BrowserWindow[] {
  return BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed())
}

function openWindow(): BrowserWindow {
  return createMainWindow({ BrowserWindow, preloadPath, url: startUrl(devServerUrl), log })
}

if (!app.requestSingleInstanceLock()) {
  // Another Survey Desk has the database open; it gets focus (below) and this one leaves.
  app.quit()
} else {
  app.on('second-instance', () => {
    const win = appWindows()[0]
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { shell, devServerUrl, log }))

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession)
      if (devServerUrl) {
        session.defaultSession.webRequest.onHeadersReceived({ urls: [`${new URL(devServerUrl).origin}/*`] }, (details, callback) => {
          callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
        })
      }
      disposers.push(handleAppProtocol(protocol, rendererDir))

      const dataDir = app.getPath('userData')
      try {
        ctx = createAppContext({ dataDir, runtime: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null } })
      } catch (err) {
        logUnexpected(err)
        dialog.showErrorBox(
          'Survey Desk could not open its database',
          `The database in ${dataDir} could not be opened.\n\n` +
            'If this is a development checkout, run "npm run native:electron" (it builds the database driver for Electron) and start again.\n\n' +
            'Details were written to the log.'
        )
        app.exit(1)
        return
      }

      const dispatch = createDispatch(handlers, ctx, logUnexpected)
      disposers.push(registerIpcTransport(ipcMain, dispatch, isTrustedUrl, log))
      disposers.push(
        forwardEvents(ctx.events, () =>
          appWindows()
            .map((w) => w.webContents)
            .filter((wc) => !wc.isDestroyed() && isTrustedUrl(wc.getURL()))
        )
      )
      void startBackgroundWork(ctx, logUnexpected).catch(logUnexpected)
      openWindow()

      app.on('activate', () => {
        // macOS: clicking the Dock icon with no window open opens one.
        if (appWindows().length === 0) openWindow()
      })
    })
    .catch((err: unknown) => {
      logUnexpected(err)
      app.exit(1)
    })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  let quitting = false
  app.on('will-quit', (event) => {
    for (const dispose of disposers.splice(0).reverse()) {
      try {
        dispose()
      } catch (err) {
        logUnexpected(err)
      }
    }
    if (!ctx || quitting) return
    // Sync, simulators and the cache workers stop cleanly (their last page committed) before we exit.
    quitting = true
    event.preventDefault()
    const closing = ctx
    ctx = null
    closing
      .shutdown()
      .catch(logUnexpected)
      .finally(() => app.exit(0))
  })
}
