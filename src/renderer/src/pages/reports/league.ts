import type { BreakdownRow } from '../../../../shared/domain/reports'

export interface RankedRow {
  row: BreakdownRow
  /** 1-based rank among rows with enough responses; null for small samples and rows without a score. */
  rank: number | null
}

/**
 * A league table ranks only figures that can be trusted: rows at or over the minimum sample by score
 * (ties by n), then the small samples and empty rows, unranked, by n.
 */
export function rankRows(rows: BreakdownRow[]): RankedRow[] {
  const ranked = rows.filter((r) => !r.belowMinimum && r.score !== null).sort((a, b) => b.score! - a.score! || b.n - a.n)
  const rest = rows.filter((r) => r.belowMinimum || r.score === null).sort((a, b) => b.n - a.n || a.label.localeCompare(b.label))
  return [...ranked.map((row, i) => ({ row, rank: i + 1 })), ...rest.map((row) => ({ row, rank: null }))]
}
