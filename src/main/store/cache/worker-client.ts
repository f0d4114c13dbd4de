import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import type { CacheReply, CacheRequest, CacheRole, ReaderOp, WorkerInit, WriterOp } from './protocol'
import { cacheWorkerEntry } from './worker-entry'

/** The main thread's end of one cache worker: posts requests, resolves their replies. */
export class WorkerClient {
  private readonly worker: Worker
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private nextId = 1
  private stopped: Error | null = null
  private exited: Promise<void>

  constructor(role: CacheRole, databaseFile: string, opts: { checkpointsElsewhere?: boolean } = {}) {
    const entry = cacheWorkerEntry()
    const init: WorkerInit = { role, databaseFile, checkpointsElsewhere: opts.checkpointsElsewhere === true }
    this.worker = new Worker(entry.script, { eval: entry.eval, workerData: init, name: `survey-desk cache ${role}` })
    this.worker.on('message', (reply: CacheReply) => {
      const p = this.pending.get(reply.id)
      if (!p) return
      this.pending.delete(reply.id)
      if (reply.ok) p.resolve(reply.value)
      else p.reject(AppError.fromShape(reply.error))
    })
    this.worker.on('error', (err) => this.fail(new AppError('internal', `The local cache ${role} stopped: ${err.message}`)))
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        this.fail(new AppError('internal', `The local cache ${role} exited (code ${code}).`))
        resolve()
      })
    })
    // The app may exit while the cache idles: the worker must not hold the process open.
    this.worker.unref()
  }

  /** `transfer`: buffers in `args` handed to the worker instead of copied (unusable here after). */
  call<T>(op: WriterOp | ReaderOp | 'close', args: unknown[], transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped)
    const id = this.nextId++
    const req: CacheRequest = { id, op, args }
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.worker.ref()
      this.worker.postMessage(req, transfer)
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref()
    })
  }

  /** Closes the worker's database, then waits for the thread to end. */
  async close(): Promise<void> {
    if (this.stopped) return
    try {
      await this.call('close', [])
    } finally {
      this.fail(new AppError('internal', 'The local cache is closed.'))
      await Promise.race([this.exited, this.worker.terminate().then(() => undefined)])
    }
  }

  private fail(err: AppError): void {
    if (!this.stopped) this.stopped = err
    for (const p of this.pending.values()) p.reject(err)
    this.pending.clear()
  }
}
