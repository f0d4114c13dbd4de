const count = (n: number): string => new Intl.NumberFormat().format(n)

/** "Rows 51–100 of 5,000" with previous / next; big tables are read a page at a time. */
export function Pager({ offset, shown, total, onPage, label, pageSize = 50 }: { offset: number; shown: number; total: number; onPage: (offset: number) => void; label: string; pageSize?: number }) {
  return (
    <nav className="pager" aria-label={label}>
      <span className="pager__text">{total === 0 ? 'No rows' : `Rows ${count(offset + 1)}–${count(offset + shown)} of ${count(total)}`}</span>
      <button type="button" className="button button--small" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button type="button" className="button button--small" disabled={offset + shown >= total} onClick={() => onPage(offset + pageSize)}>
        Next
      </button>
    </nav>
  )
}
