import { describe, expect, it } from 'vitest'
import { DEFAULT_TIMEOUTS, networkError, RequestCancelledError, statusError } from '../../src/main/http'
import { classify } from '../../src/main/sends/job/outcome'

const answer = (status: number, headers: Record<string, string> = {}) => statusError('customersure', { status, headers, body: undefined, operation: 'create a feedback request' })
const wire = (code: string) => networkError(Object.assign(new Error(code), { code }), 'customersure', 'create a feedback request', DEFAULT_TIMEOUTS)

describe('what a failed send means for its row', () => {
  it('repeats only what the provider refused without acting: 429, 503, a connection never made', () => {
    expect(classify(answer(429, { 'retry-after': '3' }))).toMatchObject({ kind: 'retry', rateLimited: true })
    expect(classify(answer(503))).toMatchObject({ kind: 'retry', rateLimited: false })
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']) expect(classify(wire(code)).kind, code).toBe('retry')
  })

  it('calls unknown what may have reached the provider: other 5xx, a dropped connection, a lost answer', () => {
    for (const status of [500, 502, 504]) expect(classify(answer(status)).kind, String(status)).toBe('uncertain')
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']) expect(classify(wire(code)).kind, code).toBe('uncertain')
    expect(classify(new RequestCancelledError('customersure', 'create a feedback request')).kind).toBe('uncertain')
  })

  it('fails the row for what it got wrong, and stops the job when the credentials are refused', () => {
    expect(classify(answer(422)).kind).toBe('failed')
    expect(classify(answer(402)).kind).toBe('failed')
    expect(classify(answer(404)).kind).toBe('failed')
    expect(classify(answer(401)).kind).toBe('stop')
  })
})
