import { z } from 'zod'
import {
  DncImportInput,
  DncImportResult,
  DryRunInput,
  DryRunResult,
  ExportResult,
  FilePreview,
  FixCellInput,
  FixCellResult,
  JobId,
  JobRowsInput,
  JobRowsPage,
  JobSummary,
  MappingProposal,
  ProtectionSettings,
  ProtectionState,
  ResolveInput,
  RowsInput,
  RowsPage,
  SendPurpose,
  TestSendInput,
  TestSendResult,
  UploadBegin,
  UploadChunk,
  UploadId,
  ValidateInput,
  ValidationProgress,
  ValidationSummary
} from '../domain/sends'

const Empty = z.object({}).strict()
const JobRef = z.object({ jobId: JobId }).strict()
const UploadRef = z.object({ uploadId: UploadId }).strict()

/**
 * Bulk sends: the wizard's steps (upload -> preview -> mapping -> validation -> protection -> dry
 * run -> send) and the jobs that follow. A wizard's state lives in main under its upload id.
 */
export const sendsChannels = {
  'sends.upload.begin': { input: UploadBegin, output: z.object({ uploadId: UploadId }) },
  'sends.upload.chunk': { input: UploadChunk, output: z.object({ received: z.number().int() }) },
  /** The last chunk arrived: the file is read (encoding, delimiter, header row) and its first lines returned. */
  'sends.upload.finish': { input: UploadRef, output: FilePreview },
  'sends.upload.discard': { input: UploadRef, output: z.object({ discarded: z.boolean() }) },
  /** Read again with another header row (1-based index into the preview's lines). */
  'sends.preview': {
    input: z.object({ uploadId: UploadId, headerRow: z.number().int().min(1).max(50) }).strict(),
    output: FilePreview
  },
  'sends.mapping': {
    input: z.object({ uploadId: UploadId, connectionId: z.string().uuid(), purpose: SendPurpose.default('send') }).strict(),
    output: MappingProposal
  },
  'sends.validate': { input: ValidateInput, output: ValidationSummary },
  'sends.rows': { input: RowsInput, output: RowsPage },
  'sends.fixCell': { input: FixCellInput, output: FixCellResult },
  'sends.protection.get': { input: Empty, output: ProtectionState },
  'sends.protection.set': { input: ProtectionSettings, output: ProtectionState },
  'sends.dnc.import': { input: DncImportInput, output: DncImportResult },
  /** Nothing leaves the machine: every row's verdict and the exact request it would make. */
  'sends.dryRun': { input: DryRunInput, output: DryRunResult },
  /** One real call, to the user's own address or number. */
  'sends.testSend': { input: TestSendInput, output: TestSendResult },
  /** Writes the job and all its rows in one transaction, then starts it. */
  'sends.create': { input: UploadRef, output: JobSummary },
  'sends.jobs.list': { input: Empty, output: z.object({ jobs: z.array(JobSummary) }) },
  'sends.jobs.get': { input: JobRef, output: JobSummary },
  'sends.jobs.rows': { input: JobRowsInput, output: JobRowsPage },
  'sends.jobs.pause': { input: JobRef, output: JobSummary },
  'sends.jobs.resume': { input: JobRef, output: JobSummary },
  'sends.jobs.cancel': { input: JobRef, output: JobSummary },
  /** Rows left "unknown" after a crash: the user says whether the provider got them. */
  'sends.jobs.resolve': { input: ResolveInput, output: JobSummary },
  /** Failed and skipped rows as a CSV that can be fixed and imported again. */
  'sends.jobs.export': { input: JobRef, output: ExportResult }
} as const

export const sendsEvents = {
  /** Reading and validating a file: a few times a second while it runs. */
  'sends.validation': ValidationProgress,
  /** A job's counts or state changed; at most a few times a second while it runs, and once when it stops. */
  'sends.progress': JobSummary
} as const
