import type { CsvEncoding } from '../types'

/** Encodings a spreadsheet export arrives in; how many bytes its byte-order mark takes (0 when absent). */
export interface DetectedEncoding {
  encoding: CsvEncoding
  bomLength: number
}

/**
 * Decides a file's encoding from its first bytes: a BOM wins; UTF-16 without a BOM shows as NUL
 * bytes in every other position (Latin text); otherwise UTF-8 when the bytes are valid UTF-8, else
 * a single-byte Western encoding. Windows-1252 and ISO-8859-15 differ only where 1252 has printable
 * characters in 0x80–0x9F (control codes in 8859-15) and where 8859-15 puts € at 0xA4.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 }
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 }
  const utf16 = utf16WithoutBom(sample)
  if (utf16) return { encoding: utf16, bomLength: 0 }
  if (firstInvalidUtf8(sample, true) < 0) return { encoding: 'utf-8', bomLength: 0 }
  let c1Controls = false
  let a4 = false
  for (const b of sample) {
    if (b >= 0x80 && b <= 0x9f) c1Controls = true
    else if (b === 0xa4) a4 = true
  }
  return { encoding: !c1Controls && a4 ? 'iso-8859-15' : 'windows-1252', bomLength: 0 }
}

/** Byte-order-mark length for an encoding the caller chose, when the file has that BOM. */
export function bomLengthFor(encoding: CsvEncoding, sample: Uint8Array): number {
  const found = detectEncoding(sample)
  return found.bomLength > 0 && found.encoding === encoding ? found.bomLength : 0
}

function utf16WithoutBom(sample: Uint8Array): CsvEncoding | null {
  const pairs = Math.min(sample.length >> 1, 2048)
  if (pairs < 2) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZeros++
    if (sample[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be'
  return null
}

/**
 * Index of the first byte that is not valid UTF-8, or -1. With `truncatedEndOk`, a sequence cut
 * off by the end of the buffer counts as valid (a sample ends mid-character).
 */
export function firstInvalidUtf8(bytes: Uint8Array, truncatedEndOk = false): number {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1
      min = 0x80
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      min = 0x800
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      min = 0x10000
    } else return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined) return truncatedEndOk ? -1 : i
      if ((c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}

/** Bytes a decoded string took in the file, so errors can name a byte offset. */
export function byteLengthFn(encoding: CsvEncoding): (text: string) => number {
  if (encoding === 'utf-8') return (text) => Buffer.byteLength(text, 'utf8')
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return (text) => text.length * 2
  return (text) => text.length
}
