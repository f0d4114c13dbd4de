/**
 * The simulator's seeded responses rendered to JSON text before it starts serving (the `prerender`
 * option), so that a million-row bench measures the app and not the simulator generating rows on
 * the same two cores: generating and serialising a row costs the simulator ~40 µs, a quarter of
 * this machine's CPU during a 1M sync, where CustomerGauge's own servers would cost the user's
 * machine nothing. The rows are the ones the on-the-fly path renders, byte for byte.
 *
 * Storage: UTF-8 chunks of ROWS_PER_CHUNK rows joined by ',', outside the JS heap (1M rows are
 * ~1.3 GB), with each row's byte offset, so a page of consecutive rows is one or two slices.
 */

const ROWS_PER_CHUNK = 4096

export interface PrerenderedRows {
  /** How many rows (indexes 0..count-1) are rendered. */
  count: number
  /** The rows lo..hi-1 (hi <= count) as slices to be joined by ','. */
  slices(lo: number, hi: number): Buffer[]
}

export function prerenderRows(count: number, render: (index: number) => string): PrerenderedRows {
  const chunks: Array<{ bytes: Buffer; starts: Uint32Array }> = []
  for (let first = 0; first < count; first += ROWS_PER_CHUNK) {
    const n = Math.min(ROWS_PER_CHUNK, count - first)
    const texts: string[] = new Array<string>(n)
    // starts[k] = byte offset of row k; starts[n] = length + 1, as if a ',' followed the last row.
    const starts = new Uint32Array(n + 1)
    let offset = 0
    for (let k = 0; k < n; k++) {
      texts[k] = render(first + k)
      starts[k] = offset
      offset += Buffer.byteLength(texts[k]!) + 1
    }
    starts[n] = offset
    chunks.push({ bytes: Buffer.from(texts.join(','), 'utf8'), starts })
  }
  return {
    count,
    slices(lo, hi) {
      if (lo < 0 || hi > count || lo > hi) throw new RangeError(`prerendered rows ${lo}..${hi} outside 0..${count}`)
      const out: Buffer[] = []
      while (lo < hi) {
        const c = Math.floor(lo / ROWS_PER_CHUNK)
        const { bytes, starts } = chunks[c]!
        const end = Math.min(hi, (c + 1) * ROWS_PER_CHUNK)
        out.push(bytes.subarray(starts[lo - c * ROWS_PER_CHUNK]!, starts[end - c * ROWS_PER_CHUNK]! - 1))
        lo = end
      }
      return out
    }
  }
}
