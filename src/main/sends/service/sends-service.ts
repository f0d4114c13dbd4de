import { basename } from 'node:path'
import type {
  DncImportResult,
  DryRunResult,
  ExportResult,
  FilePreview,
  JobRowsPage,
  JobRowStatus,
  JobSummary,
  Mapping,
  MappingProposal,
  ProtectionSettings,
  ProtectionState,
  RowsPage,
  SendPurpose,
  ValidateInput,
  ValidatedRow,
  ValidationProgress,
  ValidationSummary
} from '../../../shared/domain/sends'
import { AppError } from '../../../shared/errors'
import type { ConnectionRow } from '../../store/connections-repo'
import type { Db } from '../../store/database'
import type { SendEngine, SendRow } from '../job/types'
import { normaliseEmail, normalisePhone } from '../protect/contact'
import { connectionsMissingSuppressions } from '../protect/suppressions'
import {
  CsvFormatError,
  SendMapping as SendMappingSchema,
  SendProvider,
  fieldDef,
  knownIdsFromLists,
  mappingFitsHeaders,
  sendFields,
  sniffCsvFile,
  suggestMapping,
  validateFileInWorker,
  type CsvReadOptions,
  type ValidatedRow as ReadRow
} from '../read'
import { toExcelCsv } from './csv-export'
import { describeRow } from './describe'
import { buildContactIndex, fixCell, restoreNeutralisedCells, rowView, sendableRows, summaryView, toSendMapping, type Draft } from './draft'
import { headerMap, planDryRun, smsPreview, type DryRunPlan } from './dry-run'
import { cacheChoices } from './known-ids'
import { cellsOf, toSendRow } from './to-send-row'
import { mapInSlices } from './slices'
import { UploadStore } from './uploads'

export interface SendsServiceHost {
  dataDir: string
  db: Db
  connection(id: string): ConnectionRow | undefined
  engine(): SendEngine
  /** Syncs connections (their opt-out lists) before a job relies on them. */
  syncConnections(ids: string[]): Promise<void>
  emitValidation(progress: ValidationProgress): void
  /** Stops the engine if it was started (rows in flight finish first). */
  shutdown(): Promise<void>
}

const EXPORT_STATUSES: JobRowStatus[] = ['failed', 'skipped']

/**
 * The wizard's state in main, keyed by upload id, and the glue between the file reader
 * (src/main/sends/read), the send engine (src/main/sends/job) and the contract. Handlers and the
 * CLI call this; it owns nothing durable itself: the ledger is the engine's.
 */
export class SendsService {
  readonly uploads: UploadStore
  private readonly drafts = new Map<string, Draft>()
  private readonly plans = new Map<string, DryRunPlan>()
  private protectionVersion = 0

  constructor(private readonly host: SendsServiceHost) {
    this.uploads = new UploadStore(host.dataDir)
  }

  engine(): SendEngine {
    return this.host.engine()
  }

  /** At start-up: rows left in flight are reconciled or marked unknown, and unfinished jobs go on. */
  startJobs(): void {
    void this.host
      .engine()
      .resumeAll()
      .catch((err: unknown) => console.error('Could not resume the send jobs:', err instanceof Error ? err.message : String(err)))
  }

  /** Temp files of unfinished wizards go with the process; the ledger keeps every job. */
  async shutdown(): Promise<void> {
    this.drafts.clear()
    this.plans.clear()
    this.uploads.discardAll()
    await this.host.shutdown()
  }

  // ------------------------------------------------------------------ file

  async open(uploadId: string, read: CsvReadOptions = {}): Promise<FilePreview> {
    const upload = this.uploads.get(uploadId)
    if (!upload.complete) throw new AppError('conflict', 'The file has not finished uploading')
    let sniff
    try {
      sniff = await sniffCsvFile(upload.path, read)
    } catch (err) {
      throw readError(err, upload.fileName)
    }
    const readOptions: CsvReadOptions = { encoding: sniff.encoding, delimiter: sniff.delimiter, headerRow: sniff.headerRow }
    this.drafts.set(uploadId, { upload, sniff, read: readOptions, validation: null, version: 0 })
    this.plans.delete(uploadId)
    return {
      uploadId,
      fileName: upload.fileName,
      size: upload.size,
      encoding: sniff.encoding,
      bom: sniff.bom,
      delimiter: sniff.delimiter,
      headerRow: sniff.headerRow,
      headers: sniff.headers,
      lines: sniff.preview.map((r) => ({ line: r.line, cells: r.cells }))
    }
  }

