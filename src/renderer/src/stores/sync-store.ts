import { create } from 'zustand'
import type { SyncProgress, SyncStatus } from '../../../shared/domain/inbox'
import { AppError } from '../../../shared/errors'
import { api } from '../api/client'

/** Progress of one running stream, keyed `<connectionId>/<stream>`. */
export type ProgressBook = Record<string, SyncProgress>

interface SyncState {
  status: SyncStatus | null
  statusError: string | null
  progress: ProgressBook
  /** The last start/cancel failure, in words. */
  actionError: string | null
  starting: boolean
  /** The last failure to change the sync interval, in words. */
  intervalError: string | null
  savingInterval: boolean

  load(): Promise<void>
  /** How often the background sync runs (sync.settings); the status that comes back is applied. */
  setIntervalMinutes(minutes: number): Promise<void>
  start(connectionIds: string[] | undefined): Promise<void>
  cancel(connectionIds: string[] | undefined): Promise<void>
  applyStatus(status: SyncStatus): void
  applyProgress(p: SyncProgress): void
}

function message(err: unknown): string {
  return err instanceof AppError || err instanceof Error ? err.message : String(err)
}

/** Streams of connections that are no longer running are dropped: the bar shows only live work. */
function pruneProgress(progress: ProgressBook, status: SyncStatus): ProgressBook {
  const running = new Set(status.connections.filter((c) => c.running).map((c) => c.connectionId))
  const next: ProgressBook = {}
  for (const [key, p] of Object.entries(progress)) if (running.has(p.connectionId)) next[key] = p
  return next
}

export const useSyncStore = create<SyncState>()((set) => ({
  status: null,
  statusError: null,
  progress: {},
  actionError: null,
  starting: false,
  intervalError: null,
  savingInterval: false,

  async load() {
    try {
      const status = await api().invoke('sync.status', {})
      set((s) => ({ status, statusError: null, progress: pruneProgress(s.progress, status) }))
    } catch (err) {
      set({ statusError: message(err) })
    }
  },

  async start(connectionIds) {
    set({ starting: true, actionError: null })
    try {
      await api().invoke('sync.start', { connectionIds, full: false })
      set({ starting: false })
      // The status event normally follows; read it too in case the event stream is down.
      void useSyncStore.getState().load()
    } catch (err) {
      set({ starting: false, actionError: `Could not start the sync: ${message(err)}` })
    }
  },

  async setIntervalMinutes(minutes) {
    set({ savingInterval: true, intervalError: null })
    try {
      const status = await api().invoke('sync.settings', { intervalMinutes: minutes })
      set((s) => ({ status, savingInterval: false, progress: pruneProgress(s.progress, status) }))
    } catch (err) {
      set({ savingInterval: false, intervalError: `Could not change how often Survey Desk syncs: ${message(err)}` })
    }
  },

  async cancel(connectionIds) {
    try {
      await api().invoke('sync.cancel', { connectionIds })
      set({ actionError: null })
      void useSyncStore.getState().load()
    } catch (err) {
      set({ actionError: `Could not cancel the sync: ${message(err)}` })
    }
  },

  applyStatus: (status) => set((s) => ({ status, statusError: null, progress: pruneProgress(s.progress, status) })),
  applyProgress: (p) =>
    set((s) => {
      const key = `${p.connectionId}/${p.stream}`
      return { progress: { ...s.progress, [key]: p } }
    })
}))

export interface ProgressSummary {
  rows: number
  /** Known only when every running stream reported a total. */
  totalRows: number | null
  rowsPerSecond: number
  streams: number
  errors: number
}

/** One bar for everything running among the given connections (all when ids is null). */
export function summarizeProgress(progress: ProgressBook, ids: ReadonlySet<string> | null): ProgressSummary | null {
  const list = Object.values(progress).filter((p) => ids === null || ids.has(p.connectionId))
  if (list.length === 0) return null
  let rows = 0
  let total: number | null = 0
  let rate = 0
  let errors = 0
  for (const p of list) {
    rows += p.rows
    if (p.phase === 'running') rate += p.rowsPerSecond
    if (p.error) errors++
    total = total === null || p.totalRows === null ? null : total + Math.max(p.totalRows, p.rows)
  }
  return { rows, totalRows: total, rowsPerSecond: rate, streams: list.length, errors }
}
