import type { Ref } from 'react'
import { ChartCanvas, H, ValueAxis, W } from './ChartCanvas'
import { linear, niceDomain } from './scale'
import { TonePatterns } from './TonePatterns'
import { toneFill, type Tone } from './tones'
import { useRovingFocus } from './use-roving-focus'

export interface Bar {
  key: string
  /** Axis label under the bar (the score). */
  label: string
  count: number
  tone: Tone
  description: string
}

const M = { top: 22, right: 16, bottom: 36, left: 44 }

/** Counts per value (a score distribution): patterned bars, counts printed on top, every bar focusable. */
export function BarChart({
  id,
  label,
  bars,
  onActivate,
  svgRef
}: {
  id: string
  label: string
  bars: Bar[]
  onActivate?: (index: number) => void
  svgRef?: Ref<SVGSVGElement>
}) {
  const roving = useRovingFocus(bars.length, onActivate)
  const domain = niceDomain(
    bars.map((b) => b.count),
    0
  )
  const y = linear(domain, [H - M.bottom, M.top])
  const slot = (W - M.left - M.right) / Math.max(1, bars.length)
  const width = Math.max(4, Math.min(48, slot * 0.72))

  return (
    <ChartCanvas label={label} svgRef={svgRef} before={<TonePatterns chartId={id} />}>
      <g aria-hidden="true">
        <ValueAxis domain={domain} count={4} y={y} m={M} />
      </g>
      {bars.map((b, i) => {
        const cx = M.left + slot * (i + 0.5)
        const top = y(b.count)
        return (
          <g key={b.key} role="button" aria-label={b.description} className="chart__bar" {...roving.itemProps(i)}>
            <title>{b.description}</title>
            <rect className="chart__hit" x={cx - slot / 2} y={M.top} width={slot} height={H - M.bottom - M.top} />
            <rect className="chart__focus-box" x={cx - width / 2 - 3} y={top - 3} width={width + 6} height={H - M.bottom - top + 3} />
            <rect className={`chart__bar-fill chart__bar-fill--${b.tone}`} x={cx - width / 2} y={top} width={width} height={Math.max(0, H - M.bottom - top)} fill={toneFill(id, b.tone)} />
            <text className="chart__value" x={cx} y={top - 5} textAnchor="middle" aria-hidden="true">
              {b.count}
            </text>
            <text className="chart__tick" x={cx} y={H - M.bottom + 16} textAnchor="middle" aria-hidden="true">
              {b.label}
            </text>
          </g>
        )
      })}
    </ChartCanvas>
  )
}
