/** Rows handled between two turns of the event loop: a few milliseconds of work on 100,000-row files. */
const SLICE = 2000

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Maps a large array in slices, yielding between them, so the main process never stalls on a big file. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U): Promise<U[]> {
  const out: U[] = new Array<U>(items.length)
  for (let start = 0; start < items.length; start += SLICE) {
    if (start > 0) await nextTurn()
    const end = Math.min(items.length, start + SLICE)
    for (let i = start; i < end; i++) out[i] = fn(items[i]!, i)
  }
  return out
}
