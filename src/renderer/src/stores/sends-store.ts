import { create } from 'zustand'
import type {
  DryRunResult,
  FilePreview,
  JobRowsPage,
  JobRowStatus,
  JobSummary,
  Mapping,
  MappingProposal,
  ProtectionState,
  RowsPage,
  SendPurpose,
  ValidationProgress,
  ValidationSummary
} from '../../../shared/domain/sends'
import { isNewerSummary, UPLOAD_CHUNK_BYTES } from '../../../shared/domain/sends'
import { AppError } from '../../../shared/errors'
import { api } from '../api/client'

export type WizardStep = 'file' | 'mapping' | 'validation' | 'protection' | 'dryrun'
export const WIZARD_STEPS: Array<{ id: WizardStep; name: string }> = [
  { id: 'file', name: 'File' },
  { id: 'mapping', name: 'Mapping' },
  { id: 'validation', name: 'Validation' },
  { id: 'protection', name: 'Protection' },
  { id: 'dryrun', name: 'Dry run & send' }
]

export interface WizardOptions {
  defaultCountry: string
  duplicates: 'keep_first' | 'keep_last'
  dateOrders: Record<string, 'dmy' | 'mdy' | 'ymd'>
}

interface Wizard {
  step: WizardStep
  connectionId: string | null
  purpose: SendPurpose
  /** Bytes sent of the file being uploaded; null when no upload runs. */
  uploading: { sent: number; total: number } | null
  preview: FilePreview | null
  proposal: MappingProposal | null
  mapping: Mapping
  options: WizardOptions
  summary: ValidationSummary | null
  /** The file being read and checked, while it runs. */
  progress: ValidationProgress | null
  rows: RowsPage | null
  onlyProblems: boolean
  protection: ProtectionState | null
  dryRun: DryRunResult | null
  dryRunOnlySkipped: boolean
  busy: string | null
  error: string | null
}

interface SendsState {
  view: 'jobs' | 'wizard'
  jobs: JobSummary[]
  jobsLoaded: boolean
  jobsError: string | null
  selectedJobId: string | null
  jobRows: JobRowsPage | null
  jobRowsFilter: JobRowStatus[] | null
  jobError: string | null
  wizard: Wizard

  openWizard(purpose: SendPurpose, connectionId?: string | null): void
  closeWizard(): void
  goTo(step: WizardStep): void
  setConnection(id: string | null, purpose: SendPurpose): void
  upload(file: File): Promise<void>
  chooseHeaderRow(index: number): Promise<void>
  loadProposal(): Promise<void>
  setMappingEntry(field: string, entry: Mapping[string] | null): void
  setOptions(patch: Partial<WizardOptions>): void
  validate(): Promise<boolean>
  loadRows(offset: number): Promise<void>
  setOnlyProblems(only: boolean): Promise<void>
  fixCell(rowNumber: number, field: string, value: string): Promise<void>
  loadProtection(): Promise<void>
  saveProtection(settings: ProtectionState['settings']): Promise<boolean>
  importDnc(text: string): Promise<string>
  runDryRun(offset?: number, onlySkipped?: boolean): Promise<void>
  testSend(to: string): Promise<{ ok: boolean; message: string }>
  createJob(): Promise<JobSummary | null>

