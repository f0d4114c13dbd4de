/**
 * Background sync. Every tick (a minute by default) it starts the connections that are due (an
 * interval after their last attempt; never-synced ones at once). While offline it instead retries
 * every connection each tick: the attempt itself is the probe, and the first answer from any
 * provider brings the app back online and the sync with it. Timers are unref'd: a CLI process that
 * started the scheduler still exits when its work is done.
 */

export interface SchedulerOptions {
  /** Delay before the first look after start (the app is starting up). */
  firstTickMs: number
  tickMs: number
}

export interface SchedulerHooks {
  dueConnections(): Promise<string[]>
  allConnections(): string[]
  isOnline(): boolean
  start(connectionIds: string[]): Promise<void>
}

const DEFAULTS: SchedulerOptions = { firstTickMs: 5_000, tickMs: 60_000 }

export class Scheduler {
  private readonly opts: SchedulerOptions
  private timer: NodeJS.Timeout | null = null
  private nextAt: number | null = null
  private running = false

  constructor(
    private readonly hooks: SchedulerHooks,
    opts: Partial<SchedulerOptions> = {}
  ) {
    this.opts = { ...DEFAULTS, ...opts }
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.arm(this.opts.firstTickMs)
  }

  stop(): void {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.nextAt = null
  }

  /** When the scheduler looks next (epoch ms), or null when it is not running. */
  nextTickAt(): number | null {
    return this.nextAt
  }

  /** One look: exported so tests drive the scheduler without waiting on a clock. */
  async tick(): Promise<string[]> {
    const ids = this.hooks.isOnline() ? await this.hooks.dueConnections() : this.hooks.allConnections()
    if (ids.length > 0) await this.hooks.start(ids)
    return ids
  }

  private arm(ms: number): void {
    if (!this.running) return
    this.nextAt = Date.now() + ms
    this.timer = setTimeout(() => {
      this.timer = null
      this.tick()
        .catch(() => undefined) // a failed look (cache closing) is retried at the next tick
        .finally(() => this.arm(this.opts.tickMs))
    }, ms)
    this.timer.unref()
  }
}
