import type { Response } from '../../../shared/domain/model'
import type { PageWrite } from '../cache-api'
import type { ReaderCore } from './reader-core'
import { contentHash, isStaleClaims, prepareResponses, rawTextOf, responseKey, type PreparedRow } from './response-row'

/** How many rows of a page are looked up before deciding how to prepare the rest (see prepare). */
const SAMPLE_ROWS = 8

/**
 * Response pages prepared by a thread that can read the cache itself (the sync worker's inline
 * reader): rows expected stored with the same hash go to the writer as UnchangedClaims, so a re-sync
 * hashes each row but flattens and sends only what changed (bench/store-ingest).
 *
 * The first few rows of a page are looked up (~4.6 µs a row), and decide:
 * - none stored (a first sync): every row is flattened, nothing is claimed;
 * - all stored unchanged (a re-sync): every row is claimed without looking the rest up. The writer
 *   checks each claim before writing anything anyway; the rows whose claims fail are sent again in
 *   full (reprepare). Looking every row up here as well cost the re-sync a third of its time;
 * - otherwise: every row is looked up, and only the rows stored unchanged are claimed.
 *
 * The read sees what the writer thread has committed, not the pages prepared and still on their way
 * to it; a key of such a page could change before a claim about it lands. So a key is never claimed
 * while a page carrying it is pending: from its prepare until its write settles. And the cache hands
 * the writer nothing after a page with claims until that page settles (cache/index.ts), so a page
 * sent again follows nothing written since.
 */
export class ClaimingPreparer {
  private readonly pending = new Map<string, number>()
  private readonly keysOf = new WeakMap<object, string[]>()

  constructor(private readonly reader: ReaderCore) {}

  prepare<W extends PageWrite>(write: W): W {
    if (write.entity !== 'response' || write.prepared) return write
    const items = write.items as Response[]
    const scope = scopeOf(write)
    const free = items.filter((item) => !this.pending.has(scope + responseKey(item.kind, item.externalId)))
    const sampled = free.slice(0, SAMPLE_ROWS)
    const sample = this.reader.storedResponseHashes(write.connectionId, sampled)
    let claim: ((key: string, hash: string) => boolean) | undefined
    if (sample.size === 0) claim = undefined
    else if (sampled.every((r) => sample.get(responseKey(r.kind, r.externalId)) === contentHash(write.connectionId, write.stream, r, rawTextOf(r)))) {
      claim = (key) => !this.pending.has(scope + key)
    } else {
      const stored = free.length <= SAMPLE_ROWS ? sample : this.reader.storedResponseHashes(write.connectionId, free)
      claim = (key, hash) => stored.get(key) === hash
    }
    const prepared = prepareResponses(write.connectionId, write.stream, items, claim)
    const keys = prepared.map((row) => scope + responseKey(row.kind, row.externalId))
    for (const key of keys) this.pending.set(key, (this.pending.get(key) ?? 0) + 1)
    this.keysOf.set(prepared, keys)
    return { ...write, prepared }
  }

  /**
   * The page again after the writer refused some of its claims (`err`, STALE_CLAIMS): those rows in
   * full, the other claims as they were (the writer found them holding). Null when `err` is another
   * failure, the page was not prepared here, or it no longer carries its items (a caller let them go):
   * then the failure stands, and the page is not written without the refused rows.
   */
  reprepare<W extends PageWrite>(write: W, err: unknown): W | null {
    const keys = write.prepared ? this.keysOf.get(write.prepared) : undefined
    if (!keys || !isStaleClaims(err) || write.items.length !== keys.length) return null
    const refused = new Set(err.details.map((d) => Number(d.field.replace(/^prepared\./, ''))))
    const claimed = new Set(write.prepared!.filter((row, i) => 'unchanged' in row && !refused.has(i)).map((row) => responseKey(row.kind, row.externalId)))
    const prepared: PreparedRow[] = prepareResponses(write.connectionId, write.stream, write.items as Response[], (key) => claimed.has(key))
    this.keysOf.delete(write.prepared!)
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

const scopeOf = (write: PageWrite): string => `${write.connectionId}\u0000`
