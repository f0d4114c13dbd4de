import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { CsvReadOptions, type CsvSniff } from '../types'
import { bomLengthFor, detectEncoding } from './encoding'
import { detectDelimiter, detectHeaderRow, headersOf, sampleRecords } from './dialect'
import { AppError, zodIssuesToFieldErrors } from '../../../../shared/errors'

const SAMPLE_BYTES = 64 * 1024
const PREVIEW_RECORDS = 20

/** Detects encoding, delimiter and header row from the first 64 KB of a file (see index.ts). */
export async function sniffCsvFile(path: string, options: CsvReadOptions = {}): Promise<CsvSniff> {
  const handle = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new AppError(e.code === 'ENOENT' ? 'not_found' : 'validation', `${basename(path)}: cannot open the file (${e.code ?? e.message})`, {
      details: [{ field: 'file', message: `Cannot open the file (${e.code ?? e.message})` }]
    })
  })
  try {
    const { size } = await handle.stat()
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return sniffCsvBytes(buffer.subarray(0, bytesRead), options, size)
  } finally {
    await handle.close()
  }
}

/** The same for bytes in memory; `fileBytes` is the whole file's size when `bytes` is only its start. */
export function sniffCsvBytes(bytes: Uint8Array, options: CsvReadOptions = {}, fileBytes = bytes.length): CsvSniff {
  const parsed = CsvReadOptions.safeParse(options)
  if (!parsed.success) throw AppError.validation(zodIssuesToFieldErrors(parsed.error))
  const opts = parsed.data
  const detected = detectEncoding(bytes)
  const encoding = opts.encoding ?? detected.encoding
  const bomLength = opts.encoding ? bomLengthFor(opts.encoding, bytes) : detected.bomLength
  const complete = bytes.length >= fileBytes
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bomLength), { stream: !complete })
  const delimiter = opts.delimiter ?? detectDelimiter(text, complete)
  const preview = sampleRecords(text, delimiter, complete, PREVIEW_RECORDS)
  const headerRow = opts.headerRow === undefined ? detectHeaderRow(preview) : opts.headerRow
  if (headerRow !== null && headerRow >= preview.length) {
    throw AppError.validation([{ field: 'headerRow', message: `The file's preview has ${preview.length} rows; row ${headerRow + 1} cannot be the header` }])
  }
  return { encoding, bom: bomLength > 0, delimiter, fileBytes, preview, headerRow, headers: headersOf(preview, headerRow) }
}
