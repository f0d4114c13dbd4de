import { normalizeEmail } from '../read/validate/email'
import { normalizePhone } from '../read/validate/phone'

/**
 * Contact keys for suppression and the over-survey rule. They reuse the file validator's own
 * normalisers, so an address or number from a provider's opt-out list compares equal to the same
 * person's cleaned row from a CSV.
 */

/** Lower-cased e-mail address (the whole of it: mailboxes are matched case-insensitively), or null when it is not one. */
export function normaliseEmail(value: string | null | undefined): string | null {
  const v = value?.trim()
  if (!v) return null
  const result = normalizeEmail(v)
  return result.ok ? result.email.toLowerCase() : null
}

/** E.164 for a phone number written with or without its country code, or null when it is not one. */
export function normalisePhone(value: string | null | undefined, defaultCountry: string | null): string | null {
  const v = value?.trim()
  if (!v) return null
  const result = normalizePhone(v, defaultCountry ?? '', false)
  return result.ok ? result.e164 : null
}
