import { AppError } from '../../shared/errors'

/** A usage mistake: exit code 2 and the command's help, as CLIs conventionally do. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface FlagSpec {
  /** Takes a value (`--label X` or `--label=X`) or is a boolean switch. */
  value: boolean
  /** May be given more than once (`--map a=b --map c=d`); read with listValues. */
  repeatable?: boolean
}

export interface ParsedArgs {
  positionals: string[]
  flags: Map<string, string | true>
  /** Every value of a repeatable flag, in the order given. */
  lists: Map<string, string[]>
}

/**
 * Strict parser: every flag must be declared by the command (or be global), values are required
 * where declared, and nothing unknown slips through silently.
 */
export function parseArgs(argv: readonly string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = []
  const flags = new Map<string, string | true>()
  const lists = new Map<string, string[]>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    const spec = specs[name]
    if (!spec) {
      if (name === 'secret') throw new UsageError('Secrets are never taken on the command line (other programs can read it); use --secret-stdin')
      throw new UsageError(`Unknown option --${name}`)
    }
    if (flags.has(name) && !spec.repeatable) throw new UsageError(`--${name} is given twice`)
    if (!spec.value) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`)
      flags.set(name, true)
      continue
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`)
    flags.set(name, value)
    if (spec.repeatable) lists.set(name, [...(lists.get(name) ?? []), value])
  }
  return { positionals, flags, lists }
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name)
  return typeof v === 'string' ? v : undefined
}

/** An ISO 8601 date or date-time flag as an instant; a date alone (2025-03-01) is midnight UTC, as JavaScript reads it. */
export function instantFlag(args: ParsedArgs, name: string): string | undefined {
  const v = stringFlag(args, name)
  if (v === undefined) return undefined
  const ms = Date.parse(v)
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be an ISO 8601 date or date-time, e.g. 2025-03-01 or 2025-03-01T09:00:00Z`)
  return new Date(ms).toISOString()
}

export function listValues(args: ParsedArgs, name: string): string[] {
  return args.lists.get(name) ?? []
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true
}

/** Contract field names -> the flag a CLI user typed, so validation errors point at their flag. */
export const FIELD_TO_FLAG: Record<string, string> = {
  provider: '--provider',
  label: '--label',
  baseUrl: '--base-url',
  companyName: '--company',
  region: '--region',
  clientId: '--client-id',
  secret: 'the secret read from standard input',
  id: '<id>'
}

export function describeFieldErrors(err: AppError): string[] {
  return err.details.map((d) => `  ${FIELD_TO_FLAG[d.field] ?? (d.field || 'input')}: ${d.message}`)
}
