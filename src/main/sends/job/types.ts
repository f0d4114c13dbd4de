import type { DescribedRequest, DncImportResult, JobRow, JobRowsPage, JobRowStatus, JobSummary, ProtectionSettings, SendPurpose } from '../../../shared/domain/sends'
import type { RateLimit } from '../../http/types'

/*
 * The send engine's public types. Rows arrive already validated and normalised (sends-read does
 * that); each provider's row carries the fields named as the provider document names them, so an
 * adapter only adds the idempotency key and makes the call.
 */

export type { DescribedRequest, DncImportResult, JobRow, JobRowsPage, JobRowStatus, JobSummary, ProtectionSettings, SendPurpose }

export type SendProviderId = 'customersure' | 'enco' | 'feedbackapi' | 'nicereply'

/** What every row has, whatever the provider. */
export interface SendRowBase {
  /** The row's record number in the file (1 = first data row); unique within a job. */
  rowNumber: number
  /** Lower-cased e-mail address of the recipient, for protection and history; null when none. */
  email: string | null
  /** E.164 mobile number of the recipient; null when none. */
  phone: string | null
  /** IANA time zone of the row's site, when known: quiet hours then follow the site's clock. */
  timeZone?: string | null
  /** The original CSV cells by header, kept so failed and skipped rows can be exported and fixed. */
  cells?: Record<string, string>
}

/** customersure-v1.txt "Create a feedback request"; machine_id / reference left empty receive the idempotency key. */
export interface CustomerSureSendRow extends SendRowBase {
  provider: 'customersure'
  request: {
    email?: string
    /** ISO 8601 with offset or Z, in the future. */
    /** Absent: "as soon as the job reaches the row"; the adapter stamps it just ahead of the call. */
    send_at?: string
    survey_id: string | number
    email_template_id?: string | number
    first_name?: string
    surname?: string
    reference?: string
    machine_id?: string
    ignore_throttle?: boolean
    data?: Array<{ key: string; value: string }>
    sms?: { number: string; text_message_template_id: string | number }
    reminders?: Array<{ send_at: string; email_template_id?: string | number; text_message_template_id?: string | number }>
  }
}

/** One entry of Enco's POST /surveys/{id}/send `requests`; rows of one survey go out in batches. */
export interface EncoSendRow extends SendRowBase {
  provider: 'enco'
  surveyId: string | number
  request: {
    channel: 'SMS' | 'VOICE'
    destination: string
    segments?: string[]
    /** Left out: the idempotency key is sent here. */
    referenceId?: string
    language?: string
  }
}

/** FeedbackAPI: "Create Customer" (an upsert by e-mail / mobile number), then "Create a Feedback Request". */
export interface FeedbackApiSendRow extends SendRowBase {
  provider: 'feedbackapi'
  customer: { email?: string; mobile_number?: string; fname?: string; sname?: string; country_code?: string }
  request: { template: string; location: string; due?: string; suppress_message?: boolean }
}

/** Nicereply has no send API: "import ratings" creates ratings (nicereply-v1.txt "Create new rating"). */
export interface NicereplyRatingRow extends SendRowBase {
  provider: 'nicereply'
  request: {
    survey_id: string
    score: number
    from?: string
    comment?: string
    ticket?: string | null
    user: { id: string } | { username: string }
    customer_id?: string | null
    ip_address?: string
  }
}

export type SendRow = CustomerSureSendRow | EncoSendRow | FeedbackApiSendRow | NicereplyRatingRow

export type SkipReason = 'opted_out' | 'invalid_contact' | 'unsubscribed' | 'do_not_contact' | 'over_survey' | 'no_contact'

/** The protection verdict for one row: send it, or skip it and say why. */
export type RowVerdict = { action: 'send' } | { action: 'skip'; reason: SkipReason; detail: string }

export interface CreateJobInput {
  connectionId: string
  purpose: SendPurpose
  /** Shown on the Sends page, e.g. the CSV's file name. */
  fileName: string
  rows: SendRow[]
  /** Applied when the job is created (skips are stored with their reason) and again before each row goes out. */
  protection: ProtectionSettings
  /** Write the job but do not start it (tests, the CLI's --no-start). Default false. */
  start?: boolean
}

export type ResolveAction = 'sent' | 'resend'

