import type { ReportFigure, ReportMetric } from '../../../../shared/domain/reports'
import { openInInbox } from './drill'
import { figureSentence, formatN, formatScore } from './report-format'

/**
 * A figure with its sample, as a button that opens the Inbox on the responses behind it. Below the
 * minimum sample it is greyed and says so in words; its n is always beside it, never a bare number.
 */
export function FigureButton({
  metric,
  figure,
  what,
  minimum,
  size = 'normal'
}: {
  metric: ReportMetric
  figure: ReportFigure
  /** What the figure is of, for the Inbox's notice and screen readers ("Site Leeds", "Last week"). */
  what: string
  minimum: number
  size?: 'large' | 'normal'
}) {
  const sentence = figureSentence(metric, figure, what, minimum)
  const cls = ['figure', `figure--${size}`, figure.belowMinimum ? 'figure--small-sample' : '', figure.score === null ? 'figure--empty' : ''].filter(Boolean).join(' ')
  return (
    <button
      type="button"
      className={cls}
      onClick={() => openInInbox(figure.drill, sentence)}
      aria-label={`${sentence}. Show these responses in the Inbox${figure.drillExact ? '' : ' (the Inbox can only approximate this scope)'}`}
      title={figure.drillExact ? 'Show these responses in the Inbox' : 'Show in the Inbox (an approximation of this scope)'}
    >
      <span className="figure__score">{formatScore(metric, figure.score)}</span>
      <span className="figure__n">
        n = {formatN(figure.n)}
        {figure.belowMinimum ? <span className="figure__flag"> · small sample</span> : null}
      </span>
    </button>
  )
}
