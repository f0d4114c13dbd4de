import { z } from 'zod'

/*
 * The shapes of the send-file reader: zod schemas for everything a caller may pass in from outside
 * (IPC, CLI, a saved mapping read back from SQLite), plain types for what the reader produces.
 * Only zod is imported here so the contract layer can reuse these schemas as they are.
 */

// ---------------------------------------------------------------- CSV

export const CsvEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-15'])
export type CsvEncoding = z.infer<typeof CsvEncoding>

export const CsvDelimiter = z.enum([',', ';', '\t'])
export type CsvDelimiter = z.infer<typeof CsvDelimiter>

/** How to read a file. Omitted parts are detected from the first bytes. */
export const CsvReadOptions = z.strictObject({
  encoding: CsvEncoding.optional(),
  delimiter: CsvDelimiter.optional(),
  /** 0-based index among the file's non-blank records; null = the file has no header row. Omitted = detected. */
  headerRow: z.number().int().min(0).max(200).nullable().optional()
})
export type CsvReadOptions = z.infer<typeof CsvReadOptions>

/** One record (row) of the file: the file line it starts on (1-based) and its cells, trailing empty cells removed. */
export interface CsvRecord {
  line: number
  cells: string[]
}

/** What was detected (or chosen) about a file, and its first records for a preview. */
export interface CsvSniff {
  encoding: CsvEncoding
  /** The file starts with a byte-order mark (skipped when reading). */
  bom: boolean
  delimiter: CsvDelimiter
  fileBytes: number
  /** The first non-blank records (up to 20), so a user can pick another header row. */
  preview: CsvRecord[]
  /** Index into `preview` of the header row; null when no row looks like headers. */
  headerRow: number | null
  /** The header row's cells (trimmed), or "Column 1".. when there is no header row. */
  headers: string[]
}

// ---------------------------------------------------------------- mapping

/** Providers that take rows from a file: three send surveys, Nicereply imports ratings. */
export const SendProvider = z.enum(['customersure', 'enco', 'feedbackapi', 'nicereply'])
export type SendProvider = z.infer<typeof SendProvider>

/** How a field's value is checked and normalised. */
export type SendFieldKind =
  | 'email'
  | 'phone' // E.164; mobile-only where the field is for SMS
  | 'datetime' // an instant in the future, read in the user's time zone
  | 'text'
  | 'id' // must exist in the cache when a known-id set is given
  | 'enum'
  | 'boolean'
  | 'integer'
  | 'list' // several values in one cell, split on , ; or |

export interface SendFieldDef {
  /** The id used in a mapping, named after the provider's wire field where there is one. */
  id: string
  label: string
  kind: SendFieldKind
  /** Required on every row (some fields are required only in combination: see `requiredNote`). */
  required: boolean
  requiredNote?: string
  maxLength?: number
  /** Allowed values for `enum` fields (compared case-insensitively, normalised to these spellings). */
  values?: readonly string[]
  /** Usually the same for the whole file (a survey, a template): the UI offers a constant first. */
  constantFirst?: boolean
}

/** CustomerSure data keys are mapped as `data.<key>` (key 1–30 characters, value ≤ 100). */
export const DATA_FIELD_PREFIX = 'data.'

export const MappingSource = z.union([
  z.strictObject({ column: z.number().int().min(0).max(10_000), header: z.string().max(500) }),
  z.strictObject({ constant: z.string().max(2000) })
])
export type MappingSource = z.infer<typeof MappingSource>

/** Field id -> where its value comes from: a column (by index; the header is kept for display) or one value for every row. */
export const SendMapping = z.strictObject({
  provider: SendProvider,
  fields: z.record(z.string().min(1).max(200), MappingSource)
})
export type SendMapping = z.infer<typeof SendMapping>

// ---------------------------------------------------------------- validation

/** Order of day and month in a date column written like 03/04/2026. `ymd` is 2026-04-03 / 2026/04/03. */
export const DateOrder = z.enum(['dmy', 'mdy', 'ymd'])
export type DateOrder = z.infer<typeof DateOrder>

export const DuplicateChoice = z.enum(['keep_first', 'keep_last'])
export type DuplicateChoice = z.infer<typeof DuplicateChoice>

/** ISO 3166-1 alpha-2 country used for numbers written without a country code. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'A two-letter country code such as BE')

export const ValidateOptions = z.strictObject({
  mapping: SendMapping,
  defaultCountry: CountryCode,
  /** IANA zone the user's dates and times are written in, e.g. Europe/Brussels. */
  timeZone: z.string().min(1).max(100),
  duplicates: DuplicateChoice.default('keep_first'),
  /** The caller's choice for date columns the file alone leaves ambiguous (field id -> order). */
  dateOrders: z.record(z.string(), DateOrder).default({}),
  /** "Now" for the in-the-future check, ISO 8601; defaults to the moment validation starts. */
  now: z.iso.datetime({ offset: true }).optional()
})
export type ValidateOptions = z.input<typeof ValidateOptions>
export type ParsedValidateOptions = z.output<typeof ValidateOptions>

/**
 * Ids that exist in the local cache, per kind; a kind left out is not checked. Injected by the
 * caller (the cache lives behind a worker), so the reader never touches the database.
 */
