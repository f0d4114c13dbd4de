import { create } from 'zustand'
import type { InboxFilters } from '../../../shared/domain/inbox'
import type { ProviderFigure, ReportDimension, ReportHeadline, ReportInterval, ReportMetric, ReportResult } from '../../../shared/domain/reports'
import { api } from '../api/client'
import { buildFilters } from '../pages/inbox/filter-draft'
import { useAppStore } from './app-store'
import { useInboxStore } from './inbox-store'
import { errorText } from '../pages/reports/error-text'

/** The headline cards, always shown whatever metric the charts follow. */
export const HEADLINE_METRICS: ReportMetric[] = ['nps', 'csat', 'ces', 'response_rate']
export const CHART_METRICS: ReportMetric[] = ['nps', 'csat', 'ces', 'standardised', 'star', 'happy', 'response_rate']
export const LEAGUE_DIMENSIONS: ReportDimension[] = ['site', 'staff', 'team', 'survey', 'connection', 'provider', 'tag', 'channel', 'property']

/** Rows per league table. */
const LEAGUE_LIMIT = 50

interface ReportsState {
  metric: ReportMetric
  trend: ReportInterval
  leagueBy: ReportDimension
  /** The filters the figures on screen were computed for. */
  filters: InboxFilters | null
  /** Why the filter bar's values cannot be reported on (shown instead of stale figures). */
  filtersError: string | null
  result: ReportResult | null
  loading: boolean
  error: string | null
  headlines: Partial<Record<ReportMetric, ReportHeadline>>
  headlineErrors: Partial<Record<ReportMetric, string>>
  figures: ProviderFigure[] | null
  figuresLoading: boolean
  figuresError: string | null
  /** The saved report last opened or saved, while its definition is what shows. */
  savedName: string | null
  generation: number

  setMetric(metric: ReportMetric): void
  setTrend(trend: ReportInterval): void
  setLeagueBy(by: ReportDimension): void
  setSavedName(name: string | null): void
  run(): Promise<void>
  loadProviderFigures(refresh: boolean): Promise<void>
}


/** The inbox's filter bar is the report's: the same controls and the same validation. */
export function currentReportFilters(): { ok: true; filters: InboxFilters } | { ok: false; error: string } {
  const inbox = useInboxStore.getState()
  const built = buildFilters(inbox.draft, inbox.search, useAppStore.getState().selectedConnectionId)
  if (built.ok) return { ok: true, filters: built.filters }
  const first = Object.values(built.errors)[0] ?? built.searchError ?? 'Check the filters'
  return { ok: false, error: `The filters cannot be reported on: ${first}` }
}

export const useReportsStore = create<ReportsState>()((set, get) => ({
  metric: 'nps',
  trend: 'week',
  leagueBy: 'site',
  filters: null,
  filtersError: null,
  result: null,
  loading: false,
  error: null,
  headlines: {},
  headlineErrors: {},
  figures: null,
  figuresLoading: false,
  figuresError: null,
  savedName: null,
  generation: 0,

  setMetric(metric) {
    if (metric === get().metric) return
    set({ metric, figures: null, figuresError: null })
    void get().run()
  },
  setTrend(trend) {
    if (trend === get().trend) return
    set({ trend })
    void get().run()
  },
  setLeagueBy(leagueBy) {
    if (leagueBy === get().leagueBy) return
    set({ leagueBy })
    void get().run()
  },
  setSavedName: (savedName) => set({ savedName }),

  async run() {
    const built = currentReportFilters()
    if (!built.ok) {
      set({ filtersError: built.error })
      return
    }
    const { metric, trend, leagueBy } = get()
    const filters = built.filters
    const generation = get().generation + 1
    const sameScope = JSON.stringify(filters) === JSON.stringify(get().filters)
    set({ generation, filters, filtersError: null, loading: true, error: null, ...(sameScope ? {} : { figures: null, figuresError: null }) })

    const main = api()
      .invoke('reports.run', { metric, filters, by: [leagueBy], trend, previous: true, distribution: true, limit: LEAGUE_LIMIT })
      .then((result) => {
        if (get().generation !== generation) return
        set((s) => ({ result, loading: false, headlines: { ...s.headlines, [metric]: result.headline } }))
      })
      .catch((err: unknown) => {
        if (get().generation === generation) set({ loading: false, error: `Could not compute the report: ${errorText(err)}` })
      })

    // The other cards need only their headline: no breakdowns, trend or distribution.
    const others = HEADLINE_METRICS.filter((m) => m !== metric).map((m) =>
      api()
        .invoke('reports.run', { metric: m, filters, by: [], trend: null, previous: true, distribution: false })
        .then((r) => {
          if (get().generation !== generation) return
          set((s) => ({ headlines: { ...s.headlines, [m]: r.headline }, headlineErrors: { ...s.headlineErrors, [m]: undefined } }))
        })
        .catch((err: unknown) => {
          if (get().generation === generation) set((s) => ({ headlineErrors: { ...s.headlineErrors, [m]: errorText(err) } }))
        })
    )
    await Promise.all([main, ...others])
  },

  async loadProviderFigures(refresh) {
    const { filters, metric } = get()
    if (!filters) return
    const generation = get().generation
    set({ figuresLoading: true, figuresError: null })
    try {
      const { figures } = await api().invoke('reports.providerFigures', { metric, filters, refresh })
      if (get().generation === generation) set({ figures, figuresLoading: false })
    } catch (err) {
      if (get().generation === generation) set({ figuresLoading: false, figuresError: `Could not fetch the providers' figures: ${errorText(err)}` })
    }
  }
}))
