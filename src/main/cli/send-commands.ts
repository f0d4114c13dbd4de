import { writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { DryRunRow, JobRow, JobSummary, Mapping, ValidationSummary } from '../../shared/domain/sends'
import { PROVIDERS } from '../../shared/providers'
import { boolFlag, listValues, parseArgs, stringFlag, UsageError } from './args'
import type { Command, CommandContext } from './commands'
import { formatTable } from './output'

const fmt = (n: number): string => n.toLocaleString('en-US')
const DRY_RUN_PAGE = 500
const PROGRESS_EVERY_MS = 2000

function print(ctx: CommandContext, value: unknown, human: () => string): void {
  ctx.io.stdout(ctx.json ? JSON.stringify(value, null, 2) + '\n' : human())
}

/** `column=field`: the column by its header (or 1-based number), the field by its id. Split at the last '=' (headers may hold one). */
function applyMaps(mapping: Mapping, maps: string[], headers: readonly string[]): void {
  for (const m of maps) {
    const at = m.lastIndexOf('=')
    if (at <= 0 || at === m.length - 1) throw new UsageError(`--map takes column=field (got "${m}")`)
    const column = m.slice(0, at).trim()
    const field = m.slice(at + 1).trim()
    let index = headers.findIndex((h) => h === column)
    if (index === -1) index = headers.findIndex((h) => h.toLowerCase() === column.toLowerCase())
    if (index === -1 && /^\d+$/.test(column) && Number(column) >= 1 && Number(column) <= headers.length) index = Number(column) - 1
    if (index === -1) throw new UsageError(`--map ${m}: the file has no column "${column}" (its columns: ${headers.join(', ')})`)
    // One column feeds one field: a --map replaces what the suggestion put on that column.
    for (const [f, s] of Object.entries(mapping)) if ('column' in s && s.column === index && f !== field) delete mapping[f]
    mapping[field] = { column: index, header: headers[index]! }
  }
}

function applySets(mapping: Mapping, sets: string[]): void {
  for (const s of sets) {
    const at = s.indexOf('=')
    if (at <= 0) throw new UsageError(`--set takes field=value (got "${s}")`)
    mapping[s.slice(0, at).trim()] = { constant: s.slice(at + 1) }
  }
}

function validationLine(s: ValidationSummary): string {
  return `${fmt(s.total)} rows: ${fmt(s.valid)} valid, ${fmt(s.invalid)} invalid, ${fmt(s.duplicate)} duplicate`
}

function jobLine(j: JobSummary): string {
  const c = j.counts
  const rate = j.status === 'running' && j.ratePerMinute > 0 ? `, ${fmt(Math.round(j.ratePerMinute))}/min` : ''
  const eta = j.status === 'running' && j.etaSeconds !== null ? `, about ${fmt(Math.ceil(j.etaSeconds))} s left` : ''
  return `${j.fileName}: ${fmt(c.sent)} sent, ${fmt(c.failed)} failed, ${fmt(c.skipped)} skipped, ${fmt(c.pending + c.inFlight)} to go${c.unknown ? `, ${fmt(c.unknown)} unknown` : ''} — ${j.status}${rate}${eta}`
}

const STOPPED = new Set<JobSummary['status']>(['done', 'cancelled', 'failed', 'needs_attention', 'paused'])

/** Follows a job to its end on stderr; Ctrl+C pauses it (resume later with `sends resume`). */
async function follow(ctx: CommandContext, jobId: string): Promise<JobSummary> {
  const engine = ctx.app.sends().engine()
  let lastAt = 0
  const off = ctx.app.events.subscribe((event, payload) => {
    if (event !== 'sends.progress') return
    const j = payload as JobSummary
    if (j.id !== jobId) return
    const now = Date.now()
    if (!STOPPED.has(j.status) && now - lastAt < PROGRESS_EVERY_MS) return
    lastAt = now
    ctx.io.stderr(jobLine(j) + '\n')
  })
  const pause = (): void => {
    ctx.io.stderr('Pausing: rows in flight finish first. Resume with `survey-desk sends resume ' + jobId + '`.\n')
    engine.pause(jobId)
  }
  process.once('SIGINT', pause)
  process.once('SIGTERM', pause)
  try {
    return await engine.whenIdle(jobId)
  } finally {
    process.off('SIGINT', pause)
    process.off('SIGTERM', pause)
    off()
  }
}

function exitFor(ctx: CommandContext, job: JobSummary): void {
  if (job.status === 'paused' || job.status === 'cancelled') ctx.exitCode = 130
  else if (job.status !== 'done' || job.counts.failed > 0 || job.counts.unknown > 0) ctx.exitCode = 1
}

export const sendCommand: Command = {
  usage:
    'survey-desk send --connection ID --csv FILE [--map column=field …] [--set field=value …] [--default-country BE] [--time-zone ZONE] [--keep-last] [--dry-run]',
  summary:
    'Send a survey to every valid row of a CSV file as a durable job (Nicereply: import the rows as ratings). The mapping is suggested from the headers (or the one saved for this connection); --map and --set change it. --dry-run sends nothing and prints each row\'s verdict',
  flags: {
    connection: { value: true },
    csv: { value: true },
    map: { value: true, repeatable: true },
    set: { value: true, repeatable: true },
    'default-country': { value: true },
    'time-zone': { value: true },
    'keep-last': { value: false },
    'dry-run': { value: false }
  },
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    if (args.positionals.length) throw new UsageError(`send takes no arguments (got "${args.positionals[0]}")`)
    const connectionId = stringFlag(args, 'connection')
    const csv = stringFlag(args, 'csv')
    if (!connectionId) throw new UsageError('--connection is required (see `survey-desk connections list`)')
    if (!csv) throw new UsageError('--csv FILE is required')
    const { connections } = await ctx.call('connections.list', {})
    const connection = connections.find((c) => c.id === connectionId)
    if (!connection) throw new UsageError(`No connection with id ${connectionId} (see \`survey-desk connections list\`)`)
    const purpose = connection.provider === 'nicereply' ? 'import_ratings' : 'send'

    const service = ctx.app.sends()
    let upload
    try {
      upload = service.uploads.registerLocal(basename(csv), resolve(csv))
    } catch {
      throw new UsageError(`--csv: cannot read ${csv}`)
    }
    try {
      const preview = await service.open(upload.id)
      const proposal = await ctx.call('sends.mapping', { uploadId: upload.id, connectionId, purpose })
      const mapping: Mapping = { ...(proposal.saved ?? proposal.suggested) }
      applyMaps(mapping, listValues(args, 'map'), preview.headers)
      applySets(mapping, listValues(args, 'set'))
      ctx.io.stderr(
        `${preview.fileName}: ${preview.encoding}${preview.bom ? ' (BOM)' : ''}, delimiter ${JSON.stringify(preview.delimiter)}; mapping ${Object.entries(mapping)
          .map(([f, s]) => `${f}=${'column' in s ? `"${s.header}"` : JSON.stringify(s.constant)}`)
          .join(', ')}\n`
      )
      const summary = await ctx.call('sends.validate', {
        uploadId: upload.id,
        connectionId,
        purpose,
        mapping,
        defaultCountry: stringFlag(args, 'default-country') ?? 'BE',
        timeZone: stringFlag(args, 'time-zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        duplicates: boolFlag(args, 'keep-last') ? 'keep_last' : 'keep_first',
        saveMapping: !boolFlag(args, 'dry-run')
      })
      if (summary.mappingErrors.length > 0) {
        throw new UsageError(`The mapping is incomplete:\n${summary.mappingErrors.map((e) => `  ${e.field || 'mapping'}: ${e.message}`).join('\n')}\nAdd --map column=field or --set field=value.`)
      }
      const ambiguous = summary.dateColumns.filter((d) => d.ambiguous && !d.order)
      if (ambiguous.length > 0) {
        ctx.io.stderr(`Dates in ${ambiguous.map((d) => d.field).join(', ')} read either day-first or month-first; those rows are invalid until the file says which.\n`)
      }
      ctx.io.stderr(`${validationLine(summary)}\n`)

      if (boolFlag(args, 'dry-run')) {
        const rows: DryRunRow[] = []
        let page = await ctx.call('sends.dryRun', { uploadId: upload.id, offset: 0, limit: DRY_RUN_PAGE })
        rows.push(...page.rows)
        while (rows.length < page.matching) {
          page = await ctx.call('sends.dryRun', { uploadId: upload.id, offset: rows.length, limit: DRY_RUN_PAGE })
          if (page.rows.length === 0) break
          rows.push(...page.rows)
        }
        const { rows: _firstPage, ...totals } = page
        void _firstPage
        print(ctx, { connection: { id: connection.id, provider: connection.provider, label: connection.label }, validation: summary, ...totals, rows }, () =>
          [
            formatTable(
              ['ROW', 'VERDICT', 'RECIPIENT', 'REASON'],
              rows.map((r) => [String(r.rowNumber), r.verdict, r.recipient ?? '', r.reason ?? ''])
            ),
            `Dry run, nothing was sent: ${fmt(page.totals.send)} would be sent, ${fmt(page.totals.skip)} skipped` +
              (Object.keys(page.skipReasons).length ? ` (${Object.entries(page.skipReasons).map(([k, n]) => `${k}: ${fmt(n)}`).join(', ')})` : '') +
              '.',
            page.smsPreview ? `SMS (${page.smsPreview.encoding}, ${page.smsPreview.characters} characters, ${page.smsPreview.segments} segment(s)): ${page.smsPreview.text}` : ''
          ]
            .filter(Boolean)
            .join('\n') + '\n'
        )
        return
      }

      const created = await ctx.call('sends.create', { uploadId: upload.id })
      ctx.io.stderr(`Job ${created.id} created (${PROVIDERS[connection.provider].name}, ${fmt(created.counts.total)} rows).\n`)
      const job = await follow(ctx, created.id)
      print(ctx, job, () => jobLine(job) + '\n')
      exitFor(ctx, job)
    } finally {
      service.discard(upload.id)
    }
  }
}

function oneJob(argv: string[], flags: Command['flags'], name: string): { id: string; args: ReturnType<typeof parseArgs> } {
  const args = parseArgs(argv, flags)
  const [id, extra] = args.positionals
  if (!id || extra) throw new UsageError(`sends ${name} takes exactly one job id (see \`survey-desk sends list\`)`)
  return { id, args }
}

export const sendsListCommand: Command = {
  usage: 'survey-desk sends list',
  summary: 'List send jobs, newest first, with their counts',
  flags: {},
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    if (args.positionals.length) throw new UsageError('sends list takes no arguments')
    const { jobs } = await ctx.call('sends.jobs.list', {})
    print(ctx, { jobs }, () =>
      jobs.length === 0
        ? 'No send jobs yet. Start one with `survey-desk send --connection ID --csv FILE`.\n'
        : formatTable(
            ['JOB', 'CREATED', 'CONNECTION', 'FILE', 'STATUS', 'SENT', 'FAILED', 'SKIPPED', 'LEFT'],
            jobs.map((j) => [
              j.id,
              j.createdAt.slice(0, 16).replace('T', ' '),
              j.connectionLabel,
              j.fileName,
              j.status,
              fmt(j.counts.sent),
              fmt(j.counts.failed),
              fmt(j.counts.skipped),
              fmt(j.counts.pending + j.counts.inFlight + j.counts.unknown)
            ])
          )
    )
  }
}

