import type { ReactNode, Ref } from 'react'
import { ticks, type Domain } from './scale'

/** Every chart draws in the same viewBox, so the exported images share one size. */
export const W = 640
export const H = 240

export interface Margins {
  top: number
  right: number
  bottom: number
  left: number
}

/** The chart's SVG: a labelled group over the background; `before` goes under the background (pattern definitions). */
export function ChartCanvas({ label, svgRef, before, children }: { label: string; svgRef?: Ref<SVGSVGElement>; before?: ReactNode; children: ReactNode }) {
  return (
    <svg ref={svgRef} className="chart__svg" viewBox={`0 0 ${W} ${H}`} role="group" aria-label={label} xmlns="http://www.w3.org/2000/svg">
      {before}
      <rect className="chart__bg" x="0" y="0" width={W} height={H} />
      {children}
    </svg>
  )
}

/** Horizontal grid lines with their values on the left, and the baseline; a zero inside the domain is drawn as an axis. */
export function ValueAxis({ domain, count, y, m, format = String }: { domain: Domain; count: number; y: (v: number) => number; m: Margins; format?: (v: number) => string }) {
  const zeroInside = domain[0] < 0 && domain[1] > 0
  return (
    <>
      {ticks(domain, count).map((t) => (
        <g key={t}>
          <line className={t === 0 && zeroInside ? 'chart__axis' : 'chart__grid'} x1={m.left} x2={W - m.right} y1={y(t)} y2={y(t)} />
          <text className="chart__tick" x={m.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
      <line className="chart__axis" x1={m.left} x2={W - m.right} y1={H - m.bottom} y2={H - m.bottom} />
    </>
  )
}
