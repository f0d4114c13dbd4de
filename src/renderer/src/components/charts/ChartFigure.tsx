import type { ReactNode } from 'react'

/**
 * A chart with its caption and, folded under it, the same numbers as a table: the accessible
 * alternative for screen readers, and the exact figures for everyone.
 */
export function ChartFigure({
  id,
  title,
  summary,
  legend,
  actions,
  table,
  children
}: {
  id: string
  title: string
  /** One sentence a screen reader hears with the chart (e.g. range and latest value). */
  summary: string
  legend?: ReactNode
  actions?: ReactNode
  table: ReactNode
  children: ReactNode
}) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <div className="chart__head">
        <figcaption id={`${id}-title`} className="chart__title">
          {title}
        </figcaption>
        {actions ? <div className="chart__actions">{actions}</div> : null}
      </div>
      <p id={`${id}-summary`} className="visually-hidden">
        {summary}
      </p>
      {children}
      {legend ? <div className="chart__legend">{legend}</div> : null}
      <details className="chart__table">
        <summary>Show as a table</summary>
        {table}
      </details>
    </figure>
  )
}
