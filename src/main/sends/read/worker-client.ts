import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import { workerEntryFor } from '../../store/cache/worker-entry'
import { CsvFormatError } from './csv/errors'
import type { FileValidationInput, FileValidationSink } from './read-and-validate'
import type { FileValidationResult } from './types'
import type { FromReadWorker, ReadWorkerData, ToReadWorker } from './worker-protocol'

function thisFile(): string {
  // CommonJS (the bundle, tsx) has __filename; vitest's module runner gives import.meta.url.
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url)
}

/**
 * The reader thread's heap ceiling. It holds one batch of rows plus the duplicate index (about
 * 150 bytes per row: a 100 MB file of 700,000 rows needs ~110 MB), so this is room to spare while
 * keeping a pathological file from taking the machine's memory; V8 also collects sooner under it.
 */
const WORKER_HEAP_MB = 256
/** Every row makes short-lived strings and objects; a roomier young generation scavenges less often (~10% faster). */
const YOUNG_GENERATION_MB = 48

/**
 * Reads and validates a file on its own worker thread (one per file; it ends with the file), so the
 * main process only receives messages. Aborting the signal cancels the read and rejects with an
 * AbortError-named error.
 */
export function validateFileInWorker(input: FileValidationInput, sink: FileValidationSink = {}): Promise<FileValidationResult> {
  const { signal } = sink
  if (signal?.aborted) return Promise.reject(abortError())
  const entry = workerEntryFor(join(dirname(thisFile()), 'worker.ts'), 'sends-read-worker.js')
  const data: ReadWorkerData = input
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: data, name: 'survey-desk sends-read', resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
  return new Promise<FileValidationResult>((resolve, reject) => {
    let settled = false
    let delivered: Promise<void> = Promise.resolve()
    let doneSeen = false
    const settle = (fn: () => void): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' } satisfies ToReadWorker)
      settle(() => reject(abortError()))
      void worker.terminate()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (m: FromReadWorker) => {
      if (settled) return
      switch (m.type) {
        case 'progress':
          sink.onProgress?.(m.progress)
          break
        case 'rows': {
          // In order, one at a time (an async consumer included); the ack lets the worker send more.
          const rows = m.rows
          delivered = delivered
            .then(() => sink.onRows?.(rows))
            .then(
              () => void (!settled && worker.postMessage({ type: 'ack' } satisfies ToReadWorker)),
              (e: unknown) => {
                settle(() => reject(e instanceof Error ? e : new Error(String(e))))
                void worker.terminate()
              }
            )
          break
        }
        case 'done': {
          doneSeen = true
          const result = m.result
          void delivered.then(() => settle(() => resolve(result)))
          break
        }
        case 'error':
          settle(() => reject(m.aborted ? abortError() : m.csv ? CsvFormatError.fromPlace(m.csv) : AppError.fromShape(m.error)))
          break
      }
    })
    worker.on('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('unsupported', `The file has too many rows to check in one go (the reader's ${WORKER_HEAP_MB} MB ran out): split it into smaller files`)
            : new AppError('internal', `The file reader thread failed: ${e.message}`)
        )
      )
    )
    worker.on('exit', (code) => {
      // After 'done' the thread ends normally while the last rows may still be with the consumer.
      if (!doneSeen) settle(() => reject(new AppError('internal', `The file reader thread stopped (exit code ${code}) before finishing`)))
    })
  })
}

function abortError(): Error {
  const e = new Error('Reading the file was cancelled')
  e.name = 'AbortError'
  return e
}
