import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { customerGaugeErrors, customerSureErrors, encoErrors, feedbackApiErrors, nicereplyErrors, statusError } from '../../src/main/http/error-mappers'

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'errors', name), 'utf8'))
const input = (status: number, body: unknown, headers: Record<string, string> = {}): { status: number; headers: Record<string, string>; body: unknown; operation: string } => ({
  status,
  headers,
  body,
  operation: 'create feedback request'
})

describe('customerSureErrors', () => {
  it('turns the documented 422 into field details in words', () => {
    const err = customerSureErrors(input(422, fixture('customersure-422.json')))
    expect(err.code).toBe('validation')
    expect(err.retryable).toBe(false)
    expect(err.details).toEqual([
      { field: 'state', message: 'must be one of sent, pending or not_sent' },
      { field: 'machine_id', message: 'must be at most 36 characters long' }
    ])
    expect(err.message).toBe('CustomerSure did not accept the request (create feedback request): state: must be one of sent, pending or not_sent (and 1 more)')
  })

  it('reads required, already_exists, custom messages and the `code` spelling', () => {
    const err = customerSureErrors(
      input(422, {
        message: 'Validation error',
        errors: [
          { field: 'email', error: 'required', extra_info: {} },
          { field: 'name', code: 'already_exists' },
          { field: 'send_at', error: 'custom', extra_info: { message: 'must be in the future' } },
          { field: 'score', error: 'invalid_value', extra_info: { greater_than: 0, must_be: 'integer' } }
        ]
      })
    )
    expect(err.details).toEqual([
      { field: 'email', message: 'is required' },
      { field: 'name', message: 'already exists' },
      { field: 'send_at', message: 'must be in the future' },
      { field: 'score', message: 'must be greater than 0; must be integer' }
    ])
  })

  it('maps the documented statuses', () => {
    expect(customerSureErrors(input(400, { message: 'Malformed JSON' })).code).toBe('validation')
    const unauthorized = customerSureErrors(input(401, undefined))
    expect(unauthorized.code).toBe('unauthorized')
    expect(unauthorized.message).toContain('API token')
    const forbidden = customerSureErrors(input(403, { message: 'Unpermitted parameter: colour' }))
    expect(forbidden.code).toBe('forbidden')
    expect(forbidden.message).toContain('Unpermitted parameter: colour')
    expect(customerSureErrors(input(404, undefined)).code).toBe('not_found')
    expect(customerSureErrors(input(409, undefined)).code).toBe('conflict')
    for (const status of [500, 502, 503, 504]) {
      const e = customerSureErrors(input(status, undefined))
      expect(e.code).toBe('provider')
      expect(e.retryable).toBe(true)
    }
    const odd = customerSureErrors(input(418, undefined))
    expect(odd.code).toBe('provider')
    expect(odd.retryable).toBe(false)
  })

  it('says how long a 429 asked to wait, in words', () => {
    const err = customerSureErrors(input(429, undefined, { 'retry-after': '90' }))
    expect(err.code).toBe('rate_limited')
    expect(err.retryable).toBe(true)
    expect(err.message).toBe('CustomerSure is receiving too many requests and asked Survey Desk to wait 90 seconds before trying again (create feedback request).')
    expect(customerSureErrors(input(429, undefined, { 'retry-after': '300' })).message).toContain('wait 5 minutes')
    expect(customerSureErrors(input(429, undefined)).message).toContain('asked Survey Desk to slow down')
  })
})

describe('feedbackApiErrors', () => {
  it('puts param on the field detail', () => {
    const err = feedbackApiErrors(input(400, fixture('feedbackapi-400.json')))
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([{ field: 'mobile_number', message: 'The mobile_number is not a valid phone number.' }])
    expect(err.message).toContain('FeedbackAPI')
  })

  it('reads the attributes at the top level too, and a type without a message', () => {
    expect(feedbackApiErrors(input(400, { type: 'invalid_request_error', message: 'Bad email', param: 'email' })).details).toEqual([{ field: 'email', message: 'Bad email' }])
    const rate = feedbackApiErrors(input(429, { error: { type: 'rate_limit_error' } }))
    expect(rate.code).toBe('rate_limited')
    expect(feedbackApiErrors(input(402, { error: { type: 'invalid_request_error', message: 'Request failed' } })).message).toContain('Request failed')
    expect(feedbackApiErrors(input(401, { error: { type: 'authentication_error' } })).message).toContain('could not authenticate')
  })
})

describe('nicereplyErrors', () => {
  it('joins the error strings and pulls the field out of each', () => {
    const err = nicereplyErrors(input(400, fixture('nicereply-400.json')))
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([
      { field: 'per_page', message: 'This value should be 100 or less.' },
      { field: 'page', message: 'This value should be a valid number.' },
      { field: 'survey_id', message: 'This field is missing.' }
    ])
    expect(err.message).toContain('Nicereply')
    expect(nicereplyErrors(input(402, { errors: ['Trial ended'] })).message).toContain('Trial ended')
    expect(nicereplyErrors(input(404, { errors: ['Route not found'] })).details).toEqual([{ field: '', message: 'Route not found' }])
  })
})

describe('customerGaugeErrors', () => {
  it('maps the documented 401 to unauthorized', () => {
    const err = customerGaugeErrors({ ...input(401, fixture('customergauge-401.json')), operation: 'sync responses' })
    expect(err.code).toBe('unauthorized')
    expect(err.message).toBe('CustomerGauge did not accept the client secret (sync responses). Check it in the connection settings (CustomerGauge said: Unauthenticated.).')
  })

  it('treats an OAuth invalid_client from the token endpoint as unauthorized', () => {
    const err = customerGaugeErrors(input(400, { error: 'invalid_client' }))
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('the client ID or client secret is wrong')
  })
})

describe('encoErrors', () => {
  it('works from the status alone', () => {
    expect(encoErrors(input(400, 'Bad Request')).code).toBe('validation')
    expect(encoErrors(input(401, undefined)).message).toContain('Enco Promoter Survey did not accept the bearer token')
    expect(encoErrors(input(503, '<html>oops</html>')).message).not.toContain('<html>')
  })
})

describe('statusError', () => {
  it('clips a very long provider message', () => {
    const err = statusError('enco', input(400, undefined), { message: 'x'.repeat(1000) })
    expect(err.message.length).toBeLessThan(400)
  })
})