/** Everything the engine needs from the process it runs in (the app, the web host, the CLI, a test). */
export interface SendEngineHost {
  /** Where `sends.sqlite` lives (the app's data folder). */
  dataDir: string
  connection(id: string): { id: string; provider: string; label: string; baseUrl: string | null; region: string | null; settings: Record<string, unknown> } | undefined
  resolveSecret(connectionId: string): Promise<string | null>
  /** Opted-out / invalid / unsubscribed contacts from the provider cache (see protect/suppressions.ts). */
  suppressions(): Promise<SuppressionList>
  /** Called with a job's summary whenever its counts or state change (throttled) and when it stops. */
  onProgress?(summary: JobSummary): void
}

export interface SuppressionList {
  /** Lower-cased e-mail -> why (e.g. "opted out at FeedbackAPI (Acme)"). */
  emails: ReadonlyMap<string, { reason: SkipReason; detail: string }>
  /** E.164 phone -> why. */
  phones: ReadonlyMap<string, { reason: SkipReason; detail: string }>
}

export interface SendEngineOptions {
  /** Who runs the jobs, in "already sending in <pid>/<app|cli>" (default: see defaultOwnerKind). */
  owner?: 'app' | 'cli'
  /**
   * 'worker' (default): runners, HTTP and their ledger commits on a worker thread, so no fsync of
   * a synchronous=FULL commit (measured here: 2 ms typical, over 50 ms at the 99th percentile) ever
   * holds the main thread. 'inline': on the calling thread (tests with a fake clock, a child process
   * that does nothing else). The clock option only reaches inline runners.
   */
  mode?: 'inline' | 'worker'
  /** Requests per second per provider (tests and the bench raise or pin them); default: the http layer's. */
  rateLimits?: Partial<Record<SendProviderId, RateLimit>>
  /** Rows in flight at once per job (default 4); Enco sends batches instead. */
  concurrency?: number
  /**
   * How often a running job reads the opt-outs, the do-not-contact list and the over-survey record
   * again (default 30 s), so that one added while it runs stops the rows not yet sent.
   */
  protectionRefreshMs?: number
  /** Enco requests per POST /surveys/{id}/send (default 50). */
  encoBatchSize?: number
  clock?: () => number
  /** Throttle of onProgress per job (default 250 ms). */
  progressIntervalMs?: number
}

export interface SendEngine {
  /**
   * Writes the job and all its rows in ONE transaction (synchronous=FULL) before any call; rows the
   * protection rules stop are stored as skipped with their reason. Starts it unless start is false.
   */
  createJob(input: CreateJobInput): Promise<JobSummary>
  /** Protection verdicts for rows without writing anything (the dry run). */
  verdicts(rows: readonly SendRow[], protection: ProtectionSettings): Promise<RowVerdict[]>
  /** The exact request(s) an adapter would make for a row (the dry run); the key is a placeholder unless given. */
  describeRequest(row: SendRow, baseUrl?: string, idempotencyKey?: string): DescribedRequest[]
  listJobs(): JobSummary[]
  getJob(jobId: string): JobSummary
  rows(input: { jobId: string; statuses?: JobRowStatus[]; offset?: number; limit?: number }): JobRowsPage
  /** The rows with their original cells, for the export of failed / skipped rows. */
  rowsForExport(jobId: string, statuses: JobRowStatus[]): Array<JobRow & { cells: Record<string, string> }>
  pause(jobId: string): JobSummary
  resume(jobId: string): JobSummary
  cancel(jobId: string): JobSummary
  /** Rows left `unknown`: the user says the provider got them ('sent') or to send them again ('resend'). */
  resolveUnknown(jobId: string, rowNumbers: number[], action: ResolveAction): JobSummary
  /** At start-up: in_flight rows become unknown, are reconciled where the provider allows it, and unfinished jobs go on. */
  resumeAll(): Promise<void>
  /** Resolves when the job has stopped running (done, paused, cancelled, failed or needs attention). */
  whenIdle(jobId: string): Promise<JobSummary>
  getProtection(): ProtectionSettings
  setProtection(settings: ProtectionSettings): ProtectionSettings
  doNotContactCount(): number
  importDoNotContact(text: string, defaultCountry: string): DncImportResult
  /** Saved mappings per connection and header signature (the signature is the file reader's headerSignature). */
  savedMapping(connectionId: string, headers: readonly string[]): Record<string, unknown> | null
  saveMapping(connectionId: string, headers: readonly string[], mapping: Record<string, unknown>): void
  /** Stops every running job where it stands (rows in flight finish first) and closes the ledger. */
  shutdown(): Promise<void>
}
