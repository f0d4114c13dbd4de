import type { SyncProgress } from '../../shared/domain/inbox'
import type { Connection } from '../../shared/domain/connection'
import { PROVIDERS } from '../../shared/providers'
import type { SyncRunSummary } from '../sync/sync-api'
import { boolFlag, parseArgs, UsageError } from './args'
import type { Command, CommandContext } from './commands'
import { formatTable } from './output'

/** One progress line per stream at most this often, plus its last line: readable, not a flood. */
const PROGRESS_EVERY_MS = 1000

const AFTERWORD =
  'The simulated providers ran inside this command and stopped when it finished; the synced data stays on this computer.\n' +
  'Browse it offline with `survey-desk inbox`. To sync again, start the app or run `survey-desk demo` again.\n' +
  'Remove the demo connections and their data with `survey-desk demo --remove`.\n'

const fmt = (n: number): string => n.toLocaleString('en-US')

/** Prints sync.progress events of these connections to stderr, throttled per stream. */
function followProgress(ctx: CommandContext, connections: Connection[]): () => void {
  const labels = new Map(connections.map((c) => [c.id, c.label]))
  const lastAt = new Map<string, number>()
  return ctx.app.events.subscribe((event, payload) => {
    if (event !== 'sync.progress') return
    const p = payload as SyncProgress
    const label = labels.get(p.connectionId)
    if (!label) return
    const key = `${p.connectionId}/${p.stream}`
    const final = p.phase !== 'running' && p.phase !== 'idle'
    const now = Date.now()
    if (!final && now - (lastAt.get(key) ?? 0) < PROGRESS_EVERY_MS) return
    lastAt.set(key, now)
    const total = p.totalRows !== null ? ` of ${fmt(p.totalRows)}` : ''
    const rate = p.phase === 'running' && p.rowsPerSecond > 0 ? ` (${fmt(Math.round(p.rowsPerSecond))} rows/s)` : ''
    const state = p.phase === 'running' ? '' : ` — ${p.phase}`
    const error = p.error ? `: ${p.error.message}` : ''
    ctx.io.stderr(`${label} · ${p.stream}: ${fmt(p.rows)}${total} rows, ${fmt(p.pages)} page${p.pages === 1 ? '' : 's'}${rate}${state}${error}\n`)
  })
}

/** Ctrl+C cancels the sync cleanly (the last page stays committed) instead of killing it mid-write. */
function cancelOnInterrupt(controller: AbortController): () => void {
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}

function summaryTable(connections: Connection[], summary: SyncRunSummary): string {
  const labels = new Map(connections.map((c) => [c.id, c]))
  const rows = summary.connections.flatMap((c) =>
    c.streams.map((s) => [labels.get(c.connectionId)?.label ?? c.connectionId, s.stream, s.status, fmt(s.rows), s.error ?? ''])
  )
  return formatTable(['CONNECTION', 'STREAM', 'STATUS', 'ROWS', 'ERROR'], rows)
}

async function removeDemo(ctx: CommandContext): Promise<void> {
  const { removed } = await ctx.call('demo.remove', {})
  if (ctx.json) ctx.io.stdout(JSON.stringify({ removed }, null, 2) + '\n')
  else ctx.io.stdout(removed === 0 ? 'There are no demo connections.\n' : `Removed ${removed} demo connection${removed === 1 ? '' : 's'} and their synced data.\n`)
}

export const demo: Command = {
  usage: 'survey-desk demo [--remove]',
  summary:
    'Start the five simulated providers on this computer, add a demo connection for each and sync them once (no account or internet needed); --remove deletes the demo connections and their data',
  flags: { remove: { value: false } },
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    if (args.positionals.length) throw new UsageError('demo takes no arguments')
    if (boolFlag(args, 'remove')) return removeDemo(ctx)

    ctx.io.stderr('Starting the simulated providers on this computer…\n')
    const connections = await ctx.app.demo().start({ backgroundSync: false })
    for (const c of connections) ctx.io.stderr(`  ${c.label}: ${c.baseUrl ?? PROVIDERS[c.provider].defaultBaseUrl}\n`)
    ctx.io.stderr('Syncing the demo data…\n')

    const controller = new AbortController()
    const stopFollowing = followProgress(ctx, connections)
    const stopListening = cancelOnInterrupt(controller)
    let summary: SyncRunSummary
    try {
      summary = await ctx.app.sync().run({ connectionIds: connections.map((c) => c.id), signal: controller.signal })
    } finally {
      stopListening()
      stopFollowing()
    }

    const failed = summary.connections.some((c) => c.streams.some((s) => s.status !== 'done'))
    if (failed) ctx.exitCode = 1
    const rows = summary.connections.reduce((n, c) => n + c.streams.reduce((m, s) => m + s.rows, 0), 0)
    if (ctx.json) {
      ctx.io.stdout(
        JSON.stringify(
          {
            connections: connections.map((c) => ({ id: c.id, provider: c.provider, label: c.label, isDemo: c.isDemo })),
            summary,
            rows,
            simulatorsStopped: true
          },
          null,
          2
        ) + '\n'
      )
      ctx.io.stderr(AFTERWORD)
      return
    }
    ctx.io.stdout(
      `${connections.length} demo connection${connections.length === 1 ? '' : 's'}, ${fmt(rows)} rows synced${failed ? ' (some streams did not finish: see ERROR)' : ''}.\n\n` +
        summaryTable(connections, summary) +
        '\n' +
        AFTERWORD
    )
  }
}
