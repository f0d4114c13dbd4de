import type { InboxFilters } from '../../../../shared/domain/inbox'
import { EMPTY_DRAFT, type FilterDraft } from '../inbox/filter-draft'

/** yyyy-mm-dd of an instant in this browser's time zone (the zone the filter bar's dates are in). */
export function localDay(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/**
 * The filter bar's controls for saved filters (a saved report re-opened). The bar holds one value per
 * control, so of a list only the first is kept; the connection goes to the app-wide switcher.
 */
export function draftFromFilters(f: InboxFilters): { draft: FilterDraft; search: string; connectionId: string | null } {
  const draft: FilterDraft = {
    ...EMPTY_DRAFT,
    provider: f.providers?.[0] ?? '',
    survey: f.surveys?.[0] ?? '',
    metric: f.metrics?.[0] ?? '',
    minScore: f.minScore === undefined ? '' : String(f.minScore),
    maxScore: f.maxScore === undefined ? '' : String(f.maxScore),
    site: f.sites?.[0] ?? '',
    staff: f.staff?.[0] ?? '',
    team: f.teams?.[0] ?? '',
    tag: f.tags?.[0] ?? '',
    hasComment: f.hasComment === undefined ? '' : f.hasComment ? 'yes' : 'no',
    period: f.period ?? (f.from || f.to ? 'custom' : ''),
    from: f.from ? localDay(f.from) : '',
    to: f.to ? localDay(f.to) : ''
  }
  return { draft, search: f.search ?? '', connectionId: f.connectionIds?.[0] ?? null }
}
