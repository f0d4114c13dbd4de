import { InboxFilters } from '../../../../shared/domain/inbox'
import { NPS_PASSIVE_MIN, NPS_PROMOTER_MIN } from '../../../../shared/metrics'
import type { ReportFigure, ReportMetric } from '../../../../shared/domain/reports'
import { openInInbox } from './drill'
import { formatN } from './report-format'

/** Just under a band's lower edge: scores are compared inclusively by the inbox, and need not be whole. */
const BELOW = 1e-9

type Band = 'promoter' | 'passive' | 'detractor'

const BANDS: Array<{ band: Band; many: string; part: 'promoters' | 'passives' | 'detractors'; min?: number; max?: number }> = [
  { band: 'promoter', many: 'promoters', part: 'promoters', min: NPS_PROMOTER_MIN },
  { band: 'passive', many: 'passives', part: 'passives', min: NPS_PASSIVE_MIN, max: NPS_PROMOTER_MIN - BELOW },
  { band: 'detractor', many: 'detractors', part: 'detractors', max: NPS_PASSIVE_MIN - BELOW }
]

/**
 * A figure's NPS responses of one band: its own drill (already NPS only) narrowed to the band's scores,
 * the same edges the engine counts with (src/shared/metrics.ts). Null when that cannot be said exactly.
 */
export function bandDrill(figure: ReportFigure, min?: number, max?: number): InboxFilters | null {
  if (!figure.drillExact || !figure.drill.metrics || figure.drill.metrics.join() !== 'nps') return null
  const lo = Math.max(figure.drill.minScore ?? -Infinity, min ?? -Infinity)
  const hi = Math.min(figure.drill.maxScore ?? Infinity, max ?? Infinity)
  const parsed = InboxFilters.safeParse({ ...figure.drill, ...(Number.isFinite(lo) ? { minScore: lo } : {}), ...(Number.isFinite(hi) ? { maxScore: hi } : {}) })
  return parsed.success ? parsed.data : null
}

/** "27 promoters · 9 passives · 4 detractors", each a way into the Inbox when the scope allows it exactly. */
export function FigureParts({ metric, figure, what }: { metric: ReportMetric; figure: ReportFigure; what: string }) {
  const parts = figure.parts
  if (metric === 'csat' && parts.positive !== undefined) return <span className="muted">{formatN(parts.positive)} positive</span>
  if (metric !== 'nps' || parts.promoters === undefined) return null
  return (
    <span className="figure-parts">
      {BANDS.map(({ band, many, part, min, max }, i) => {
        const n = parts[part] ?? 0
        const words = `${formatN(n)} ${n === 1 ? band : many}`
        const drill = n > 0 ? bandDrill(figure, min, max) : null
        return (
          <span key={band}>
            {i > 0 ? ' · ' : ''}
            {drill ? (
              <button type="button" className="button-link" onClick={() => openInInbox(drill, `${what}: ${words}`)}>
                {words}
              </button>
            ) : (
              <span className="muted">{words}</span>
            )}
          </span>
        )
      })}
    </span>
  )
}
