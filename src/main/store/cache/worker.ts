import { parentPort, workerData } from 'node:worker_threads'
import { createCore } from './cores'
import { openCacheDb } from './open-cache-db'
import { isOp, toErrorShape, type CacheReply, type CacheRequest, type WorkerInit } from './protocol'

/**
 * Entry of a cache worker thread (bundled as out/main/cache-worker.js; run from source under tsx in
 * tests). It owns one SQLite connection and runs one request at a time, in arrival order, so a
 * chunked delete and a page write never interleave inside each other.
 */

const port = parentPort
if (!port) throw new Error('cache worker: not started as a worker thread')
const init = workerData as WorkerInit
const core = createCore(init.role, openCacheDb(init.databaseFile, init.role, init.checkpointsElsewhere === true))
let queue: Promise<void> = Promise.resolve()

port.on('message', (req: CacheRequest) => {
  queue = queue.then(async () => {
    let reply: CacheReply
    try {
      if (!isOp(init.role, req.op)) throw new Error(`unknown operation ${String(req.op)}`)
      if (req.op === 'close') {
        core.close()
        reply = { id: req.id, ok: true, value: null }
      } else {
        const method = (core as unknown as Record<string, (...a: unknown[]) => unknown>)[req.op]!
        reply = { id: req.id, ok: true, value: await method.apply(core, req.args) }
      }
    } catch (err) {
      reply = { id: req.id, ok: false, error: toErrorShape(err) }
    }
    port.postMessage(reply)
    if (req.op === 'close') port.close()
  })
})
