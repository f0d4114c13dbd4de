import { memo } from 'react'
import type { InboxItem } from '../../../../shared/domain/inbox'
import { formatDate, providerName, scoreText } from './format'
import { Highlighted } from './highlight'

export function ScoreBadge({ item }: { item: Pick<InboxItem, 'metric' | 'score' | 'scale'> }) {
  const s = scoreText(item.metric, item.score, item.scale)
  return (
    <span className={`score score--${s.band}`}>
      <span className="score__main">{s.main}</span>
      <span className="score__word">{s.word}</span>
    </span>
  )
}

interface RowProps {
  item: InboxItem | undefined
  index: number
  /** The list's full length for assistive tech (aria-setsize); -1 while it is not known yet. */
  setSize: number
  top: number
  selected: boolean
  searchTerms: readonly string[]
  onPick: (index: number) => void
}

export function optionId(index: number): string {
  return `inbox-option-${index}`
}

/** One fixed-height row; positioned absolutely so only visible rows exist in the DOM. */
export const InboxRow = memo(function InboxRow({ item, index, setSize, top, selected, searchTerms, onPick }: RowProps) {
  // Only the visible rows exist in the DOM, so each says where it sits in the whole list.
  const position = { 'aria-setsize': setSize, 'aria-posinset': index + 1 }
  if (!item) {
    return (
      <div id={optionId(index)} role="option" aria-selected={false} {...position} className="inbox-row inbox-row--placeholder" style={{ transform: `translateY(${top}px)` }}>
        <span className="muted">Loading…</span>
      </div>
    )
  }
  const terms = item.matchTerms.length > 0 ? item.matchTerms : searchTerms
  const where = [item.surveyName, item.siteName, item.staffName, item.teamName].filter(Boolean).join(' · ')
  return (
    <div
      id={optionId(index)}
      role="option"
      aria-selected={selected}
      {...position}
      className={selected ? 'inbox-row is-selected' : 'inbox-row'}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onPick(index)}
    >
      <div className="inbox-row__score">
        <ScoreBadge item={item} />
      </div>
      <div className="inbox-row__body">
        <div className="inbox-row__head">
          <span className="inbox-row__customer">{item.customerName ?? 'Anonymous'}</span>
          {where ? <span className="inbox-row__where">{where}</span> : null}
        </div>
        <p className={item.comment ? 'inbox-row__comment' : 'inbox-row__comment muted'}>
          {item.comment ? <Highlighted text={item.comment} terms={terms} /> : 'No comment'}
        </p>
      </div>
      <div className="inbox-row__meta">
        <time dateTime={item.respondedAt}>{formatDate(item.respondedAt)}</time>
        <span className="inbox-row__source">
          {providerName(item.provider)} · {item.connectionLabel}
        </span>
      </div>
    </div>
  )
})
