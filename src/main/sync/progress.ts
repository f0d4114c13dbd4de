import type { SyncProgress } from '../../shared/domain/inbox'
import type { AppErrorShape } from '../../shared/errors'

/**
 * Progress of one stream. A 1,000,000-row sync commits about a thousand pages; the UI needs a few
 * updates a second, not one per page, so updates are let through at most every `intervalMs` (and
 * always the first and the last) per stream.
 */
export class StreamProgress {
  pages = 0
  rows = 0
  totalRows: number | null = null
  private readonly startedAt: number
  private lastEmit = Number.NEGATIVE_INFINITY

  constructor(
    private readonly connectionId: string,
    private readonly stream: string,
    private readonly emit: (p: SyncProgress) => void,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 200
  ) {
    this.startedAt = now()
  }

  started(): void {
    this.send('running', null, true)
  }

  page(rows: number, totalRows: number | null | undefined): void {
    this.pages += 1
    this.rows += rows
    if (totalRows !== undefined && totalRows !== null) this.totalRows = Math.max(totalRows, this.rows)
    this.send('running', null, false)
  }

  ended(phase: 'done' | 'failed' | 'cancelled', error: AppErrorShape | null): void {
    if (phase === 'done' && this.totalRows !== null) this.totalRows = this.rows
    this.send(phase, error, true)
  }

  rowsPerSecond(): number {
    const secs = (this.now() - this.startedAt) / 1000
    return secs > 0 ? Math.round(this.rows / secs) : 0
  }

  private send(phase: SyncProgress['phase'], error: AppErrorShape | null, force: boolean): void {
    const t = this.now()
    if (!force && t - this.lastEmit < this.intervalMs) return
    this.lastEmit = t
    this.emit({
      connectionId: this.connectionId,
      stream: this.stream,
      phase,
      pages: this.pages,
      rows: this.rows,
      rowsPerSecond: this.rowsPerSecond(),
      totalRows: this.totalRows,
      error
    })
  }
}

/**
 * 'inbox.changed' after committed pages: lists re-query on it, so at most one a second, carrying
 * every connection that changed since the last one. The timer never keeps a process alive.
 */
export class ChangeNotifier {
  private readonly pending = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private lastSent = Number.NEGATIVE_INFINITY

  constructor(
    private readonly send: (connectionIds: string[]) => void,
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now
  ) {}

  changed(connectionId: string): void {
    this.pending.add(connectionId)
    if (this.timer) return
    const wait = Math.max(0, this.lastSent + this.intervalMs - this.now())
    if (wait === 0) return this.flush()
    this.timer = setTimeout(() => this.flush(), wait)
    this.timer.unref()
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.size === 0) return
    const ids = [...this.pending]
    this.pending.clear()
    this.lastSent = this.now()
    this.send(ids)
  }
}
