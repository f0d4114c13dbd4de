import type { CsvDelimiter, CsvRecord } from '../types'
import { CsvFormatError } from './errors'

const QUOTE = 34
const LF = 10
const CR = 13

const START = 0 // at the start of a field
const UNQUOTED = 1
const QUOTED = 2
const QUOTE_SEEN = 3 // a quote inside a quoted field: "" (an escaped quote) or the closing one

/** A quoted field this long is almost always a quote that never closes; stop before it eats the file. */
const MAX_FIELD_CHARS = 1_000_000
const MAX_CELLS = 10_000

/**
 * RFC 4180 reader as a state machine over decoded text pushed chunk by chunk, so a field or a
 * record may straddle chunks and nothing but the current record is held. Quoted fields keep their
 * delimiters, doubled quotes and newlines (CR, LF or CRLF). Sloppy exports are read the way Excel
 * reads them: text after a closing quote, or a quote inside an unquoted field, is kept as text.
 * Blank records (no cell with anything but spaces) are dropped, and so are trailing empty cells.
 */
export class CsvParser {
  private readonly delim: number
  private cells: string[] = []
  private field = ''
  private state = START
  private line = 1
  private recordLine = 1
  private skipLf = false
  private byteBase: number
  private quoteLine = 0
  private quoteChunk = ''
  private quotePos = 0
  private quoteByteBase = 0

  constructor(
    delimiter: CsvDelimiter,
    private readonly byteLength: (text: string) => number = (t) => Buffer.byteLength(t, 'utf8'),
    firstByte = 0,
    private readonly file?: string
  ) {
    this.delim = delimiter.charCodeAt(0)
    this.byteBase = firstByte
  }

  /** The line the parser has reached (1-based): where a decoding error in the next chunk starts counting. */
  get currentLine(): number {
    return this.line
  }

  push(chunk: string, out: CsvRecord[]): void {
    const n = chunk.length
    const delim = this.delim
    let i = 0
    if (this.skipLf) {
      this.skipLf = false
      if (n > 0 && chunk.charCodeAt(0) === LF) {
        if (this.state !== QUOTED) i = 1
        else this.line-- // the LF completes a CRLF already counted inside the quotes
      }
    }
    let start = i
    while (i < n) {
      const state = this.state
      if (state === QUOTED) {
        const q = chunk.indexOf('"', i)
        const end = q < 0 ? n : q
        this.countLines(chunk, i, end)
        this.field += chunk.slice(start, end)
        if (q < 0) {
          i = n
          start = n
          break
        }
        this.state = QUOTE_SEEN
        i = q + 1
        start = i
        continue
      }
      const c = chunk.charCodeAt(i)
      if (state === QUOTE_SEEN) {
        if (c === QUOTE) {
          this.field += '"'
          this.state = QUOTED
          i++
          start = i
          continue
        }
        this.state = UNQUOTED
        start = i
        // Falls through to read c as part of (or the end of) the field.
      } else if (state === START) {
        if (c === QUOTE) {
          this.state = QUOTED
          this.quoteLine = this.line
          this.quoteChunk = chunk
          this.quotePos = i
          this.quoteByteBase = this.byteBase
          i++
          start = i
          continue
        }
        this.state = UNQUOTED
        start = i
      }
      if (c === delim) {
        this.cells.push(this.field + chunk.slice(start, i))
        this.field = ''
        this.state = START
      } else if (c === LF || c === CR) {
        this.cells.push(this.field + chunk.slice(start, i))
        this.field = ''
        this.state = START
        if (c === CR) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === LF) i++
          } else this.skipLf = true
        }
        this.line++
        this.endRecord(out)
      }
      i++
    }
    if (this.state === UNQUOTED) this.field += chunk.slice(start, n)
    if (this.state === QUOTED && this.field.length > MAX_FIELD_CHARS) throw this.unterminated('A quoted field runs past 1,000,000 characters: a quote is probably never closed')
    if (this.field.length > MAX_FIELD_CHARS || this.cells.length > MAX_CELLS) {
      throw new CsvFormatError('A row runs past 1,000,000 characters or 10,000 columns: this does not look like a CSV file', {
        line: this.recordLine,
        byteOffset: this.byteBase,
        file: this.file
      })
    }
    this.byteBase += this.byteLength(chunk)
  }

  /** The end of the input: the last record needs no newline; an open quote is an error. */
  end(out: CsvRecord[]): void {
    if (this.state === QUOTED) throw this.unterminated('A quoted field is never closed: the file ends inside quotes')
    if (this.state !== START || this.field !== '' || this.cells.length > 0) {
      this.cells.push(this.field)
      this.field = ''
      this.state = START
      this.endRecord(out)
    }
  }

  private countLines(chunk: string, from: number, to: number): void {
    let i = chunk.indexOf('\n', from)
    while (i >= 0 && i < to) {
      this.line++
      i = chunk.indexOf('\n', i + 1)
    }
    // A lone CR (old Mac files) is a newline too; CRLF was counted by its LF.
    i = chunk.indexOf('\r', from)
    while (i >= 0 && i < to) {
      if (i + 1 >= chunk.length) {
        this.line++
        this.skipLf = true
      } else if (chunk.charCodeAt(i + 1) !== LF) this.line++
      i = chunk.indexOf('\r', i + 1)
    }
  }

  private endRecord(out: CsvRecord[]): void {
    const cells = this.cells
    let last = cells.length - 1
    while (last >= 0 && isBlank(cells[last]!)) last--
    if (last >= 0) {
      if (last < cells.length - 1) cells.length = last + 1
      out.push({ line: this.recordLine, cells })
    }
    this.cells = []
    this.recordLine = this.line
  }

  private unterminated(reason: string): CsvFormatError {
    const byteOffset = this.quoteByteBase + this.byteLength(this.quoteChunk.slice(0, this.quotePos))
    return new CsvFormatError(`${reason}; the quote opens here`, { line: this.quoteLine, byteOffset, file: this.file })
  }
}

function isBlank(cell: string): boolean {
  return cell.length === 0 || cell.trim().length === 0
}

/** All records of a string already in memory (blank lines skipped). Throws CsvFormatError. */
export function parseCsvText(text: string, delimiter: CsvDelimiter): CsvRecord[] {
  const out: CsvRecord[] = []
  const parser = new CsvParser(delimiter)
  parser.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, out)
  parser.end(out)
  return out
}
