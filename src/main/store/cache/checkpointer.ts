import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { nativeBindingFor } from '../../native-modules'

/**
 * A thread that only runs PASSIVE WAL checkpoints on a database every `everyMs` (the sync worker's
 * cache, whose writer leaves them to another thread). It is plain JavaScript and better-sqlite3,
 * no app modules: a cache worker doing the same cost ~30 MB more peak memory in the 1M-row sync
 * (bench/sync-1m).
 */
const CODE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {})
db.pragma('busy_timeout = 5000')
const timer = setInterval(() => {
  // PASSIVE never waits on the writer; a failed round (disk full, closing) is left to the next one
  // and to the writer's own checkpoint (open-cache-db.ts).
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
}, workerData.everyMs)
parentPort.once('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  /** Stops the checkpoints, closes the connection and waits for the thread to end. */
  close(): Promise<void>
}

export function startCheckpointer(databaseFile: string, everyMs: number): Checkpointer {
  const nativeBinding = nativeBindingFor('better_sqlite3')
  const worker = new Worker(CODE, {
    eval: true,
    name: 'survey-desk cache checkpointer',
    workerData: { file: databaseFile, everyMs, module: createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve('better-sqlite3'), nativeBinding: nativeBinding ?? null }
  })
  // Like the cache workers: an idle app may exit while it runs.
  worker.unref()
  // Should it fail, the writer's own checkpoint (open-cache-db.ts) still bounds the WAL.
  worker.on('error', () => undefined)
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  let closing: Promise<void> | null = null
  return {
    close: () =>
      (closing ??= (async () => {
        // Held open until the thread ends: an unref'd worker alone does not keep the event loop
        // alive, and a thread (or process) with nothing else to do would stop before close() returned.
        worker.ref()
        worker.postMessage('close')
        await exited
      })())
  }
}
