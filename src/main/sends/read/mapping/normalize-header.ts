/** A header name reduced to what matters for matching: lower case, no accents, letters and digits only ("E-mailadres" -> "emailadres"). */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}