export interface KnownIds {
  surveys?: ReadonlySet<string>
  /** Nicereply: a survey's metric decides the score range (CSAT 1–10, CES 1–7, NPS 0–10). */
  surveyMetrics?: ReadonlyMap<string, 'csat' | 'ces' | 'nps'>
  /** Nicereply: a survey's own rating scale (CSAT3 is 1–3, CSAT2 1–2), narrower than its metric's range. */
  surveyScales?: ReadonlyMap<string, readonly [number, number]>
  emailTemplates?: ReadonlySet<string>
  smsTemplates?: ReadonlySet<string>
  /** FeedbackAPI message templates. */
  templates?: ReadonlySet<string>
  locations?: ReadonlySet<string>
  /** Nicereply users (agents): ids and usernames. */
  users?: ReadonlySet<string>
}

/** The same, as plain arrays, for IPC and worker messages. */
export const KnownIdLists = z.strictObject({
  surveys: z.array(z.string()).optional(),
  surveyMetrics: z.record(z.string(), z.enum(['csat', 'ces', 'nps'])).optional(),
  surveyScales: z.record(z.string(), z.tuple([z.number().int(), z.number().int()])).optional(),
  emailTemplates: z.array(z.string()).optional(),
  smsTemplates: z.array(z.string()).optional(),
  templates: z.array(z.string()).optional(),
  locations: z.array(z.string()).optional(),
  users: z.array(z.string()).optional()
})
export type KnownIdLists = z.infer<typeof KnownIdLists>

export interface RowReason {
  /** A field id of the mapping ('' for the row as a whole). */
  field: string
  message: string
}

export type RowStatus = 'valid' | 'invalid' | 'duplicate'

/** CustomerSure feedback request, as POST /feedback_requests takes it. */
export interface CustomerSureSend {
  provider: 'customersure'
  channel: 'email' | 'sms'
  email?: string
  first_name?: string
  surname?: string
  reference?: string
  machine_id?: string
  /** ISO 8601 UTC; absent when not mapped: the job stamps the moment it sends the row. */
  send_at?: string
  survey_id: string
  email_template_id?: string
  sms?: { number: string; text_message_template_id: string }
  data: Array<{ key: string; value: string }>
  reminders: Array<{ send_at: string; email_template_id?: string; text_message_template_id?: string }>
}

/** One entry of Enco's POST /surveys/{id}/send `requests`. */
export interface EncoSend {
  provider: 'enco'
  survey_id: string
  channel: 'SMS' | 'VOICE'
  destination: string
  referenceId?: string
  language?: string
  segments: string[]
}

/** FeedbackAPI: the customer upsert, then the feedback request. */
export interface FeedbackApiSend {
  provider: 'feedbackapi'
  email?: string
  mobile_number?: string
  fname?: string
  sname?: string
  location: string
  template: string
  /** ISO 8601 UTC; absent = send now. */
  due?: string
  suppress_message: boolean
}

/** Nicereply rating to create (POST /v1/{metric}/ratings, or /v1/ratings when the metric is unknown). */
export interface NicereplyRatingImport {
  provider: 'nicereply'
  metric?: 'csat' | 'ces' | 'nps'
  survey_id: string
  score: number
  from?: string
  comment?: string
  ticket?: string
  user: { id: string } | { username: string }
  customer_id?: string
  ip_address?: string
}

export type NormalizedSend = CustomerSureSend | EncoSend | FeedbackApiSend | NicereplyRatingImport

export interface ValidatedRow {
  /** The file line the row starts on (1-based), as a spreadsheet user would count it. */
  rowNumber: number
  status: RowStatus
  /** Why the row is invalid (empty when valid); a duplicate has one reason naming the row kept. */
  reasons: RowReason[]
  /** For a duplicate: the rowNumber of the row that is kept instead. */
  duplicateOf?: number
  /** Present when status is 'valid' or 'duplicate' (a duplicate is otherwise fine). */
  send?: NormalizedSend
  /** The mapped cell values as read (field id -> text), for the editable grid and the failed-rows export. */
  values: Record<string, string>
}

/** What the whole file said about a date column. */
export interface DateColumnVerdict {
  field: string
  /** The order used; null when the column is ambiguous and the caller has not chosen. */
  order: DateOrder | null
  /** Decided from the values (a first part > 12 means day-first, etc.), chosen by the caller, or unneeded (ISO / serial / written-out months only). */
  decidedBy: 'values' | 'caller' | 'unambiguous' | 'undecided'
  /** Both day-first and month-first read every value of the column: ask the user. */
  ambiguous: boolean
}

export interface ValidationSummary {
  rows: number
  valid: number
  invalid: number
  duplicate: number
  dateColumns: DateColumnVerdict[]
  /** Mapping problems that affect every row (a required field not mapped, an unknown field id). */
  mappingErrors: RowReason[]
}

/** What the worker reports while it reads: bytes of the file done and rows produced; its heap for memory checks. */
export interface ReadProgress {
  phase: 'scan' | 'validate'
  bytes: number
  totalBytes: number
  rows: number
  /** Peak V8 heap of the reading thread so far, MB. */
  peakHeapMb: number
}

export interface FileValidationResult {
  sniff: CsvSniff
  summary: ValidationSummary
  /** Peak V8 heap of the reading thread over the whole run, MB. */
  peakHeapMb: number
}
