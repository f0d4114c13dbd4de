import { create } from 'zustand'
import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { ManageWrite, type ManageWriteResult, type OutboxEntry } from '../../../shared/domain/manage'
import { AppError, zodIssuesToFieldErrors } from '../../../shared/errors'
import { api } from '../api/client'

export type ListChannel =
  | 'manage.sites.list'
  | 'manage.staff.list'
  | 'manage.teams.list'
  | 'manage.templates.list'
  | 'manage.surveys.list'
  | 'manage.customers.list'
  | 'manage.accounts.list'

export interface ManageStatus {
  tone: 'success' | 'warning'
  text: string
}

interface ManageState {
  /** Bumped when cached rows or the outbox changed: every list on screen reads again. */
  version: number
  status: ManageStatus | null
  /** Outbox counts for the whole app, from the last manage.outbox event. */
  pending: number
  rejected: number

  bump(): void
  setOutboxCounts(pending: number, rejected: number): void
  setStatus(status: ManageStatus | null): void
  /** Sends one write; a rejection (or a refusal by main's own check) comes back as the AppError to show. */
  write(input: ManageWrite): Promise<ManageWriteResult | AppError>
  /** Replaces a rejected or pending entry's write and queues it again. */
  editEntry(id: number, input: ManageWrite): Promise<ManageWriteResult | AppError>
  retry(id: number): Promise<void>
  discard(id: number): Promise<void>
  /** The outbox entry behind a row, to edit what the provider rejected. */
  entry(id: number): Promise<OutboxEntry | null>
  /** Reads the outbox counts (the events keep them current afterwards). */
  loadOutboxCounts(): Promise<void>
}

export function toAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err))
}

function statusFor(result: ManageWriteResult): ManageStatus {
  return result.status === 'delivered'
    ? { tone: 'success', text: result.message }
    : { tone: 'warning', text: `${result.message} It is kept on this computer and shown as pending on its row until it is sent.` }
}

export const useManageStore = create<ManageState>()((set, get) => ({
  version: 0,
  status: null,
  pending: 0,
  rejected: 0,

  bump: () => set((s) => ({ version: s.version + 1 })),
  setOutboxCounts: (pending, rejected) => set({ pending, rejected }),
  setStatus: (status) => set({ status }),

  async write(input) {
    // The contract's schema once more over the whole write (the form checked its fields already).
    const parsed = ManageWrite.safeParse(input)
    if (!parsed.success) return new AppError('validation', 'Some fields need attention.', { details: zodIssuesToFieldErrors(parsed.error) })
    try {
      const result = await api().invoke('manage.write', input)
      set({ status: statusFor(result) })
      get().bump()
      return result
    } catch (err) {
      return toAppError(err)
    }
  },

  async editEntry(id, input) {
    try {
      const out = await api().invoke('manage.outbox.edit', { id, write: input })
      // A rejection on the resent write comes back on the entry, not as a throw.
      if (out.entry?.status === 'rejected') {
        get().bump()
        return new AppError('validation', out.entry.lastError?.message ?? 'The provider refused the change.', { details: out.entry.fieldErrors })
      }
      set({ status: out.result ? statusFor(out.result) : { tone: 'warning', text: 'The corrected change is queued.' } })
      get().bump()
      return out.result ?? { status: 'pending', entryId: id, ref: null, message: 'Queued.' }
    } catch (err) {
      return toAppError(err)
    }
  },

  async retry(id) {
    try {
      const out = await api().invoke('manage.outbox.retry', { id })
      set({
        status: out.result
          ? statusFor(out.result)
          : { tone: 'warning', text: out.entry?.lastError?.message ?? 'Still waiting: the change stays queued.' }
      })
    } catch (err) {
      set({ status: { tone: 'warning', text: `Could not retry: ${toAppError(err).message}` } })
    }
    get().bump()
  },

  async discard(id) {
    try {
      const out = await api().invoke('manage.outbox.discard', { id })
      set({ status: out.discarded ? { tone: 'success', text: 'The change was discarded; the row shows what the provider holds.' } : null })
    } catch (err) {
      set({ status: { tone: 'warning', text: `Could not discard: ${toAppError(err).message}` } })
    }
    get().bump()
  },

  async entry(id) {
    const { entries } = await api().invoke('manage.outbox.list', {})
    return entries.find((e) => e.id === id) ?? null
  },

  async loadOutboxCounts() {
    try {
      const { entries } = await api().invoke('manage.outbox.list', {})
      set({ pending: entries.filter((e) => e.status !== 'rejected').length, rejected: entries.filter((e) => e.status === 'rejected').length })
    } catch {
      // The counts are a summary; the rows themselves still show each entry.
    }
  }
}))

/** Follows the events that change what the manage pages show; returns the unsubscribe. */
export function followManageEvents(): () => void {
  const s = useManageStore.getState()
  // A sync commits page after page: the lists (and their figures) re-read at most once a second meanwhile.
  let syncTimer: ReturnType<typeof setTimeout> | null = null
  const offs = [
    api().on('manage.changed', () => s.bump()),
    api().on('manage.outbox', (e) => {
      s.setOutboxCounts(e.pending, e.rejected)
      s.bump()
    }),
    api().on('inbox.changed', () => {
      syncTimer ??= setTimeout(() => {
        syncTimer = null
        s.bump()
      }, 1000)
    })
  ]
  return () => {
    if (syncTimer) clearTimeout(syncTimer)
    offs.forEach((off) => off())
  }
}

export type ListOutput<C extends ListChannel> = ChannelOutput<C>
export type ListInput<C extends ListChannel> = ChannelInput<C>
