import { AppError } from '../../../shared/errors'
import type { JobStatus } from '../../../shared/domain/sends'
import type { JobRecord, Ledger, RowRecord } from '../ledger/ledger'
import { insideWindow, nextWindowOpening, verdictFor, type ProtectionContext } from '../protect/protection'
import type { AdapterRow, SendAdapter, SentRow } from './adapters'
import { classify } from './outcome'
import type { RateGate } from './rate-gate'


const RECONCILE_RETRY_MS = 5_000
const RATE_WINDOW_MS = 60_000

export interface RunnerDeps {
  ledger: Ledger
  adapter: SendAdapter
  gate: RateGate
  protection: () => Promise<ProtectionContext>
  /** A running job gathers `protection` again when it is older than this. */
  protectionRefreshMs: number
  concurrency: number
  clock: () => number
  /** Called on every change; the engine throttles what it passes on. */
  changed: (final: boolean) => void
}

const toAppError = (err: unknown): AppError => (err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err)))

/**
 * Runs one job until nothing is left to send, or until it is paused or cancelled. Workers claim
 * rows synchronously from the ledger (so two never take the same row), commit them in_flight, make
 * the call, and commit the outcome. Pause and cancel let the calls already on the wire finish:
 * aborting one half-way would leave its row unknown for no reason.
 */
export class JobRunner {
  private stopping: 'pause' | 'cancel' | 'shutdown' | null = null
  private readonly wake = new Set<() => void>()
  private inFlight = 0
  private finished: number[] = []
  private readonly startedAt: number
  private status: JobStatus = 'running'
  private detail: string | null = null
  private ctx: ProtectionContext | null = null
  private ctxAt = 0
  private refreshing: Promise<void> | null = null
  private reconcileDue = 0
  private readonly unflushed: SentRow[] = []
  private reconciling = false
  readonly done: Promise<void>

  constructor(
    readonly job: JobRecord,
    private readonly deps: RunnerDeps
  ) {
    this.startedAt = deps.clock()
    this.done = this.run()
  }

  /** Rows finished per minute over the last minute (or since the start, if shorter). */
  ratePerMinute(): number {
    const now = this.deps.clock()
    this.finished = this.finished.filter((t) => t > now - RATE_WINDOW_MS)
    const span = Math.min(RATE_WINDOW_MS, Math.max(1000, now - this.startedAt))
    return (this.finished.length / span) * 60_000
  }

  pause(): void {
    this.stop('pause')
  }

  cancel(): void {
    this.stop('cancel')
  }

  /** The process is closing: stop like a pause, but leave the job running so the next start goes on with it. */
  shutdown(): void {
    this.stop('shutdown')
  }

  private stop(how: 'pause' | 'cancel' | 'shutdown'): void {
    if (this.stopping !== 'cancel') this.stopping = how
    this.poke()
  }

  private poke(): void {
    for (const w of [...this.wake]) w()
  }

