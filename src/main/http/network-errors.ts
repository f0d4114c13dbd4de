import { AppError } from '../../shared/errors'
import type { ProviderId } from '../../shared/providers'
import type { Timeouts } from './types'
import { durationInWords, providerName } from './wording'

/**
 * A request stopped through its AbortSignal. Crosses IPC as code 'network', not retryable, with a
 * message saying it was cancelled; in process, `instanceof RequestCancelledError` tells it apart.
 */
export class RequestCancelledError extends AppError {
  constructor(provider: ProviderId, operation: string) {
    super('network', `Cancelled: the request to ${providerName(provider)} (${operation}) was stopped before it finished.`, { retryable: false })
    this.name = 'RequestCancelledError'
  }
}

export function isCancelled(err: unknown): err is RequestCancelledError {
  return err instanceof RequestCancelledError
}

/** The code of a connection error; Node puts the real one on an AggregateError's members when it tried several addresses. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const e = err as { code?: unknown; errors?: unknown; cause?: unknown }
  if (typeof e.code === 'string') return e.code
  if (Array.isArray(e.errors)) for (const inner of e.errors) { const c = errorCode(inner); if (c) return c }
  if (e.cause) return errorCode(e.cause)
  return undefined
}

function whatHappened(code: string | undefined, timeouts: Timeouts): { text: string; retryable: boolean } {
  switch (code) {
    case 'ECONNREFUSED':
      return { text: 'the connection was refused (is the address right, and is the service up?)', retryable: true }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { text: 'its server name could not be found (check the address and the internet connection)', retryable: true }
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return { text: 'the connection was dropped before an answer arrived', retryable: true }
    // undici's retry interceptor tries to resume a dropped answer with a Range request; providers answer
    // those with the whole body again, which it refuses. Either way: the answer was cut off.
    case 'UND_ERR_REQ_RETRY':
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return { text: 'the connection was dropped before the whole answer arrived', retryable: true }
    case 'ENETDOWN':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'EHOSTUNREACH':
      return { text: 'the network is unreachable (check the internet connection)', retryable: true }
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { text: `connecting took longer than ${durationInWords(timeouts.connectMs)}`, retryable: true }
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { text: `no answer came within ${durationInWords(timeouts.headersMs)}`, retryable: true }
    case 'UND_ERR_BODY_TIMEOUT':
      return { text: `the answer stalled for more than ${durationInWords(timeouts.bodyMs)}`, retryable: true }
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { text: 'its secure certificate could not be verified', retryable: false }
    default:
      return { text: code ? `the connection failed (${code})` : 'the connection failed', retryable: true }
  }
}

/** A transport failure as AppError 'network': "Could not reach CustomerSure (list sites): the connection was refused ...". */
export function networkError(err: unknown, provider: ProviderId, operation: string, timeouts: Timeouts): AppError {
  const { text, retryable } = whatHappened(errorCode(err), timeouts)
  return new AppError('network', `Could not reach ${providerName(provider)} (${operation}): ${text}.`, { retryable })
}
