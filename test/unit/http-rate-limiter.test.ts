import { describe, expect, it } from 'vitest'
import { DEFAULT_RATE_LIMITS, createRateLimiter } from '../../src/main/http/rate-limiter'
import { PROVIDER_IDS } from '../../src/shared/providers'

/** A clock that only moves when the limiter sleeps; time passes after the callers already granted have run. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 1_000_000
  const slept: number[] = []
  return {
    now: () => t,
    slept,
    sleep: async (ms: number) => {
      slept.push(ms)
      await new Promise((resolve) => setImmediate(resolve))
      t += ms
    }
  }
}

describe('createRateLimiter', () => {
  it('spaces requests at perSecond once the burst is used (5/s, burst 1 -> every 200 ms)', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ perSecond: 5, burst: 1 }, clock)
    const start = clock.now()
    const granted: number[] = []
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire().then(() => granted.push(clock.now() - start))))
    expect(granted).toEqual([0, 200, 400, 600, 800])
  })

  it('lets a burst through at once, then the sustained rate', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 }, clock)
    const start = clock.now()
    const granted: number[] = []
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire().then(() => granted.push(clock.now() - start))))
    expect(granted).toEqual([0, 0, 0, 500, 1000])
  })

  it('serves callers first come, first served', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ perSecond: 10, burst: 1 }, clock)
    const order: number[] = []
    await Promise.all([1, 2, 3, 4].map((n) => limiter.acquire().then(() => order.push(n))))
    expect(order).toEqual([1, 2, 3, 4])
  })

  it('refills while idle, up to the burst', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ perSecond: 1, burst: 2 }, clock)
    await limiter.acquire()
    await limiter.acquire()
    await clock.sleep(10_000)
    clock.slept.length = 0
    await limiter.acquire()
    await limiter.acquire()
    expect(clock.slept).toEqual([])
    await limiter.acquire()
    expect(clock.slept).toEqual([1000])
  })

  it('a cancelled waiter leaves the queue without holding up the others', async () => {
    let release: (() => void) | undefined
    let t = 0
    const limiter = createRateLimiter(
      { perSecond: 1, burst: 1 },
      {
        now: () => t,
        sleep: (ms) =>
          new Promise<void>((resolve) => {
            release = () => {
              t += ms
              resolve()
            }
          })
      }
    )
    await limiter.acquire()
    const ac = new AbortController()
    const cancelled = limiter.acquire(ac.signal)
    const next = limiter.acquire()
    ac.abort(new Error('stop'))
    await expect(cancelled).rejects.toThrow('stop')
    release?.()
    await expect(next).resolves.toBeUndefined()
    expect(t).toBe(1000)
  })

  it('rejects at once for an already-aborted signal', async () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1 })
    const ac = new AbortController()
    ac.abort()
    await expect(limiter.acquire(ac.signal)).rejects.toBeInstanceOf(Error)
  })
})

describe('DEFAULT_RATE_LIMITS', () => {
  it('has a sane limit for every provider', () => {
    for (const id of PROVIDER_IDS) {
      expect(DEFAULT_RATE_LIMITS[id].perSecond).toBeGreaterThan(0)
      expect(DEFAULT_RATE_LIMITS[id].burst).toBeGreaterThanOrEqual(1)
    }
  })
})
