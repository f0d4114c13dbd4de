import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { SyncStatus } from '../../shared/domain/inbox'
import { AppError } from '../../shared/errors'
import type { AppContext } from '../ipc/app-context'
import { workerEntryFor } from '../store/cache/worker-entry'
import type { SyncEngine, SyncRunSummary } from './sync-api'
import { defaultOwnerKind } from './sync-lock'
import type { FromWorker, SyncCall, SyncWorkerInit, ToWorker, WorkerEngineOptions } from './worker-protocol'

function thisFile(): string {
  // CommonJS (the bundle, tsx) has __filename; vitest's module runner gives import.meta.url.
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url)
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void }

/**
 * The main thread's SyncEngine in worker mode: a thin proxy to the sync worker (worker.ts), which
 * runs the real engine. Main only routes: calls go over, events come back and are re-emitted on
 * ctx.events (validated there), secrets are answered from ctx.resolveSecret (keychain and demo
 * workspace live here). It mirrors the set of running connections so cancel() can answer at once,
 * and holds the process open only while a call is pending or a sync runs (like the in-process engine).
 * A worker that dies is replaced on the next call; its runs end as failed calls.
 */
/**
 * A page lives from its fetch, through the read-ahead, to its commit: with V8's default young
 * generation it survives two scavenges, is promoted, and dies in the old generation, where
 * collecting it costs full mark-compacts. Room for a few pages lets them die young. 96 MB (32 MB
 * semi-spaces): with 48, a scavenge ran every ~450 rows and promoted most of what it copied, ~21 µs
 * a row of the sync thread; 200k-row syncs took 14.0-14.7 s with 96 against 15.0-17.9 s with 48
 * (peak RSS +30 MB). 192 MB was no faster and took peak RSS past 550 MB.
 */
const SYNC_YOUNG_GENERATION_MB = 96
/**
 * A bound on the old generation makes V8 collect it well before it would by default: pages promoted
 * and dead piled up to ~200 MB of the sync worker's heap between full collections, and the 1M-row
 * sync peaked at 490-520 MB RSS; with 256 MB (any bound from 192 to 512 did the same) it peaked at
 * 364-380 MB. What the worker keeps alive is a few pages (~30 MB after a full collection), so the
 * bound leaves room; a worker that still ran out would end its runs as failed calls, not the app.
 */
const SYNC_OLD_GENERATION_MB = 256

export class SyncWorkerProxy implements SyncEngine {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private running: string[] = []
  private nextCall = 1
  private schedulerStarted = false
  private stopped = false
  private shutdownPromise: Promise<void> | null = null

  constructor(
    private readonly ctx: AppContext,
    private readonly options: WorkerEngineOptions = {}
  ) {}

  start(opts: { connectionIds?: string[]; full?: boolean }): Promise<{ started: string[]; alreadyRunning: string[] }> {
    return this.call({ op: 'start', args: opts })
  }

  run(opts: { connectionIds?: string[]; full?: boolean; signal?: AbortSignal }): Promise<SyncRunSummary> {
    const { signal, ...args } = opts
    return this.call({ op: 'run', args }, signal)
  }

  cancel(connectionIds?: string[]): { cancelled: string[] } {
    const cancelled = this.running.filter((id) => !connectionIds || connectionIds.includes(id))
    if (cancelled.length > 0) this.post({ kind: 'cancel', ...(connectionIds ? { connectionIds } : {}) })
    return { cancelled }
  }

  status(): Promise<SyncStatus> {
    return this.call({ op: 'status', args: null })
  }

  setIntervalMinutes(minutes: number): Promise<SyncStatus> {
    return this.call({ op: 'setIntervalMinutes', args: minutes })
  }

  startScheduler(): void {
    if (this.stopped || this.schedulerStarted) return
    this.schedulerStarted = true
    this.post({ kind: 'startScheduler' })
  }

  shutdown(): Promise<void> {
    return (this.shutdownPromise ??= this.stop())
  }

