import type { ReactNode } from 'react'

/**
 * Folds a string the way the search index does (unicode61, diacritics removed, case-insensitive) while
 * remembering where each folded character came from, so a match on "societe" marks "société" in the original.
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = ''
  const origin: number[] = []
  let i = 0
  for (const ch of text) {
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    for (let k = 0; k < base.length; k++) {
      folded += base[k]
      origin.push(i)
    }
    i += ch.length
  }
  origin.push(text.length)
  return { folded, origin }
}

function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()
}

/** [start, end) ranges in the original text; terms match at word starts (as FTS prefix terms do). */
export function matchRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const wanted = [...new Set(terms.map(foldTerm).filter((t) => t.length > 0))]
  if (wanted.length === 0 || !text) return []
  const { folded, origin } = fold(text)
  const ranges: Array<[number, number]> = []
  for (const term of wanted) {
    let at = folded.indexOf(term)
    while (at >= 0) {
      const before = at === 0 ? '' : folded[at - 1]!
      if (at === 0 || !/[\p{L}\p{N}]/u.test(before)) {
        const start = origin[at]!
        // Extend to the end of the word: the index matched the whole token.
        let end = at + term.length
        while (end < folded.length && /[\p{L}\p{N}]/u.test(folded[end]!)) end++
        ranges.push([start, origin[end] ?? text.length])
      }
      at = folded.indexOf(term, at + 1)
    }
  }
  ranges.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}

/** The text with every match wrapped in <mark>. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  const ranges = matchRanges(text, terms)
  if (ranges.length === 0) return <>{text}</>
  const parts: ReactNode[] = []
  let pos = 0
  for (const [s, e] of ranges) {
    if (s > pos) parts.push(text.slice(pos, s))
    parts.push(<mark key={s}>{text.slice(s, e)}</mark>)
    pos = e
  }
  if (pos < text.length) parts.push(text.slice(pos))
  return <>{parts}</>
}
