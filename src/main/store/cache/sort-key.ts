/**
 * responses.id is a time-ordered key: responded_ms * 2048 + n, n counting rows that share a
 * millisecond. Sorting by id is sorting newest first (ties in insertion order), which lets the
 * table's rowid order, every index (SQLite appends the rowid to each entry) and FTS5 (whose rowid
 * is this id) serve "newest first" without a sort. It stays below 2^53 until the year 2109 so
 * JavaScript numbers hold it exactly.
 *
 * A millisecond holds 2048 rows; providers that send only seconds or days can put more at one
 * instant, so a full bucket spills into the following milliseconds, at most SPILL_MS of them: a
 * period filter widens its upper id bound by that much and checks responded_ms for exactness.
 */

export const PER_MS = 2048
export const SPILL_MS = 60_000
/** Dates outside [1970, 2109) are clamped: a bogus date still gets a key, at the edge. */
const MAX_MS = 2 ** 42 - SPILL_MS - 1

export function clampMs(ms: number): number {
  return Math.min(Math.max(0, Math.floor(ms)), MAX_MS)
}

/** The lowest id a row responded at or after `ms` can have. */
export function lowestKeyAt(ms: number): number {
  return clampMs(ms) * PER_MS
}

/** An id above every row that responded before `ms` (spilled rows included). */
export function keyBoundBefore(ms: number): number {
  return (clampMs(ms) + SPILL_MS) * PER_MS
}

export function bucketOf(id: number): number {
  return Math.floor(id / PER_MS)
}
