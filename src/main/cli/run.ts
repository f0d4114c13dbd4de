import { AppError } from '../../shared/errors'
import { createAppContext, type AppContext } from '../ipc/app-context'
import { createDispatch } from '../ipc/dispatch'
import { handlers } from '../ipc/handlers'
import { resolveDataDir } from '../data-dir'
import type { SecretStore } from '../secrets/secret-store'
import { describeFieldErrors, UsageError } from './args'
import { COMMANDS, unknownCommandError, type Call } from './commands'
import type { CliIo } from './output'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

function helpText(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`)
  return [
    'Survey Desk command line',
    '',
    'Usage: survey-desk <command> [options] [--data-dir DIR] [--json]',
    '',
    ...lines,
    '',
    'Every command takes --data-dir DIR (default: SURVEY_DESK_DATA_DIR, then the app\'s own data folder)',
    'and --json (one JSON document on stdout; errors as JSON on stderr).',
    ''
  ].join('\n')
}

/** Pulls the options every command accepts out of argv, wherever they appear. */
function takeGlobals(argv: readonly string[]): { rest: string[]; dataDir?: string; json: boolean; help: boolean } {
  const rest: string[] = []
  let dataDir: string | undefined
  let json = false
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--json') json = true
    else if (a === '--help' || a === '-h') help = true
    else if (a === '--data-dir') {
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) throw new UsageError('--data-dir needs a value')
      dataDir = v
    } else if (a.startsWith('--data-dir=')) dataDir = a.slice('--data-dir='.length)
    else rest.push(a)
  }
  return { rest, dataDir, json, help }
}

function findCommand(words: string[]): { key: string; argv: string[] } {
  for (const n of [2, 1]) {
    const key = words.slice(0, n).join(' ')
    if (words.length >= n && COMMANDS[key]) return { key, argv: words.slice(n) }
  }
  throw unknownCommandError(words.filter((w) => !w.startsWith('-')).slice(0, 2))
}

export interface RunOptions {
  /** Tests inject a fake keychain; the binary uses the OS keychain. */
  secrets?: SecretStore
}

/** Runs one CLI invocation through the same handler table as the app; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, opts: RunOptions = {}): Promise<number> {
  let json = false
  let ctx: AppContext | undefined
  try {
    const globals = takeGlobals(argv)
    json = globals.json
    if (globals.help || globals.rest.length === 0) {
      io.stdout(helpText())
      return globals.help ? EXIT_OK : EXIT_USAGE
    }
    const { key, argv: commandArgv } = findCommand(globals.rest)
    ctx = createAppContext({ dataDir: resolveDataDir(globals.dataDir, io.env), secrets: opts.secrets })
    const dispatch = createDispatch(handlers, ctx, (err) => io.stderr(`Unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`))
    const call: Call = async (channel, input) => {
      const result = await dispatch(channel, input)
      if (!result.ok) throw AppError.fromShape(result.error)
      return result.value as never
    }
    const commandCtx = { call, io, json, app: ctx, exitCode: EXIT_OK }
    await COMMANDS[key]!.run(commandCtx, commandArgv)
    return commandCtx.exitCode
  } catch (err) {
    return reportError(err, io, json)
  } finally {
    await ctx?.shutdown()
  }
}

function reportError(err: unknown, io: CliIo, json: boolean): number {
  if (err instanceof UsageError) {
    if (json) io.stderr(JSON.stringify({ error: { code: 'usage', message: err.message, details: [], retryable: false } }) + '\n')
    else io.stderr(`Error: ${err.message}\nRun "survey-desk --help" for usage.\n`)
    return EXIT_USAGE
  }
  const appError = err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err))
  if (json) io.stderr(JSON.stringify({ error: appError.toShape() }) + '\n')
  else if (appError.code === 'validation') io.stderr(['Error: some options are missing or invalid:', ...describeFieldErrors(appError), ''].join('\n'))
  else io.stderr(`Error: ${appError.message}\n`)
  return appError.code === 'validation' ? EXIT_USAGE : EXIT_FAILURE
}
