import type { Connection } from '../../../../shared/domain/connection'
import type { InboxFacets, InboxFilters } from '../../../../shared/domain/inbox'
import { PERIOD_LABELS } from '../../../../shared/periods'
import { METRIC_LABELS, providerName } from '../inbox/format'
import { localDay } from './draft-from-filters'

/** The filters in words, for export headers and the saved-report list: "Last week · CustomerSure · Site Leeds". */
export function scopeWords(f: InboxFilters, facets: InboxFacets | null, connections: Connection[]): string {
  const name = (list: Array<{ ref: string; name: string }> | undefined, ref: string): string => list?.find((e) => e.ref === ref)?.name ?? ref
  const parts: string[] = []
  if (f.period) parts.push(PERIOD_LABELS[f.period])
  else if (f.from || f.to) parts.push(`${f.from ? localDay(f.from) : '…'} to ${f.to ? localDay(f.to) : '…'}`)
  else parts.push('All time')
  for (const id of f.connectionIds ?? []) parts.push(connections.find((c) => c.id === id)?.label ?? 'a removed connection')
  for (const p of f.providers ?? []) parts.push(providerName(p))
  for (const m of f.metrics ?? []) parts.push(METRIC_LABELS[m])
  for (const s of f.surveys ?? []) parts.push(`Survey ${name(facets?.surveys, s)}`)
  for (const s of f.sites ?? []) parts.push(`Site ${name(facets?.sites, s)}`)
  for (const s of f.staff ?? []) parts.push(`Staff ${name(facets?.staff, s)}`)
  for (const s of f.teams ?? []) parts.push(`Team ${name(facets?.teams, s)}`)
  for (const t of f.tags ?? []) parts.push(`Tag ${t}`)
  if (f.minScore !== undefined || f.maxScore !== undefined) parts.push(`Score ${f.minScore ?? '…'}–${f.maxScore ?? '…'}`)
  if (f.hasComment !== undefined) parts.push(f.hasComment ? 'With a comment' : 'Without a comment')
  if (f.search) parts.push(`Matching “${f.search}”`)
  return parts.join(' · ')
}
