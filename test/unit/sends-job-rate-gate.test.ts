import { describe, expect, it } from 'vitest'
import { customerSureErrors } from '../../src/main/http'
import { RateGate } from '../../src/main/sends/job/rate-gate'

const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers, body: undefined, operation: 'create a feedback request' })

describe('the rate gate of a connection', () => {
  it('takes the wait from Retry-After (seconds or HTTP-date) while the mapper still maps the error', () => {
    let now = 1_000_000
    const gate = new RateGate(() => now)
    const mapper = gate.watch(customerSureErrors)
    expect(mapper(answer(429, { 'retry-after': '30' })).code).toBe('rate_limited')
    expect(gate.until).toBe(now + 30_000)
    expect(gate.limited(now)).toBe(now + 30_000)
    now += 40_000
    mapper(answer(503, { 'retry-after': new Date(now + 5_000).toUTCString() }))
    expect(gate.until).toBeGreaterThanOrEqual(now + 4_000)
    expect(gate.until).toBeLessThanOrEqual(now + 5_000)
    // Other answers leave it alone.
    const before = gate.until
    mapper(answer(422))
    expect(gate.until).toBe(before)
  })

  it('without Retry-After, doubles its own wait per refusal up to a minute, and starts over after a success', () => {
    const gate = new RateGate(() => 0)
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map(() => {
      const t = gate.until
      return gate.limited(t) - t
    })
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000])
    gate.succeeded()
    const t = gate.until
    expect(gate.limited(t) - t).toBe(1000)
  })
})
