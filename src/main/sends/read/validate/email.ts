const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/
const DOMAIN = /^([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u

/**
 * An address a mail server would accept, in the form people really type: local part of atoms
 * separated by single dots, a domain of labels ending in a real-looking top-level domain.
 * "mailto:" and angle brackets (pasted from a mail client) are removed; the domain is lower-cased.
 */
export function normalizeEmail(raw: string): { ok: true; email: string } | { ok: false; message: string } {
  let text = raw.trim()
  if (/^mailto:/i.test(text)) text = text.slice(7)
  const angled = /^[^<>]*<([^<>]+)>$/.exec(text)
  if (angled) text = angled[1]!.trim()
  const at = text.lastIndexOf('@')
  if (at <= 0 || at === text.length - 1) return { ok: false, message: `"${raw}" is not an email address (no @ with text either side)` }
  const local = text.slice(0, at)
  const domain = text.slice(at + 1).toLowerCase()
  if (text.length > 254 || local.length > 64) return { ok: false, message: `"${raw}" is too long for an email address` }
  if (!LOCAL.test(local)) return { ok: false, message: `"${raw}" is not an email address (the part before @ has spaces or characters not allowed there)` }
  if (!DOMAIN.test(domain)) return { ok: false, message: `"${raw}" is not an email address (the domain after @ is not valid)` }
  return { ok: true, email: `${local}@${domain}` }
}

/**
 * Duplicate key: the same mailbox whatever the case, spacing or mailto:/<> wrapping. Cheap on
 * purpose (the first pass computes it for every row); a malformed address fails validation anyway.
 */
export function emailKey(raw: string): string | null {
  let text = raw.trim().toLowerCase()
  if (text.startsWith('mailto:')) text = text.slice(7)
  const lt = text.indexOf('<')
  if (lt >= 0 && text.endsWith('>')) text = text.slice(lt + 1, -1).trim()
  const at = text.lastIndexOf('@')
  // A copy, not a slice: a cell is a slice of a 256 KB chunk of the file, and a kept slice keeps the chunk.
  return at > 0 && at < text.length - 1 ? copyString(text) : null
}

function copyString(text: string): string {
  // Slicing a concatenation makes V8 flatten it into a new string; the result no longer points into the chunk.
  return (' ' + text).slice(1)
}
