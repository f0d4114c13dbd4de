import { create } from 'zustand'
import type { InboxDetail, InboxFacets, InboxFilters, InboxItem } from '../../../shared/domain/inbox'
import { AppError } from '../../../shared/errors'
import { api } from '../api/client'
import { buildFilters, EMPTY_DRAFT, type DraftField, type FilterDraft, type FilterErrors } from '../pages/inbox/filter-draft'
import { useAppStore } from './app-store'

/** Rows per inbox.list call; the row height is fixed, so a page is a fixed slice of the scroll height. */
export const PAGE_SIZE = 200
/**
 * Pages whose rows stay in memory (6,000 rows). Farther pages drop their rows but keep their cursor, so
 * scrolling back re-reads just that page: memory stays flat however deep the user scrolls.
 */
export const MAX_PAGES_IN_MEMORY = 30

export interface PageSlot {
  /** The keyset cursor this page starts after (undefined for the newest page). */
  cursor: string | undefined
  items: InboxItem[] | null
  /** Rows the page held when read; kept after eviction so row positions stay put. */
  length: number
  nextCursor: string | null
  loading: boolean
}

interface InboxState {
  draft: FilterDraft
  search: string
  errors: FilterErrors
  searchError: string | null
  /** The last filters that passed validation: what the list shows. */
  applied: InboxFilters | null
  /** Bumped whenever the query changes; answers for an older query are dropped. */
  generation: number
  pages: PageSlot[]
  /** Whether the newest page is still being read for the current query. */
  firstLoading: boolean
  listError: string | null
  count: { count: number; capped: boolean } | null
  /** A refresh found newer rows while the user was scrolled down: offered, not forced. */
  newerAvailable: boolean
  viewport: { first: number; last: number }
  selectedId: number | null
  selectedIndex: number
  detailOpen: boolean
  detail: InboxDetail | null
  detailLoading: boolean
  detailError: string | null
  facets: InboxFacets | null
  /** Set by another page (a report's figure): the list shows exactly these filters until the user changes one. */
  drill: { filters: InboxFilters; label: string } | null

  setDraft(field: DraftField, value: string): void
  setSearch(search: string): void
  clearFilters(): void
  /** Re-reads the query from the top (new filters, or the connection switcher moved). */
  reload(opts?: { keepSelection?: boolean }): Promise<void>
  /** Rows [first, last] are on screen: read what is missing, evict what is far away. */
  setViewport(first: number, last: number): void
  refreshAfterChange(): Promise<void>
  select(index: number): void
  open(index?: number): void
  closeDetail(): void
  loadFacets(): Promise<void>
  /** Opens the list on exactly these filters (e.g. the responses behind a report's figure). */
  showDrill(filters: InboxFilters, label: string): void
  clearDrill(): void
  /** Replaces every control at once (a saved report re-opened). */
  replaceFilters(draft: FilterDraft, search: string): void
}

function message(err: unknown): string {
  return err instanceof AppError || err instanceof Error ? err.message : String(err)
}

export function rowCount(pages: PageSlot[]): number {
  let n = 0
  for (const p of pages) n += p.length
  return n
}

export function hasMore(pages: PageSlot[]): boolean {
  const last = pages[pages.length - 1]
  return last !== undefined && last.nextCursor !== null && !last.loading
}

export function itemAt(pages: PageSlot[], index: number): InboxItem | undefined {
  const page = pages[Math.floor(index / PAGE_SIZE)]
  return page?.items?.[index % PAGE_SIZE]
}

function indexOfId(pages: PageSlot[], id: number): number {
  for (let p = 0; p < pages.length; p++) {
    const items = pages[p]!.items
    const i = items ? items.findIndex((it) => it.id === id) : -1
    if (i >= 0) return p * PAGE_SIZE + i
  }
  return -1
}

