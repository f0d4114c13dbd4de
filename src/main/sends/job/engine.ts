import { randomBytes } from 'node:crypto'
import type { JobRow, JobSummary, ProtectionSettings } from '../../../shared/domain/sends'
import { AppError } from '../../../shared/errors'
import { defaultOwnerKind, ProcessLocks } from '../../store/process-locks'
import type { ProviderConnectionConfig } from '../../providers/types'
import { Ledger, type JobRecord, type NewRow, type RowRecord } from '../ledger/ledger'
import { headerSignature } from '../read/mapping/signature'
import { importDoNotContact } from '../protect/do-not-contact'
import { DEFAULT_PROTECTION, verdictFor } from '../protect/protection'
import { DESCRIBE, isSendProvider } from './adapters'
import { InlineJobControl, protectionContextFor, type JobControl, type LaneConfig } from './job-control'
import { WorkerJobControl } from './worker-control'
import type { JobSnapshot } from './worker-protocol'
import type { CreateJobInput, SendEngine, SendEngineHost, SendEngineOptions, SendProviderId, SendRow } from './types'

const PROTECTION_KEY = 'protection'
const VERDICT_SLICE = 5000

/** Job ids are short so `sd-<job>-<row>` fits CustomerSure's 36-character machine_id. */
const newJobId = (): string => randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)
export const idempotencyKey = (jobId: string, rowNumber: number): string => `sd-${jobId}-${rowNumber}`

/** A placeholder key for the dry run: the real one exists once the job does. */
const DRY_RUN_KEY = 'sd-<job>-<row>'

/** A ledger row as the job views and the export show it (the export adds the file's cells). */
const jobRowView = (r: RowRecord): JobRow => ({
  rowNumber: r.rowNumber,
  status: r.status,
  recipient: r.recipient,
  detail: r.detail,
  providerRef: r.providerRef,
  attempts: r.attempts,
  updatedAt: r.updatedAt
})