  loadJobs(): Promise<void>
  selectJob(id: string | null): void
  loadJobRows(offset: number, filter?: JobRowStatus[] | null): Promise<void>
  jobAction(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<void>
  resolveUnknown(id: string, rowNumbers: number[], action: 'sent' | 'resend'): Promise<void>
  exportRows(id: string): Promise<void>
  applyProgress(summary: JobSummary): void
  applyValidationProgress(progress: ValidationProgress): void
}

function message(err: unknown): string {
  return err instanceof AppError || err instanceof Error ? err.message : String(err)
}

const ROWS_PAGE = 50

function emptyWizard(purpose: SendPurpose = 'send', connectionId: string | null = null): Wizard {
  return {
    step: 'file',
    connectionId,
    purpose,
    uploading: null,
    preview: null,
    proposal: null,
    mapping: {},
    options: { defaultCountry: 'BE', duplicates: 'keep_first', dateOrders: {} },
    summary: null,
    progress: null,
    rows: null,
    onlyProblems: false,
    protection: null,
    dryRun: null,
    dryRunOnlySkipped: false,
    busy: null,
    error: null
  }
}

/** base64 of a chunk, without a string the size of the whole file. */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

const TERMINAL: ReadonlySet<JobSummary['status']> = new Set(['done', 'cancelled', 'failed', 'needs_attention', 'paused'])

/** A desktop notification when a job stops while the window is in the background (the OS's own in Electron). */
function notifyStopped(job: JobSummary): void {
  if (typeof document === 'undefined' || !document.hidden || typeof Notification === 'undefined') return
  if (Notification.permission !== 'granted') return
  const words: Record<string, string> = {
    done: 'finished',
    cancelled: 'was cancelled',
    failed: 'stopped with an error',
    needs_attention: 'needs your attention',
    paused: 'is paused'
  }
  const c = job.counts
  new Notification(`Send ${words[job.status] ?? job.status}: ${job.fileName}`, {
    body: `${c.sent} sent · ${c.failed} failed · ${c.skipped} skipped`,
    tag: `survey-desk-send-${job.id}`
  })
}

export const useSendsStore = create<SendsState>()((set, get) => {
  const patchWizard = (patch: Partial<Wizard>): void => set((s) => ({ wizard: { ...s.wizard, ...patch } }))
  async function step<T>(busy: string, work: () => Promise<T>): Promise<T | null> {
    patchWizard({ busy, error: null })
    try {
      const value = await work()
      patchWizard({ busy: null })
      return value
    } catch (err) {
      patchWizard({ busy: null, error: message(err) })
      return null
    }
  }
  const uploadId = (): string => {
    const id = get().wizard.preview?.uploadId
    if (!id) throw new Error('Choose a file first')
    return id
  }

  return {
    view: 'jobs',
    jobs: [],
    jobsLoaded: false,
    jobsError: null,
    selectedJobId: null,
    jobRows: null,
    jobRowsFilter: null,
    jobError: null,
    wizard: emptyWizard(),

    openWizard(purpose, connectionId = null) {
      const old = get().wizard.preview?.uploadId
      if (old) void api().invoke('sends.upload.discard', { uploadId: old }).catch(() => undefined)
      set({ view: 'wizard', wizard: emptyWizard(purpose, connectionId) })
    },
    closeWizard() {
      const old = get().wizard.preview?.uploadId
      if (old) void api().invoke('sends.upload.discard', { uploadId: old }).catch(() => undefined)
      set({ view: 'jobs', wizard: emptyWizard() })
    },
    goTo: (stepId) => patchWizard({ step: stepId, error: null }),
    setConnection: (connectionId, purpose) => patchWizard({ connectionId, purpose, proposal: null, mapping: {}, summary: null, rows: null, dryRun: null }),

    async upload(file) {
      const old = get().wizard.preview?.uploadId
      if (old) void api().invoke('sends.upload.discard', { uploadId: old }).catch(() => undefined)
      patchWizard({ preview: null, proposal: null, mapping: {}, summary: null, rows: null, dryRun: null, uploading: { sent: 0, total: file.size } })
      const preview = await step('Reading the file…', async () => {
        const { uploadId: id } = await api().invoke('sends.upload.begin', { fileName: file.name, size: file.size })
        for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
          const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer())
          await api().invoke('sends.upload.chunk', { uploadId: id, offset, data: toBase64(bytes) })
          patchWizard({ uploading: { sent: Math.min(file.size, offset + bytes.length), total: file.size } })
        }
        return api().invoke('sends.upload.finish', { uploadId: id })
      })
      patchWizard({ uploading: null, ...(preview ? { preview } : {}) })
    },

    async chooseHeaderRow(index) {
      const preview = await step('Reading the file again…', () => api().invoke('sends.preview', { uploadId: uploadId(), headerRow: index }))
      if (preview) patchWizard({ preview, proposal: null, mapping: {}, summary: null, rows: null, dryRun: null })
    },

    async loadProposal() {
      const w = get().wizard
      if (!w.connectionId) return
      const proposal = await step('Suggesting a mapping…', () =>
        api().invoke('sends.mapping', { uploadId: uploadId(), connectionId: w.connectionId!, purpose: w.purpose })
      )
      if (proposal) patchWizard({ proposal, mapping: Object.keys(w.mapping).length > 0 ? w.mapping : (proposal.saved ?? proposal.suggested) })
    },

    setMappingEntry(field, entry) {
      const next = { ...get().wizard.mapping }
      if (entry) next[field] = entry
      else delete next[field]
      patchWizard({ mapping: next, summary: null, rows: null, dryRun: null })
    },
    setOptions: (patch) => patchWizard({ options: { ...get().wizard.options, ...patch }, summary: null, rows: null, dryRun: null }),

    async validate() {
      const w = get().wizard
      if (!w.connectionId) return false
      const summary = await step('Validating every row…', () =>
        api().invoke('sends.validate', {
          uploadId: uploadId(),
          connectionId: w.connectionId!,
          purpose: w.purpose,
          mapping: w.mapping,
          defaultCountry: w.options.defaultCountry,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          duplicates: w.options.duplicates,
          dateOrders: w.options.dateOrders,
          saveMapping: true
        })
      )
      patchWizard({ progress: null })
      if (!summary) return false
      patchWizard({ summary, dryRun: null })
      await get().loadRows(0)
      return true
    },

    async loadRows(offset) {
      const rows = await step('Loading rows…', () =>
        api().invoke('sends.rows', { uploadId: uploadId(), offset, limit: ROWS_PAGE, onlyProblems: get().wizard.onlyProblems })
      )
      if (rows) patchWizard({ rows })
    },
    async setOnlyProblems(onlyProblems) {
      patchWizard({ onlyProblems })
      await get().loadRows(0)
    },

    async fixCell(rowNumber, field, value) {
      const result = await step('Checking the row again…', () => api().invoke('sends.fixCell', { uploadId: uploadId(), rowNumber, field, value }))
      if (!result) return
      const rows = get().wizard.rows
      patchWizard({
        summary: result.summary,
        dryRun: null,
        rows: rows ? { ...rows, rows: rows.rows.map((r) => (r.rowNumber === rowNumber ? result.row : r)) } : rows
      })
    },

    async loadProtection() {
      const protection = await step('Loading protection settings…', () => api().invoke('sends.protection.get', {}))
      if (protection) patchWizard({ protection })
    },
    async saveProtection(settings) {
      const protection = await step('Saving protection settings…', () => api().invoke('sends.protection.set', settings))
      if (protection) patchWizard({ protection, dryRun: null })
      return protection !== null
    },
    async importDnc(text) {
      const result = await step('Importing the do-not-contact list…', () =>
        api().invoke('sends.dnc.import', { text, defaultCountry: get().wizard.options.defaultCountry })
      )
      if (!result) return ''
      patchWizard({ protection: get().wizard.protection ? { ...get().wizard.protection!, doNotContactCount: result.total } : null, dryRun: null })
      const rejected = result.rejected.length > 0 ? `; ${result.rejected.length} line(s) not understood (first: line ${result.rejected[0]!.line}, ${result.rejected[0]!.reason})` : ''
      return `${result.added} added, ${result.alreadyListed} already listed${rejected}. ${result.total} on the list.`
    },

    async runDryRun(offset = 0, onlySkipped = get().wizard.dryRunOnlySkipped) {
      patchWizard({ dryRunOnlySkipped: onlySkipped })
      const dryRun = await step('Working out what would be sent…', () =>
        api().invoke('sends.dryRun', { uploadId: uploadId(), offset, limit: ROWS_PAGE, onlySkipped })
      )
      if (dryRun) patchWizard({ dryRun })
    },
    async testSend(to) {
      const result = await step('Sending a test…', () => api().invoke('sends.testSend', { uploadId: uploadId(), to }))
      return result ?? { ok: false, message: get().wizard.error ?? 'The test could not be sent' }
    },

    async createJob() {
      // Asked now, on a click, because browsers only allow the permission prompt after a user gesture.
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined)
      const job = await step('Creating the job…', () => api().invoke('sends.create', { uploadId: uploadId() }))
      if (!job) return null
      // Its progress events may have come first (a short job can be done already): the newer summary stays.
      set((s) => {
        const held = s.jobs.find((j) => j.id === job.id)
        return { view: 'jobs', wizard: emptyWizard(), selectedJobId: job.id, jobRows: null, jobs: [isNewerSummary(job, held) ? job : held!, ...s.jobs.filter((j) => j.id !== job.id)] }
      })
      void get().loadJobRows(0, null)
      return job
    },

