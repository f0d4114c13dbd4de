import { parentPort, workerData } from 'node:worker_threads'
import { AppError, type AppErrorShape } from '../../../shared/errors'
import { Ledger, type NewRow } from '../ledger/ledger'
import { InlineJobControl, type LaneConfig } from './job-control'
import type { SuppressionList } from './types'
import type { FromSendWorker, JobSnapshot, SendWorkerInit, ToSendWorker } from './worker-protocol'

/**
 * Entry of the send worker thread (bundled as out/main/sends-job-worker.js; run from source under
 * tsx in tests). The runners, their HTTP clients and every ledger commit of a running job happen
 * here, on this thread's own connection to sends.sqlite; main keeps the engine's API and reads.
 * Secrets and opt-out lists stay in main and are asked for when a job starts (and again while it runs: runner.ts refreshProtection).
 */

const port = parentPort
if (!port) throw new Error('send worker: not started as a worker thread')
const init = workerData as SendWorkerInit
const post = (msg: FromSendWorker): void => port.postMessage(msg)

const ledger = Ledger.inDataDir(init.dataDir)
let nextRequest = 1
const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>()

function ask<T>(msg: (requestId: number) => FromSendWorker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const requestId = nextRequest++
    waiting.set(requestId, { resolve: resolve as (v: never) => void, reject })
    post(msg(requestId))
  })
}

const PROGRESS_MS = 250
const lastPosted = new Map<string, number>()
const scheduled = new Map<string, ReturnType<typeof setTimeout>>()

/** Throttled here, where the counts are read on the writer's own connection; main only forwards them. */
function report(jobId: string, final: boolean): void {
  const postNow = (): void => {
    scheduled.delete(jobId)
    lastPosted.set(jobId, Date.now())
    const job = ledger.job(jobId)
    if (!job) return
    const snapshot: JobSnapshot = { counts: ledger.counts(jobId), status: job.status, statusDetail: job.statusDetail, finishedAt: job.finishedAt }
    post({ kind: 'changed', jobId, final, rate: control.rate(jobId), snapshot })
  }
  const since = Date.now() - (lastPosted.get(jobId) ?? 0)
  if (final || since >= PROGRESS_MS) {
    clearTimeout(scheduled.get(jobId))
    postNow()
  } else if (!scheduled.has(jobId)) scheduled.set(jobId, setTimeout(postNow, PROGRESS_MS - since))
}

const control = new InlineJobControl({
  ledger,
  laneConfig: (connectionId) => ask<LaneConfig>((requestId) => ({ kind: 'laneConfigRequest', requestId, connectionId })),
  suppressions: () => ask<SuppressionList>((requestId) => ({ kind: 'suppressionsRequest', requestId })),
  changed: report,
  opts: { ...(init.concurrency ? { concurrency: init.concurrency } : {}), ...(init.encoBatchSize ? { encoBatchSize: init.encoBatchSize } : {}), ...(init.protectionRefreshMs !== undefined ? { protectionRefreshMs: init.protectionRefreshMs } : {}) }
})

function settle(requestId: number, ok: boolean, value: unknown, error?: AppErrorShape): void {
  const w = waiting.get(requestId)
  if (!w) return
  waiting.delete(requestId)
  if (ok) w.resolve(value as never)
  else w.reject(AppError.fromShape(error!))
}

const creating = new Map<number, NewRow[]>()

port.on('message', (msg: ToSendWorker) => {
  switch (msg.kind) {
    case 'createRows': {
      const rows = creating.get(msg.createId) ?? []
      for (const r of msg.rows) rows.push(r)
      creating.set(msg.createId, rows)
      return
    }
    case 'createCommit': {
      const rows = creating.get(msg.createId) ?? []
      creating.delete(msg.createId)
      try {
        ledger.createJob(msg.job, rows)
        post({ kind: 'created', createId: msg.createId, ok: true })
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('internal', `The send job could not be written: ${err instanceof Error ? err.message : String(err)}`)
        post({ kind: 'created', createId: msg.createId, ok: false, error: e.toShape() })
      }
      return
    }
    case 'start':
      void control.start(msg.job).then(() => {
        const running = control.isRunning(msg.job.id)
        post({ kind: 'started', jobId: msg.job.id, running })
        void control.whenIdle(msg.job.id).then(() => post({ kind: 'idle', jobId: msg.job.id }))
      })
      return
    case 'pause':
      control.pause(msg.jobId)
      return
    case 'cancel':
      control.cancel(msg.jobId)
      return
    case 'laneConfig':
    case 'suppressions':
      settle(msg.requestId, msg.ok, msg.ok ? msg.value : undefined, msg.ok ? undefined : msg.error)
      return
    case 'shutdown':
      void control.shutdown().then(() => {
        for (const t of scheduled.values()) clearTimeout(t)
        ledger.close()
        post({ kind: 'closed' })
      })
      return
  }
})
