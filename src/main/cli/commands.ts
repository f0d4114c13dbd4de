import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract'
import type { AppContext } from '../ipc/app-context'
import { PROVIDERS, ProviderId } from '../../shared/providers'
import { AppError } from '../../shared/errors'
import { boolFlag, parseArgs, stringFlag, UsageError, type FlagSpec } from './args'
import { formatTable, type CliIo } from './output'
import { readSecretFromStdin } from './read-secret'
import { demo } from './demo-command'
import { simulate } from './simulate-command'
import { inboxCommand, syncCommand } from './sync-commands'
import { reportCommand } from './report-command'
import { sendCommand, sendsCancelCommand, sendsExportCommand, sendsListCommand, sendsResumeCommand, sendsShowCommand } from './send-commands'

export type Call = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>

export interface CommandContext {
  call: Call
  io: CliIo
  json: boolean
  /** The process's app context, for commands that follow long work through events (demo, sync). */
  app: AppContext
  /** A command may set a non-zero exit code without throwing (e.g. a connection test that failed). */
  exitCode?: number
}

export interface Command {
  usage: string
  summary: string
  flags: Record<string, FlagSpec>
  run(ctx: CommandContext, argv: string[]): Promise<void>
}

function print(ctx: CommandContext, value: unknown, human: () => string): void {
  ctx.io.stdout(ctx.json ? JSON.stringify(value, null, 2) + '\n' : human())
}

const doctor: Command = {
  usage: 'survey-desk doctor',
  summary: 'Versions, data folder, database schema version and whether the OS keychain is available',
  flags: {},
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    if (args.positionals.length) throw new UsageError(`doctor takes no arguments`)
    const info = await ctx.call('app.info', {})
    print(ctx, info, () =>
      [
        `${info.name} ${info.version}`,
        `Data folder:      ${info.dataDir}`,
        `Database:         ${info.databaseFile} (schema ${info.schemaVersion} of ${info.latestSchemaVersion})`,
        `Keychain:         ${info.keychain.available ? 'available' : `NOT available — ${info.keychain.reason ?? 'unknown reason'}`}`,
        `Node ${info.runtime.node}, SQLite ${info.runtime.sqlite}, ${info.runtime.platform}/${info.runtime.arch}` +
          (info.runtime.electron ? `, Electron ${info.runtime.electron}` : ''),
        ''
      ].join('\n')
    )
  }
}

const list: Command = {
  usage: 'survey-desk connections list',
  summary: 'List connections (secrets are never shown; only whether the keychain holds one)',
  flags: {},
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    if (args.positionals.length) throw new UsageError('connections list takes no arguments')
    const { connections } = await ctx.call('connections.list', {})
    print(ctx, { connections }, () =>
      connections.length === 0
        ? 'No connections yet. Add one with `survey-desk connections add --provider … --label … --secret-stdin`.\n'
        : formatTable(
            ['ID', 'PROVIDER', 'LABEL', 'SECRET', 'DETAILS'],
            connections.map((c) => [
              c.id,
              PROVIDERS[c.provider].name,
              c.label,
              c.secret === 'set' ? 'in keychain' : c.secret === 'missing' ? 'MISSING' : 'keychain unavailable',
              [
                c.settings.companyName ? `company ${c.settings.companyName}` : '',
                c.region ? `region ${c.region}` : '',
                c.settings.clientId ? `client ${c.settings.clientId}` : '',
                c.baseUrl ? `base ${c.baseUrl}` : ''
              ]
                .filter(Boolean)
                .join(', ')
            ])
          )
    )
  }
}

const add: Command = {
  usage:
    'survey-desk connections add --provider <customersure|enco|customergauge|feedbackapi|nicereply> --label TEXT [--base-url URL] [--company NAME] [--region eu|us|au] [--client-id ID] --secret-stdin',
  summary: 'Add a connection; its secret (token, key or OAuth client secret) is read from standard input into the OS keychain',
  flags: {
    provider: { value: true },
    label: { value: true },
    'base-url': { value: true },
    company: { value: true },
    region: { value: true },
    'client-id': { value: true },
    'secret-stdin': { value: false }
  },
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    if (args.positionals.length) throw new UsageError(`Unexpected argument "${args.positionals[0]}"`)
    const provider = stringFlag(args, 'provider')
    if (!provider) throw new UsageError('--provider is required')
    if (!ProviderId.safeParse(provider).success) throw new UsageError(`--provider must be one of ${ProviderId.options.join(', ')}`)
    if (!boolFlag(args, 'secret-stdin')) {
      throw new UsageError('--secret-stdin is required: the secret is read from standard input, never from the command line')
    }
    // Optional flags are passed only when given, so the provider's strict schema can reject the ones it does not use.
    const input: Record<string, unknown> = { provider, label: stringFlag(args, 'label') }
    const optional: Array<[string, string]> = [
      ['base-url', 'baseUrl'],
      ['company', 'companyName'],
      ['region', 'region'],
      ['client-id', 'clientId']
    ]
    for (const [flag, field] of optional) {
      const v = stringFlag(args, flag)
      if (v !== undefined) input[field] = v
    }
    input.secret = await readSecretFromStdin(ctx.io.stdin, ctx.io.stderr)
    const created = await ctx.call('connections.add', input as ChannelInput<'connections.add'>)
    print(ctx, created, () => `Added ${PROVIDERS[created.provider].name} connection "${created.label}" (${created.id}); its secret is in the OS keychain.\n`)
  }
}

const remove: Command = {
  usage: 'survey-desk connections remove <id>',
  summary: 'Remove a connection and its keychain entry',
  flags: {},
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    const [id, extra] = args.positionals
    if (!id || extra) throw new UsageError('connections remove takes exactly one connection id')
    const result = await ctx.call('connections.remove', { id })
    print(ctx, result, () =>
      result.secretRemoved
        ? `Removed connection ${result.id} and its keychain entry.\n`
        : `Removed connection ${result.id}. Its keychain entry could not be removed (the keychain is unavailable); remove "survey-desk / ${result.id}" from your keychain by hand.\n`
    )
  }
}

const test: Command = {
  usage: 'survey-desk connections test <id>',
  summary: 'Make one cheap authenticated call to the provider and say whether the connection works',
  flags: {},
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    const [id, extra] = args.positionals
    if (!id || extra) throw new UsageError('connections test takes exactly one connection id')
    const result = await ctx.call('connections.test', { id })
    print(ctx, result, () => `${result.outcome === 'works' ? 'Works' : 'Problem'}: ${result.message}\n`)
    // A connection that does not work is a failure for scripts, even though the test itself ran.
    if (result.outcome !== 'works') ctx.exitCode = 1
  }
}

/** Command paths -> commands. Later capabilities add their commands here. */
export const COMMANDS: Record<string, Command> = {
  doctor,
  'connections list': list,
  'connections add': add,
  'connections remove': remove,
  'connections test': test,
  simulate,
  demo,
  sync: syncCommand,
  inbox: inboxCommand,
  report: reportCommand,
  send: sendCommand,
  'sends list': sendsListCommand,
  'sends show': sendsShowCommand,
  'sends resume': sendsResumeCommand,
  'sends cancel': sendsCancelCommand,
  'sends export': sendsExportCommand
}

export function unknownCommandError(words: string[]): UsageError {
  return new UsageError(words.length ? `Unknown command "${words.join(' ')}"` : 'No command given')
}

export { AppError }
