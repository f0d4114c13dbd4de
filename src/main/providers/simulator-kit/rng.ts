/**
 * Seeded, deterministic randomness for simulators. Every random choice a simulator makes (fake
 * data, which request fails) comes from here, so a seed reproduces a run exactly.
 *
 * `rngFor(seed, 'response', 734_512)` derives the stream of one item straight from its key, without
 * stepping through the items before it: that is what lets a simulator serve a million generated
 * rows lazily, computing row N only when a page that holds it is asked for.
 */

export type Seed = number | string
export type RngKey = string | number

export interface Rng {
  /** Next raw 32-bit unsigned integer. */
  next(): number
  /** Uniform in [0, 1). */
  float(): number
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** true with probability p (p <= 0 never, p >= 1 always). */
  chance(p: number): boolean
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T
  /** An independent stream derived from this one's seed and more keys (does not advance this one). */
  fork(...keys: RngKey[]): Rng
}

/** A stream for a seed alone. */
export function createRng(seed: Seed): Rng {
  return rngFor(seed)
}

/**
 * An independent deterministic stream per (seed, ...keys). Same arguments, same values, on any
 * machine; a different key gives an unrelated stream. O(1) in the key values.
 */
export function rngFor(seed: Seed, ...keys: RngKey[]): Rng {
  const path = [seed, ...keys]
  return makeRng(hashKeys(path), path)
}

function makeRng(initial: number, path: readonly RngKey[]): Rng {
  let state = initial >>> 0
  // mulberry32: tiny, fast, good enough statistically for test data, and pure 32-bit integer math.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const float = (): number => next() / 4294967296
  const rng: Rng = {
    next,
    float,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`rng.int: need integers min <= max, got ${min}..${max}`)
      }
      return min + Math.floor(float() * (max - min + 1))
    },
    chance(p) {
      if (p <= 0) return false
      if (p >= 1) return true
      return float() < p
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('rng.pick: empty array')
      return items[Math.floor(float() * items.length)] as (typeof items)[number]
    },
    weighted(entries) {
      let total = 0
      for (const [, w] of entries) {
        if (!(w >= 0)) throw new RangeError(`rng.weighted: negative or NaN weight ${w}`)
        total += w
      }
      if (total <= 0) throw new RangeError('rng.weighted: weights sum to zero')
      let roll = float() * total
      for (const [value, w] of entries) {
        if (roll < w) return value
        roll -= w
      }
      // Floating-point leftovers land on the last entry that has weight.
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i] as readonly [(typeof entries)[number][0], number]
        if (entry[1] > 0) return entry[0]
      }
      throw new RangeError('rng.weighted: no entry has weight')
    },
    fork(...keys) {
      return rngFor(path[0] as Seed, ...path.slice(1), ...keys)
    }
  }
  return rng
}

/** Hashes the typed key path to a 32-bit seed (FNV-1a over the parts, murmur3 finaliser per part). */
function hashKeys(parts: readonly RngKey[]): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    // The type tag keeps 1 and '1' apart; the separator keeps ('ab','c') apart from ('a','bc').
    const text = `${typeof part === 'number' ? 'n' : 's'}${String(part)}\u0000`
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h = fmix32(h)
  }
  return h >>> 0
}

function fmix32(x: number): number {
  let h = x >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
