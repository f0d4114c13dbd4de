/**
 * A CSV that Excel opens correctly in any locale and that our reader takes back: UTF-8 with a BOM
 * (Excel otherwise guesses the ANSI code page), comma-separated, RFC 4180 quoting, CRLF line ends.
 * A cell starting with = + - @ (or a tab / carriage return) would be run as a formula by Excel
 * (CSV injection, OWASP); it is prefixed with a single quote, which Excel hides and shows as text.
 */

const FORMULA_START = /^[=+\-@\t\r]/

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** Undoes neutraliseCell on a re-imported file, so "'+32470…" is a phone number again. */
export function restoreCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function toExcelCsv(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => cells.map((c) => quote(neutraliseCell(c))).join(',')
  return '\uFEFF' + [line(headers), ...rows.map(line)].join('\r\n') + '\r\n'
}
