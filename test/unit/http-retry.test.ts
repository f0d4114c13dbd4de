import { describe, expect, it } from 'vitest'
import { backoffDelayMs, decideRetry, isRetryableStatus, parseRetryAfterMs } from '../../src/main/http/retry'
import type { RetryPolicy } from '../../src/main/http/types'

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 }

/** A seeded generator (mulberry32), so "random" delays are reproducible. */
function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('backoffDelayMs (full jitter)', () => {
  it('stays within [0, min(cap, base * 2^attempt)] for many random draws', () => {
    const random = seeded(42)
    for (let attempt = 0; attempt < 10; attempt++) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
      for (let i = 0; i < 200; i++) {
        const d = backoffDelayMs(attempt, policy, random)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThanOrEqual(ceiling)
      }
    }
  })

  it('reaches both ends of the range', () => {
    expect(backoffDelayMs(2, policy, () => 0)).toBe(0)
    expect(backoffDelayMs(2, policy, () => 0.999999)).toBe(399)
    expect(backoffDelayMs(20, policy, () => 0.999999)).toBe(999) // capped at maxDelayMs
  })

  it('is spread out, not a fixed schedule', () => {
    const random = seeded(7)
    const draws = new Set(Array.from({ length: 50 }, () => backoffDelayMs(3, policy, random)))
    expect(draws.size).toBeGreaterThan(30)
  })
})

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('2', now)).toBe(2000)
    expect(parseRetryAfterMs(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfterMs(['5'], now)).toBe(5000)
  })
  it('ignores what it cannot read', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined()
    expect(parseRetryAfterMs('', now)).toBeUndefined()
    expect(parseRetryAfterMs('soon', now)).toBeUndefined()
    expect(parseRetryAfterMs('-5', now)).toBeUndefined()
  })
})

describe('decideRetry', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')
  it('retries 429, transient 5xx and connection errors, nothing else', () => {
    expect(isRetryableStatus(429)).toBe(true)
    for (const s of [500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true)
    for (const s of [400, 401, 403, 404, 409, 422, 501, 505]) expect(isRetryableStatus(s)).toBe(false)
    expect(decideRetry({ failures: 1, code: 'ECONNRESET' }, policy, () => 0.5, now).retry).toBe(true)
    expect(decideRetry({ failures: 1, code: 'UND_ERR_HEADERS_TIMEOUT' }, policy, () => 0.5, now).retry).toBe(true)
    expect(decideRetry({ failures: 1, code: 'CERT_HAS_EXPIRED' }, policy, () => 0.5, now).retry).toBe(false)
    expect(decideRetry({ failures: 1, statusCode: 404 }, policy, () => 0.5, now).retry).toBe(false)
  })

  it('stops after maxRetries', () => {
    expect(decideRetry({ failures: 3, statusCode: 503 }, policy, () => 0.5, now).retry).toBe(true)
    expect(decideRetry({ failures: 4, statusCode: 503 }, policy, () => 0.5, now)).toMatchObject({ retry: false })
  })

  it('uses the backoff for the retry number: first retry within base, third within 4x base', () => {
    expect(decideRetry({ failures: 1, statusCode: 503 }, policy, () => 0.999, now)).toMatchObject({ retry: true, delayMs: 99 })
    expect(decideRetry({ failures: 3, statusCode: 503 }, policy, () => 0.999, now)).toMatchObject({ retry: true, delayMs: 399 })
  })

  it('honours Retry-After in full above maxDelayMs, adding only a little spread', () => {
    const d = decideRetry({ failures: 1, statusCode: 429, retryAfter: '30' }, policy, () => 0.999, now)
    expect(d.retry).toBe(true)
    if (d.retry) {
      expect(d.delayMs).toBeGreaterThanOrEqual(30_000)
      expect(d.delayMs).toBeLessThan(30_000 + policy.baseDelayMs)
    }
    const date = decideRetry({ failures: 1, statusCode: 503, retryAfter: 'Wed, 01 Jan 2025 00:00:45 GMT' }, policy, () => 0, now)
    expect(date).toMatchObject({ retry: true, delayMs: 45_000 })
  })

  it('refuses a Retry-After beyond maxRetryAfterMs', () => {
    const d = decideRetry({ failures: 1, statusCode: 429, retryAfter: '3600' }, policy, () => 0, now)
    expect(d.retry).toBe(false)
    expect(d.reason).toContain('3600 s')
  })
})
