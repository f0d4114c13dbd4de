import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string }

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e\+?\d+$/i
const EXCEL_TEXT_FORMULA = /^="(.*)"$/
const ALLOWED = /^\+?[\d\s().\-/]+$/

/**
 * Cleans what spreadsheets do to phone numbers: ="0472..." text formulas, a ".0" left by a number
 * format, "tel:" links. Scientific notation (3.2471E+10) has lost digits, so it is refused.
 */
function clean(raw: string): { ok: true; text: string; digits: string } | { ok: false; message: string } {
  let text = raw.trim()
  const formula = EXCEL_TEXT_FORMULA.exec(text)
  if (formula) text = formula[1]!.trim()
  if (/^tel:/i.test(text)) text = text.slice(4)
  if (SCIENTIFIC.test(text)) {
    return { ok: false, message: `"${raw}" was turned into scientific notation by a spreadsheet and has lost digits: format the column as text and export again` }
  }
  if (/^\d+\.0+$/.test(text)) text = text.replace(/\.0+$/, '')
  if (!ALLOWED.test(text)) return { ok: false, message: `"${raw}" is not a phone number` }
  return { ok: true, text, digits: text.replace(/\D/g, '') }
}

/**
 * A phone number to E.164 with the user's default country for numbers written without one. A "+"
 * or "00" prefix means international. Numbers with neither are tried as national (a leading 0 that
 * a spreadsheet dropped included: 472 30 67 05 is 0472 30 67 05), then as international (a "+" that
 * was dropped: 32472306705). `mobileOnly` refuses numbers that cannot receive an SMS.
 */
export function normalizePhone(raw: string, country: string, mobileOnly: boolean): PhoneResult {
  const cleaned = clean(raw)
  if (!cleaned.ok) return cleaned
  const { text, digits } = cleaned
  if (digits.length < 5 || digits.length > 17) return { ok: false, message: `"${raw}" is not a phone number (${digits.length} digits)` }
  const candidates = text.startsWith('+')
    ? [`+${digits}`]
    : digits.startsWith('00')
      ? [`+${digits.slice(2)}`]
      : digits.startsWith('0')
        ? [digits]
        : [digits, `+${digits}`]
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, country as CountryCode)
    if (!parsed) continue
    // With the full ("max") metadata a number is valid exactly when it has a type, so one lookup
    // answers both questions; isValid() is asked only for the rare number without a type.
    const type = parsed.getType()
    if (type === undefined && !parsed.isValid()) continue
    if (mobileOnly && type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
      return { ok: false, message: `${parsed.number} is not a mobile number (${type.toLowerCase().replace(/_/g, ' ')}): a text message needs a mobile` }
    }
    return { ok: true, e164: parsed.number }
  }
  return { ok: false, message: `"${raw}" is not a valid phone number${text.startsWith('+') || digits.startsWith('00') ? '' : ` for ${country}`}` }
}

/**
 * Duplicate key without the cost of full validation: the digits in international form as a number
 * (at most 15 digits: exact in a double, and far smaller to keep for every row than a string),
 * recovering a dropped "+" or trunk 0 the same way for every row, so "+32 472 30 67 05",
 * "0032472306705", "0472/30.67.05" and "472306705" share one key.
 */
export function phoneKey(raw: string, country: string): number | null {
  const cleaned = clean(raw)
  if (!cleaned.ok) return null
  const { text, digits } = cleaned
  const cc = callingCode(country)
  let international: string
  if (text.startsWith('+')) international = digits
  else if (digits.startsWith('00')) international = digits.slice(2)
  else if (digits.startsWith('0')) international = cc + digits.slice(1)
  else if (digits.startsWith(cc) && digits.length >= 10) international = digits
  else international = cc + digits
  return international.length >= 8 && international.length <= 15 ? Number(international) : null
}

const callingCodes = new Map<string, string>()
function callingCode(country: string): string {
  let cc = callingCodes.get(country)
  if (cc === undefined) {
    try {
      cc = getCountryCallingCode(country as CountryCode)
    } catch {
      cc = ''
    }
    callingCodes.set(country, cc)
  }
  return cc
}

/** The default country is one libphonenumber knows. */
export function isKnownCountry(country: string): boolean {
  return callingCode(country) !== ''
}
