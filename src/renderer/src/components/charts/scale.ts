/** Linear scales and readable tick values for the hand-written SVG charts. */

export type Domain = readonly [number, number]

export function linear(domain: Domain, range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain
  const [r0, r1] = range
  const span = d1 - d0 || 1
  return (v) => r0 + ((v - d0) / span) * (r1 - r0)
}

/** About `count` round tick values (1, 2, 2.5 or 5 × 10^k steps) covering the domain. */
export function ticks(domain: Domain, count = 5): number[] {
  const [lo, hi] = domain
  if (!(hi > lo)) return [lo]
  const raw = (hi - lo) / Math.max(1, count)
  const pow = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw
  const out: number[] = []
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step)
  return out
}

/** Extends a data-driven domain to round ends; a flat or empty series still gets a usable span. */
export function niceDomain(values: number[], floor?: number): Domain {
  const finite = values.filter((v) => Number.isFinite(v))
  if (finite.length === 0) return [floor ?? 0, (floor ?? 0) + 1]
  let lo = Math.min(...finite, floor ?? Infinity)
  let hi = Math.max(...finite)
  if (hi === lo) hi = lo + 1
  const t = ticks([lo, hi], 4)
  const step = t.length > 1 ? t[1]! - t[0]! : 1
  lo = Math.floor(lo / step) * step
  hi = Math.ceil(hi / step) * step
  return [lo, hi]
}

/** Which of n labels to print so they do not overlap: every k-th, always the last. */
export function labelStride(n: number, maxLabels: number): number {
  return Math.max(1, Math.ceil(n / Math.max(1, maxLabels)))
}