  /** Another header row picked in the preview (0-based index into its lines). */
  async chooseHeaderRow(uploadId: string, headerRow: number): Promise<FilePreview> {
    const draft = this.draft(uploadId)
    if (headerRow >= draft.sniff.preview.length) throw AppError.validation([{ field: 'headerRow', message: `The preview has ${draft.sniff.preview.length} lines` }])
    return this.open(uploadId, { encoding: draft.sniff.encoding, delimiter: draft.sniff.delimiter, headerRow })
  }

  discard(uploadId: string): boolean {
    this.drafts.delete(uploadId)
    this.plans.delete(uploadId)
    return this.uploads.discard(uploadId)
  }

  // ------------------------------------------------------------------ mapping

  proposal(uploadId: string, connectionId: string, purpose: SendPurpose): MappingProposal {
    const draft = this.draft(uploadId)
    const provider = this.sendProvider(connectionId, purpose)
    const headers = draft.sniff.headers
    const choices = cacheChoices(this.host.db, connectionId, provider)
    const fields = sendFields(provider).map((f) => ({
      id: f.id,
      label: f.label,
      kind: f.kind,
      required: f.required,
      requiredNote: f.requiredNote ?? null,
      maxLength: f.maxLength ?? null,
      values: f.values ? [...f.values] : null,
      options: choices.options[f.id] ?? null,
      constantFirst: f.constantFirst ?? false
    }))
    const suggested = suggestMapping(provider, headers).fields
    const savedRaw = this.host.engine().savedMapping(connectionId, headers)
    const parsed = savedRaw ? SendMappingSchema.safeParse(savedRaw) : null
    // A saved mapping that no longer fits (a column moved) is not offered: the suggestion is safer.
    const saved = parsed?.success && parsed.data.provider === provider && mappingFitsHeaders(parsed.data, headers) ? parsed.data.fields : null
    return { fields, suggested, saved }
  }

  // ------------------------------------------------------------------ validation

  async validate(input: ValidateInput): Promise<ValidationSummary> {
    const draft = this.draft(input.uploadId)
    const provider = this.sendProvider(input.connectionId, input.purpose)
    this.checkMapping(provider, input.mapping, draft.sniff.headers)
    const mapping = toSendMapping(provider, input.mapping)
    const options = {
      mapping,
      defaultCountry: input.defaultCountry,
      timeZone: input.timeZone,
      duplicates: input.duplicates,
      dateOrders: input.dateOrders
    }
    const { known } = cacheChoices(this.host.db, input.connectionId, provider)
    const rows: ReadRow[] = []
    let result
    try {
      result = await validateFileInWorker(
        { path: draft.upload.path, read: draft.read, options, known: knownIdsFromLists(known) },
        {
          onRows: (batch: ReadRow[]) => {
            for (const r of batch) rows.push(r)
          },
          onProgress: (p) => this.host.emitValidation({ uploadId: input.uploadId, phase: p.phase, bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows })
        }
      )
    } catch (err) {
      throw readError(err, draft.upload.fileName)
    }
    const byRowNumber = new Map<number, number>()
    await mapInSlices(rows, (r, i) => byRowNumber.set(r.rowNumber, i))
    draft.validation = {
      connectionId: input.connectionId,
      provider,
      purpose: input.purpose,
      mapping,
      options,
      known,
      rows,
      byRowNumber,
      edited: new Set(),
      reader: result.summary,
      contacts: await buildContactIndex(rows)
    }
    await restoreNeutralisedCells(draft.validation)
    draft.version++
    this.plans.delete(input.uploadId)
    if (input.saveMapping && result.summary.mappingErrors.length === 0) {
      this.host.engine().saveMapping(input.connectionId, draft.sniff.headers, mapping)
    }
    return summaryView(input.uploadId, draft.validation)
  }

  rows(uploadId: string, offset: number, limit: number, onlyProblems: boolean): RowsPage {
    const v = this.validation(uploadId)
    const list = onlyProblems ? v.rows.filter((r) => r.status !== 'valid' || v.edited.has(r.rowNumber)) : v.rows
    return { rows: list.slice(offset, offset + limit).map((r) => rowView(v, r)), total: list.length, offset }
  }

  fix(uploadId: string, rowNumber: number, field: string, value: string): { row: ValidatedRow; summary: ValidationSummary } {
    const draft = this.draft(uploadId)
    const v = this.validation(uploadId)
    const row = fixCell(v, rowNumber, field, value)
    draft.version++
    this.plans.delete(uploadId)
    return { row: rowView(v, row), summary: summaryView(uploadId, v) }
  }

  // ------------------------------------------------------------------ protection

  protection(): ProtectionState {
    const engine = this.host.engine()
    return { settings: engine.getProtection(), doNotContactCount: engine.doNotContactCount() }
  }

