import type { CsvDelimiter, CsvRecord } from '../types'
import { CsvParser } from './parser'

const CANDIDATES: readonly CsvDelimiter[] = [';', ',', '\t']

/**
 * The delimiter that splits the sample's records into the same number of columns most often (more
 * than one column); ties go to the one giving more columns, then to ; , tab in that order (a
 * European file with decimal commas splits on both, consistently only on ;). Quotes are respected
 * because each candidate really parses the sample. `complete` = the sample is the whole file.
 */
export function detectDelimiter(sample: string, complete: boolean): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; score: number; columns: number } | null = null
  for (const delimiter of CANDIDATES) {
    const records = sampleRecords(sample, delimiter, complete, 100)
    const counts = new Map<number, number>()
    for (const r of records) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1)
    let columns = 1
    let score = 0
    for (const [cols, count] of counts) {
      if (cols > 1 && (count > score || (count === score && cols > columns))) {
        columns = cols
        score = count
      }
    }
    if (!best || score > best.score || (score === best.score && columns > best.columns)) best = { delimiter, score, columns }
  }
  return best && best.score > 0 ? best.delimiter : ','
}

/**
 * Records of a sample, leniently: a sample cut mid-file drops its last (possibly partial) record,
 * and a quote still open at the cut is not an error (the rest of the field is past the sample).
 */
export function sampleRecords(sample: string, delimiter: CsvDelimiter, complete: boolean, limit: number): CsvRecord[] {
  const out: CsvRecord[] = []
  const parser = new CsvParser(delimiter)
  try {
    parser.push(sample, out)
    if (complete) parser.end(out)
  } catch {
    // An open quote in a cut sample: the records before it are still good.
  }
  return out.slice(0, limit)
}

const DATA_LIKE = [
  /^[^\s@]+@[^\s@]+$/, // email
  /^[+(]?\d[\d\s().\-/]{5,}$/, // phone or long number
  /^-?\d+([.,]\d+)?(e[+-]?\d+)?$/i, // number
  /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/ // date
]

/**
 * Index of the first record that looks like a header row: at least two non-empty cells, at least
 * half as many cells as the widest record, and no cell that looks like data (an email, a phone
 * number, a number, a date). null when none does (a file of data only).
 */
export function detectHeaderRow(records: readonly CsvRecord[]): number | null {
  const widest = records.reduce((m, r) => Math.max(m, r.cells.length), 0)
  for (let i = 0; i < Math.min(records.length, 10); i++) {
    const cells = records[i]!.cells.map((c) => c.trim())
    const filled = cells.filter((c) => c !== '')
    if (filled.length < Math.min(2, widest) || cells.length * 2 < widest) continue
    if (filled.some((c) => DATA_LIKE.some((re) => re.test(c)))) continue
    return i
  }
  return null
}

/** Header names for the chosen row: trimmed, and "Column N" where a header cell is empty or missing. */
export function headersOf(records: readonly CsvRecord[], headerRow: number | null): string[] {
  const width = records.reduce((m, r) => Math.max(m, r.cells.length), 0)
  const header = headerRow === null ? [] : (records[headerRow]?.cells ?? [])
  return Array.from({ length: Math.max(width, header.length) }, (_, i) => header[i]?.trim() || `Column ${i + 1}`)
}
