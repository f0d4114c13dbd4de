import { z } from 'zod'
import { TimeZone } from '../periods'
import { ProviderId } from '../providers'

/**
 * Bulk sends from a CSV file, as the renderer and the CLI see them. The file itself never crosses
 * as a path: the renderer uploads its bytes in chunks into a temp file in main's data folder, and
 * every later step names that upload by its id.
 */

export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Expected an upload id')
export type UploadId = z.infer<typeof UploadId>

export const JobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Expected a job id')
export type JobId = z.infer<typeof JobId>

/** 'send' invites customers; 'import_ratings' creates Nicereply ratings collected elsewhere (Nicereply has no send API). */
export const SendPurpose = z.enum(['send', 'import_ratings'])
export type SendPurpose = z.infer<typeof SendPurpose>

/** Largest chunk the renderer sends at once (raw bytes, before base64). */
export const UPLOAD_CHUNK_BYTES = 512 * 1024
/** Largest file accepted: the biggest test file is 100 MB. */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024

export const UploadBegin = z
  .object({
    fileName: z.string().trim().min(1, 'The file needs a name').max(255),
    size: z.number().int().min(1, 'The file is empty').max(UPLOAD_MAX_BYTES, 'The file is larger than 200 MB')
  })
  .strict()

export const UploadChunk = z
  .object({
    uploadId: UploadId,
    /** Where this chunk starts; chunks must arrive in order, so a lost one is noticed. */
    offset: z.number().int().min(0),
    /** The bytes, base64 (the web host speaks JSON). */
    data: z
      .string()
      .min(1)
      .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Expected base64')
  })
  .strict()

export const Delimiter = z.enum([',', ';', '\t'])
export type Delimiter = z.infer<typeof Delimiter>

export const PreviewLine = z.object({ line: z.number().int(), cells: z.array(z.string()) })

export const FilePreview = z.object({
  uploadId: UploadId,
  fileName: z.string(),
  size: z.number().int(),
  /** What the bytes were read as: utf-8, utf-16le, utf-16be, windows-1252, iso-8859-15. */
  encoding: z.string(),
  bom: z.boolean(),
  delimiter: Delimiter,
  /** 0-based index into `lines` of the header row; null when the file has none. */
  headerRow: z.number().int().min(0).nullable(),
  headers: z.array(z.string()),
  /** The first records of the file (up to 20), so another header row can be picked. */
  lines: z.array(PreviewLine)
})
export type FilePreview = z.infer<typeof FilePreview>

/** One provider field a CSV column (or a constant) can fill; mirrors the reader's field table. */
export const SendField = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  required: z.boolean(),
  requiredNote: z.string().nullable(),
  maxLength: z.number().int().nullable(),
  /** Allowed values (channel, metric...). */
  values: z.array(z.string()).nullable(),
  /** Ids from the cache a constant can be picked from (surveys, templates, locations, users). */
  options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
  /** Usually one value for the whole file (a survey, a template): offered as a constant first. */
  constantFirst: z.boolean()
})
export type SendField = z.infer<typeof SendField>

export const MappingEntry = z.union([
  z.object({ column: z.number().int().min(0).max(10_000), header: z.string().max(500) }).strict(),
  z.object({ constant: z.string().max(2000) }).strict()
])
export type MappingEntry = z.infer<typeof MappingEntry>

/** field id -> where its value comes from. CustomerSure data keys are `data.<key>`. */
export const Mapping = z.record(
  z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_.-]+$/, 'Field names are letters, digits, _ . -'),
  MappingEntry
)
export type Mapping = z.infer<typeof Mapping>

export const MappingProposal = z.object({
  fields: z.array(SendField),
  /** Guessed from the header names (English, Dutch, French). */
  suggested: Mapping,
  /** Saved for this connection and a file with the same headers, when there is one. */
  saved: Mapping.nullable()
})
export type MappingProposal = z.infer<typeof MappingProposal>

export const DateOrder = z.enum(['dmy', 'mdy', 'ymd'])
export type DateOrder = z.infer<typeof DateOrder>

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'Two capital letters, e.g. BE')

export const ValidateInput = z
  .object({
    uploadId: UploadId,
    connectionId: z.string().uuid(),
    purpose: SendPurpose.default('send'),
    mapping: Mapping,
    /** ISO 3166 alpha-2, for numbers written without a country code. */
    defaultCountry: CountryCode.default('BE'),
    timeZone: TimeZone.default('UTC'),
    duplicates: z.enum(['keep_first', 'keep_last']).default('keep_first'),
    /** The user's choice for date columns the file alone leaves ambiguous (field id -> order). */
    dateOrders: z.record(z.string(), DateOrder).default({}),
    /** Remember this mapping for files with the same headers on this connection. */
    saveMapping: z.boolean().default(true)
  })
  .strict()
