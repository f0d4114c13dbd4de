import type { ZodType } from 'zod'
import { AppError, zodIssuesToFieldErrors } from '../../shared/errors'
import type { ProviderId } from '../../shared/providers'
import { providerName } from './wording'

/** The marker for a body that claimed to be JSON but was not; kept apart from `undefined` (no body). */
export class UnreadableJson {
  constructor(readonly reason: string) {}
}

/**
 * JSON when the content type says so, or when an unlabelled body looks like JSON (providers forget the
 * header); an empty body (204) is undefined; anything else stays text.
 */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === '') return undefined
  const saysJson = /\bjson\b/i.test(contentType ?? '')
  const looksJson = /^\s*[[{"]/.test(text)
  if (!saysJson && !looksJson) return text
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    return saysJson ? new UnreadableJson((err as Error).message) : text
  }
}

/** A 2xx body checked against the client's schema; a mismatch names the operation and each field. */
export function readWithSchema<T>(body: unknown, schema: ZodType<T>, provider: ProviderId, operation: string): T {
  if (body instanceof UnreadableJson) {
    throw new AppError('provider', `${providerName(provider)} sent an answer Survey Desk could not read (${operation}): it is not valid JSON.`)
  }
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const details = zodIssuesToFieldErrors(parsed.error)
  const first = details[0]
  const where = first ? `${first.field || 'the answer'}: ${first.message}` : 'unexpected shape'
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : ''
  throw new AppError('provider', `${providerName(provider)} sent an answer Survey Desk could not read (${operation}): ${where}${more}`, { details })
}
