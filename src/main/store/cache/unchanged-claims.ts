import type { Response } from '../../../shared/domain/model'
import type { PageWrite } from '../cache-api'
import type { ReaderCore } from './reader-core'
import { prepareResponses, responseKey } from './response-row'

/** How many rows of a page are looked up before the rest (see prepare). */
const SAMPLE_ROWS = 8

/**
 * Response pages prepared by a thread that can read the cache itself (the sync worker's inline
 * reader): rows already stored with the same hash go to the writer as UnchangedClaims, so a re-sync
 * hashes each row but flattens and sends only what changed (bench/store-ingest: the preparing
 * thread's ~25 µs a row of an unchanged re-sync was most of it).
 *
 * The read sees what the writer thread has committed, not the pages prepared and still on their way
 * to it; a key of such a page could change before a claim about it lands. So a key is never claimed
 * while a page carrying it is pending: from its prepare until its write settles.
 */
export class ClaimingPreparer {
  private readonly pending = new Map<string, number>()
  private readonly keysOf = new WeakMap<object, string[]>()

  constructor(private readonly reader: ReaderCore) {}

  prepare<W extends PageWrite>(write: W): W {
    if (write.entity !== 'response' || write.prepared) return write
    const items = write.items as Response[]
    const scope = `${write.connectionId}\u0000`
    const free = items.filter((item) => !this.pending.has(scope + responseKey(item.kind, item.externalId)))
    // A page of new rows (a first sync) skips the lookups (~4.6 µs a row): when none of its first
    // few rows is stored, it is written in full.
    const sample = this.reader.storedResponseHashes(write.connectionId, free.slice(0, SAMPLE_ROWS))
    const stored = sample.size === 0 ? undefined : free.length <= SAMPLE_ROWS ? sample : this.reader.storedResponseHashes(write.connectionId, free)
    const prepared = prepareResponses(write.connectionId, write.stream, items, stored)
    const keys = prepared.map((row) => scope + responseKey(row.kind, row.externalId))
    for (const key of keys) this.pending.set(key, (this.pending.get(key) ?? 0) + 1)
    this.keysOf.set(prepared, keys)
    return { ...write, prepared }
  }

  /** The write of a page from prepare() committed or failed: its keys may be claimed again. */
  settled(write: PageWrite): void {
    const keys = write.prepared ? this.keysOf.get(write.prepared) : undefined
    if (!keys) return
    this.keysOf.delete(write.prepared!)
    for (const key of keys) {
      const n = (this.pending.get(key) ?? 1) - 1
      if (n === 0) this.pending.delete(key)
      else this.pending.set(key, n)
    }
  }
}