export type ValidateInput = z.infer<typeof ValidateInput>

export const RowStatus = z.enum(['valid', 'invalid', 'duplicate'])
export type RowStatus = z.infer<typeof RowStatus>

export const RowReason = z.object({ field: z.string(), message: z.string() })
export type RowReason = z.infer<typeof RowReason>

export const ValidatedRow = z.object({
  /** The file line the row starts on, as a spreadsheet user counts it. */
  rowNumber: z.number().int(),
  status: RowStatus,
  reasons: z.array(RowReason),
  duplicateOf: z.number().int().nullable(),
  /** The mapped cell values as read or fixed (field id -> text): what the grid shows and edits. */
  values: z.record(z.string(), z.string()),
  /** Set when the row was fixed in the wizard. */
  edited: z.boolean()
})
export type ValidatedRow = z.infer<typeof ValidatedRow>

export const DateColumn = z.object({
  field: z.string(),
  order: DateOrder.nullable(),
  ambiguous: z.boolean()
})

export const ValidationSummary = z.object({
  uploadId: UploadId,
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicate: z.number().int(),
  dateColumns: z.array(DateColumn),
  /** Problems with the mapping itself (a required field not mapped). */
  mappingErrors: z.array(RowReason),
  /** Fields the mapping fills from columns, in form order: the grid's columns. */
  columns: z.array(z.object({ field: z.string(), label: z.string(), header: z.string() }))
})
export type ValidationSummary = z.infer<typeof ValidationSummary>

export const ValidationProgress = z.object({
  uploadId: UploadId,
  /** 'scan' decides date orders and duplicates over the whole file; 'validate' checks every row. */
  phase: z.enum(['scan', 'validate']),
  bytes: z.number().int(),
  totalBytes: z.number().int(),
  rows: z.number().int()
})
export type ValidationProgress = z.infer<typeof ValidationProgress>

export const RowsInput = z
  .object({
    uploadId: UploadId,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    onlyProblems: z.boolean().default(false)
  })
  .strict()

export const RowsPage = z.object({
  rows: z.array(ValidatedRow),
  /** Rows matching the filter. */
  total: z.number().int(),
  offset: z.number().int()
})
export type RowsPage = z.infer<typeof RowsPage>

export const FixCellInput = z
  .object({
    uploadId: UploadId,
    rowNumber: z.number().int().min(1),
    field: z.string().min(1).max(200),
    value: z.string().max(2000)
  })
  .strict()

export const FixCellResult = z.object({ row: ValidatedRow, summary: ValidationSummary })

export const QuietHours = z
  .object({
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, e.g. 09:00'),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, e.g. 20:00'),
    timeZone: TimeZone
  })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'The window must not be empty', path: ['end'] })
export type QuietHours = z.infer<typeof QuietHours>

export const ProtectionSettings = z
  .object({
    /** Skip anyone this app sent a survey to within this many days, across all providers; 0 turns it off. */
    overSurveyDays: z.number().int().min(0).max(365),
    /** Send only inside this window (the job waits outside it); null sends at any hour. */
    sendWindow: QuietHours.nullable()
  })
  .strict()
export type ProtectionSettings = z.infer<typeof ProtectionSettings>

export const ProtectionState = z.object({
  settings: ProtectionSettings,
  doNotContactCount: z.number().int()
})
export type ProtectionState = z.infer<typeof ProtectionState>

export const DncImportInput = z
  .object({
    /** One e-mail or phone number per line (or a CSV whose first column holds them). */
    text: z.string().min(1, 'Paste or choose a list').max(5_000_000),
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('BE')
  })
  .strict()

export const DncImportResult = z.object({
  added: z.number().int(),
  alreadyListed: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), value: z.string(), reason: z.string() })),
  total: z.number().int()
})
export type DncImportResult = z.infer<typeof DncImportResult>

/** The exact HTTP request a row would make (secrets never included). */
export const DescribedRequest = z.object({
  method: z.string(),
  url: z.string(),
  body: z.unknown()
})
export type DescribedRequest = z.infer<typeof DescribedRequest>

