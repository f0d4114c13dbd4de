import type { Ref } from 'react'
import { ChartCanvas, H, ValueAxis, W } from './ChartCanvas'
import { labelStride, linear, type Domain } from './scale'
import { useRovingFocus } from './use-roving-focus'

export interface LinePoint {
  key: string
  /** Axis label (short: "3 Nov"). */
  label: string
  value: number | null
  n: number
  /** Below the minimum sample: drawn hollow and grey, with its n. */
  muted: boolean
  /** What a screen reader hears on this mark ("Week of 3 Nov: NPS 42 from 57 responses"). */
  description: string
}

const M = { top: 16, right: 16, bottom: 36, left: 44 }

/** A series over time: a line through the points, a marker on each, every marker focusable. */
export function LineChart({
  label,
  points,
  domain,
  format,
  onActivate,
  svgRef
}: {
  label: string
  points: LinePoint[]
  domain: Domain
  format: (v: number) => string
  onActivate?: (index: number) => void
  svgRef?: Ref<SVGSVGElement>
}) {
  const roving = useRovingFocus(points.length, onActivate)
  const x = linear([0, Math.max(1, points.length - 1)], [M.left + 8, W - M.right - 8])
  const y = linear(domain, [H - M.bottom, M.top])
  const stride = labelStride(points.length, 8)
  // A long series (a year by day) keeps every mark focusable but draws them smaller and without n labels.
  const dense = points.length > 24
  const r = dense ? 2.5 : 4.5

  // Gaps where a bucket had no responses: the line is cut, not drawn across.
  const segments: string[] = []
  let current = ''
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current)
      current = ''
      return
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`
  })
  if (current) segments.push(current)

  return (
    <ChartCanvas label={label} svgRef={svgRef}>
      <g aria-hidden="true">
        <ValueAxis domain={domain} count={5} y={y} m={M} format={format} />
        {points.map((p, i) =>
          // Every stride-th label, and the last one unless it would sit on the one before it.
          (i % stride === 0 && points.length - 1 - i >= stride / 2) || i === points.length - 1 ? (
            <text key={p.key} className="chart__tick" x={i === points.length - 1 && points.length > 1 ? x(i) + 8 : x(i)} y={H - M.bottom + 16} textAnchor={i === points.length - 1 && points.length > 1 ? 'end' : 'middle'}>
              {p.label}
            </text>
          ) : null
        )}
        {segments.map((d, i) => (
          <path key={i} className="chart__line" d={d} />
        ))}
      </g>
      {points.map((p, i) => {
        const cx = x(i)
        const cy = p.value === null ? H - M.bottom : y(p.value)
        return (
          <g key={p.key} role="button" aria-label={p.description} className="chart__point" {...roving.itemProps(i)}>
            <title>{p.description}</title>
            <circle className="chart__hit" cx={cx} cy={cy} r={dense ? 5 : 11} />
            <circle className="chart__focus" cx={cx} cy={cy} r={r + 4.5} />
            {p.value === null ? (
              <path className="chart__marker chart__marker--empty" d={`M${cx - 4},${cy - 4}l8,8M${cx + 4},${cy - 4}l-8,8`} />
            ) : p.muted ? (
              <>
                <circle className="chart__marker chart__marker--muted" cx={cx} cy={cy} r={r + 0.5} />
                {dense ? null : (
                  <text className="chart__note" x={cx} y={cy - 10} textAnchor="middle" aria-hidden="true">
                    n={p.n}
                  </text>
                )}
              </>
            ) : (
              <rect className="chart__marker" x={cx - r} y={cy - r} width={2 * r} height={2 * r} transform={`rotate(45 ${cx} ${cy})`} />
            )}
          </g>
        )
      })}
    </ChartCanvas>
  )
}
