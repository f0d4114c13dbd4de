import type { AppErrorShape } from '../../../shared/errors'
import type { CsvErrorPlace } from './csv/errors'
import type { FileValidationInput } from './read-and-validate'
import type { FileValidationResult, ReadProgress, ValidatedRow } from './types'

/** workerData of the send-file worker: the whole job (Sets and Maps in `known` clone as they are). */
export type ReadWorkerData = FileValidationInput

/** 'ack': main has handled one 'rows' message (flow control: the worker stays a few messages ahead). */
export type ToReadWorker = { type: 'cancel' } | { type: 'ack' }

export type FromReadWorker =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'rows'; rows: ValidatedRow[] }
  | { type: 'done'; result: FileValidationResult }
  | { type: 'error'; error: AppErrorShape; csv?: CsvErrorPlace & { reason: string }; aborted?: boolean }
