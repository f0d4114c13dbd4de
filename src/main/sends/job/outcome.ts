import type { AppError } from '../../../shared/errors'
import { isCancelled } from '../../http'

/**
 * What a failed call means for its rows. A send is only repeated when the provider's answer proves
 * it did nothing: a 429 or a 503 (it refused to take the request), a connection that was never
 * made. Anything that may have reached the provider (another 5xx, a dropped connection, a timeout
 * waiting for the answer) makes the row `unknown`: it is looked up at the provider where the API
 * allows, and otherwise the user decides.
 */
export type CallOutcome =
  | { kind: 'retry'; detail: string; rateLimited: boolean }
  | { kind: 'uncertain'; detail: string }
  | { kind: 'failed'; detail: string }
  /** The whole job cannot go on (the credentials were refused): rows go back to pending. */
  | { kind: 'stop'; detail: string }

/** Phrases network-errors.ts uses for failures where nothing was sent (see test/unit/sends-job-outcome.test.ts). */
const NEVER_CONNECTED = [/connection was refused/, /server name could not be found/, /network is unreachable/, /connecting took longer/]

export function classify(err: AppError): CallOutcome {
  const detail = err.message
  switch (err.code) {
    case 'rate_limited':
      return { kind: 'retry', detail, rateLimited: true }
    case 'unauthorized':
    case 'forbidden':
      // CustomerSure answers unpermitted parameters with 403 too; with field details it is the row's fault.
      return err.details.length > 0 ? { kind: 'failed', detail } : { kind: 'stop', detail }
    case 'validation':
    case 'not_found':
    case 'conflict':
    case 'unsupported':
      return { kind: 'failed', detail }
    case 'network':
      // The runner never aborts a send on the wire; should one be, it may have arrived.
      if (isCancelled(err)) return { kind: 'uncertain', detail }
      return NEVER_CONNECTED.some((re) => re.test(detail)) ? { kind: 'retry', detail, rateLimited: false } : { kind: 'uncertain', detail }
    case 'provider':
      if (/\(status 503\)/.test(detail)) return { kind: 'retry', detail, rateLimited: false }
      // Retryable 'provider' errors are the other 5xx; a non-retryable one (402, an unreadable 2xx) is final.
      return err.retryable ? { kind: 'uncertain', detail } : /could not read/.test(detail) ? { kind: 'uncertain', detail } : { kind: 'failed', detail }
    default:
      return { kind: 'uncertain', detail }
  }
}
