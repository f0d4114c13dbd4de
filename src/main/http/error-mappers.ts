import { AppError, type FieldError } from '../../shared/errors'
import { PROVIDERS, type ProviderId } from '../../shared/providers'
import { parseRetryAfterMs } from './retry'
import type { ErrorMapper } from './types'
import { durationInWords, listInWords, providerName } from './wording'

/** What a provider-specific reader found in an error body; the status decides the code. */
export interface ErrorBodySummary {
  message?: string
  details?: FieldError[]
}

type MapperInput = Parameters<ErrorMapper>[0]

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)

/** 'API token' stays as is; 'Bearer token' reads 'bearer token' mid-sentence. */
function secretInWords(provider: ProviderId): string {
  const label = PROVIDERS[provider].secretLabel
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1)
}

/** Messages never grow unbounded from a provider's text. */
function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function summarise(summary: ErrorBodySummary): string | undefined {
  const details = summary.details ?? []
  const first = details[0]
  if (first) {
    const head = first.field ? `${first.field}: ${first.message}` : first.message
    return details.length > 1 ? `${head} (and ${details.length - 1} more)` : head
  }
  return summary.message
}

/**
 * The one status -> AppError table every provider shares. `summary` adds what the provider said;
 * messages name the provider and the operation in words a support lead can act on.
 */
export function statusError(provider: ProviderId, res: MapperInput, summary: ErrorBodySummary = {}): AppError {
  const name = providerName(provider)
  const op = res.operation
  const said = summarise(summary)
  const saying = said ? `: ${clip(said)}` : ''
  const details = summary.details ?? []
  const { status } = res

  if (status === 400 || status === 422) {
    return new AppError('validation', `${name} did not accept the request (${op})${saying || ': the request was not valid'}`, { details })
  }
  if (status === 401) {
    return new AppError(
      'unauthorized',
      `${name} did not accept the ${secretInWords(provider)} (${op}). Check it in the connection settings${said ? ` (${name} said: ${clip(said)})` : ''}.`,
      { details }
    )
  }
  if (status === 402) {
    // FeedbackAPI documents 402 as "parameters were valid but the request failed" (an opted-out or
    // invalid customer, say), not as a billing problem: report what the provider said.
    return new AppError('provider', `${name} could not carry out the request (${op})${saying || ': the parameters were valid but the request failed'}`, { details })
  }
  if (status === 403) {
    return new AppError('forbidden', `${name} refused the request (${op})${saying || ': this account is not allowed to do that'}`, { details })
  }
  if (status === 404) {
    return new AppError('not_found', `${name} could not find what was asked for (${op})${saying}`, { details })
  }
  if (status === 409) {
    return new AppError('conflict', `${name} reported a conflict (${op})${saying || ': it already exists or was changed meanwhile'}`, { details })
  }
  if (status === 429) {
    const waitMs = parseRetryAfterMs(res.headers['retry-after'])
    const wait = waitMs !== undefined && waitMs > 0 ? `asked Survey Desk to wait ${durationInWords(waitMs)} before trying again` : 'asked Survey Desk to slow down'
    return new AppError('rate_limited', `${name} is receiving too many requests and ${wait} (${op}).`, { details, retryable: true })
  }
  if (status >= 500 && status <= 599) {
    return new AppError('provider', `${name} had a problem on its side (status ${status}) (${op}). Try again in a few minutes${saying ? `; it said${saying}` : ''}.`, {
      details,
      retryable: status !== 501 && status !== 505
    })
  }
  return new AppError('provider', `${name} gave an unexpected answer, status ${status} (${op})${saying}`, { details })
}

/** A readable message from the common shapes ({message}, {error: 'text'}, {description}), for providers that document none. */
function genericSummary(body: unknown): ErrorBodySummary {
  if (!isRecord(body)) return {}
  return { message: str(body.message) ?? str(body.error_description) ?? str(body.description) ?? str(body.error) }
}

/** For a provider with no documented error body: the status, plus a message if one of the usual fields carries it. */
export function genericErrors(provider: ProviderId): ErrorMapper {
  return (res) => statusError(provider, res, genericSummary(res.body))
}

// ---------- CustomerSure: {message, errors: [{resource, field, error, extra_info}]} (customersure-v1.txt "Errors") ----------

function describeCustomerSureError(code: string | undefined, extra: Record<string, unknown>): string {
  const parts: string[] = []
  const vals = (v: unknown): string => (Array.isArray(v) ? listInWords(v, 'or') : String(v))
  switch (code) {
    case 'required':
    case 'missing_field':
      parts.push('is required')
      break
    case 'invalid_format':
      parts.push('is not in the expected format')
      break
    case 'wrong_length':
      parts.push('has the wrong length')
      break
    case 'invalid_value':
      parts.push('has a value that is not allowed')
      break
    case 'forbidden_value':
      parts.push('has a value that is not allowed')
      break
    case 'invalid_date':
      parts.push('is not a valid date')
      break
    case 'already_exists':
      parts.push('already exists')
      break
    case 'invalid':
      parts.push('is not valid')
      break
    case 'custom':
    case undefined:
      break
    default:
      parts.push(code.replace(/_/g, ' '))
  }
  const constraints: string[] = []
  if (extra.allowed_values !== undefined) constraints.push(`must be one of ${vals(extra.allowed_values)}`)
  if (extra.disallowed_values !== undefined) constraints.push(`cannot be ${vals(extra.disallowed_values)}`)
  if (extra.exactly !== undefined) constraints.push(`must be exactly ${vals(extra.exactly)} characters long`)
  if (extra.minimum !== undefined) constraints.push(code === 'invalid_date' ? `must not be before ${vals(extra.minimum)}` : `must be at least ${vals(extra.minimum)} characters long`)
  if (extra.maximum !== undefined) constraints.push(code === 'invalid_date' ? `must not be after ${vals(extra.maximum)}` : `must be at most ${vals(extra.maximum)} characters long`)
  if (extra.greater_than !== undefined) constraints.push(`must be greater than ${vals(extra.greater_than)}`)
  if (extra.less_than !== undefined) constraints.push(`must be less than ${vals(extra.less_than)}`)
  if (extra.must_be !== undefined) constraints.push(`must be ${vals(extra.must_be)}`)
  if (extra.valid_format !== undefined) constraints.push(`must match ${vals(extra.valid_format)}`)
  const custom = str(extra.message)
  if (custom) constraints.push(custom)
  // "has a value that is not allowed: must be one of a, b" reads worse than the constraint alone.
  const text = constraints.length > 0 ? constraints.join('; ') : parts.join(' ')
  return text || 'is not valid'
}