  setProtection(settings: ProtectionSettings): ProtectionState {
    this.host.engine().setProtection(settings)
    this.protectionVersion++
    return this.protection()
  }

  importDoNotContact(text: string, defaultCountry: string): DncImportResult {
    const result = this.host.engine().importDoNotContact(text, defaultCountry)
    this.protectionVersion++
    return result
  }

  // ------------------------------------------------------------------ dry run

  async dryRun(uploadId: string, offset: number, limit: number, onlySkipped: boolean): Promise<DryRunResult> {
    const v = this.validation(uploadId)
    const plan = await this.plan(uploadId)
    const engine = this.host.engine()
    const baseUrl = this.host.connection(v.connectionId)?.baseUrl ?? undefined
    const list = onlySkipped ? plan.rows.filter((r) => r.verdict === 'skip') : plan.rows
    const rows = list.slice(offset, offset + limit).map(({ sendRow, ...r }) => ({
      ...r,
      requests: r.verdict === 'send' && sendRow ? describeRow(engine, sendRow, baseUrl) : []
    }))
    const unsynced = connectionsMissingSuppressions(this.host.db).map((id) => this.host.connection(id)?.label ?? id)
    return {
      totals: { rows: plan.rows.length, send: plan.send, skip: plan.skip },
      skipReasons: plan.skipReasons,
      smsPreview: smsPreview(this.host.db, v, plan),
      rows,
      unsyncedSuppressions: unsynced,
      matching: list.length,
      offset
    }
  }

  /** One real call: the first sendable row, addressed to the user instead. */
  async testSend(uploadId: string, to: string): Promise<{ ok: boolean; message: string; requests: ReturnType<SendEngine['describeRequest']> }> {
    const draft = this.draft(uploadId)
    const v = this.validation(uploadId)
    const first = sendableRows(v)[0]
    if (!first) throw new AppError('conflict', 'No row is valid yet: fix the file first')
    const row = readdress(toSendRow(first.rowNumber, first.send!, {}), to, v.options.defaultCountry)
    const engine = this.host.engine()
    // Over-survey and quiet hours would stop a test to yourself; the do-not-contact list still applies.
    const job = await engine.createJob({
      connectionId: v.connectionId,
      purpose: v.purpose,
      fileName: `Test send to ${to} (${draft.upload.fileName})`,
      rows: [row],
      protection: { overSurveyDays: 0, sendWindow: null }
    })
    const done = await engine.whenIdle(job.id)
    const result = engine.rows({ jobId: job.id, limit: 1 }).rows[0]
    const requests = describeRow(engine, row, this.host.connection(v.connectionId)?.baseUrl ?? undefined)
    if (result?.status === 'sent') return { ok: true, message: `Sent to ${to}${result.providerRef ? ` (${result.providerRef})` : ''}. Check your inbox or phone.`, requests }
    return { ok: false, message: `Not sent (${result?.status ?? done.status}): ${result?.detail ?? done.statusDetail ?? 'no answer'}`, requests }
  }

  // ------------------------------------------------------------------ jobs

  async createJob(uploadId: string): Promise<JobSummary> {
    const draft = this.draft(uploadId)
    const v = this.validation(uploadId)
    const headers = headerMap(v)
    const rows = await mapInSlices(sendableRows(v), (r) => toSendRow(r.rowNumber, r.send!, cellsOf(r, headers)))
    if (rows.length === 0) throw new AppError('conflict', 'No row is valid: there is nothing to send')
    // The suppression check is only as good as the opt-out lists in the cache: sync the missing ones first.
    const missing = connectionsMissingSuppressions(this.host.db)
    if (missing.length > 0) await this.host.syncConnections(missing)
    const engine = this.host.engine()
    const job = await engine.createJob({
      connectionId: v.connectionId,
      purpose: v.purpose,
      fileName: draft.upload.fileName,
      rows,
      protection: engine.getProtection()
    })
    this.discard(uploadId)
    return job
  }

  listJobs(): JobSummary[] {
    return this.host.engine().listJobs()
  }
  getJob(jobId: string): JobSummary {
    return this.host.engine().getJob(jobId)
  }
  jobRows(input: { jobId: string; statuses?: JobRowStatus[]; offset: number; limit: number }): JobRowsPage {
    return this.host.engine().rows(input)
  }

