import { getHeapStatistics } from 'node:v8'
import { CsvFormatError } from './csv/errors'
import { readCsvRecords } from './csv/read-file'
import { sniffCsvFile } from './csv/sniff'
import type { CsvReadOptions, FileValidationResult, KnownIds, ReadProgress, ValidatedRow, ValidateOptions } from './types'
import { compilePlan } from './validate/plan'
import { RowValidator } from './validate/row-validator'
import { FileScan } from './validate/scan'
import { SummaryCounter } from './validate/summary'

export interface FileValidationInput {
  path: string
  read?: CsvReadOptions
  options: ValidateOptions
  known?: KnownIds
}

export interface FileValidationSink {
  onProgress?: (progress: ReadProgress) => void
  /** Rows in file order, a batch at a time (about one per 256 KB of file); a promise returned holds the reading until it settles. */
  onRows?: (rows: ValidatedRow[]) => unknown
  signal?: AbortSignal
}

/** Heap of this thread, MB, and the highest seen. */
class HeapWatch {
  peak = 0
  sample(): number {
    const mb = getHeapStatistics().used_heap_size / 1_048_576
    if (mb > this.peak) this.peak = mb
    return Math.round(this.peak)
  }
}

/**
 * Two streaming passes over the file (see index.ts). Only the duplicate index (one short key per
 * recipient) and a batch of rows are held, so memory stays flat whatever the file's size.
 */
export async function readAndValidateFile(input: FileValidationInput, sink: FileValidationSink = {}): Promise<FileValidationResult> {
  const plan = compilePlan(input.options)
  let sniff = await sniffCsvFile(input.path, input.read ?? {})
  const heap = new HeapWatch()
  const totalBytes = sniff.fileBytes
  const progress = (phase: ReadProgress['phase'], bytes: number, rows: number): void =>
    sink.onProgress?.({ phase, bytes, totalBytes, rows, peakHeapMb: heap.sample() })

  let bytes = 0
  const runScan = async (): Promise<FileScan> => {
    const scan = new FileScan(plan)
    let rows = 0
    for await (const batch of readCsvRecords(input.path, sniff, { signal: sink.signal, onBytes: (b) => (bytes = b) })) {
      for (const r of batch) scan.observe(r.cells, r.line)
      rows += batch.length
      progress('scan', bytes, rows)
    }
    return scan
  }
  let scan: FileScan
  try {
    scan = await runScan()
  } catch (e) {
    // The first 64 KB looked like UTF-8 but later bytes are not: a Western single-byte export with
    // its first accent far down. Read it again as Windows-1252 unless the user chose the encoding.
    if (!(e instanceof CsvFormatError && e.kind === 'encoding' && sniff.encoding === 'utf-8' && !sniff.bom && !input.read?.encoding)) throw e
    sniff = { ...sniff, encoding: 'windows-1252' }
    scan = await runScan()
  }

  const verdicts = scan.dateVerdicts()
  const validator = new RowValidator(plan, input.known ?? {}, verdicts, scan.duplicates)
  const counter = new SummaryCounter()
  for await (const batch of readCsvRecords(input.path, sniff, { signal: sink.signal, onBytes: (b) => (bytes = b) })) {
    const out = batch.map((r) => validator.validate(r.cells, r.line))
    for (const row of out) counter.add(row)
    await sink.onRows?.(out)
    progress('validate', bytes, counter.rows)
  }
  return { sniff, summary: counter.summary(verdicts, plan.mappingErrors), peakHeapMb: heap.sample() }
}
