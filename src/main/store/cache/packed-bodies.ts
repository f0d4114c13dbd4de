import { BODY_COLUMNS, type PreparedRow } from './response-row'

/**
 * A page's body texts (~1.6 KB a response, most of what crosses to the writer) as UTF-8 in one
 * buffer, which postMessage transfers instead of copying. The writer binds each text as a view of
 * it, and SQL stores it with CAST(? AS TEXT): SQLite keeps the bytes as they are.
 *
 * Why: sent as strings, each text was copied out by the structured clone, copied in again as a new
 * string on the writer thread, then measured and converted to UTF-8 by the binding; the writer is
 * the sync's busiest thread. Binding the encoded bytes measured 1.4 µs a row less on the writer
 * alone (200k breakdown, 24.2 against 22.6 µs), before the clone's share.
 *
 * `ends[k]` is where text k ends; a row's texts are BODY_COLUMNS.length in a row, from `bodyAt`.
 */
export interface PackedBodies {
  bytes: Uint8Array
  ends: Uint32Array
}

const encoder = new TextEncoder()
const NO_BODY: string[] = []

/** The rows with their bodies moved into one buffer (rows that carry one get `bodyAt`); null when none does. */
export function packBodies(prepared: readonly PreparedRow[]): { prepared: PreparedRow[]; packed: PackedBodies } | null {
  let chars = 0
  let texts = 0
  for (const row of prepared) {
    if ('unchanged' in row) continue
    for (const text of row.body) chars += text.length
    texts += row.body.length
  }
  if (texts === 0) return null
  // Most of a body is ASCII: room for one byte a character, grown when a text needs more.
  let bytes = new Uint8Array(chars + 4096)
  const ends = new Uint32Array(texts)
  let at = 0
  let k = 0
  const rows = prepared.map((row): PreparedRow => {
    if ('unchanged' in row) return row
    const bodyAt = k
    for (const text of row.body) {
      for (;;) {
        const { read, written } = encoder.encodeInto(text, bytes.subarray(at))
        if (read === text.length) {
          at += written
          break
        }
        // A character takes at most 3 UTF-8 bytes per UTF-16 unit: this text fits next time.
        const grown = new Uint8Array(Math.max(bytes.length * 2, at + text.length * 3))
        grown.set(bytes.subarray(0, at))
        bytes = grown
      }
      ends[k++] = at
    }
    return { kind: row.kind, externalId: row.externalId, hash: row.hash, values: row.values, body: NO_BODY, respondedMs: row.respondedMs, labels: row.labels, bodyAt }
  })
  return { prepared: rows, packed: { bytes, ends } }
}

/** Row `bodyAt`'s texts as views of the packed bytes, in BODY_COLUMNS order. */
export function unpackBody(packed: PackedBodies, bodyAt: number): Uint8Array[] {
  const body: Uint8Array[] = []
  for (let k = bodyAt; k < bodyAt + BODY_COLUMNS.length; k++) body.push(packed.bytes.subarray(k === 0 ? 0 : packed.ends[k - 1], packed.ends[k]))
  return body
}
