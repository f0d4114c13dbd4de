import { parentPort, workerData } from 'node:worker_threads'
import { AppError, type AppErrorShape } from '../../shared/errors'
import type { Cache } from '../store/cache-api'
import { createCache } from '../store/cache'
import { ConnectionsRepo } from '../store/connections-repo'
import { openDatabase } from '../store/database'
import { Engine } from './engine'
import type { SyncHost } from './sync-host'
import type { FromWorker, SyncCall, SyncWorkerInit, ToWorker } from './worker-protocol'

/**
 * Entry of the sync worker thread (bundled as out/main/sync-worker.js; run from source under tsx in
 * tests). The whole engine runs here: HTTP, parsing, mapping and preparing pages (hashed, and
 * flattened unless stored unchanged); the page writes run on this worker's own cache writer thread, and the WAL
 * checkpoints on a third (createCache mode 'writer-thread'), beside it, so
 * fetching and mapping page N+1 overlaps committing page N (measured: the 1M CustomerGauge sync was
 * the sum of both, ~137 µs a row, on one thread). Pages reach the writer as flat strings and numbers,
 * straight from this thread (nested workers): the main thread only sees small messages. Keychain and demo secrets stay in main:
 * they are asked for per connection run.
 */

const port = parentPort
if (!port) throw new Error('sync worker: not started as a worker thread')
const init = workerData as SyncWorkerInit
const post = (msg: FromWorker): void => port.postMessage(msg)

const db = openDatabase(init.databaseFile)
const connections = new ConnectionsRepo(db)
let cache: Cache | undefined
let nextSecret = 1
const secretWaiters = new Map<number, { resolve: (s: string | null) => void; reject: (e: Error) => void }>()

const host: SyncHost = {
  db,
  connections,
  // Payloads are checked against the contract by main's EventBus when it re-emits them.
  events: { emit: (event, payload) => post({ kind: 'event', event, payload }) },
  cache: () => (cache ??= createCache({ databaseFile: init.databaseFile, mode: 'writer-thread' })),
  resolveSecret: (connectionId) =>
    new Promise((resolve, reject) => {
      const requestId = nextSecret++
      secretWaiters.set(requestId, { resolve, reject })
      post({ kind: 'secretRequest', requestId, connectionId })
    })
}

function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape()
  return { code: 'internal', message: `Sync: ${err instanceof Error ? err.message : String(err)}`, details: [], retryable: false }
}

const engine = new Engine(host, { ...init.options, onRunningChange: (connectionIds) => post({ kind: 'running', connectionIds }) })
const runSignals = new Map<number, AbortController>()

async function perform(callId: number, call: SyncCall): Promise<unknown> {
  switch (call.op) {
    case 'start':
      return engine.start(call.args)
    case 'run': {
      const controller = new AbortController()
      runSignals.set(callId, controller)
      try {
        return await engine.run({ ...call.args, signal: controller.signal })
      } finally {
        runSignals.delete(callId)
      }
    }
    case 'status':
      return engine.status()
    case 'setIntervalMinutes':
      return engine.setIntervalMinutes(call.args)
    case 'shutdown':
      await engine.shutdown()
      await cache?.close()
      db.close()
      return null
  }
}

port.on('message', (msg: ToWorker) => {
  switch (msg.kind) {
    case 'call':
      perform(msg.callId, msg).then(
        (value) => {
          post({ kind: 'reply', callId: msg.callId, ok: true, value })
          if (msg.op === 'shutdown') port.close()
        },
        (err: unknown) => post({ kind: 'reply', callId: msg.callId, ok: false, error: toErrorShape(err) })
      )
      return
    case 'abort':
      runSignals.get(msg.callId)?.abort()
      return
    case 'cancel':
      engine.cancel(msg.connectionIds)
      return
    case 'startScheduler':
      engine.startScheduler()
      return
    case 'secret': {
      const waiter = secretWaiters.get(msg.requestId)
      secretWaiters.delete(msg.requestId)
      if (!waiter) return
      if (msg.ok) waiter.resolve(msg.secret)
      else waiter.reject(AppError.fromShape(msg.error))
      return
    }
  }
})