export function createSendEngine(host: SendEngineHost, opts: SendEngineOptions = {}): SendEngine {
  const clock = opts.clock ?? Date.now
  const ledger = Ledger.inDataDir(host.dataDir, { clock })
  const lastEmit = new Map<string, number>()
  const latest = new Map<string, JobSnapshot | undefined>()
  const pendingEmit = new Map<string, ReturnType<typeof setTimeout>>()
  const interval = opts.progressIntervalMs ?? 250
  let closed = false

  const protection = (): ProtectionSettings => ledger.setting<ProtectionSettings>(PROTECTION_KEY) ?? DEFAULT_PROTECTION

  /** JobSummary.revision: one count for the engine, so a later summary of any job is higher. */
  let revision = 0
  function summary(job: JobRecord, snapshot?: JobSnapshot): JobSummary {
    const counts = snapshot?.counts ?? ledger.counts(job.id)
    const rate = control.rate(job.id)
    const left = counts.pending + counts.inFlight
    const fresh = snapshot ?? ledger.job(job.id) ?? job
    return {
      id: job.id,
      connectionId: job.connectionId,
      connectionLabel: job.connectionLabel,
      provider: job.provider,
      purpose: job.purpose,
      fileName: job.fileName,
      status: fresh.status,
      statusDetail: fresh.statusDetail,
      counts,
      ratePerMinute: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 && left > 0 ? Math.ceil((left / rate) * 60) : null,
      createdAt: job.createdAt,
      finishedAt: fresh.finishedAt,
      revision: ++revision
    }
  }

  /** The fixed part of a job (its connection, file, purpose), read once: progress while it runs needs no ledger read on main. */
  const jobRecords = new Map<string, JobRecord>()
  const jobRecord = (jobId: string): JobRecord | undefined => {
    const cached = jobRecords.get(jobId)
    if (cached) return cached
    const job = ledger.job(jobId)
    if (job) jobRecords.set(jobId, job)
    return job
  }

  function emit(jobId: string, final: boolean, snapshot?: JobSnapshot): void {
    if (!host.onProgress || closed) return
    latest.set(jobId, snapshot)
    const send = (): void => {
      pendingEmit.delete(jobId)
      lastEmit.set(jobId, clock())
      const job = jobRecord(jobId)
      if (job) host.onProgress!(summary(job, latest.get(jobId)))
    }
    const since = clock() - (lastEmit.get(jobId) ?? 0)
    if (final || since >= interval) {
      clearTimeout(pendingEmit.get(jobId))
      send()
    } else if (!pendingEmit.has(jobId)) {
      pendingEmit.set(jobId, setTimeout(send, interval - since))
    }
  }

  async function connectionConfig(connectionId: string): Promise<{ config: ProviderConnectionConfig; provider: SendProviderId; label: string }> {
    const c = host.connection(connectionId)
    if (!c) throw new AppError('not_found', `The connection ${connectionId} no longer exists.`)
    if (!isSendProvider(c.provider)) throw new AppError('unsupported', `Survey Desk cannot send through ${c.provider}: it has no send API.`)
    const secret = await host.resolveSecret(connectionId)
    if (!secret) throw new AppError('unauthorized', `No secret is saved in the keychain for "${c.label}". Edit the connection and enter one.`)
    const rateLimit = opts.rateLimits?.[c.provider]
    const config: ProviderConnectionConfig = {
      id: c.id,
      baseUrl: c.baseUrl,
      region: c.region as ProviderConnectionConfig['region'],
      settings: c.settings as ProviderConnectionConfig['settings'],
      secret,
      ...(rateLimit ? { rateLimit } : {})
    }
    return { config, provider: c.provider, label: c.label }
  }

  const control: JobControl =
    (opts.mode ?? 'worker') === 'worker'
      ? new WorkerJobControl({ dataDir: host.dataDir, opts, laneConfig, suppressions: () => host.suppressions(), changed: emit })
      : new InlineJobControl({ ledger, laneConfig, suppressions: () => host.suppressions(), changed: emit, opts })

  async function laneConfig(connectionId: string): Promise<LaneConfig> {
    const { config, provider } = await connectionConfig(connectionId)
    return { config, provider }
  }

  // One runner per job across processes (the app and `survey-desk sends resume` share sends.sqlite).
  const lockDb = ledger.openLocksConnection()
  const locks = new ProcessLocks(lockDb, { table: 'job_locks', key: 'job_id' }, opts.owner ?? defaultOwnerKind())
  const runningElsewhere = (jobId: string): AppError | null => {
    const h = locks.holder(jobId)
    return h ? new AppError('conflict', `This job is already sending in ${h.pid}/${h.kind}; pause, resume or cancel it there.`) : null
  }

  /** Takes the job's lock (throws 'conflict' at once when another process holds it) and starts its runner; the lock goes when the runner stops. */
  function start(job: JobRecord): Promise<void> {
    const taken = locks.acquire(job.id)
    if (!taken.ok) throw new AppError('conflict', `This job is already sending in ${taken.holder.pid}/${taken.holder.kind}; it is not started here too.`)
    const started = control.start(job)
    void started.then(() => control.whenIdle(job.id), () => undefined).then(() => locks.release(job.id))
    return started
  }

  function checkRows(provider: SendProviderId, rows: readonly SendRow[]): void {
    const seen = new Set<number>()
    const problems: Array<{ field: string; message: string }> = []
    rows.forEach((r, i) => {
      if (r.provider !== provider) problems.push({ field: `rows.${i}.provider`, message: `is ${r.provider}, but the connection is ${provider}` })
      if (!Number.isInteger(r.rowNumber) || r.rowNumber < 1) problems.push({ field: `rows.${i}.rowNumber`, message: 'must be a whole number from 1' })
      else if (seen.has(r.rowNumber)) problems.push({ field: `rows.${i}.rowNumber`, message: `row ${r.rowNumber} appears twice` })
      seen.add(r.rowNumber)
    })
    if (rows.length === 0) problems.push({ field: 'rows', message: 'There is nothing to send: no valid row.' })
    if (problems.length > 0) throw AppError.validation(problems.slice(0, 50))
  }

  const engine: SendEngine = {
    async createJob(input: CreateJobInput) {
      const { provider, label } = await connectionConfig(input.connectionId)
      checkRows(provider, input.rows)
      if (input.purpose === 'import_ratings' && provider !== 'nicereply') throw AppError.validation([{ field: 'purpose', message: 'Only Nicereply imports ratings' }])
      if (input.purpose === 'send' && provider === 'nicereply') throw AppError.validation([{ field: 'purpose', message: 'Nicereply has no send API: import ratings instead' }])
      const ctx = await protectionContextFor(ledger, input.purpose, input.protection, clock(), () => host.suppressions())
      const id = newJobId()
      const rows: NewRow[] = []
      for (const row of input.rows) {
        const v = verdictFor(row, ctx)
        rows.push({ rowNumber: row.rowNumber, key: idempotencyKey(id, row.rowNumber), status: v.action === 'send' ? 'pending' : 'skipped', detail: v.action === 'skip' ? v.detail : null, row })
        // A big file: let other work run between slices of verdicts.
        if (rows.length % VERDICT_SLICE === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      const begin = input.start !== false
      await control.create(
        {
          id,
          connectionId: input.connectionId,
          connectionLabel: label,
          provider,
          purpose: input.purpose,
          fileName: input.fileName,
          status: begin ? 'running' : 'paused',
          statusDetail: begin ? null : 'Created; not started yet.',
          protection: input.protection
        },
        rows
      )
      const job = ledger.requireJob(id)
      if (begin) await start(job)
      return summary(job)
    },

    async verdicts(rows, settings) {
      const purpose = rows[0]?.provider === 'nicereply' ? 'import_ratings' : 'send'
      const ctx = await protectionContextFor(ledger, purpose, settings, clock(), () => host.suppressions())
      return rows.map((r) => verdictFor(r, ctx))
    },

    describeRequest(row, baseUrl, key) {
      return DESCRIBE[row.provider](row, key ?? DRY_RUN_KEY, baseUrl ?? null)
    },

    listJobs: () => ledger.jobs().map((j) => summary(j)),
    getJob: (jobId) => summary(ledger.requireJob(jobId)),

    rows({ jobId, statuses, offset = 0, limit = 100 }) {
      ledger.requireJob(jobId)
      const wanted = statuses && statuses.length > 0 ? statuses : (['pending', 'in_flight', 'sent', 'failed', 'skipped', 'unknown'] as const)
      const rows = ledger.rowsWithStatus(jobId, wanted, offset, limit).map(jobRowView)
      return { rows, total: ledger.countWithStatus(jobId, wanted), offset }
    },

    rowsForExport(jobId, statuses) {
      ledger.requireJob(jobId)
      return ledger.rowsWithStatus(jobId, statuses).map((r) => ({
        ...jobRowView(r),
        cells: r.cells
      }))
    },

    pause(jobId) {
      const job = ledger.requireJob(jobId)
      const elsewhere = control.isRunning(jobId) ? null : runningElsewhere(jobId)
      if (elsewhere) throw elsewhere
      if (control.isRunning(jobId)) control.pause(jobId)
      else if (job.status === 'running' || job.status === 'waiting') ledger.setJobStatus(jobId, 'paused', null)
      return summary(job)
    },

    resume(jobId) {
      const job = ledger.requireJob(jobId)
      if (job.status === 'done' || job.status === 'cancelled') throw new AppError('conflict', `This job is ${job.status}; there is nothing to resume.`)
      if (!control.isRunning(jobId)) {
        const elsewhere = runningElsewhere(jobId)
        if (elsewhere) throw elsewhere
        ledger.setJobStatus(jobId, 'running', null)
        void start(ledger.requireJob(jobId))
      }
      return summary(job)
    },

    cancel(jobId) {
      const job = ledger.requireJob(jobId)
      const elsewhere = control.isRunning(jobId) ? null : runningElsewhere(jobId)
      if (elsewhere) throw elsewhere
      if (control.isRunning(jobId)) control.cancel(jobId)
      else if (job.status !== 'done' && job.status !== 'cancelled') {
        ledger.skipPending(jobId, 'Not sent: the job was cancelled.')
        ledger.setJobStatus(jobId, 'cancelled', null)
        emit(jobId, true)
      }
      return summary(job)
    },

    resolveUnknown(jobId, rowNumbers, action) {
      const job = ledger.requireJob(jobId)
      const elsewhere = control.isRunning(jobId) ? null : runningElsewhere(jobId)
      if (elsewhere) throw elsewhere
      const unknown = new Set(ledger.rowsWithStatus(jobId, ['unknown']).map((r) => r.rowNumber))
      const notUnknown = rowNumbers.filter((n) => !unknown.has(n))
      if (notUnknown.length > 0) throw AppError.validation(notUnknown.slice(0, 20).map((n) => ({ field: `rowNumbers`, message: `row ${n} is not waiting for a decision` })))
      if (action === 'sent') ledger.markSent(job, rowNumbers.map((n) => ({ rowNumber: n, providerRef: null, answer: null, detail: 'Marked as sent by the user.' })))
      else ledger.markOutcome(jobId, rowNumbers, 'pending', 'Sent again at the user’s request.')
      const left = ledger.countWithStatus(jobId, ['unknown', 'pending', 'in_flight'])
      if (!control.isRunning(jobId) && job.status === 'needs_attention') {
        if (left === 0) ledger.setJobStatus(jobId, 'done', null)
        else if (action === 'resend' || ledger.countWithStatus(jobId, ['pending']) > 0) {
          ledger.setJobStatus(jobId, 'running', null)
          void start(ledger.requireJob(jobId))
        }
      }
      emit(jobId, true)
      return summary(ledger.requireJob(jobId))
    },

    async resumeAll() {
      for (const job of ledger.jobs()) {
        // Another live process runs it: its in-flight rows are on their way, not stranded.
        if (runningElsewhere(job.id)) continue
        // Whatever was on the wire when the process died may or may not have arrived.
        const stranded = ledger.inFlightToUnknown(job.id)
        if (job.status === 'running' || job.status === 'waiting') {
          try {
            await start(job)
          } catch (err) {
            // Taken by another process between the check and now: it runs the job.
            if (!(err instanceof AppError && err.code === 'conflict')) throw err
          }
        }
        else if (stranded > 0 && job.status !== 'cancelled') {
          ledger.setJobStatus(job.id, 'needs_attention', `${stranded} rows were being sent when Survey Desk stopped; resume the job to check them with the provider.`)
        }
      }
    },

    async whenIdle(jobId) {
      await control.whenIdle(jobId)
      return summary(ledger.requireJob(jobId))
    },

    getProtection: protection,
    setProtection(settings) {
      ledger.setSetting(PROTECTION_KEY, settings)
      return protection()
    },
    doNotContactCount: () => ledger.doNotContactCount(),
    importDoNotContact: (text, defaultCountry) => importDoNotContact(ledger, text, defaultCountry),

    savedMapping: (connectionId, headers) => ledger.mapping(connectionId, headerSignature(headers)),
    saveMapping: (connectionId, headers, mapping) => ledger.saveMapping(connectionId, headerSignature(headers), headers, mapping),

    async shutdown() {
      if (closed) return
      await control.shutdown()
      locks.releaseAll()
      lockDb.close()
      closed = true
      for (const t of pendingEmit.values()) clearTimeout(t)
      ledger.close()
    }
  }
  return engine
}
