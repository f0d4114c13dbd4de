import { expect } from 'vitest'
import { AppError } from '../../src/shared/errors'
import type { HttpClientOptions } from '../../src/main/http/types'

/**
 * What every provider client test records: log lines, the waits the HTTP layer asked for (backoff,
 * Retry-After, rate limits) and every AppError seen — so a test can assert on retries without
 * waiting for real, and the secret scan can search everything the client ever produced.
 */
export interface ProviderTestRecorder {
  logLines: string[]
  waits: number[]
  errors: AppError[]
  log: (line: string) => void
  /** Fast, recorded retries and no rate limiting; `realWaitCapMs` lets time pass for windows that need it. */
  httpOptions(overrides?: Partial<HttpClientOptions>, opts?: { realWaitCapMs?: number }): Partial<HttpClientOptions>
  /** Awaits a call that must fail with an AppError, records it and returns it. */
  failure(p: Promise<unknown>): Promise<AppError>
  /** Every message and detail of every recorded error, for secret scans. */
  errorTexts(): string[]
}

export function createProviderTestRecorder(): ProviderTestRecorder {
  const logLines: string[] = []
  const waits: number[] = []
  const errors: AppError[] = []
  return {
    logLines,
    waits,
    errors,
    log: (line) => logLines.push(line),
    httpOptions(overrides = {}, opts = {}) {
      return {
        rateLimit: { perSecond: 10_000, burst: 10_000 },
        retry: { maxRetries: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 },
        sleep: async (ms, signal) => {
          waits.push(ms)
          if (signal?.aborted) throw signal.reason
          if (opts.realWaitCapMs) await new Promise((resolve) => setTimeout(resolve, Math.min(ms, opts.realWaitCapMs!)))
        },
        ...overrides
      }
    },
    async failure(p) {
      try {
        await p
      } catch (err) {
        expect(err).toBeInstanceOf(AppError)
        errors.push(err as AppError)
        return err as AppError
      }
      throw new Error('expected the call to fail')
    },
    errorTexts: () => errors.flatMap((e) => [e.message, JSON.stringify(e.details)])
  }
}
