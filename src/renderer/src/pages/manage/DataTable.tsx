import { Fragment, useEffect, useState, type ReactNode } from 'react'
import type { ManageSortField, RowOutboxState } from '../../../../shared/domain/manage'
import type { AppError } from '../../../../shared/errors'
import { ActionsHeader } from '../../components/ActionsHeader'
import { Icon } from '../../components/Icon'
import { RowOutbox } from './RowOutbox'
import { useDebounced, type ListQuery } from './use-manage-list'

export interface Column<R> {
  id: string
  header: string
  /** A longer name for the header (the figures say "last 30 days"). */
  title?: string
  cell: (row: R) => ReactNode
  numeric?: boolean
  /** Sortable by this field of the list query (sorting happens in the cache, over every row). */
  sortKey?: ManageSortField
}

export interface DataTableProps<R> {
  idPrefix: string
  caption: string
  rows: readonly R[]
  total: number
  loading: boolean
  error: AppError | null
  /** The first column, a row header naming the row. */
  nameHeader: string
  name: (row: R) => ReactNode
  rowName: (row: R) => string
  columns: ReadonlyArray<Column<R>>
  rowKey: (row: R) => string
  outbox: (row: R) => RowOutboxState | null
  /** Opens the form again for a rejected change to this row (absent: nothing to edit). */
  onEditRejected?: (row: R) => (() => void) | undefined
  actions?: (row: R) => ReactNode
  query: ListQuery
  onQuery: (q: ListQuery) => void
  searchLabel: string
  /** Label of the "also show inactive" tick box; absent when the list has no inactive rows. */
  inactiveLabel?: string
  empty: ReactNode
}

const SORT_NAMES = { asc: 'ascending', desc: 'descending' } as const

/** A cached list with search, sort by column header, per-row figures and each row's pending or rejected change. */
export function DataTable<R>(p: DataTableProps<R>) {
  const [search, setSearch] = useState(p.query.search)
  const debounced = useDebounced(search)
  const { query, onQuery } = p
  useEffect(() => {
    if (debounced !== query.search) onQuery({ ...query, search: debounced })
  }, [debounced, query, onQuery])

  function sortBy(key: ManageSortField): void {
    const dir = query.sort === key && query.dir === 'asc' ? 'desc' : 'asc'
    onQuery({ ...query, sort: key, dir })
  }

  function header(label: string, key: ManageSortField | undefined, title?: string, numeric?: boolean) {
    const active = key !== undefined && query.sort === key
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? SORT_NAMES[query.dir] : undefined} title={title}>
        {key ? (
          <button type="button" className="sort-button" onClick={() => sortBy(key)}>
            {label}
            <span aria-hidden="true" className="sort-button__arrow">
              {active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
            </span>
            {title ? <span className="visually-hidden"> ({title})</span> : null}
          </button>
        ) : (
          label
        )}
      </th>
    )
  }

  const width = p.columns.length + 2
  return (
    // aria-busy while the typed search is not yet the one the rows answer (debounce, then the query).
    <div className="manage-table" aria-busy={p.loading || search !== query.search}>
      <div className="manage-table__tools" role="search" aria-label={p.searchLabel}>
        <label className="visually-hidden" htmlFor={`${p.idPrefix}-search`}>
          {p.searchLabel}
        </label>
        <input
          id={`${p.idPrefix}-search`}
          type="search"
          className="input manage-table__search"
          placeholder={`${p.searchLabel}…`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && search !== '') {
              e.preventDefault()
              setSearch('')
            }
          }}
        />
        {p.inactiveLabel ? (
          <label className="check">
            <input type="checkbox" checked={query.includeInactive} onChange={(e) => onQuery({ ...query, includeInactive: e.target.checked })} />
            <span>{p.inactiveLabel}</span>
          </label>
        ) : null}
        <span className="manage-table__count muted" aria-live="polite">
          {p.loading ? 'Loading…' : p.rows.length < p.total ? `Showing ${p.rows.length} of ${p.total} — search to narrow` : `${p.total} ${p.total === 1 ? 'row' : 'rows'}`}
        </span>
      </div>
      {p.error ? (
        <div className="banner banner--error" role="alert">
          <Icon name="warning" />
          <p>Could not read the local copy: {p.error.message}</p>
        </div>
      ) : null}
      {p.rows.length === 0 && !p.loading ? (
        <div className="empty empty--compact">{p.empty}</div>
      ) : p.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" id={`${p.idPrefix}-table`}>
            <caption className="visually-hidden">{p.caption}</caption>
            <thead>
              <tr>
                {header(p.nameHeader, 'name')}
                {p.columns.map((c) => (
                  <Fragment key={c.id}>{header(c.header, c.sortKey, c.title, c.numeric)}</Fragment>
                ))}
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => {
                const box = p.outbox(r)
                const k = p.rowKey(r)
                return (
                  <Fragment key={k}>
                    <tr className={box ? `has-outbox has-outbox--${box.status}` : undefined}>
                      <th scope="row" className="table__label">
                        {p.name(r)}
                      </th>
                      {p.columns.map((c) => (
                        <td key={c.id} className={c.numeric ? 'num' : undefined}>
                          {c.cell(r)}
                        </td>
                      ))}
                      <td className="table__actions">{p.actions?.(r)}</td>
                    </tr>
                    {box ? (
                      <tr className="row-outbox-row">
                        <td colSpan={width}>
                          <RowOutbox state={box} rowName={p.rowName(r)} onEdit={p.onEditRejected?.(r)} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
