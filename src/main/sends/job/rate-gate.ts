import { parseRetryAfterMs } from '../../http'
import type { ErrorMapper } from '../../http/types'

const BASE_BACKOFF_MS = 1000
const MAX_BACKOFF_MS = 60_000

/**
 * One connection's "wait before the next send". The HTTP layer never repeats a send (a POST that
 * creates), so a 429 comes back to the runner as an error; the error mapper wrapped here reads the
 * answer's Retry-After on the way, and every worker of every job on that connection waits it out
 * in full. Without a Retry-After, the wait doubles per refusal (1 s .. 60 s) and resets on success.
 */
export class RateGate {
  until = 0
  private refusals = 0

  constructor(private readonly clock: () => number = Date.now) {}

  /** Wraps a client's error mapper so a 429 / 503 with Retry-After sets the gate. */
  watch(mapper: ErrorMapper): ErrorMapper {
    return (res) => {
      if (res.status === 429 || res.status === 503) {
        const ms = parseRetryAfterMs(res.headers['retry-after'], this.clock())
        if (ms !== undefined) this.until = Math.max(this.until, this.clock() + ms)
      }
      return mapper(res)
    }
  }

  /** A refusal (429): when the rows may go again. */
  limited(now: number): number {
    this.refusals += 1
    if (this.until <= now) this.until = now + this.backoff()
    return this.until
  }

  /** A failure that sent nothing (connection refused, 503): the same wait, for the whole connection. */
  failed(now: number): number {
    return this.limited(now)
  }

  succeeded(): void {
    this.refusals = 0
  }

  private backoff(): number {
    return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, this.refusals - 1))
  }
}
