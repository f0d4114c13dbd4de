/**
 * A JSON object body whose member `key` is an array (CustomerGauge's `{"data":[...],"cursor":{...}}`),
 * parsed element by element from its UTF-8 bytes, each element decoded apart, with each element's
 * exact text kept. The sync stores each item's own JSON (the `raw` of DESIGN.md) and hashes it to
 * tell an unchanged row.
 *
 * Why per element: V8 stores a string in one byte per character only when every character is
 * Latin-1. One typographic apostrophe (’, as in "Centre d’appels") anywhere in a page made the whole
 * decoded body two-byte, and with it every item text sliced from it: twice the bytes to hash, copy
 * between threads and collect, and a slower JSON.parse. Decoded apart, only the items holding such a
 * character are two-byte (2.6% of the simulator's; measured: decoding, parsing and splitting a page
 * 6.9 µs a row against 9.0 for the whole-body parse and the text scan it replaced).
 *
 * Same result as decoding and parsing the whole body: every split falls on an ASCII byte, which
 * UTF-8 never uses inside a multi-byte character and a decoder never swallows into a broken one,
 * so the pieces decode to the whole's text. The envelope (the body with the array emptied) and each
 * element are each given to JSON.parse, and the separators between elements are checked here, so the
 * pieces parse exactly when the whole would. Anything unusual (a byte-order mark, the key written
 * with escapes or twice, the member not an array, text JSON.parse refuses) answers null, and the
 * caller parses the whole body as before, with its usual error.
 */
export interface SplitBody {
  /** What JSON.parse of the whole body gives. */
  value: Record<string, unknown>
  /** Each element of `value[key]` as written in the body (value[key][k] = JSON.parse(itemTexts[k])). */
  itemTexts: string[]
}

const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const COLON = 58

export function parseWithItemTexts(bytes: Uint8Array, key: string): SplitBody | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const wanted = Buffer.from(JSON.stringify(key))
  const n = buf.length
  let i = skipSpace(buf, 0)
  if (buf[i] !== OPEN_BRACE) return null
  i = skipSpace(buf, i + 1)
  let array: { open: number; close: number; items: Array<[number, number]> } | null = null
  while (i < n && buf[i] === QUOTE) {
    const keyEnd = skipString(buf, i)
    const isKey = keyEnd - i === wanted.length && buf.compare(wanted, 0, wanted.length, i, keyEnd) === 0
    i = skipSpace(buf, keyEnd)
    if (buf[i] !== COLON) return null
    i = skipSpace(buf, i + 1)
    if (isKey) {
      // The member twice: JSON.parse keeps the last, which this split would not be.
      if (array !== null || buf[i] !== OPEN_BRACKET) return null
      array = elements(buf, i)
      if (array === null) return null
      i = array.close + 1
    } else i = skipValue(buf, i)
    i = skipSpace(buf, i)
    if (buf[i] !== COMMA) break
    i = skipSpace(buf, i + 1)
  }
  if (array === null) return null
  try {
    const envelope = JSON.parse(buf.toString('utf8', 0, array.open + 1) + buf.toString('utf8', array.close, n)) as unknown
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return null
    const value = envelope as Record<string, unknown>
    // The emptied array is the member's value, as the scan found it.
    const emptied = value[key]
    if (!Array.isArray(emptied) || emptied.length !== 0) return null
    const itemTexts = array.items.map(([start, end]) => buf.toString('utf8', start, end))
    value[key] = itemTexts.map((text) => JSON.parse(text) as unknown)
    return { value, itemTexts }
  } catch {
    return null
  }
}

/** `open` at '[': each element's byte range, and the index of the closing ']'; null when the separators are not JSON's. */
function elements(buf: Buffer, open: number): { open: number; close: number; items: Array<[number, number]> } | null {
  const items: Array<[number, number]> = []
  let i = skipSpace(buf, open + 1)
  if (buf[i] === CLOSE_BRACKET) return { open, close: i, items }
  for (;;) {
    if (i >= buf.length) return null
    const end = skipValue(buf, i)
    if (end === i) return null
    items.push([i, end])
    i = skipSpace(buf, end)
    const c = buf[i]
    if (c === CLOSE_BRACKET) return { open, close: i, items }
    if (c !== COMMA) return null
    i = skipSpace(buf, i + 1)
  }
}

function skipSpace(buf: Buffer, i: number): number {
  for (;;) {
    const c = buf[i]
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i
    i++
  }
}

/** `i` at an opening quote: the index after the closing one. */
function skipString(buf: Buffer, i: number): number {
  for (i++; i < buf.length; i++) {
    const c = buf[i]
    if (c === BACKSLASH) i++
    else if (c === QUOTE) return i + 1
  }
  return i
}

/** `i` at the first byte of a value: the index after its last (JSON.parse judges the value itself). */
function skipValue(buf: Buffer, i: number): number {
  const first = buf[i]
  if (first === QUOTE) return skipString(buf, i)
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0
    for (; i < buf.length; i++) {
      const c = buf[i]
      if (c === QUOTE) i = skipString(buf, i) - 1
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1
    }
    return i
  }
  // A number, true, false or null: up to the next delimiter.
  for (; i < buf.length; i++) {
    const c = buf[i]
    if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || c === 32 || c === 10 || c === 13 || c === 9) return i
  }
  return i
}
