import type { MappingSource, SendMapping, SendProvider } from '../types'
import { normalizeHeader } from './normalize-header'
import { SYNONYMS } from './synonyms'

/**
 * Suggests which column feeds which field. Every (field, column) pair is scored: the header equal
 * to a synonym scores highest (earlier synonyms a little more), a header containing a synonym of
 * four letters or more scores lower; pairs are then taken best-first so each column and each field
 * is used once. Nothing is suggested for a field without a convincing header.
 */
export function suggestMapping(provider: SendProvider, headers: readonly string[]): SendMapping {
  const normalized = headers.map(normalizeHeader)
  const candidates: Array<{ field: string; column: number; score: number }> = []
  for (const [field, synonyms] of Object.entries(SYNONYMS[provider])) {
    normalized.forEach((header, column) => {
      const score = scoreHeader(header, synonyms)
      if (score > 0) candidates.push({ field, column, score })
    })
  }
  candidates.sort((a, b) => b.score - a.score || a.column - b.column)
  const fields: Record<string, MappingSource> = {}
  const usedColumns = new Set<number>()
  for (const c of candidates) {
    if (fields[c.field] || usedColumns.has(c.column)) continue
    fields[c.field] = { column: c.column, header: headers[c.column] ?? '' }
    usedColumns.add(c.column)
  }
  return { provider, fields }
}

function scoreHeader(header: string, synonyms: readonly string[]): number {
  if (header === '') return 0
  let best = 0
  synonyms.forEach((synonym, rank) => {
    const rankBonus = Math.max(0, 50 - rank)
    if (header === synonym) best = Math.max(best, 1000 + rankBonus)
    else if (synonym.length >= 4 && header.includes(synonym)) best = Math.max(best, 100 + synonym.length * 10 + rankBonus / 10)
  })
  return best
}
