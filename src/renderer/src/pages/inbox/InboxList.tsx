import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { hasMore, itemAt, PAGE_SIZE, rowCount, useInboxStore } from '../../stores/inbox-store'
import { formatCount } from './format'
import { InboxRow, optionId } from './InboxRow'

/** Fixed row height (px, matches .inbox-row in inbox.css): positions are index × height, no measuring. */
export const ROW_HEIGHT = 76
const OVERSCAN = 8

function searchWords(search: string): string[] {
  return search
    .split(/[\s"'()*:^+-]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
}

export function InboxList({ listRef }: { listRef: React.RefObject<HTMLDivElement | null> }) {
  const pages = useInboxStore((s) => s.pages)
  const selectedIndex = useInboxStore((s) => s.selectedIndex)
  const generation = useInboxStore((s) => s.generation)
  const count = useInboxStore((s) => s.count)
  const search = useInboxStore((s) => s.applied?.search ?? '')
  const setViewport = useInboxStore((s) => s.setViewport)
  const select = useInboxStore((s) => s.select)
  const open = useInboxStore((s) => s.open)
  const [range, setRange] = useState({ scrollTop: 0, height: 600 })
  const frame = useRef<number | null>(null)

  const total = rowCount(pages)
  const loadingMore = pages.length > 0 && pages[pages.length - 1]!.loading
  const terms = searchWords(search)

  const measure = useCallback(() => {
    const el = listRef.current
    if (!el) return
    setRange({ scrollTop: el.scrollTop, height: el.clientHeight })
  }, [listRef])

  const onScroll = useCallback(() => {
    if (frame.current !== null) return
    frame.current = requestAnimationFrame(() => {
      frame.current = null
      measure()
    })
  }, [measure])

  useEffect(() => {
    const el = listRef.current
    if (!el) return
    const ro = new ResizeObserver(() => measure())
    ro.observe(el)
    return () => {
      ro.disconnect()
      if (frame.current !== null) cancelAnimationFrame(frame.current)
    }
  }, [listRef, measure])

  // A new query starts at the top.
  useLayoutEffect(() => {
    const el = listRef.current
    if (el && generation > 0 && useInboxStore.getState().selectedId === null) {
      el.scrollTop = 0
      measure()
    }
  }, [generation, listRef, measure])

  const first = Math.max(0, Math.floor(range.scrollTop / ROW_HEIGHT) - OVERSCAN)
  const visibleFirst = Math.floor(range.scrollTop / ROW_HEIGHT)
  const visibleLast = Math.ceil((range.scrollTop + range.height) / ROW_HEIGHT)
  const last = Math.min(total - 1, visibleLast + OVERSCAN)

  useEffect(() => {
    setViewport(visibleFirst, Math.max(visibleFirst, visibleLast))
  }, [visibleFirst, visibleLast, total, setViewport])

  /** Keeps the selected row on screen after keyboard moves. */
  function reveal(index: number): void {
    const el = listRef.current
    if (!el) return
    const top = index * ROW_HEIGHT
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight
  }

  function move(to: number): void {
    if (total === 0) return
    const i = Math.max(0, Math.min(total - 1, to))
    select(i)
    reveal(i)
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const page = Math.max(1, Math.floor(range.height / ROW_HEIGHT) - 1)
    const at = selectedIndex < 0 ? -1 : selectedIndex
    let handled = true
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        move(at + 1)
        break
      case 'ArrowUp':
      case 'k':
        move(Math.max(0, at - 1))
        break
      case 'PageDown':
        move(at + page)
        break
      case 'PageUp':
        move(at - page)
        break
      case 'Home':
        move(0)
        break
      case 'End':
        move(total - 1)
        break
      case 'Enter':
      case ' ':
        if (at >= 0) open(at)
        else move(0)
        break
      default:
        handled = false
    }
    if (handled) {
      e.preventDefault()
      e.stopPropagation()
    }
  }

  const known = count && !count.capped ? count.count : undefined
  // While more pages can load and the count is capped or not in yet, the length is unknown (-1 per ARIA).
  const setSize = known ?? (hasMore(pages) ? -1 : total)
  const rows = []
  for (let i = first; i <= last; i++) {
    rows.push(
      <InboxRow
        key={i}
        index={i}
        setSize={setSize}
        top={i * ROW_HEIGHT}
        item={itemAt(pages, i)}
        selected={i === selectedIndex}
        searchTerms={terms}
        onPick={(index) => {
          listRef.current?.focus({ preventScroll: true })
          open(index)
        }}
      />
    )
  }

  // Only a rendered row may be the active descendant (a scrolled-away id would point at nothing).
  const active = selectedIndex >= first && selectedIndex <= last ? optionId(selectedIndex) : undefined

  return (
    <>
      <div
        ref={listRef}
        className="inbox-list"
        role="listbox"
        aria-label={known !== undefined ? `Responses, ${formatCount(known)} in all` : 'Responses'}
        aria-activedescendant={active}
        aria-describedby="inbox-keys"
        aria-busy={loadingMore || undefined}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (selectedIndex < 0 && total > 0) select(Math.max(0, visibleFirst))
        }}
      >
        <div role="presentation" className="inbox-list__spacer" style={{ height: total * ROW_HEIGHT }}>
          {rows}
        </div>
      </div>
      <p className="inbox-list__more muted" aria-live="polite">
        {loadingMore && total > 0 ? `Loading more responses… (${formatCount(total)} shown)` : hasMore(pages) ? '' : total > PAGE_SIZE ? `End of the list: ${formatCount(total)} responses.` : ''}
      </p>
    </>
  )
}
