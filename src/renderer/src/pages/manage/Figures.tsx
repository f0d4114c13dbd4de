import type { RowFigures } from '../../../../shared/domain/manage'
import type { Column } from './DataTable'

const fmt = (n: number | null, digits = 0): string => (n === null ? '—' : n.toFixed(digits))

/** The per-row figures over the last 30 days, as sortable columns shared by every manage table. */
export function figureColumns<R extends { figures: RowFigures | null }>(): Array<Column<R>> {
  return [
    { id: 'responses', header: 'Responses', title: 'Responses in the last 30 days', numeric: true, sortKey: 'responses', cell: (r) => (r.figures ? r.figures.responses.toLocaleString() : '—') },
    { id: 'nps', header: 'NPS', title: 'Net Promoter Score, last 30 days', numeric: true, sortKey: 'nps', cell: (r) => fmt(r.figures?.nps ?? null) },
    { id: 'csat', header: 'CSAT', title: 'Percent satisfied, last 30 days', numeric: true, sortKey: 'csat', cell: (r) => (r.figures?.csat == null ? '—' : `${fmt(r.figures.csat)}%`) },
    { id: 'ces', header: 'CES', title: 'Average customer effort, last 30 days', numeric: true, sortKey: 'ces', cell: (r) => fmt(r.figures?.ces ?? null, 1) }
  ]
}
