import { InboxFilters, type InboxFilters as InboxFiltersT } from '../../../../shared/domain/inbox'
import { Metric } from '../../../../shared/domain/model'
import { PeriodName } from '../../../../shared/periods'
import { ProviderId } from '../../../../shared/providers'
import { zodIssuesToFieldErrors } from '../../../../shared/errors'

/** What the filter bar's controls hold: strings, as form controls do; '' means "any". */
export interface FilterDraft {
  provider: string
  survey: string
  metric: string
  minScore: string
  maxScore: string
  site: string
  staff: string
  team: string
  tag: string
  hasComment: '' | 'yes' | 'no'
  /** A period name, 'custom' for the from/to range, or '' for any time. */
  period: string
  /** yyyy-mm-dd from <input type="date">, in the user's time zone. */
  from: string
  to: string
}

export type DraftField = keyof FilterDraft
export type FilterErrors = Partial<Record<DraftField, string>>

export const EMPTY_DRAFT: FilterDraft = {
  provider: '',
  survey: '',
  metric: '',
  minScore: '',
  maxScore: '',
  site: '',
  staff: '',
  team: '',
  tag: '',
  hasComment: '',
  period: '',
  from: '',
  to: ''
}

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

function isBlank(draft: FilterDraft): boolean {
  return (Object.keys(EMPTY_DRAFT) as DraftField[]).every((k) => draft[k] === EMPTY_DRAFT[k])
}

export function hasActiveFilters(draft: FilterDraft, search: string): boolean {
  return !isBlank(draft) || search.trim() !== ''
}

/** A local calendar day's first or last instant, as an ISO string with offset (the browser runs in timeZone). */
function dayEdge(day: string, edge: 'start' | 'end'): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  const d = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

function num(value: string): number | null | undefined {
  if (value.trim() === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

/** Maps the contract's field paths back onto the filter bar's controls. */
const PATH_TO_FIELD: Record<string, DraftField> = {
  providers: 'provider',
  surveys: 'survey',
  metrics: 'metric',
  minScore: 'minScore',
  maxScore: 'maxScore',
  sites: 'site',
  staff: 'staff',
  teams: 'team',
  tags: 'tag',
  hasComment: 'hasComment',
  period: 'period',
  from: 'from',
  to: 'to'
}

export type BuiltFilters = { ok: true; filters: InboxFiltersT } | { ok: false; errors: FilterErrors; searchError?: string }

/** Builds the contract's InboxFilters from the controls, validated with the contract's own schema. */
export function buildFilters(draft: FilterDraft, search: string, connectionId: string | null): BuiltFilters {
  const errors: FilterErrors = {}
  const candidate: Record<string, unknown> = { timeZone: userTimeZone() }
  if (connectionId) candidate.connectionIds = [connectionId]
  if (draft.provider) candidate.providers = [draft.provider]
  if (draft.survey) candidate.surveys = [draft.survey]
  if (draft.metric) candidate.metrics = [draft.metric]
  if (draft.site) candidate.sites = [draft.site]
  if (draft.staff) candidate.staff = [draft.staff]
  if (draft.team) candidate.teams = [draft.team]
  if (draft.tag) candidate.tags = [draft.tag]
  if (draft.hasComment) candidate.hasComment = draft.hasComment === 'yes'
  for (const k of ['minScore', 'maxScore'] as const) {
    const n = num(draft[k])
    if (n === null) errors[k] = 'Enter a number'
    else if (n !== undefined) candidate[k] = n
  }
  if (draft.period === 'custom') {
    if (draft.from) {
      const iso = dayEdge(draft.from, 'start')
      if (iso) candidate.from = iso
      else errors.from = 'Enter a date'
    }
    if (draft.to) {
      const iso = dayEdge(draft.to, 'end')
      if (iso) candidate.to = iso
      else errors.to = 'Enter a date'
    }
    if (!draft.from && !draft.to) errors.from = 'Choose a start date, an end date, or both'
    if (typeof candidate.from === 'string' && typeof candidate.to === 'string' && candidate.from > candidate.to) {
      errors.to = 'The end date is before the start date'
    }
  } else if (draft.period) {
    candidate.period = draft.period
  }
  if (search.trim()) candidate.search = search.trim()

  const parsed = InboxFilters.safeParse(candidate)
  let searchError: string | undefined
  if (!parsed.success) {
    for (const issue of zodIssuesToFieldErrors(parsed.error)) {
      const top = issue.field.split('.')[0] ?? ''
      if (top === 'search') searchError ??= issue.message
      const field = PATH_TO_FIELD[top]
      if (field) errors[field] ??= issue.message
      else if (top !== 'search') errors.provider ??= issue.message
    }
  }
  if (Object.keys(errors).length > 0 || searchError || !parsed.success) return { ok: false, errors, searchError }
  return { ok: true, filters: parsed.data }
}

/** Options the filter bar offers that do not come from facets. */
export const METRIC_OPTIONS = Metric.options
export const PERIOD_OPTIONS = PeriodName.options
export const PROVIDER_OPTIONS = ProviderId.options