export function readCustomerSureError(body: unknown): ErrorBodySummary {
  if (!isRecord(body)) return {}
  const errors = Array.isArray(body.errors) ? body.errors.filter(isRecord) : []
  const details = errors.map((e) => ({
    field: str(e.field) ?? '',
    message: describeCustomerSureError(str(e.error) ?? str(e.code), isRecord(e.extra_info) ? e.extra_info : {})
  }))
  return { message: str(body.message), details }
}

export const customerSureErrors: ErrorMapper = (res) => statusError('customersure', res, readCustomerSureError(res.body))

// ---------- FeedbackAPI: {type, message, param}, possibly wrapped in {error: {...}} (feedbackapi-v1.3.txt "Errors") ----------

const FEEDBACKAPI_TYPES: Record<string, string> = {
  api_connection_error: 'could not connect to its own service',
  api_error: 'had a temporary problem',
  authentication_error: 'could not authenticate the request',
  invalid_request_error: 'found invalid parameters',
  rate_limit_error: 'received too many requests'
}

export function readFeedbackApiError(body: unknown): ErrorBodySummary {
  if (!isRecord(body)) return {}
  const inner = isRecord(body.error) ? body.error : body
  const type = str(inner.type)
  const message = str(inner.message) ?? (type ? FEEDBACKAPI_TYPES[type] : undefined) ?? (typeof body.error === 'string' ? str(body.error) : undefined)
  const param = str(inner.param)
  return { message, details: param ? [{ field: param, message: message ?? 'is not valid' }] : [] }
}

export const feedbackApiErrors: ErrorMapper = (res) => statusError('feedbackapi', res, readFeedbackApiError(res.body))

// ---------- Nicereply: {errors: ["Validation error in requestBody[survey_id]: This field is missing."]} (nicereply-v1.txt "Errors") ----------

/** 'Validation error in queryParameters[per_page]: This value should be 100 or less.' -> per_page, 'This value ...' */
const NICEREPLY_FIELD = /\bin\s+[A-Za-z]+\[([^\]]+)\]\s*:\s*(.+)$/

export function readNicereplyError(body: unknown): ErrorBodySummary {
  if (!isRecord(body)) return {}
  const errors = Array.isArray(body.errors) ? body.errors.map(str).filter((e): e is string => e !== undefined) : []
  const details = errors.map((text) => {
    const m = NICEREPLY_FIELD.exec(text)
    return m ? { field: m[1]!, message: m[2]! } : { field: '', message: text }
  })
  return { message: errors.length > 0 ? errors.join('; ') : str(body.message), details }
}

export const nicereplyErrors: ErrorMapper = (res) => statusError('nicereply', res, readNicereplyError(res.body))

// ---------- CustomerGauge: {message: "Unauthenticated."}; the token endpoint answers OAuth2 {error, error_description} ----------

export function readCustomerGaugeError(body: unknown): ErrorBodySummary {
  if (!isRecord(body)) return {}
  const oauth = str(body.error)
  if (oauth && !str(body.message)) {
    const description = str(body.error_description)
    const known: Record<string, string> = {
      invalid_client: 'the client ID or client secret is wrong',
      unauthorized_client: 'this client is not allowed to use client credentials',
      invalid_grant: 'the grant was refused',
      invalid_request: 'the token request was malformed',
      unsupported_grant_type: 'client credentials are not enabled for this client'
    }
    return { message: description ?? known[oauth] ?? oauth.replace(/_/g, ' ') }
  }
  return { message: str(body.message) }
}

/** OAuth2 token endpoints answer bad client credentials with 400/401 {error: 'invalid_client'}: that is an unauthorized, not a validation error. */
export const customerGaugeErrors: ErrorMapper = (res) => {
  const summary = readCustomerGaugeError(res.body)
  const oauthError = isRecord(res.body) ? str(res.body.error) : undefined
  if (res.status === 400 && (oauthError === 'invalid_client' || oauthError === 'unauthorized_client' || oauthError === 'invalid_grant')) {
    return statusError('customergauge', { ...res, status: 401 }, summary)
  }
  return statusError('customergauge', res, summary)
}

// ---------- Enco: the document describes no error body, only HTTP statuses ----------

export const encoErrors: ErrorMapper = genericErrors('enco')

export const ERROR_MAPPERS: Record<ProviderId, ErrorMapper> = {
  customersure: customerSureErrors,
  enco: encoErrors,
  customergauge: customerGaugeErrors,
  feedbackapi: feedbackApiErrors,
  nicereply: nicereplyErrors
}
