import { createHash } from 'node:crypto'
import type { SendMapping } from '../types'
import { normalizeHeader } from './normalize-header'

/**
 * Identifies a header layout: the same header names in the same order give the same signature,
 * whatever their case, accents, spacing or punctuation, so next week's export of the same report
 * finds the mapping saved for this one.
 */
export function headerSignature(headers: readonly string[]): string {
  const canonical = headers.map(normalizeHeader).join('\u001f')
  return `h1:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`
}

/** Every column the mapping reads still exists and still has the header it was mapped from. */
export function mappingFitsHeaders(mapping: SendMapping, headers: readonly string[]): boolean {
  return Object.values(mapping.fields).every((source) => {
    if (!('column' in source)) return true
    const header = headers[source.column]
    return header !== undefined && normalizeHeader(header) === normalizeHeader(source.header)
  })
}
