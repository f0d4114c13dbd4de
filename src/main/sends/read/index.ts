/*
 * The send-file reader: a CSV file in, validated send rows out. Public API for the send job and
 * the wizard / CLI; everything else under src/main/sends/read is private to it.
 *
 * Typical use (main process; the heavy part runs on a worker thread):
 *
 *   const sniff = await sniffCsvFile(path)                       // encoding, delimiter, preview, headers
 *   const mapping = suggestMapping('customersure', sniff.headers) // or a saved one: headerSignature(sniff.headers)
 *   const result = await validateFileInWorker({ path, read: {}, options: { mapping, defaultCountry: 'BE', timeZone },
 *     known: knownIdsFromLists({ surveys: [...] }) }, { onProgress, onRows, signal })
 *
 * Rows come out in file order in batches; every row has a status (valid | invalid | duplicate), the
 * reasons it was rejected, and the send normalised to what the provider's API takes.
 */

export * from './types'

/** A file that cannot be read as CSV: `line` (1-based) and `byteOffset` (0-based, in the file) say where. */
export { CsvFormatError } from './csv/errors'

/**
 * Reads the first bytes of a file and detects (unless given) encoding, delimiter and header row;
 * returns a preview of the first records. Never reads the whole file.
 *   sniffCsvFile(path: string, options?: CsvReadOptions): Promise<CsvSniff>
 * sniffCsvBytes(bytes, options, fileBytes?) is the same for bytes already in memory.
 */
export { sniffCsvFile, sniffCsvBytes } from './csv/sniff'

/**
 * Streams a file's records in batches (fs stream, chunked: memory stays bounded whatever the size),
 * skipping blank lines and everything up to and including the header row.
 *   readCsvRecords(path, sniff: CsvSniff, opts?: { signal?: AbortSignal; onBytes?: (bytesRead: number) => void }): AsyncGenerator<CsvRecord[]>
 * parseCsvText(text, delimiter) parses a string already in memory into all its records (blank lines skipped).
 * Throws CsvFormatError (unterminated quote, invalid bytes for the encoding, a record over 1 MB).
 */
export { readCsvRecords } from './csv/read-file'
export { parseCsvText } from './csv/parser'

/**
 * The fields a provider's send (or Nicereply's rating import) takes, in the order a form shows them.
 *   sendFields(provider: SendProvider): readonly SendFieldDef[]
 * fieldDef(provider, fieldId) looks one up (CustomerSure `data.<key>` ids included); undefined if unknown.
 */
export { sendFields, fieldDef } from './mapping/fields'

/**
 * Suggests a mapping from header names (English, Dutch, French; accents, case, spaces and
 * punctuation ignored). Columns nobody claims stay unmapped; CustomerSure staff/site codes and
 * segments become `data.<key>` fields.
 *   suggestMapping(provider: SendProvider, headers: readonly string[]): SendMapping
 * headerSignature(headers): string — stable for the same header names in the same order (case,
 * spacing and accents ignored), so a mapping saved for one export is offered for the next one.
 * mappingFitsHeaders(mapping, headers): boolean — every mapped column still exists with its header.
 */
export { suggestMapping } from './mapping/suggest'
export { headerSignature, mappingFitsHeaders } from './mapping/signature'

/**
 * Validates records already in memory (the wizard's edited grid, a re-imported failed-rows file):
 * the whole column decides ambiguous dates, duplicates collapse as chosen.
 *   validateRecords(records: readonly CsvRecord[], options: ValidateOptions, known?: KnownIds): { rows: ValidatedRow[]; summary: ValidationSummary }
 * Throws AppError('validation') when the options themselves are invalid (unknown time zone, ...).
 */
export { validateRecords } from './validate/validate-records'

/**
 * Reads and validates a file on the current thread in two streaming passes (the first decides date
 * columns and duplicates, the second validates and emits rows). Used by the worker; call it
 * directly only off the main thread.
 *   readAndValidateFile(input: FileValidationInput, sink: FileValidationSink): Promise<FileValidationResult>
 */
export { readAndValidateFile, type FileValidationInput, type FileValidationSink } from './read-and-validate'

/**
 * The same on a worker thread (main never blocks): progress and row batches (250 rows a message)
 * arrive through the callbacks; the promise settles with the summary, or rejects with
 * CsvFormatError / AppError, or an error named AbortError when `sink.signal` aborts. The thread has
 * a 256 MB heap ceiling (room for over a million rows); a bigger file fails with AppError('unsupported').
 *   validateFileInWorker(input: FileValidationInput, sink?: FileValidationSink): Promise<FileValidationResult>
 */
export { validateFileInWorker } from './worker-client'

/** Known-id lists (IPC / worker shape) to sets (validator shape). */
export { knownIdsFromLists } from './validate/known-ids'
