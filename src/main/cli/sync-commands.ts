import type { InboxFilters, InboxItem, SyncProgress } from '../../shared/domain/inbox'
import { PROVIDERS, ProviderId } from '../../shared/providers'
import type { SyncRunSummary } from '../sync/sync-api'
import { boolFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args'
import { applyPeriodFlags } from './period-flags'
import type { Command, CommandContext } from './commands'
import { formatTable } from './output'

const fmt = (n: number): string => n.toLocaleString('en-US')

/** At most one progress line per stream this often, plus its last one: a readable log, not a flood. */
const PROGRESS_EVERY_MS = 2000

function followProgress(ctx: CommandContext, labels: Map<string, string>): () => void {
  const lastAt = new Map<string, number>()
  return ctx.app.events.subscribe((event, payload) => {
    if (event !== 'sync.progress') return
    const p = payload as SyncProgress
    const label = labels.get(p.connectionId)
    if (label === undefined) return
    const key = `${p.connectionId}/${p.stream}`
    const final = p.phase !== 'running' && p.phase !== 'idle'
    const now = Date.now()
    // The first 'running' event (0 rows) says nothing yet; later ones are throttled.
    if (!final && (p.pages === 0 || now - (lastAt.get(key) ?? 0) < PROGRESS_EVERY_MS)) return
    lastAt.set(key, now)
    const total = p.totalRows !== null ? ` of ${fmt(p.totalRows)}` : ''
    const rate = p.phase === 'running' && p.rowsPerSecond > 0 ? `, ${fmt(Math.round(p.rowsPerSecond))} rows/s` : ''
    const state = final ? ` — ${p.phase}` : ''
    const error = p.error ? `: ${p.error.message}` : ''
    ctx.io.stderr(`${label} · ${p.stream}: ${fmt(p.rows)}${total} rows, ${fmt(p.pages)} page${p.pages === 1 ? '' : 's'}${rate}${state}${error}\n`)
  })
}

/** Ctrl+C (or SIGTERM) cancels cleanly: the page being written is committed or not at all, and the next run resumes. */
function cancelOnSignal(controller: AbortController): () => void {
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}

function summaryTable(labels: Map<string, string>, summary: SyncRunSummary): string {
  const rows = summary.connections.flatMap((c) =>
    c.streams.map((s) => [labels.get(c.connectionId) ?? c.connectionId, s.stream, s.status, fmt(s.pages), fmt(s.rows), s.error ?? ''])
  )
  return formatTable(['CONNECTION', 'STREAM', 'STATUS', 'PAGES', 'ROWS', 'ERROR'], rows)
}

export const syncCommand: Command = {
  usage: 'survey-desk sync [<connection-id>…] [--full]',
  summary: 'Sync connections (all when none is named) into the local cache; progress on stderr, a summary per stream at the end. --full re-reads everything',
  flags: { full: { value: false } },
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    const ids = args.positionals
    const { connections } = await ctx.call('connections.list', {})
    for (const id of ids) if (!connections.some((c) => c.id === id)) throw new UsageError(`No connection with id ${id} (see \`survey-desk connections list\`)`)
    const chosen = ids.length > 0 ? connections.filter((c) => ids.includes(c.id)) : connections
    if (chosen.length === 0) {
      if (ctx.json) ctx.io.stdout(JSON.stringify({ connections: [] }, null, 2) + '\n')
      else ctx.io.stdout('No connections to sync. Add one with `survey-desk connections add …`, or try `survey-desk demo`.\n')
      return
    }
    const labels = new Map(chosen.map((c) => [c.id, `${c.label} (${PROVIDERS[c.provider].name})`]))
    const controller = new AbortController()
    const unfollow = followProgress(ctx, labels)
    const unsignal = cancelOnSignal(controller)
    let summary: SyncRunSummary
    try {
      summary = await ctx.app.sync().run({ connectionIds: chosen.map((c) => c.id), full: boolFlag(args, 'full'), signal: controller.signal })
    } finally {
      unsignal()
      unfollow()
    }
    if (ctx.json) ctx.io.stdout(JSON.stringify(summary, null, 2) + '\n')
    else ctx.io.stdout(summaryTable(labels, summary))
    const streams = summary.connections.flatMap((c) => c.streams)
    if (streams.some((s) => s.status === 'failed')) ctx.exitCode = 1
    else if (streams.some((s) => s.status === 'cancelled')) ctx.exitCode = 130
  }
}

// ------------------------------------------------------------------------------------------ inbox

function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const v = stringFlag(args, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number`)
  return n
}

/** Comma-separated lists, so `--provider nicereply,customergauge` picks two. */
const listFlag = (args: ParsedArgs, name: string): string[] | undefined =>
  stringFlag(args, name)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)

function scoreText(item: InboxItem): string {
  if (item.score === null) return '-'
  return item.scale ? `${item.score}/${item.scale.max}` : String(item.score)
}

function oneLine(text: string | null, max: number): string {
  if (!text) return ''
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

export const inboxCommand: Command = {
  usage:
    'survey-desk inbox [--provider P] [--connection ID] [--search TEXT] [--period NAME | --from ISO --to ISO] [--min-score N] [--max-score N] [--limit N]',
  summary: 'Read the local cache, newest first (works offline); --period takes one of the 18 CustomerSure period names, in your time zone',
  flags: {
    provider: { value: true },
    connection: { value: true },
    search: { value: true },
    period: { value: true },
    from: { value: true },
    to: { value: true },
    'min-score': { value: true },
    'max-score': { value: true },
    limit: { value: true }
  },
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    if (args.positionals.length) throw new UsageError(`inbox takes no arguments (got "${args.positionals[0]}"); use --search TEXT to search`)
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
    const filters: InboxFilters = { timeZone }
    const providers = listFlag(args, 'provider')
    if (providers) {
      for (const p of providers) if (!ProviderId.safeParse(p).success) throw new UsageError(`--provider must be one of ${ProviderId.options.join(', ')} (got "${p}")`)
      filters.providers = providers as ProviderId[]
    }
    const connectionIds = listFlag(args, 'connection')
    if (connectionIds) filters.connectionIds = connectionIds
    const search = stringFlag(args, 'search')
    if (search !== undefined) filters.search = search
    applyPeriodFlags(args, filters)
    const minScore = numberFlag(args, 'min-score')
    const maxScore = numberFlag(args, 'max-score')
    if (minScore !== undefined) filters.minScore = minScore
    if (maxScore !== undefined) filters.maxScore = maxScore
    if (minScore !== undefined && maxScore !== undefined && minScore > maxScore) throw new UsageError('--min-score is above --max-score')
    const limit = numberFlag(args, 'limit') ?? 50
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500')

    const page = await ctx.call('inbox.list', { filters, limit })
    if (ctx.json) {
      ctx.io.stdout(JSON.stringify(page, null, 2) + '\n')
      return
    }
    if (page.items.length === 0) {
      ctx.io.stdout('Nothing matches. (The inbox reads the local cache: run `survey-desk sync` to fill it.)\n')
      return
    }
    const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    ctx.io.stdout(
      formatTable(
        ['DATE', 'PROVIDER', 'SCORE', 'CUSTOMER', 'COMMENT'],
        page.items.map((i) => [date.format(new Date(i.respondedAt)).replace(',', ''), PROVIDERS[i.provider].name, scoreText(i), oneLine(i.customerName, 28), oneLine(i.comment, 60)])
      ) + (page.nextCursor ? `… more: raise --limit (up to 500) or narrow the filters.\n` : '')
    )
  }
}