export const DryRunRow = z.object({
  rowNumber: z.number().int(),
  verdict: z.enum(['send', 'skip']),
  reason: z.string().nullable(),
  recipient: z.string().nullable(),
  /** In order (FeedbackAPI: the customer upsert, then the feedback request); empty when skipped. */
  requests: z.array(DescribedRequest)
})
export type DryRunRow = z.infer<typeof DryRunRow>

export const SmsPreview = z.object({
  templateName: z.string().nullable(),
  text: z.string(),
  characters: z.number().int(),
  segments: z.number().int(),
  encoding: z.enum(['GSM-7', 'UCS-2'])
})
export type SmsPreview = z.infer<typeof SmsPreview>

export const DryRunInput = z
  .object({
    uploadId: UploadId,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    onlySkipped: z.boolean().default(false)
  })
  .strict()

export const DryRunResult = z.object({
  totals: z.object({
    rows: z.number().int(),
    send: z.number().int(),
    skip: z.number().int()
  }),
  /** reason -> number of rows skipped for it. */
  skipReasons: z.record(z.string(), z.number().int()),
  smsPreview: SmsPreview.nullable(),
  rows: z.array(DryRunRow),
  /** Connections whose opt-out lists were never synced: they are synced before the job starts. */
  unsyncedSuppressions: z.array(z.string()),
  /** Rows matching the filter, for paging. */
  matching: z.number().int(),
  offset: z.number().int()
})
export type DryRunResult = z.infer<typeof DryRunResult>

export const TestSendInput = z
  .object({
    uploadId: UploadId,
    /** The user's own e-mail address or mobile number; the first sendable row's other fields are used. */
    to: z.string().trim().min(3, 'Your e-mail address or mobile number').max(200)
  })
  .strict()

export const TestSendResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  requests: z.array(DescribedRequest)
})

export const JobStatus = z.enum(['running', 'waiting', 'paused', 'needs_attention', 'done', 'cancelled', 'failed'])
export type JobStatus = z.infer<typeof JobStatus>

export const JobCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  inFlight: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  unknown: z.number().int()
})
export type JobCounts = z.infer<typeof JobCounts>

export const JobSummary = z.object({
  id: JobId,
  connectionId: z.string(),
  connectionLabel: z.string(),
  provider: ProviderId,
  purpose: SendPurpose,
  fileName: z.string(),
  status: JobStatus,
  /** Why the job waits or stopped, in words (quiet hours, a provider error...). */
  statusDetail: z.string().nullable(),
  counts: JobCounts,
  /** Rows finished per minute over the recent past; 0 when idle. */
  ratePerMinute: z.number(),
  etaSeconds: z.number().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /**
   * Orders the summaries of a job: a higher one was taken later. Progress events and the answers to
   * calls travel apart and can arrive in either order, so a view keeps the higher one (a job that
   * finished before the answer to its creation arrived stayed "Sending" with its first counts).
   */
  revision: z.number().int().nonnegative()
})
export type JobSummary = z.infer<typeof JobSummary>

/** Whether `incoming` is at least as recent as `held` (the same job's summary a view holds, if any). */
export const isNewerSummary = (incoming: JobSummary, held: JobSummary | undefined): boolean => held === undefined || incoming.revision >= held.revision

export const JobRowStatus = z.enum(['pending', 'in_flight', 'sent', 'failed', 'skipped', 'unknown'])
export type JobRowStatus = z.infer<typeof JobRowStatus>

export const JobRow = z.object({
  rowNumber: z.number().int(),
  status: JobRowStatus,
  recipient: z.string().nullable(),
  /** The provider's error, or why the row was skipped. */
  detail: z.string().nullable(),
  /** What the provider calls what was created (feedback request id, rating id). */
  providerRef: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.string().nullable()
})
export type JobRow = z.infer<typeof JobRow>

export const JobRowsInput = z
  .object({
    jobId: JobId,
    statuses: z.array(JobRowStatus).max(6).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100)
  })
  .strict()

export const JobRowsPage = z.object({ rows: z.array(JobRow), total: z.number().int(), offset: z.number().int() })
export type JobRowsPage = z.infer<typeof JobRowsPage>

export const ResolveInput = z
  .object({
    jobId: JobId,
    rowNumbers: z.array(z.number().int().min(1)).min(1).max(100_000),
    /** 'sent': the provider did receive it (checked by hand); 'resend': send it again. */
    action: z.enum(['sent', 'resend'])
  })
  .strict()

export const ExportResult = z.object({
  fileName: z.string(),
  /** UTF-8 with a BOM, Excel-safe; the original columns plus status and reason. */
  csv: z.string(),
  rows: z.number().int()
})
export type ExportResult = z.infer<typeof ExportResult>