export const sendsShowCommand: Command = {
  usage: 'survey-desk sends show <job>',
  summary: "A job's counts and every row's result",
  flags: {},
  async run(ctx, argv) {
    const { id } = oneJob(argv, this.flags, 'show')
    const job = await ctx.call('sends.jobs.get', { jobId: id })
    const rows: JobRow[] = []
    for (let offset = 0; ; offset += 500) {
      const page = await ctx.call('sends.jobs.rows', { jobId: id, offset, limit: 500 })
      rows.push(...page.rows)
      if (page.rows.length === 0 || rows.length >= page.total) break
    }
    print(ctx, { job, rows }, () =>
      [
        jobLine(job),
        formatTable(
          ['ROW', 'STATUS', 'RECIPIENT', 'ATTEMPTS', 'DETAIL'],
          rows.map((r) => [String(r.rowNumber), r.status, r.recipient ?? '', String(r.attempts), r.detail ?? r.providerRef ?? ''])
        )
      ].join('\n')
    )
  }
}

export const sendsResumeCommand: Command = {
  usage: 'survey-desk sends resume <job>',
  summary: 'Resume a paused or interrupted job and follow it to the end (Ctrl+C pauses it again)',
  flags: {},
  async run(ctx, argv) {
    const { id } = oneJob(argv, this.flags, 'resume')
    await ctx.call('sends.jobs.resume', { jobId: id })
    const job = await follow(ctx, id)
    print(ctx, job, () => jobLine(job) + '\n')
    exitFor(ctx, job)
  }
}

export const sendsCancelCommand: Command = {
  usage: 'survey-desk sends cancel <job>',
  summary: 'Cancel a job: rows not yet sent are skipped; rows in flight finish',
  flags: {},
  async run(ctx, argv) {
    const { id } = oneJob(argv, this.flags, 'cancel')
    const job = await ctx.call('sends.jobs.cancel', { jobId: id })
    print(ctx, job, () => jobLine(job) + '\n')
  }
}

export const sendsExportCommand: Command = {
  usage: 'survey-desk sends export <job> --failed FILE',
  summary: "Write a job's failed and skipped rows to FILE as a CSV (UTF-8 with BOM, Excel-safe) that can be fixed and sent again",
  flags: { failed: { value: true } },
  async run(ctx, argv) {
    const { id, args } = oneJob(argv, this.flags, 'export')
    const file = stringFlag(args, 'failed')
    if (!file) throw new UsageError('--failed FILE is required')
    const result = await ctx.call('sends.jobs.export', { jobId: id })
    writeFileSync(resolve(file), result.csv, 'utf8')
    print(ctx, { file: resolve(file), rows: result.rows }, () => `Wrote ${fmt(result.rows)} failed and skipped rows to ${resolve(file)}.\n`)
  }
}