  /** Sleeps until `until` or until something changes (a row finished, pause, cancel). */
  private nap(until: number): Promise<void> {
    const ms = Math.max(0, until - this.deps.clock())
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.wake.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.wake.add(done)
    })
  }

  private setStatus(status: JobStatus, detail: string | null): void {
    if (status === this.status && detail === this.detail) return
    this.status = status
    this.detail = detail
    this.deps.ledger.setJobStatus(this.job.id, status, detail)
    this.deps.changed(false)
  }

  private async run(): Promise<void> {
    const { ledger } = this.deps
    try {
      this.setStatus('running', null)
      this.ctx = await this.deps.protection()
      this.ctxAt = this.deps.clock()
      await this.reconcileUnknown()
      const workers = Array.from({ length: Math.max(1, this.deps.concurrency) }, () => this.work())
      await Promise.all(workers)
      this.flushSent()
      await this.reconcileUnknown()
      this.finish()
    } catch (err) {
      // A ledger failure (disk full, say): stop where we stand; in_flight rows become unknown at the next start.
      const e = toAppError(err)
      try {
        ledger.setJobStatus(this.job.id, 'failed', `The job stopped: ${e.message}`)
      } catch {
        // the ledger itself is gone; nothing more can be recorded
      }
    } finally {
      this.deps.changed(true)
    }
  }

  private finish(): void {
    const { ledger } = this.deps
    const id = this.job.id
    if (this.stopping === 'cancel') {
      ledger.skipPending(id, 'Not sent: the job was cancelled.')
      this.setStatus('cancelled', null)
      return
    }
    if (this.status === 'needs_attention' || this.stopping === 'shutdown') return
    if (this.stopping === 'pause') {
      this.setStatus('paused', null)
      return
    }
    const unknown = ledger.countWithStatus(id, ['unknown'])
    if (unknown > 0) {
      this.setStatus(
        'needs_attention',
        `${unknown} ${unknown === 1 ? 'row' : 'rows'} may or may not have reached the provider, which offers no way to check. Look them up there, then mark them sent or send them again.`
      )
      return
    }
    this.setStatus('done', null)
  }

  /** Protection window and provider back-off: returns false when the job is stopping. */
  private async waitUntilAllowed(): Promise<boolean> {
    for (;;) {
      if (this.stopping) return false
      const now = this.deps.clock()
      const window = this.job.protection.sendWindow
      if (this.deps.gate.until > now) {
        this.flushSent()
        this.setStatus('waiting', `The provider asked Survey Desk to wait; sending again at ${new Date(this.deps.gate.until).toISOString().slice(11, 19)} UTC.`)
        await this.nap(this.deps.gate.until)
        continue
      }
      if (window && !insideWindow(now, window, window.timeZone)) {
        this.flushSent()
        const opens = nextWindowOpening(now, window, window.timeZone)
        this.setStatus('waiting', `Outside the sending hours (${window.start}–${window.end}, ${window.timeZone}); the job goes on at ${window.start}.`)
        await this.nap(Math.min(opens, now + 60_000))
        continue
      }
      if (this.status === 'waiting') this.setStatus('running', null)
      return true
    }
  }

  /**
   * The opt-outs, do-not-contact list and over-survey record again, once they are older than
   * protectionRefreshMs: a job that runs for hours honours an opt-out synced or a number listed
   * meanwhile. Sends of this job the ledger has not committed yet stay in the over-survey record.
   * Should the lists not be readable now, the job goes on with those it has and tries again later.
   */
  private async refreshProtection(): Promise<void> {
    if (!this.ctx || this.deps.clock() - this.ctxAt < this.deps.protectionRefreshMs) return
    this.refreshing ??= (async () => {
      try {
        const next = await this.deps.protection()
        const before = this.ctx!.recentlySurveyed
        for (const kind of ['emails', 'phones'] as const) {
          const merged = new Map(next.recentlySurveyed[kind])
          for (const [contact, at] of before[kind]) if ((merged.get(contact) ?? -Infinity) < at) merged.set(contact, at)
          next.recentlySurveyed[kind] = merged
        }
        this.ctx = next
      } catch {
        // Kept: the lists read before. The next refresh comes a full interval later.
      } finally {
        this.ctxAt = this.deps.clock()
        this.refreshing = null
      }
    })()
    await this.refreshing
  }

  /** Commits rows that were sent; called in the same synchronous stretch as the send that answered. */
  private flushSent(): void {
    if (this.unflushed.length === 0) return
    const rows = this.unflushed.splice(0)
    this.deps.ledger.markSent(this.job, rows)
  }

  /** Takes the next batch: pending rows due now, of one batch key, that still pass protection. */
  private claim(): AdapterRow[] | 'later' | 'none' {
    const { ledger, adapter } = this.deps
    const now = this.deps.clock()
    for (;;) {
      const candidates = ledger.nextPending(this.job.id, adapter.batchSize, now)
      if (candidates.length === 0) {
        const pending = ledger.countWithStatus(this.job.id, ['pending'])
        return pending > 0 || this.inFlight > 0 ? 'later' : 'none'
      }
      const key = adapter.batchKey(candidates[0]!.row)
      const batch: RowRecord[] = []
      const skipped: Array<{ row: RowRecord; detail: string }> = []
      for (const c of candidates) {
        if (adapter.batchKey(c.row) !== key) break
        // Rows with a site time zone wait for their own sending hours.
        const window = this.job.protection.sendWindow
        if (window && c.timeZone && !insideWindow(now, window, c.timeZone)) continue
        const verdict = this.ctx ? verdictFor(c.row, { ...this.ctx, now }) : { action: 'send' as const }
        if (verdict.action === 'skip') skipped.push({ row: c, detail: verdict.detail })
        else batch.push(c)
      }
      for (const s of skipped) ledger.markOutcome(this.job.id, [s.row.rowNumber], 'skipped', s.detail)
      if (batch.length === 0 && skipped.length === 0) return 'later'
      if (batch.length === 0) continue
      ledger.markInFlight(
        this.job.id,
        batch.map((r) => ({ rowNumber: r.rowNumber, request: adapter.describe(r.row, r.key) }))
      )
      return batch.map((r) => ({ rowNumber: r.rowNumber, key: r.key, row: r.row, stage: r.stage }))
    }
  }

  private async work(): Promise<void> {
    const { ledger } = this.deps
    for (;;) {
      if (!(await this.waitUntilAllowed())) return
      if (this.reconcileDue > 0 && this.reconcileDue <= this.deps.clock() && this.inFlight === 0) await this.reconcileUnknown()
      await this.refreshProtection()
      // One commit records the rows just sent and claims the next ones: a single fsync per row.
      // IMMEDIATE: the write lock first, so a decision main commits meanwhile cannot invalidate what this read.
      const batch = ledger.db
        .transaction(() => {
          this.flushSent()
          return this.claim()
        })
        .immediate()
      if (batch === 'none') {
        // Unknown rows whose lookup failed: wait and ask the provider again before calling the job finished.
        if (this.reconcileDue === 0 || this.stopping) return
        await this.nap(this.reconcileDue)
        if (this.inFlight === 0) await this.reconcileUnknown()
        continue
      }
      if (batch === 'later') {
        const wake = ledger.nextWake(this.job.id)
        const now = this.deps.clock()
        await this.nap(wake !== null && wake > now ? wake : now + 1000)
        continue
      }
      // Claiming commits to disk, which takes a moment: a 429 answered meanwhile still holds these rows back.
      const gateUntil = this.deps.gate.until
      if (gateUntil > this.deps.clock()) {
        ledger.markOutcome(this.job.id, batch.map((r) => r.rowNumber), 'pending', null, gateUntil)
        continue
      }
      this.inFlight += 1
      try {
        await this.send(batch)
      } finally {
        this.inFlight -= 1
        // Stopping, or waiting on a back-off: nothing claims next, so the rows sent are committed now.
        if (this.stopping || this.deps.gate.until > this.deps.clock()) this.flushSent()
        this.poke()
        this.deps.changed(false)
      }
    }
  }

  private async send(batch: AdapterRow[]): Promise<void> {
    const { ledger, adapter, gate } = this.deps
    const id = this.job.id
    const numbers = batch.map((r) => r.rowNumber)
    try {
      const sent = await adapter.send(batch, { setStage: (n, stage) => ledger.setStage(id, n, stage) })
      // Committed with this worker's next claim (same tick, no await between): durable before anything else goes out.
      this.unflushed.push(...sent)
      const now = this.deps.clock()
      for (const s of sent) {
        this.finished.push(now)
        const row = batch.find((b) => b.rowNumber === s.rowNumber)?.row
        // Later rows of this job to the same person fall under the over-survey rule too.
        if (row && this.ctx && this.job.purpose === 'send') {
          if (row.email) (this.ctx.recentlySurveyed.emails as Map<string, number>).set(row.email, now)
          if (row.phone) (this.ctx.recentlySurveyed.phones as Map<string, number>).set(row.phone, now)
        }
      }
      gate.succeeded()
    } catch (err) {
      const e = toAppError(err)
      const outcome = classify(e)
      const now = this.deps.clock()
      switch (outcome.kind) {
        case 'retry': {
          const wait = outcome.rateLimited ? gate.limited(now) : gate.failed(now)
          ledger.markOutcome(id, numbers, 'pending', `Will try again: ${outcome.detail}`, wait)
          break
        }
        case 'uncertain':
          ledger.markOutcome(id, numbers, 'unknown', `The answer was lost (${outcome.detail}); checking with the provider before anything is sent again.`)
          if (this.deps.adapter.reconcile) this.reconcileDue = now + RECONCILE_RETRY_MS
          break
        case 'failed':
          this.failRows(batch, e)
          for (let i = 0; i < batch.length; i++) this.finished.push(now)
          break
        case 'stop':
          ledger.markOutcome(id, numbers, 'pending', null)
          this.setStatus('needs_attention', outcome.detail)
          this.stop('pause')
          break
      }
    }
  }

  /**
   * A refused batch: Enco accepts or rejects a batch whole and names each bad entry
   * (requests[3].destination), so only the named rows fail and the rest go back to pending.
   */
  private failRows(batch: AdapterRow[], e: AppError): void {
    const { ledger } = this.deps
    const id = this.job.id
    if (batch.length === 1) {
      ledger.markOutcome(id, [batch[0]!.rowNumber], 'failed', e.message)
      return
    }
    const named = new Map<number, string[]>()
    for (const d of e.details) {
      const m = /^requests\[(\d+)\]\.?(.*)$/.exec(d.field)
      if (!m) continue
      const i = Number(m[1])
      named.set(i, [...(named.get(i) ?? []), `${m[2] || 'request'}: ${d.message}`])
    }
    if (named.size === 0) {
      ledger.markOutcome(id, batch.map((r) => r.rowNumber), 'failed', e.message)
      return
    }
    batch.forEach((r, i) => {
      const problems = named.get(i)
      if (problems) ledger.markOutcome(id, [r.rowNumber], 'failed', `Refused by the provider: ${problems.join('; ')}`)
      else ledger.markOutcome(id, [r.rowNumber], 'pending', null)
    })
  }

  /** Unknown rows the provider can be asked about: found ones are sent, missing ones go again, failures wait. */
  private async reconcileUnknown(): Promise<void> {
    const { adapter } = this.deps
    if (!adapter.reconcile) {
      this.reconcileDue = 0
      return
    }
    if (this.reconciling) return
    this.reconciling = true
    try {
      this.reconcileDue = 0
      await this.lookUpUnknown(adapter.reconcile.bind(adapter))
    } finally {
      this.reconciling = false
    }
  }

  private async lookUpUnknown(reconcile: NonNullable<SendAdapter['reconcile']>): Promise<void> {
    const { ledger } = this.deps
    const id = this.job.id
    for (const row of ledger.rowsWithStatus(id, ['unknown'])) {
      if (this.stopping) return
      // Only a row that went out has anything to look up.
      if (row.inFlightAt === null) continue
      try {
        const found = await reconcile(row, new AbortController().signal)
        if (found.found) {
          ledger.markSent(this.job, [{ rowNumber: row.rowNumber, providerRef: found.providerRef, answer: found.answer, detail: 'Found at the provider after an interruption.' }])
        } else {
          ledger.markOutcome(id, [row.rowNumber], 'pending', 'Not found at the provider after an interruption: sending it again.')
        }
      } catch (err) {
        this.reconcileDue = this.deps.clock() + RECONCILE_RETRY_MS
        ledger.markOutcome(id, [row.rowNumber], 'unknown', `Could not check with the provider yet (${toAppError(err).message}); trying again shortly.`)
      }
      this.deps.changed(false)
    }
  }

  snapshot(): { status: JobStatus; detail: string | null } {
    return { status: this.status, detail: this.detail }
  }
}