    async loadJobs() {
      try {
        const { jobs } = await api().invoke('sends.jobs.list', {})
        // Events that arrived while the list was on its way are newer than its rows.
        set((s) => ({
          jobs: jobs.map((j) => {
            const held = s.jobs.find((h) => h.id === j.id)
            return isNewerSummary(j, held) ? j : held!
          }),
          jobsLoaded: true,
          jobsError: null
        }))
      } catch (err) {
        set({ jobsLoaded: true, jobsError: message(err) })
      }
    },
    selectJob(id) {
      set({ selectedJobId: id, jobRows: null, jobRowsFilter: null, jobError: null })
      if (id) void get().loadJobRows(0, null)
    },
    async loadJobRows(offset, filter = get().jobRowsFilter) {
      const jobId = get().selectedJobId
      if (!jobId) return
      try {
        const rows = await api().invoke('sends.jobs.rows', { jobId, offset, limit: ROWS_PAGE, ...(filter ? { statuses: filter } : {}) })
        if (get().selectedJobId === jobId) set({ jobRows: rows, jobRowsFilter: filter, jobError: null })
      } catch (err) {
        set({ jobError: message(err) })
      }
    },
    async jobAction(id, action) {
      try {
        const job = await api().invoke(`sends.jobs.${action}`, { jobId: id })
        get().applyProgress(job)
        set({ jobError: null })
      } catch (err) {
        set({ jobError: `Could not ${action} the job: ${message(err)}` })
      }
    },
    async resolveUnknown(id, rowNumbers, action) {
      try {
        const job = await api().invoke('sends.jobs.resolve', { jobId: id, rowNumbers, action })
        get().applyProgress(job)
        void get().loadJobRows(0)
      } catch (err) {
        set({ jobError: `Could not resolve the rows: ${message(err)}` })
      }
    },
    async exportRows(id) {
      try {
        const result = await api().invoke('sends.jobs.export', { jobId: id })
        // The BOM is part of the text; the Blob keeps it, so Excel opens the file as UTF-8.
        const url = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }))
        const a = document.createElement('a')
        a.href = url
        a.download = result.fileName
        document.body.append(a)
        a.click()
        a.remove()
        setTimeout(() => URL.revokeObjectURL(url), 10_000)
        set({ jobError: null })
      } catch (err) {
        set({ jobError: `Could not export the rows: ${message(err)}` })
      }
    },

    applyValidationProgress(progress) {
      if (get().wizard.preview?.uploadId === progress.uploadId && get().wizard.busy) patchWizard({ progress })
    },

    applyProgress(summary) {
      const before = get().jobs.find((j) => j.id === summary.id)
      // An older summary (an answer overtaken by later events) would undo what the view shows.
      if (!isNewerSummary(summary, before)) return
      set((s) => ({ jobs: s.jobs.some((j) => j.id === summary.id) ? s.jobs.map((j) => (j.id === summary.id ? summary : j)) : [summary, ...s.jobs] }))
      // A job may finish before its creation's answer arrives: no earlier state also counts as a change.
      if (before?.status !== summary.status && TERMINAL.has(summary.status)) notifyStopped(summary)
      // The open job's table follows the counts: rows changed state.
      if (get().selectedJobId === summary.id && (!before || before.counts.pending !== summary.counts.pending || before.status !== summary.status)) {
        throttledRowsReload()
      }
    }
  }
})

let rowsReloadTimer: ReturnType<typeof setTimeout> | null = null
/** Progress events come a few times a second; the rows table is re-read at most once a second. */
function throttledRowsReload(): void {
  if (rowsReloadTimer) return
  rowsReloadTimer = setTimeout(() => {
    rowsReloadTimer = null
    const s = useSendsStore.getState()
    void s.loadJobRows(s.jobRows?.offset ?? 0)
  }, 1000)
}

let subscribed = false
/**
 * Follows send events from the first time the Sends page opens, and keeps following after it is
 * left: a job started there must still notify when it stops while the user reads the Inbox.
 */
export function followSendEvents(): void {
  if (subscribed) return
  subscribed = true
  api().on('sends.progress', (p) => useSendsStore.getState().applyProgress(p))
  api().on('sends.validation', (p) => useSendsStore.getState().applyValidationProgress(p))
}