  exportRows(jobId: string, statuses: JobRowStatus[] = EXPORT_STATUSES): ExportResult {
    const engine = this.host.engine()
    const job = engine.getJob(jobId)
    const rows = engine.rowsForExport(jobId, statuses)
    // Every header any row has, in the order first seen (rows of one job share one layout).
    const headers = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))]
    const statusHeader = 'Survey Desk status'
    const reasonHeader = 'Survey Desk reason'
    const body = rows.map((r) => [...headers.map((h) => r.cells[h] ?? ''), r.status, r.detail ?? ''])
    const stem = basename(job.fileName).replace(/\.[^.]+$/, '') || 'send'
    return { fileName: `${stem} - ${statuses.join(' and ')} rows.csv`, csv: toExcelCsv([...headers, statusHeader, reasonHeader], body), rows: rows.length }
  }

  // ------------------------------------------------------------------ internals

  private async plan(uploadId: string): Promise<DryRunPlan> {
    const draft = this.draft(uploadId)
    const v = this.validation(uploadId)
    const version = `${draft.version}/${this.protectionVersion}`
    const cached = this.plans.get(uploadId)
    if (cached && cached.version === version) return cached
    const plan = await planDryRun(v, this.host.engine(), this.host.engine().getProtection(), version)
    this.plans.set(uploadId, plan)
    return plan
  }

  private draft(uploadId: string): Draft {
    const draft = this.drafts.get(uploadId)
    if (!draft) throw new AppError('not_found', 'This file is no longer open; choose it again')
    return draft
  }

  private validation(uploadId: string): NonNullable<Draft['validation']> {
    const v = this.draft(uploadId).validation
    if (!v) throw new AppError('conflict', 'Validate the file first')
    return v
  }

  private sendProvider(connectionId: string, purpose: SendPurpose): SendProvider {
    const c = this.host.connection(connectionId)
    if (!c) throw new AppError('not_found', `No connection with id ${connectionId}`)
    const parsed = SendProvider.safeParse(c.provider)
    if (!parsed.success) throw new AppError('unsupported', `${c.label}: CustomerGauge has no send API in Survey Desk`)
    if (parsed.data === 'nicereply' && purpose !== 'import_ratings') {
      throw new AppError('unsupported', 'Nicereply has no send API: use "Import ratings" to create ratings from a file')
    }
    if (parsed.data !== 'nicereply' && purpose === 'import_ratings') throw new AppError('unsupported', 'Only Nicereply connections import ratings')
    return parsed.data
  }

  private checkMapping(provider: SendProvider, mapping: Mapping, headers: readonly string[]): void {
    const details = Object.entries(mapping).flatMap(([field, source]) => {
      if (!fieldDef(provider, field)) return [{ field: `mapping.${field}`, message: `Not a field of this provider` }]
      if ('column' in source && (source.column >= headers.length || headers[source.column] !== source.header)) {
        return [{ field: `mapping.${field}`, message: `Column ${source.column + 1} ("${source.header}") is not in this file` }]
      }
      return []
    })
    if (details.length > 0) throw AppError.validation(details)
  }
}

/** The test row, addressed to the user's own e-mail or mobile number. */
function readdress(row: SendRow, to: string, defaultCountry: string): SendRow {
  const email = to.includes('@') ? normaliseEmail(to) : null
  const phone = email ? null : normalisePhone(to, defaultCountry)
  if (!email && !phone) throw AppError.validation([{ field: 'to', message: 'Enter an e-mail address or a mobile number' }])
  switch (row.provider) {
    case 'customersure':
      if (row.request.sms) {
        if (!phone) throw AppError.validation([{ field: 'to', message: 'This send goes by SMS: enter your mobile number' }])
        return { ...row, email: null, phone, request: { ...row.request, sms: { ...row.request.sms, number: phone } } }
      }
      if (!email) throw AppError.validation([{ field: 'to', message: 'This send goes by e-mail: enter your e-mail address' }])
      return { ...row, email, phone: null, request: { ...row.request, email } }
    case 'enco':
      if (!phone) throw AppError.validation([{ field: 'to', message: 'Enco sends by SMS or voice: enter your mobile number' }])
      return { ...row, email: null, phone, request: { ...row.request, destination: phone } }
    case 'feedbackapi': {
      const customer = email ? { ...row.customer, email, mobile_number: undefined } : { ...row.customer, mobile_number: phone!, email: undefined }
      return { ...row, email, phone, customer: JSON.parse(JSON.stringify(customer)) as typeof customer }
    }
    case 'nicereply':
      throw new AppError('unsupported', 'Importing ratings sends nothing to anyone: there is no test send')
  }
}

/** A file that cannot be read is the user's to fix: say why and where, naming the file. */
function readError(err: unknown, fileName: string): unknown {
  if (err instanceof CsvFormatError) return new AppError('validation', `${fileName}: ${err.message}`, { details: [{ field: 'file', message: err.message }] })
  return err
}
