/**
 * The words of a search as FTS5's unicode61 tokenizer with remove_diacritics 2 sees them: split on
 * anything that is not a letter or digit, accents removed, lower case. These are also the terms
 * the UI highlights, so "Société" in a comment lights up for a search of "societe".
 */
export function searchTerms(search: string | undefined): string[] {
  if (!search) return []
  const words = foldText(search)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
  return [...new Set(words)].slice(0, 12)
}

export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * An FTS5 query matching rows that hold every term, each as a word prefix ("refund" finds
 * "refunded"): what a person typing into a search box expects. Terms are letters and digits
 * only, so quoting them cannot be escaped from.
 */
export function ftsQuery(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"*`).join(' AND ')
}
