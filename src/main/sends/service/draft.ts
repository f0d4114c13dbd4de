import type { Mapping, SendPurpose, ValidatedRow, ValidationSummary } from '../../../shared/domain/sends'
import { AppError } from '../../../shared/errors'
import {
  fieldDef,
  knownIdsFromLists,
  validateRecords,
  type CsvReadOptions,
  type CsvSniff,
  type KnownIdLists,
  type SendMapping,
  type SendProvider,
  type ValidateOptions,
  type ValidatedRow as ReadRow,
  type ValidationSummary as ReadSummary
} from '../read'
import { restoreCell } from './csv-export'
import { mapInSlices } from './slices'
import { contactKeys } from './to-send-row'
import type { Upload } from './uploads'

/** One validation of a file: the rows as the reader produced them, and the user's fixes on top. */
export interface DraftValidation {
  connectionId: string
  provider: SendProvider
  purpose: SendPurpose
  mapping: SendMapping
  options: ValidateOptions
  known: KnownIdLists
  rows: ReadRow[]
  byRowNumber: Map<number, number>
  edited: Set<number>
  reader: ReadSummary
  /** contact key -> the kept (valid) row that has it; kept current by every fix. */
  contacts: ContactIndex
}

/** A wizard in progress: the uploaded file, how it is read, and its last validation. */
export interface Draft {
  upload: Upload
  sniff: CsvSniff
  read: CsvReadOptions
  validation: DraftValidation | null
  /** Bumped on every change that alters a dry run's verdicts (validation, fixes). */
  version: number
}

export function toSendMapping(provider: SendProvider, mapping: Mapping): SendMapping {
  return { provider, fields: mapping }
}

export function rowView(v: DraftValidation, row: ReadRow): ValidatedRow {
  return {
    rowNumber: row.rowNumber,
    status: row.status,
    reasons: row.reasons,
    duplicateOf: row.duplicateOf ?? null,
    values: row.values,
    edited: v.edited.has(row.rowNumber)
  }
}

export function summaryView(uploadId: string, v: DraftValidation): ValidationSummary {
  let valid = 0
  let invalid = 0
  let duplicate = 0
  for (const r of v.rows) {
    if (r.status === 'valid') valid++
    else if (r.status === 'invalid') invalid++
    else duplicate++
  }
  const columns = Object.entries(v.mapping.fields)
    .flatMap(([field, source]) => ('column' in source ? [{ field, label: fieldDef(v.provider, field)?.label ?? field, header: source.header, at: source.column }] : []))
    .sort((a, b) => a.at - b.at)
    .map(({ at: _at, ...c }) => c)
  return {
    uploadId,
    total: v.rows.length,
    valid,
    invalid,
    duplicate,
    dateColumns: v.reader.dateColumns.map((d) => ({ field: d.field, order: d.order, ambiguous: d.ambiguous })),
    mappingErrors: v.reader.mappingErrors,
    columns
  }
}

/**
 * A cell fixed in the grid: the row is rebuilt from its mapped values and validated alone, with the
 * date orders the whole file decided (never re-guessed from one value); then it is compared with
 * the other rows kept, so a fix that makes it match another contact turns it into a duplicate.
 */
export function fixCell(v: DraftValidation, rowNumber: number, field: string, value: string): ReadRow {
  const source = v.mapping.fields[field]
  if (!source) throw AppError.validation([{ field: 'field', message: `"${field}" is not mapped` }])
  if (!('column' in source)) throw AppError.validation([{ field: 'field', message: `"${field}" is the same for every row: change it in the mapping` }])
  const row = revalidate(v, rowNumber, { [field]: value }, v.contacts)
  v.edited.add(rowNumber)
  return row
}

export type ContactIndex = Map<string, number>

/** Built once per validation, in slices (a 100,000-row file must not stall main), then kept current. */
export async function buildContactIndex(rows: readonly ReadRow[]): Promise<ContactIndex> {
  const index: ContactIndex = new Map()
  await mapInSlices(rows, (r) => {
    if (r.status === 'valid') for (const k of contactKeys(r.send)) if (!index.has(k)) index.set(k, r.rowNumber)
  })
  return index
}

function revalidate(v: DraftValidation, rowNumber: number, patch: Record<string, string>, index: ContactIndex): ReadRow {
  const at = v.byRowNumber.get(rowNumber)
  if (at === undefined) throw new AppError('not_found', `There is no row ${rowNumber} in this file`)
  const old = v.rows[at]!
  const values = { ...old.values, ...patch }
  const width = Math.max(0, ...Object.values(v.mapping.fields).map((s) => ('column' in s ? s.column + 1 : 0)))
  const cells = Array.from({ length: width }, () => '')
  for (const [f, s] of Object.entries(v.mapping.fields)) if ('column' in s) cells[s.column] = values[f] ?? ''
  const dateOrders: Record<string, 'dmy' | 'mdy' | 'ymd'> = { ...(v.options.dateOrders ?? {}) }
  for (const d of v.reader.dateColumns) if (d.order) dateOrders[d.field] = d.order
  const { rows } = validateRecords([{ line: rowNumber, cells }], { ...v.options, dateOrders }, knownIdsFromLists(v.known))
  const fresh: ReadRow = { ...rows[0]!, rowNumber, values }
  for (const k of contactKeys(old.send)) if (index.get(k) === rowNumber) index.delete(k)
  if (fresh.status === 'valid') {
    const other = contactKeys(fresh.send)
      .map((k) => index.get(k))
      .find((n) => n !== undefined && n !== rowNumber)
    if (other !== undefined) {
      fresh.status = 'duplicate'
      fresh.duplicateOf = other
      fresh.reasons = [{ field: '', message: `Same contact as row ${other}, which is kept` }]
    } else {
      for (const k of contactKeys(fresh.send)) index.set(k, rowNumber)
    }
  }
  v.rows[at] = fresh
  return fresh
}

/**
 * A file we exported earlier comes back with formula-like cells escaped ("'+32470…", "'=x"; see
 * csv-export.ts). The reader takes cells as written, so those rows are validated again here with
 * the escape removed, yielding to the event loop between slices so a big file never blocks main.
 */
export async function restoreNeutralisedCells(v: DraftValidation): Promise<number> {
  const columnFields = Object.entries(v.mapping.fields).flatMap(([f, s]) => ('column' in s ? [f] : []))
  const escaped = (await mapInSlices(v.rows, (row) => (columnFields.some((f) => isEscaped(row.values[f])) ? row.rowNumber : 0))).filter((n) => n > 0)
  if (escaped.length === 0) return 0
  const index = v.contacts
  let restored = 0
  for (const rowNumber of escaped) {
    const row = v.rows[v.byRowNumber.get(rowNumber)!]!
    const patch: Record<string, string> = {}
    for (const f of columnFields) {
      const value = row.values[f]
      if (value !== undefined && isEscaped(value)) patch[f] = restoreCell(value)
    }
    revalidate(v, rowNumber, patch, index)
    // One row's validation is ~0.1 ms; 200 at a time keeps each turn of the event loop short.
    if (++restored % 200 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  return restored
}

const isEscaped = (value: string | undefined): boolean => value !== undefined && restoreCell(value) !== value

/** Valid rows in file order: what a job sends. */
export function sendableRows(v: DraftValidation): ReadRow[] {
  return v.rows.filter((r) => r.status === 'valid' && r.send)
}
