import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import { CsvFormatError } from './csv/errors'
import { readAndValidateFile } from './read-and-validate'
import type { ValidatedRow } from './types'
import type { FromReadWorker, ReadWorkerData, ToReadWorker } from './worker-protocol'

/*
 * The send-file worker thread: reads and validates one file (workerData) and posts progress, row
 * batches and the result to the thread that started it (worker-client.ts), then ends.
 */

/** Small messages: main deserialises each in one go (about 2 ms for 250 rows). */
const ROWS_PER_MESSAGE = 250

const port = parentPort
if (!port) throw new Error('sends/read/worker.ts runs only as a worker thread')
const post = (message: FromReadWorker): void => port.postMessage(message)
const controller = new AbortController()

/*
 * Flow control: at most MAX_UNACKED row messages wait in main's queue. Node handles a port's
 * queued messages in one go, so a worker running ahead of a busy main thread would hand it a long
 * burst of deserialising: exactly the stall main must never have.
 */
const MAX_UNACKED = 4
let unacked = 0
let wake: (() => void) | null = null
port.on('message', (m: ToReadWorker) => {
  if (m.type === 'cancel') {
    controller.abort()
    wake?.()
  } else if (m.type === 'ack') {
    unacked--
    if (unacked < MAX_UNACKED) wake?.()
  }
})

async function postRows(rows: ValidatedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
    while (unacked >= MAX_UNACKED && !controller.signal.aborted) await new Promise<void>((resolve) => (wake = resolve))
    wake = null
    controller.signal.throwIfAborted()
    unacked++
    post({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_MESSAGE) })
  }
}

readAndValidateFile(workerData as ReadWorkerData, {
  signal: controller.signal,
  onProgress: (progress) => post({ type: 'progress', progress }),
  onRows: postRows
})
  .then((result) => post({ type: 'done', result }))
  .catch((e: unknown) => {
    if (controller.signal.aborted) post({ type: 'error', error: new AppError('conflict', 'Reading the file was cancelled').toShape(), aborted: true })
    else if (e instanceof CsvFormatError) post({ type: 'error', error: e.toShape(), csv: e.toPlace() })
    else if (e instanceof AppError) post({ type: 'error', error: e.toShape() })
    else post({ type: 'error', error: new AppError('internal', `Reading the file failed: ${e instanceof Error ? e.message : String(e)}`).toShape() })
  })
  .finally(() => port.close())
