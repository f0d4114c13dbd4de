import { create } from 'zustand'
import type { ChannelInput } from '../../../shared/contract'
import type { FollowUp, FollowUpCounts, FollowUpStatus } from '../../../shared/domain/followups'
import { api } from '../api/client'
import { localDay } from '../pages/reports/draft-from-filters'
import { errorText } from '../pages/reports/error-text'

export type FollowUpView = 'active' | 'closed' | 'all'

const VIEW_STATUSES: Record<FollowUpView, FollowUpStatus[] | undefined> = {
  active: ['open', 'in_progress'],
  closed: ['closed'],
  all: undefined
}

/** Today where the user is: "overdue" is about their calendar, not UTC's. */
export function today(): string {
  return localDay(new Date())
}


interface FollowUpsState {
  view: FollowUpView
  items: FollowUp[]
  counts: FollowUpCounts | null
  loading: boolean
  error: string | null

  setView(view: FollowUpView): void
  load(): Promise<void>
  loadCounts(): Promise<void>
  /** Creates or changes a response's follow-up; the list and counts follow. */
  save(input: Omit<ChannelInput<'followups.save'>, 'today'>): Promise<FollowUp>
  update(input: Omit<ChannelInput<'followups.update'>, 'today'>): Promise<FollowUp>
  remove(id: number): Promise<void>
}

export const useFollowUpsStore = create<FollowUpsState>()((set, get) => ({
  view: 'active',
  items: [],
  counts: null,
  loading: false,
  error: null,

  setView(view) {
    set({ view })
    void get().load()
  },

  async load() {
    set({ loading: true })
    try {
      const { items, counts } = await api().invoke('followups.list', { statuses: VIEW_STATUSES[get().view], today: today() })
      set({ items, counts, loading: false, error: null })
    } catch (err) {
      set({ loading: false, error: `Could not read the follow-ups: ${errorText(err)}` })
    }
  },

  async loadCounts() {
    try {
      set({ counts: await api().invoke('followups.counts', { today: today() }) })
    } catch {
      // The counts are a summary; the To follow up page reports read failures.
    }
  },

  async save(input) {
    const saved = await api().invoke('followups.save', { ...input, today: today() })
    void get().load()
    return saved
  },

  async update(input) {
    const saved = await api().invoke('followups.update', { ...input, today: today() })
    void get().load()
    return saved
  },

  async remove(id) {
    await api().invoke('followups.remove', { id })
    void get().load()
  }
}))