  private async stop(): Promise<void> {
    const worker = this.worker
    this.stopped = true
    if (!worker) return
    try {
      await this.call({ op: 'shutdown', args: null }, undefined, true)
    } catch {
      // A worker that already died has nothing left to stop.
    }
    await worker.terminate()
    this.worker = null
  }

  // ---------------------------------------------------------------- transport

  private call<T>(call: SyncCall, signal?: AbortSignal, evenWhenStopped = false): Promise<T> {
    if (this.stopped && !evenWhenStopped) return Promise.reject(new AppError('unsupported', 'Survey Desk is shutting down; the sync was not started.'))
    const callId = this.nextCall++
    let onAbort: (() => void) | undefined
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(callId, { resolve: resolve as (v: unknown) => void, reject })
      this.post({ kind: 'call', callId, ...call } as ToWorker)
      if (signal) {
        onAbort = () => this.post({ kind: 'abort', callId })
        if (signal.aborted) onAbort()
        else signal.addEventListener('abort', onAbort, { once: true })
      }
    })
    return promise.finally(() => {
      if (onAbort) signal?.removeEventListener('abort', onAbort)
      this.pending.delete(callId)
      this.updateRef()
    })
  }

  private post(msg: ToWorker): void {
    const worker = this.ensureWorker()
    worker.postMessage(msg)
    this.updateRef()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const entry = workerEntryFor(join(dirname(thisFile()), 'worker.ts'), 'sync-worker.js')
    const init: SyncWorkerInit = { databaseFile: this.ctx.databaseFile, options: { owner: defaultOwnerKind(), ...this.options } }
    const worker = new Worker(entry.script, { eval: entry.eval, workerData: init, name: 'survey-desk sync', resourceLimits: { maxYoungGenerationSizeMb: SYNC_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: SYNC_OLD_GENERATION_MB } })
    worker.on('message', (msg: FromWorker) => this.receive(msg))
    worker.on('error', (err) => this.lost(worker, `The sync engine stopped: ${err.message}`))
    worker.on('exit', (code) => this.lost(worker, `The sync engine exited (code ${code}).`))
    this.worker = worker
    // A scheduler started before the worker was (re)started must run in the new one too.
    if (this.schedulerStarted && !this.stopped) worker.postMessage({ kind: 'startScheduler' } satisfies ToWorker)
    return worker
  }

  private lost(worker: Worker, message: string): void {
    if (this.worker !== worker) return
    this.worker = null
    this.running = []
    const err = new AppError('internal', message)
    for (const p of this.pending.values()) p.reject(err)
    this.pending.clear()
  }

  /** Keep the process alive only for work the caller is waiting on or a sync in progress. */
  private updateRef(): void {
    if (!this.worker) return
    if (this.pending.size > 0 || this.running.length > 0) this.worker.ref()
    else this.worker.unref()
  }

  private receive(msg: FromWorker): void {
    switch (msg.kind) {
      case 'reply': {
        const p = this.pending.get(msg.callId)
        if (!p) return
        if (msg.ok) p.resolve(msg.value)
        else p.reject(AppError.fromShape(msg.error))
        return
      }
      case 'event':
        try {
          this.ctx.events.emit(msg.event, msg.payload as never)
        } catch (err) {
          // A payload that does not fit the contract is a bug in the engine; it must not take main down.
          console.error(`sync worker sent an invalid ${msg.event} event:`, err instanceof Error ? err.message : String(err))
        }
        return
      case 'running':
        this.running = msg.connectionIds
        this.updateRef()
        return
      case 'secretRequest':
        this.answerSecret(msg.requestId, msg.connectionId)
        return
    }
  }

  private answerSecret(requestId: number, connectionId: string): void {
    this.ctx.resolveSecret(connectionId).then(
      (secret) => this.worker?.postMessage({ kind: 'secret', requestId, ok: true, secret } satisfies ToWorker),
      (err: unknown) => {
        const shape = err instanceof AppError ? err.toShape() : new AppError('internal', `The keychain could not be read: ${err instanceof Error ? err.message : String(err)}`).toShape()
        this.worker?.postMessage({ kind: 'secret', requestId, ok: false, error: shape } satisfies ToWorker)
      }
    )
  }
}
