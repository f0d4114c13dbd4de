import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type { CsvRecord, CsvSniff } from '../types'
import { CsvFormatError } from './errors'
import { byteLengthFn, firstInvalidUtf8 } from './encoding'
import { CsvParser } from './parser'

const CHUNK_BYTES = 256 * 1024

export interface ReadCsvOptions {
  signal?: AbortSignal
  /** Bytes of the file read so far (BOM included), after each chunk. */
  onBytes?: (bytesRead: number) => void
}

/**
 * Streams a file's data records in batches (one per chunk read), skipping blank records and the
 * records up to and including the header row. Decoding is strict for UTF-8/16 so a file that is
 * not what it seemed fails with the place of the first bad byte instead of filling cells with �.
 */
export async function* readCsvRecords(path: string, sniff: CsvSniff, opts: ReadCsvOptions = {}): AsyncGenerator<CsvRecord[]> {
  const bomBytes = sniff.bom ? (sniff.encoding === 'utf-8' ? 3 : 2) : 0
  const strict = sniff.encoding.startsWith('utf-')
  const decoder = new TextDecoder(sniff.encoding, { fatal: strict, ignoreBOM: true })
  const file = basename(path)
  const parser = new CsvParser(sniff.delimiter, byteLengthFn(sniff.encoding), bomBytes, file)
  let skip = sniff.headerRow === null ? 0 : sniff.headerRow + 1
  let bytesRead = bomBytes
  const stream = createReadStream(path, { start: bomBytes, highWaterMark: CHUNK_BYTES })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      opts.signal?.throwIfAborted()
      let text: string
      try {
        text = decoder.decode(chunk, { stream: true })
      } catch {
        throw badBytes(sniff.encoding, chunk, bytesRead, parser.currentLine, file)
      }
      bytesRead += chunk.length
      const out: CsvRecord[] = []
      parser.push(text, out)
      opts.onBytes?.(bytesRead)
      if (skip > 0 && out.length > 0) {
        const dropped = Math.min(skip, out.length)
        out.splice(0, dropped)
        skip -= dropped
      }
      if (out.length > 0) yield out
    }
    let tail: string
    try {
      tail = decoder.decode()
    } catch {
      throw new CsvFormatError(`The file ends in the middle of a ${sniff.encoding} character`, { line: parser.currentLine, byteOffset: bytesRead, file, kind: 'encoding' })
    }
    const out: CsvRecord[] = []
    parser.push(tail, out)
    parser.end(out)
    if (skip > 0) out.splice(0, skip)
    if (out.length > 0) yield out
  } finally {
    stream.destroy()
  }
}

function badBytes(encoding: string, chunk: Buffer, chunkStart: number, lineAtChunk: number, file: string): CsvFormatError {
  const at = encoding === 'utf-8' ? Math.max(0, firstInvalidUtf8(chunk)) : 0
  let line = lineAtChunk
  for (let i = chunk.indexOf(10); i >= 0 && i < at; i = chunk.indexOf(10, i + 1)) line++
  const hint = encoding === 'utf-8' ? 'the file is probably in another encoding (choose Windows-1252 or ISO-8859-15)' : 'the file is probably not UTF-16'
  return new CsvFormatError(`Bytes that are not valid ${encoding.toUpperCase()}: ${hint}`, { line, byteOffset: chunkStart + at, file, kind: 'encoding' })
}
