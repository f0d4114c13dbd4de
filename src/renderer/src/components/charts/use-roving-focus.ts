import { useRef, useState, type KeyboardEvent } from 'react'

/**
 * One tab stop for a chart's marks: Tab lands on the current mark, arrows / Home / End move between
 * them, Enter or Space activates. Keeps a long series from costing dozens of Tab presses.
 */
export function useRovingFocus(count: number, onActivate?: (index: number) => void) {
  const [active, setActive] = useState(0)
  const refs = useRef<Array<SVGGElement | null>>([])
  const current = Math.min(active, Math.max(0, count - 1))

  function focus(i: number): void {
    const next = Math.max(0, Math.min(count - 1, i))
    setActive(next)
    refs.current[next]?.focus()
  }

  function onKeyDown(e: KeyboardEvent<SVGGElement>, i: number): void {
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: count - 1 }
    if (e.key in moves) {
      e.preventDefault()
      focus(moves[e.key]!)
    } else if ((e.key === 'Enter' || e.key === ' ') && onActivate) {
      e.preventDefault()
      onActivate(i)
    }
  }

  return {
    itemProps: (i: number) => ({
      ref: (el: SVGGElement | null) => {
        refs.current[i] = el
      },
      tabIndex: i === current ? 0 : -1,
      onKeyDown: (e: KeyboardEvent<SVGGElement>) => onKeyDown(e, i),
      onFocus: () => setActive(i),
      onClick: onActivate ? () => onActivate(i) : undefined
    })
  }
}
