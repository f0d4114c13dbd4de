/**
 * A read-only list whose items are computed from their index on demand and never stored, so a
 * simulator can serve 1,000,000 generated responses in constant memory. Pair it with `rngFor(seed,
 * stream, index)` so item N is the same every time and on every run.
 */
export interface LazyList<T> {
  readonly length: number
  /** The item at index (0-based); undefined outside 0..length-1. */
  at(index: number): T | undefined
  /** Items [start, end) clamped to the list, computed now. */
  slice(start: number, end?: number): T[]
}

export function lazyList<T>(length: number, make: (index: number) => T): LazyList<T> {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`lazyList: bad length ${length}`)
  return {
    length,
    at(index) {
      return Number.isInteger(index) && index >= 0 && index < length ? make(index) : undefined
    },
    slice(start, end = length) {
      const from = Math.max(0, Math.min(length, Math.trunc(start)))
      const to = Math.max(from, Math.min(length, Math.trunc(end)))
      const out: T[] = []
      for (let i = from; i < to; i++) out.push(make(i))
      return out
    }
  }
}
