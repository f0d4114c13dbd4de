import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { WEB_HOST_URL_FILE } from '../shared/web-protocol'
import { startBackgroundWork } from './background-work'
import { resolveDataDir } from './data-dir'
import { createAppContext } from './ipc/app-context'
import { createDispatch } from './ipc/dispatch'
import { handlers } from './ipc/handlers'
import { startWebHost } from './ipc/web-host'

// `npm run web`: the handler table over loopback HTTP, run by plain Node from out/main/web.js.

const USAGE = 'Usage: node out/main/web.js [--data-dir DIR] [--port N] [--static DIR]'

interface Flags {
  dataDir?: string
  port?: number
  staticDir?: string
}

class UsageError extends Error {}

function parseFlags(argv: string[]): Flags | 'help' {
  const flags: Flags = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') return 'help'
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg : arg.slice(0, eq)
    if (name !== '--data-dir' && name !== '--port' && name !== '--static') throw new UsageError(`Unknown argument "${arg}"`)
    let value: string | undefined
    if (eq !== -1) value = arg.slice(eq + 1)
    else value = argv[++i]
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) throw new UsageError(`${name} needs a value`)
    if (name === '--data-dir') flags.dataDir = value
    else if (name === '--static') flags.staticDir = value
    else {
      if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`)
      flags.port = Number(value)
    }
  }
  return flags
}

async function main(): Promise<void> {
  let flags: Flags | 'help'
  try {
    flags = parseFlags(process.argv.slice(2))
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    console.error(`${err.message}\n${USAGE}`)
    process.exit(2)
  }
  if (flags === 'help') {
    console.log(USAGE)
    return
  }

  const staticDir = resolve(flags.staticDir ?? join(__dirname, '../renderer'))
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`No built renderer at ${staticDir} (index.html is missing): run npm run build first.`)
    process.exit(1)
  }

  const dataDir = resolveDataDir(flags.dataDir)
  const ctx = createAppContext({ dataDir })
  // Only the stack goes out: the dispatch already keeps these messages away from callers.
  const dispatch = createDispatch(handlers, ctx, (err) =>
    console.error('Unexpected error:', err instanceof Error ? (err.stack ?? err.name) : typeof err)
  )

  let host: Awaited<ReturnType<typeof startWebHost>>
  try {
    host = await startWebHost({ dispatch, events: ctx.events, staticDir, dataDir, port: flags.port, log: (line) => console.error(line) })
  } catch (err) {
    ctx.close()
    throw err
  }

  // The web host is a long-running app process: it keeps the cache synced in the background and
  // brings the demo workspace's simulators back if demo connections exist.
  await startBackgroundWork(ctx, (err: unknown) =>
    console.error('Could not restart the demo simulators:', err instanceof Error ? err.message : String(err))
  )

  console.log(`Survey Desk web host: open ${host.url}`)
  console.log(`URL also saved to ${join(dataDir, WEB_HOST_URL_FILE)}`)

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.error(`${signal}: stopping the web host`)
    host
      .close()
      .finally(() => ctx.shutdown())
      .then(
        () => process.exit(0),
        () => process.exit(1)
      )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
