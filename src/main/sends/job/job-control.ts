import { AppError } from '../../../shared/errors'
import { ERROR_MAPPERS } from '../../http'
import { encoErrorsWithFields } from '../../providers/enco/client'
import type { ProviderConnectionConfig } from '../../providers/types'
import type { JobRecord, Ledger, NewRow } from '../ledger/ledger'

export type NewJob = Omit<JobRecord, 'createdAt' | 'finishedAt'>
import type { ProtectionContext } from '../protect/protection'
import { ADAPTERS, type SendAdapter } from './adapters'
import { RateGate } from './rate-gate'
import { JobRunner } from './runner'
import type { SendEngineOptions, SendProviderId, SuppressionList } from './types'

const DAY_MS = 86_400_000
const DEFAULT_CONCURRENCY = 4
/** A running job re-reads its protection lists this often (SendEngineOptions.protectionRefreshMs). */
const PROTECTION_REFRESH_MS = 30_000

/**
 * Where jobs run. The engine's reads and the user's decisions go straight to the ledger; starting,
 * pausing and cancelling runners go through this, so the runners (whose every row is two or three
 * synchronous=FULL commits) can live on a worker thread while the engine stays on main.
 */
export interface JobControl {
  /** Writes a new job and all its rows in ONE transaction (on the worker when there is one: 100,000 rows take a while). */
  create(job: NewJob, rows: readonly NewRow[]): Promise<void>
  /** Starts a job's runner; settles once it runs (or the job was marked needs_attention). */
  start(job: JobRecord): Promise<void>
  pause(jobId: string): void
  cancel(jobId: string): void
  isRunning(jobId: string): boolean
  /** Rows finished per minute, lately; 0 when not running. */
  rate(jobId: string): number
  /** Resolves when the job's runner has stopped (at once when none runs). */
  whenIdle(jobId: string): Promise<void>
  /** Stops every runner like a pause, but leaves the jobs 'running' so the next start resumes them. */
  shutdown(): Promise<void>
}

export interface LaneConfig {
  config: ProviderConnectionConfig
  provider: SendProviderId
}

export interface InlineControlDeps {
  ledger: Ledger
  /** The connection and its secret, ready for a client (asked of main when on the worker). */
  laneConfig(connectionId: string): Promise<LaneConfig>
  suppressions(): Promise<SuppressionList>
  changed(jobId: string, final: boolean): void
  opts: Pick<SendEngineOptions, 'concurrency' | 'encoBatchSize' | 'clock' | 'protectionRefreshMs'>
}

/** A provider connection's client and back-off, shared by every job running on it. */
interface Lane {
  adapter: SendAdapter
  gate: RateGate
  users: number
}

/** Runners on the calling thread (tests, the CLI's child, and the send worker itself). */
export class InlineJobControl implements JobControl {
  private readonly runners = new Map<string, JobRunner>()
  private readonly starting = new Map<string, Promise<void>>()
  private readonly lanes = new Map<string, Lane>()
  private readonly clock: () => number
  private closed = false

  constructor(private readonly deps: InlineControlDeps) {
    this.clock = deps.opts.clock ?? Date.now
  }

  async create(job: NewJob, rows: readonly NewRow[]): Promise<void> {
    this.deps.ledger.createJob(job, rows)
  }

  start(job: JobRecord): Promise<void> {
    const already = this.starting.get(job.id)
    if (already) return already
    const p = this.startNow(job).finally(() => this.starting.delete(job.id))
    this.starting.set(job.id, p)
    return p
  }

  private async startNow(job: JobRecord): Promise<void> {
    if (this.runners.has(job.id) || this.closed) return
    const { ledger } = this.deps
    let lane: Lane
    try {
      lane = await this.openLane(job.connectionId)
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('internal', String(err))
      ledger.setJobStatus(job.id, 'needs_attention', e.message)
      this.deps.changed(job.id, true)
      return
    }
    const runner = new JobRunner(job, {
      ledger,
      adapter: lane.adapter,
      gate: lane.gate,
      protection: () => this.protectionContext(job),
      concurrency: this.deps.opts.concurrency ?? DEFAULT_CONCURRENCY,
      protectionRefreshMs: this.deps.opts.protectionRefreshMs ?? PROTECTION_REFRESH_MS,
      clock: this.clock,
      changed: (final) => this.deps.changed(job.id, final)
    })
    this.runners.set(job.id, runner)
    void runner.done.finally(async () => {
      this.runners.delete(job.id)
      await this.closeLane(job.connectionId)
      this.deps.changed(job.id, true)
    })
  }

