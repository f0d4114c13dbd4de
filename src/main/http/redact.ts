/** Stands in for every secret in text the HTTP layer produces (log lines, error messages, details). */
export const REDACTED = '[redacted]'

/** Shorter strings would turn ordinary words into '[redacted]' without protecting anything real. */
const MIN_SECRET_LENGTH = 4

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

/**
 * Every way a secret can appear on the wire: as is, URL-encoded, and base64-encoded the way HTTP Basic
 * auth carries it ('user:pass', ':pass' with a blank username, 'key:' with a blank password).
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return []
  const forms = new Set([secret, encodeURIComponent(secret), b64(secret), b64(`:${secret}`), b64(`${secret}:`)])
  // A base64 value may be quoted without its '=' padding; the unpadded form is still the secret.
  for (const form of [...forms]) {
    const unpadded = form.replace(/=+$/, '')
    if (unpadded.length >= MIN_SECRET_LENGTH) forms.add(unpadded)
  }
  return [...forms]
}

/** Replaces every secret (and each of its wire forms) in `text` with '[redacted]'. */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length)
  let out = text
  for (const form of forms) out = out.split(form).join(REDACTED)
  return out
}
