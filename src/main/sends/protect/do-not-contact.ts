import type { DncImportResult } from '../../../shared/domain/sends'
import type { Ledger } from '../ledger/ledger'
import { normaliseEmail, normalisePhone } from './contact'

const MAX_REJECTED_LISTED = 200

/**
 * Imports a do-not-contact list: one e-mail address or phone number per line, or a CSV whose first
 * cell holds it. Addresses are lower-cased, numbers turned to E.164 with the default country; a
 * header line ("email", "phone") and blank lines are passed over; anything else unreadable is
 * reported with its line.
 */
export function importDoNotContact(ledger: Ledger, text: string, defaultCountry: string): DncImportResult {
  const entries: Array<{ value: string; kind: 'email' | 'phone' }> = []
  const rejected: DncImportResult['rejected'] = []
  let total = 0
  const seen = new Set<string>()
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  lines.forEach((line, i) => {
    const first = (line.split(/[,;\t]/)[0] ?? '').trim().replace(/^"(.*)"$/, '$1').trim()
    if (first === '') return
    if (i === 0 && /^(e-?mail|phone|mobile|number|contact|adres|adresse|téléphone|telefoon)/i.test(first)) return
    total += 1
    const email = first.includes('@') ? normaliseEmail(first) : null
    const phone = email ? null : normalisePhone(first, defaultCountry)
    const value = email ?? phone
    if (!value) {
      if (rejected.length < MAX_REJECTED_LISTED) rejected.push({ line: i + 1, value: first.slice(0, 200), reason: first.includes('@') ? 'not a valid e-mail address' : 'not a valid phone number' })
      return
    }
    if (seen.has(value)) return
    seen.add(value)
    entries.push({ value, kind: email ? 'email' : 'phone' })
  })
  const added = ledger.addDoNotContact(entries)
  return { added, alreadyListed: entries.length - added, rejected, total }
}
