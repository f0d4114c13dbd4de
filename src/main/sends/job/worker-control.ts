import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import { workerEntryFor } from '../../store/cache/worker-entry'
import type { JobRecord, NewRow } from '../ledger/ledger'
import type { JobControl, LaneConfig, NewJob } from './job-control'
import type { SendEngineOptions, SuppressionList } from './types'
import type { FromSendWorker, JobSnapshot, SendWorkerInit, ToSendWorker } from './worker-protocol'

function thisFile(): string {
  // CommonJS (the bundle, tsx) has __filename; vitest's module runner gives import.meta.url.
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url)
}

export interface WorkerControlDeps {
  dataDir: string
  opts: Pick<SendEngineOptions, 'concurrency' | 'encoBatchSize' | 'protectionRefreshMs'>
  laneConfig(connectionId: string): Promise<LaneConfig>
  suppressions(): Promise<SuppressionList>
  changed(jobId: string, final: boolean, snapshot?: JobSnapshot): void
}

const CREATE_CHUNK = 2000

const toShape = (err: unknown) => (err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err))).toShape()

/**
 * The runners on the send worker (worker.ts): main posts start / pause / cancel and answers the
 * worker's questions (a connection with its secret, the opt-out lists); the worker reports changes.
 * The thread keeps the process alive only while a job runs. A worker that dies is replaced at the
 * next start; its rows left in_flight become unknown there, as after a crash.
 */
export class WorkerJobControl implements JobControl {
  private worker: Worker | null = null
  private readonly running = new Set<string>()
  private readonly rates = new Map<string, number>()
  private readonly starts = new Map<string, () => void>()
  private readonly idle = new Map<string, Array<() => void>>()
  private closing: Promise<void> | null = null
  private nextCreate = 1
  private readonly creates = new Map<number, { resolve: () => void; reject: (e: Error) => void }>()

  constructor(private readonly deps: WorkerControlDeps) {}

  async create(job: NewJob, rows: readonly NewRow[]): Promise<void> {
    if (this.closing) throw new AppError('unsupported', 'Survey Desk is shutting down; the job was not created.')
    const createId = this.nextCreate++
    const done = new Promise<void>((resolve, reject) => this.creates.set(createId, { resolve, reject }))
    this.running.add(`create:${createId}`)
    try {
      for (let i = 0; i < rows.length; i += CREATE_CHUNK) {
        this.post({ kind: 'createRows', createId, rows: rows.slice(i, i + CREATE_CHUNK) })
        // One chunk per turn of the event loop: cloning them all at once would hold main.
        await new Promise((resolve) => setImmediate(resolve))
      }
      this.post({ kind: 'createCommit', createId, job })
      await done
    } finally {
      this.creates.delete(createId)
      this.running.delete(`create:${createId}`)
      this.updateRef()
    }
  }

  start(job: JobRecord): Promise<void> {
    if (this.running.has(job.id) || this.closing) return Promise.resolve()
    this.running.add(job.id)
    return new Promise((resolve) => {
      this.starts.set(job.id, resolve)
      this.post({ kind: 'start', job })
    })
  }

  pause(jobId: string): void {
    if (this.running.has(jobId)) this.post({ kind: 'pause', jobId })
  }

  cancel(jobId: string): void {
    if (this.running.has(jobId)) this.post({ kind: 'cancel', jobId })
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId)
  }

  rate(jobId: string): number {
    return this.running.has(jobId) ? (this.rates.get(jobId) ?? 0) : 0
  }

  whenIdle(jobId: string): Promise<void> {
    if (!this.running.has(jobId)) return Promise.resolve()
    return new Promise((resolve) => this.idle.set(jobId, [...(this.idle.get(jobId) ?? []), resolve]))
  }

  shutdown(): Promise<void> {
    return (this.closing ??= this.stop())
  }

  private async stop(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    await new Promise<void>((resolve) => {
      const onMessage = (msg: FromSendWorker): void => {
        if (msg.kind === 'closed') resolve()
      }
      worker.on('message', onMessage)
      worker.once('exit', () => resolve())
      worker.ref()
      worker.postMessage({ kind: 'shutdown' } satisfies ToSendWorker)
    })
    await worker.terminate()
    this.worker = null
  }

  private post(msg: ToSendWorker): void {
    this.ensureWorker().postMessage(msg)
    this.updateRef()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const entry = workerEntryFor(join(dirname(thisFile()), 'worker.ts'), 'sends-job-worker.js')
    const init: SendWorkerInit = { dataDir: this.deps.dataDir, ...this.deps.opts }
    const worker = new Worker(entry.script, { eval: entry.eval, workerData: init, name: 'survey-desk sends' })
    worker.on('message', (msg: FromSendWorker) => this.receive(msg))
    worker.on('error', (err) => this.lost(worker, err.message))
    worker.on('exit', () => this.lost(worker, 'exited'))
    this.worker = worker
    return worker
  }

  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker) return
    this.worker = null
    if (!this.closing) console.error(`The send worker stopped (${why}); running jobs go on at the next start.`)
    for (const c of this.creates.values()) c.reject(new AppError('internal', `The send worker stopped (${why}) before the job was written; nothing was sent.`))
    for (const id of [...this.running]) this.finished(id)
  }

  private finished(jobId: string): void {
    this.running.delete(jobId)
    this.rates.delete(jobId)
    this.starts.get(jobId)?.()
    this.starts.delete(jobId)
    for (const resolve of this.idle.get(jobId) ?? []) resolve()
    this.idle.delete(jobId)
    this.updateRef()
  }

  private updateRef(): void {
    if (!this.worker) return
    if (this.running.size > 0) this.worker.ref()
    else this.worker.unref()
  }

  private receive(msg: FromSendWorker): void {
    switch (msg.kind) {
      case 'created': {
        const c = this.creates.get(msg.createId)
        if (msg.ok) c?.resolve()
        else c?.reject(AppError.fromShape(msg.error))
        return
      }
      case 'started':
        this.starts.get(msg.jobId)?.()
        this.starts.delete(msg.jobId)
        if (!msg.running) this.finished(msg.jobId)
        return
      case 'changed':
        this.rates.set(msg.jobId, msg.rate)
        this.deps.changed(msg.jobId, msg.final, msg.snapshot)
        return
      case 'idle':
        this.finished(msg.jobId)
        this.deps.changed(msg.jobId, true)
        return
      case 'laneConfigRequest':
        this.deps.laneConfig(msg.connectionId).then(
          (value) => this.worker?.postMessage({ kind: 'laneConfig', requestId: msg.requestId, ok: true, value } satisfies ToSendWorker),
          (err: unknown) => this.worker?.postMessage({ kind: 'laneConfig', requestId: msg.requestId, ok: false, error: toShape(err) } satisfies ToSendWorker)
        )
        return
      case 'suppressionsRequest':
        this.deps.suppressions().then(
          (value) => this.worker?.postMessage({ kind: 'suppressions', requestId: msg.requestId, ok: true, value } satisfies ToSendWorker),
          (err: unknown) => this.worker?.postMessage({ kind: 'suppressions', requestId: msg.requestId, ok: false, error: toShape(err) } satisfies ToSendWorker)
        )
        return
      case 'closed':
        return
    }
  }
}