export const useInboxStore = create<InboxState>()((set, get) => {
  function connectionId(): string | null {
    return useAppStore.getState().selectedConnectionId
  }

  /** Validates the controls; when valid and different, starts a new query. */
  function apply(draft: FilterDraft, search: string): void {
    const built = buildFilters(draft, search, connectionId())
    if (!built.ok) {
      set({ draft, search, errors: built.errors, searchError: built.searchError ?? null })
      return
    }
    set({ draft, search, errors: {}, searchError: null, applied: built.filters, drill: null })
    void get().reload()
  }

  async function fetchPage(generation: number, index: number): Promise<void> {
    const s = get()
    const slot = s.pages[index]
    if (!slot || slot.loading || !s.applied) return
    const filters = s.applied
    set({ pages: s.pages.map((p, i) => (i === index ? { ...p, loading: true } : p)) })
    try {
      const page = await api().invoke('inbox.list', { filters, cursor: slot.cursor, limit: PAGE_SIZE })
      if (get().generation !== generation) return
      set((st) => ({
        listError: null,
        firstLoading: index === 0 ? false : st.firstLoading,
        pages: st.pages.map((p, i) =>
          i === index ? { ...p, items: page.items, length: page.items.length, nextCursor: page.nextCursor, loading: false } : p
        )
      }))
    } catch (err) {
      if (get().generation !== generation) return
      set((st) => ({
        listError: `Could not read the inbox: ${message(err)}`,
        firstLoading: false,
        pages: st.pages.map((p, i) => (i === index ? { ...p, loading: false } : p))
      }))
    }
  }

  async function fetchCount(generation: number): Promise<void> {
    const filters = get().applied
    if (!filters) return
    try {
      const count = await api().invoke('inbox.count', { filters })
      if (get().generation === generation) set({ count })
    } catch {
      // The list reports read failures; a missing count only hides the total.
    }
  }

  /** Drops rows of pages far from the viewport once more than MAX_PAGES_IN_MEMORY hold rows. */
  function evict(pages: PageSlot[], first: number, last: number): PageSlot[] {
    const held = pages.filter((p) => p.items !== null).length
    if (held <= MAX_PAGES_IN_MEMORY) return pages
    const centre = (first + last) / 2 / PAGE_SIZE
    const byDistance = pages
      .map((p, i) => ({ i, d: Math.abs(i - centre), held: p.items !== null && !p.loading }))
      .filter((x) => x.held)
      .sort((a, b) => b.d - a.d)
    const drop = new Set(byDistance.slice(0, held - MAX_PAGES_IN_MEMORY).map((x) => x.i))
    return pages.map((p, i) => (drop.has(i) ? { ...p, items: null } : p))
  }

  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let lastRefresh = 0

  return {
    draft: EMPTY_DRAFT,
    search: '',
    errors: {},
    searchError: null,
    applied: null,
    generation: 0,
    pages: [],
    firstLoading: false,
    listError: null,
    count: null,
    newerAvailable: false,
    viewport: { first: 0, last: 0 },
    selectedId: null,
    selectedIndex: -1,
    detailOpen: false,
    detail: null,
    detailLoading: false,
    detailError: null,
    facets: null,
    drill: null,

    setDraft(field, value) {
      const draft = { ...get().draft, [field]: value }
      // A named period and a custom range exclude each other; leaving "custom" drops the dates.
      if (field === 'period' && value !== 'custom') {
        draft.from = ''
        draft.to = ''
      }
      apply(draft, get().search)
    },
    setSearch(search) {
      apply(get().draft, search)
    },
    clearFilters() {
      apply(EMPTY_DRAFT, '')
    },

    async reload(opts) {
      const built = buildFilters(get().draft, get().search, connectionId())
      const filters = get().drill?.filters ?? (built.ok ? built.filters : null)
      if (!filters) return
      const generation = get().generation + 1
      const keep = opts?.keepSelection ? get().selectedId : null
      // A refresh keeps showing the rows it has until the new ones arrive: no flash while a sync runs.
      const head = opts?.keepSelection ? get().pages[0] : undefined
      set((s) => ({
        applied: filters,
        generation,
        pages: [
          head
            ? { cursor: undefined, items: head.items, length: head.length, nextCursor: head.nextCursor, loading: false }
            : { cursor: undefined, items: null, length: 0, nextCursor: null, loading: false }
        ],
        firstLoading: !head?.items,
        newerAvailable: false,
        count: opts?.keepSelection ? s.count : null,
        selectedId: keep,
        selectedIndex: keep === null ? -1 : s.selectedIndex
      }))
      void fetchCount(generation)
      await fetchPage(generation, 0)
      if (keep !== null && get().generation === generation) {
        const index = indexOfId(get().pages, keep)
        set({ selectedIndex: index, selectedId: index >= 0 ? keep : null })
      }
    },

    setViewport(first, last) {
      const s = get()
      const generation = s.generation
      set({ viewport: { first, last }, pages: evict(s.pages, first, last) })
      const pages = get().pages
      const firstPage = Math.floor(first / PAGE_SIZE)
      const lastPage = Math.floor(last / PAGE_SIZE)
      for (let p = firstPage; p <= lastPage && p < pages.length; p++) {
        if (pages[p]!.items === null && !pages[p]!.loading && (p > 0 || !s.firstLoading)) void fetchPage(generation, p)
      }
      // Infinite scroll: within half a page of the end, append the next page.
      const tail = pages[pages.length - 1]
      if (tail && tail.items !== null && tail.nextCursor !== null && last >= rowCount(pages) - PAGE_SIZE / 2) {
        set({ pages: [...pages, { cursor: tail.nextCursor, items: null, length: 0, nextCursor: null, loading: false }] })
        void fetchPage(generation, pages.length)
      }
    },

    async refreshAfterChange() {
      // A 1,000,000-row sync commits many times a second: re-read at most once a second.
      const wait = Math.max(0, lastRefresh + 1000 - Date.now())
      if (refreshTimer) return
      refreshTimer = setTimeout(() => {
        refreshTimer = null
        lastRefresh = Date.now()
        const s = get()
        if (!s.applied) return
        if (s.viewport.first < PAGE_SIZE / 4 || s.pages.length <= 1) {
          // At the top: show the newest rows in place; the selection is kept by id.
          void get().reload({ keepSelection: true })
        } else {
          // Scrolled down: rows on screen are re-read where they are; newer rows are offered, not forced in.
          const generation = s.generation
          void fetchCount(generation)
          set({ newerAvailable: true })
          const firstPage = Math.floor(s.viewport.first / PAGE_SIZE)
          const lastPage = Math.floor(s.viewport.last / PAGE_SIZE)
          for (let p = Math.max(1, firstPage); p <= lastPage && p < s.pages.length; p++) void fetchPage(generation, p)
        }
        if (s.detailOpen && s.detail) {
          const id = s.detail.id
          void api()
            .invoke('inbox.detail', { id })
            .then((detail) => {
              if (get().detail?.id === id) set({ detail })
            })
            .catch(() => undefined)
        }
      }, wait)
    },

    select(index) {
      const total = rowCount(get().pages)
      if (total === 0) return
      const i = Math.max(0, Math.min(total - 1, index))
      const item = itemAt(get().pages, i)
      set({ selectedIndex: i, selectedId: item?.id ?? null })
      // The detail pane follows the selection once open, as in a mail client.
      if (get().detailOpen && item) get().open(i)
    },

    open(index) {
      const i = index ?? get().selectedIndex
      const item = itemAt(get().pages, i)
      if (!item) return
      set({ selectedIndex: i, selectedId: item.id, detailOpen: true, detailLoading: true, detailError: null })
      api()
        .invoke('inbox.detail', { id: item.id })
        .then((detail) => {
          if (get().selectedId === item.id) set({ detail, detailLoading: false })
        })
        .catch((err: unknown) => {
          if (get().selectedId === item.id) set({ detailLoading: false, detailError: `Could not read this response: ${message(err)}` })
        })
    },

    closeDetail: () => set({ detailOpen: false, detail: null, detailError: null, detailLoading: false }),

    showDrill(filters, label) {
      set({ drill: { filters, label }, detailOpen: false, detail: null, detailError: null, selectedId: null, selectedIndex: -1 })
      void get().reload()
    },
    clearDrill() {
      if (!get().drill) return
      set({ drill: null })
      void get().reload()
    },
    replaceFilters(draft, search) {
      apply(draft, search)
    },

    async loadFacets() {
      const id = connectionId()
      try {
        const facets = await api().invoke('inbox.facets', id ? { connectionIds: [id] } : {})
        set({ facets })
      } catch {
        // Without facets the survey/site/staff/team/tag filters just offer "Any".
      }
    }
  }
})
