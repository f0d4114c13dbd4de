/**
 * SMS length as a phone network counts it (3GPP TS 23.038 / 23.040): a message that fits the GSM-7
 * alphabet travels in 7-bit septets, 160 to a single message or 153 to each part of a concatenated one
 * (the user-data header takes the rest); one character outside it switches the whole message to UCS-2,
 * 70 / 67 UTF-16 code units. Characters of the GSM-7 extension table are sent as ESC + character and
 * count twice. A part never splits an escape pair or a surrogate pair, so segments are packed, not divided.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SmsCount {
  encoding: SmsEncoding
  /** Characters as the user sees them (code points). */
  characters: number
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the message takes. */
  units: number
  /** 0 for an empty message. */
  segments: number
  /** Capacity of each segment for this message: 160 / 153 (GSM-7), 70 / 67 (UCS-2). */
  perSegment: number
  /** Units still free in the last segment before another one is needed. */
  remaining: number
  /** The distinct characters, in order of first appearance, that forced UCS-2; empty for GSM-7. */
  ucs2Characters: string[]
}

// The GSM 03.38 default alphabet (the ESC position 0x1B is left out: it is not a character of its own).
const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
  )
)
// The extension table reached through ESC: two septets each.
const GSM7_EXTENDED = new Set(Array.from('\f^{}\\[~]|€'))

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 }
}

/** Septets one character takes in GSM-7, or null when it is not in the alphabet. */
export function gsm7Width(ch: string): 1 | 2 | null {
  if (GSM7_BASIC.has(ch)) return 1
  if (GSM7_EXTENDED.has(ch)) return 2
  return null
}

/** Packs indivisible widths into parts of `capacity` units. */
function pack(widths: number[], capacity: number): { segments: number; lastUsed: number } {
  let segments = 1
  let used = 0
  for (const w of widths) {
    if (used + w > capacity) {
      segments += 1
      used = 0
    }
    used += w
  }
  return { segments, lastUsed: used }
}

export function countSms(text: string): SmsCount {
  const chars = Array.from(text)
  const ucs2Characters: string[] = []
  const seen = new Set<string>()
  for (const ch of chars) {
    if (gsm7Width(ch) === null && !seen.has(ch)) {
      seen.add(ch)
      ucs2Characters.push(ch)
    }
  }
  const encoding: SmsEncoding = ucs2Characters.length === 0 ? 'GSM-7' : 'UCS-2'
  // UCS-2 on the wire is UTF-16: a character beyond the BMP (most emoji) is a surrogate pair, two units.
  const widths = chars.map((ch) => (encoding === 'GSM-7' ? (gsm7Width(ch) as number) : ch.length))
  const units = widths.reduce((a, b) => a + b, 0)
  const limit = LIMITS[encoding]
  if (units === 0) {
    return { encoding, characters: 0, units: 0, segments: 0, perSegment: limit.single, remaining: limit.single, ucs2Characters }
  }
  if (units <= limit.single) {
    return { encoding, characters: chars.length, units, segments: 1, perSegment: limit.single, remaining: limit.single - units, ucs2Characters }
  }
  const { segments, lastUsed } = pack(widths, limit.part)
  return { encoding, characters: chars.length, units, segments, perSegment: limit.part, remaining: limit.part - lastUsed, ucs2Characters }
}