  pause(jobId: string): void {
    this.runners.get(jobId)?.pause()
  }

  cancel(jobId: string): void {
    this.runners.get(jobId)?.cancel()
  }

  isRunning(jobId: string): boolean {
    return this.runners.has(jobId) || this.starting.has(jobId)
  }

  rate(jobId: string): number {
    return this.runners.get(jobId)?.ratePerMinute() ?? 0
  }

  async whenIdle(jobId: string): Promise<void> {
    for (;;) {
      await this.starting.get(jobId)
      const runner = this.runners.get(jobId)
      if (!runner) return
      await runner.done
      // The runner's own clean-up (closing its lane) runs right after; let it finish.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  async shutdown(): Promise<void> {
    if (this.closed) return
    await Promise.all([...this.starting.values()])
    this.closed = true
    for (const r of this.runners.values()) r.shutdown()
    await Promise.all([...this.runners.values()].map((r) => r.done))
    await new Promise((resolve) => setImmediate(resolve))
    await Promise.all([...this.lanes.values()].map((l) => l.adapter.close()))
    this.lanes.clear()
  }

  private async openLane(connectionId: string): Promise<Lane> {
    const existing = this.lanes.get(connectionId)
    if (existing) {
      existing.users += 1
      return existing
    }
    const { config, provider } = await this.deps.laneConfig(connectionId)
    const again = this.lanes.get(connectionId)
    if (again) {
      again.users += 1
      return again
    }
    const gate = new RateGate(this.clock)
    const mapper = provider === 'enco' ? encoErrorsWithFields : ERROR_MAPPERS[provider]
    // Pacing itself is the HTTP layer's per-connection limiter (an even rate; a catch-up burst after a
    // busy moment was tried and makes arrivals bunch into 429s at a provider counting per second).
    const adapter = ADAPTERS[provider]({
      config,
      httpOptions: { mapError: gate.watch(mapper) },
      pace: async () => {
        // A call claimed just before a 429 came back waits out the Retry-After too.
        for (let now = this.clock(); gate.until > now; now = this.clock()) await new Promise((resolve) => setTimeout(resolve, gate.until - now))
      },
      encoBatchSize: this.deps.opts.encoBatchSize
    })
    const lane: Lane = { adapter, gate, users: 1 }
    this.lanes.set(connectionId, lane)
    return lane
  }

  private async closeLane(connectionId: string): Promise<void> {
    const lane = this.lanes.get(connectionId)
    if (!lane) return
    lane.users -= 1
    if (lane.users > 0) return
    this.lanes.delete(connectionId)
    await lane.adapter.close()
  }

  private async protectionContext(job: JobRecord): Promise<ProtectionContext> {
    return protectionContextFor(this.deps.ledger, job.purpose, job.protection, this.clock(), () => this.deps.suppressions())
  }
}

/** What the rules need, gathered once per job start (or dry run). */
export async function protectionContextFor(
  ledger: Ledger,
  purpose: JobRecord['purpose'],
  settings: JobRecord['protection'],
  now: number,
  suppressions: () => Promise<SuppressionList>
): Promise<ProtectionContext> {
  const none = { emails: new Map(), phones: new Map() }
  const list = purpose === 'send' ? await suppressions() : none
  const recent = settings.overSurveyDays > 0 ? ledger.recentlySurveyed(now - settings.overSurveyDays * DAY_MS) : { emails: new Map(), phones: new Map() }
  return { purpose, settings, suppressions: list, doNotContact: ledger.doNotContact(), recentlySurveyed: recent, now }
}
