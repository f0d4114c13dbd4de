import type { ConnectionSyncState, SyncProgress, SyncStatus } from '../../shared/domain/inbox'
import { AppError } from '../../shared/errors'
import { PROVIDERS, type ProviderId } from '../../shared/providers'
import type { RateLimit } from '../http'
import type { ProviderConnectionConfig } from '../providers/types'
import type { StreamCheckpoint } from '../store/cache-api'
import type { ConnectionRow } from '../store/connections-repo'
import { SettingsRepo } from '../store/settings-repo'
import { OnlineState } from './online-state'
import { runPool } from './pool'
import { ChangeNotifier, StreamProgress } from './progress'
import { Scheduler, type SchedulerOptions } from './scheduler'
import { runStream, streamError, type StreamResult } from './stream-runner'
import { defaultOwnerKind, describeHolder, SyncLocks, type SyncOwnerKind } from './sync-lock'
import type { ProviderStreams } from './stream-types'
import { PROVIDER_STREAMS } from './streams'
import type { SyncEngine, SyncRunSummary } from './sync-api'
import type { SyncHost } from './sync-host'

export interface SyncEngineOptions {
  /** Provider streams; tests may swap one for a fake. */
  streams?: Record<ProviderId, ProviderStreams>
  /** Per-provider request rates for syncing, overriding the HTTP layer's defaults (the bench raises CustomerGauge's). */
  rateLimits?: Partial<Record<ProviderId, RateLimit>>
  /** Streams of one connection running at once (they share that connection's rate limiter). */
  streamsPerConnection?: number
  scheduler?: Partial<SchedulerOptions>
  now?: () => Date
  /** Told the connections that are syncing whenever that set changes (the sync worker mirrors it to main). */
  onRunningChange?: (connectionIds: string[]) => void
  /** Who this engine is, in "already syncing in <pid>/<app|cli>" (default: see defaultOwnerKind). */
  owner?: SyncOwnerKind
}

type ConnectionSummary = SyncRunSummary['connections'][number]

interface Running {
  controller: AbortController
  promise: Promise<ConnectionSummary>
  streams: Map<string, StreamResult['status'] | 'running'>
}

export class Engine implements SyncEngine {
  private readonly running = new Map<string, Running>()
  /** How each stream's last run ended in this process (cancelled is not recorded in the cache). */
  private readonly lastEnd = new Map<string, StreamResult['status']>()
  private readonly startedAt = new Map<string, number>()
  /** Why a connection's last run here was skipped (another process held it), until it runs again. */
  private readonly skippedBecause = new Map<string, string>()
  private readonly settings: SettingsRepo
  private readonly streams: Record<ProviderId, ProviderStreams>
  private readonly changes: ChangeNotifier
  private readonly online = new OnlineState()
  private readonly scheduler: Scheduler
  private readonly now: () => Date
  private readonly locks: SyncLocks
  private stopped = false

  constructor(
    private readonly ctx: SyncHost,
    private readonly opts: SyncEngineOptions = {}
  ) {
    this.settings = new SettingsRepo(ctx.db)
    this.streams = opts.streams ?? PROVIDER_STREAMS
    this.now = opts.now ?? (() => new Date())
    // Real time, not the engine's (testable) clock: liveness is judged across processes.
    this.locks = new SyncLocks(ctx.db, opts.owner ?? defaultOwnerKind())
    this.changes = new ChangeNotifier((connectionIds) => ctx.events.emit('inbox.changed', { connectionIds }))
    this.scheduler = new Scheduler(
      {
        dueConnections: () => this.dueConnections(),
        allConnections: () => this.ctx.connections.list().map((c) => c.id),
        isOnline: () => this.online.online,
        start: (ids) => this.start({ connectionIds: ids }).then(() => undefined)
      },
      opts.scheduler
    )
  }

  // ---------------------------------------------------------------- public API

  async start(opts: { connectionIds?: string[]; full?: boolean }): Promise<{ started: string[]; alreadyRunning: string[] }> {
    const rows = this.pick(opts.connectionIds)
    const alreadyRunning = rows.filter((r) => this.running.has(r.id)).map((r) => r.id)
    const fresh = rows.filter((r) => !this.running.has(r.id))
    for (const row of fresh) void this.launch(row, opts.full ?? false).promise
    return { started: fresh.map((r) => r.id), alreadyRunning }
  }

  async run(opts: { connectionIds?: string[]; full?: boolean; signal?: AbortSignal }): Promise<SyncRunSummary> {
    const rows = this.pick(opts.connectionIds)
    const runs = rows.map((row) => this.running.get(row.id) ?? this.launch(row, opts.full ?? false))
    if (opts.signal) {
      const cancel = (): void => runs.forEach((r) => r.controller.abort())
      if (opts.signal.aborted) cancel()
      else opts.signal.addEventListener('abort', cancel, { once: true })
    }
    return { connections: await Promise.all(runs.map((r) => r.promise)) }
  }

  cancel(connectionIds?: string[]): { cancelled: string[] } {
    const cancelled: string[] = []
    for (const [id, run] of this.running) {
      if (connectionIds && !connectionIds.includes(id)) continue
      run.controller.abort()
      cancelled.push(id)
    }
    return { cancelled }
  }

  async status(): Promise<SyncStatus> {
    const rows = this.ctx.connections.list()
    const checkpoints = rows.length > 0 ? await this.ctx.cache().reader.checkpoints(rows.map((r) => r.id)) : []
    const connections = rows.map((row) => this.connectionState(row, checkpoints.filter((c) => c.connectionId === row.id)))
    return {
      online: this.online.online,
      intervalMinutes: this.intervalMinutes(),
      nextRunAt: this.nextRunAt(rows, checkpoints),
      connections
    }
  }

  async setIntervalMinutes(minutes: number): Promise<SyncStatus> {
    this.settings.set('sync.intervalMinutes', minutes)
    const status = await this.status()
    this.ctx.events.emit('sync.status', status)
    return status
  }

  startScheduler(): void {
    if (!this.stopped) this.scheduler.start()
  }

  async shutdown(): Promise<void> {
    this.stopped = true
    this.scheduler.stop()
    const runs = [...this.running.values()]
    runs.forEach((r) => r.controller.abort())
    await Promise.allSettled(runs.map((r) => r.promise))
    this.locks.releaseAll()
    this.changes.flush()
  }

  // ---------------------------------------------------------------- one connection

  private pick(connectionIds: string[] | undefined): ConnectionRow[] {
    if (this.stopped) throw new AppError('unsupported', 'Survey Desk is shutting down; the sync was not started.')
    if (!connectionIds || connectionIds.length === 0) return this.ctx.connections.list()
    return [...new Set(connectionIds)].map((id) => {
      const row = this.ctx.connections.get(id)
      if (!row) throw new AppError('not_found', `No connection with id ${id}`, { details: [{ field: 'connectionIds', message: `No such connection: ${id}` }] })
      return row
    })
  }

  private launch(row: ConnectionRow, full: boolean): Running {
    const controller = new AbortController()
    const streams = new Map<string, StreamResult['status'] | 'running'>()
    const running: Running = { controller, streams, promise: Promise.resolve(null as unknown as ConnectionSummary) }
    this.running.set(row.id, running)
    this.skippedBecause.delete(row.id)
    this.opts.onRunningChange?.([...this.running.keys()])
    this.startedAt.set(row.id, this.now().getTime())
    running.promise = this.syncConnection(row, controller.signal, streams, full).finally(() => {
      this.running.delete(row.id)
      this.opts.onRunningChange?.([...this.running.keys()])
      this.changes.flush()
      this.emitStatus()
    })
    this.emitStatus()
    return running
  }

  private async syncConnection(row: ConnectionRow, signal: AbortSignal, live: Map<string, StreamResult['status'] | 'running'>, full: boolean): Promise<ConnectionSummary> {
    const provider = this.streams[row.provider]
    const writer = this.ctx.cache().writer
    const emitProgress = (p: SyncProgress): void => this.ctx.events.emit('sync.progress', p)
    let results: StreamResult[]
    let sync: ReturnType<ProviderStreams['create']> | undefined
    try {
      // Another process (the app, or a CLI sync) is on this connection: skip it rather than interleave pages and cursors.
      const lock = this.locks.acquire(row.id)
      if (!lock.ok) return this.skipped(row, lock.holder, emitProgress)
      // Cursors are forgotten only once this process owns the connection, never under another's sync.
      if (full) await writer.resetCursors([row.id])
      const secret = await this.ctx.resolveSecret(row.id)
      if (!secret) {
        throw new AppError('unauthorized', `No ${PROVIDERS[row.provider].secretLabel.toLowerCase()} is saved in the keychain for "${row.label}". Edit the connection and enter one.`)
      }
      const config: ProviderConnectionConfig = {
        id: row.id,
        baseUrl: row.baseUrl,
        region: row.region,
        settings: row.settings,
        secret,
        ...(this.opts.rateLimits?.[row.provider] ? { rateLimit: this.opts.rateLimits[row.provider] } : {})
      }
      sync = provider.create(config, signal)
      const specs = sync.streams
      results = await runPool(specs, this.opts.streamsPerConnection ?? 3, async (spec) => {
        live.set(spec.name, 'running')
        const progress = new StreamProgress(row.id, spec.name, emitProgress)
        const r = await runStream(spec, {
          writer,
          connectionId: row.id,
          provider: row.provider,
          signal,
          progress,
          now: this.now,
          onCommitted: () => this.changes.changed(row.id)
        })
        live.set(spec.name, r.status)
        this.lastEnd.set(`${row.id}/${spec.name}`, r.status)
        return r
      })
    } catch (err) {
      // Nothing could start (no secret, a setting the client refuses): every stream reports why.
      results = await Promise.all(
        provider.names.map(async (name) => {
          const cancelled = signal.aborted
          const error = cancelled ? null : streamError(row.provider, name, 'the start', err)
          const progress = new StreamProgress(row.id, name, emitProgress)
          if (error) await writer.recordStreamOutcome(row.id, name, { ok: false, at: this.now().toISOString(), error: error.message }).catch(() => undefined)
          progress.ended(cancelled ? 'cancelled' : 'failed', error?.toShape() ?? null)
          this.lastEnd.set(`${row.id}/${name}`, cancelled ? 'cancelled' : 'failed')
          return { stream: name, status: cancelled ? 'cancelled' : 'failed', pages: 0, rows: 0, error } satisfies StreamResult
        })
      )
    } finally {
      await sync?.close().catch(() => undefined)
      // Only this engine's own row is deleted: after a skip, the other process's stays.
      this.locks.release(row.id)
    }
    if (this.online.record(row.id, results, this.ctx.connections.list().map((c) => c.id))) this.emitStatus()
    return {
      connectionId: row.id,
      streams: results.map((r) => ({ stream: r.stream, status: r.status, pages: r.pages, rows: r.rows, error: r.error?.message ?? null }))
    }
  }

  /** Every stream reports who holds the connection; nothing is recorded in the cache (no data was touched). */
  private skipped(row: ConnectionRow, holder: Parameters<typeof describeHolder>[0], emitProgress: (p: SyncProgress) => void): ConnectionSummary {
    const since = holder.takenAt.slice(11, 16)
    const cause = new AppError(
      'conflict',
      `"${row.label}" is ${describeHolder(holder)} (since ${since} UTC); this sync skipped it. Sync again when that one ends.`,
      { retryable: true }
    )
    this.skippedBecause.set(row.id, cause.message)
    const streams = this.streams[row.provider].names.map((name) => {
      const error = streamError(row.provider, name, 'the start', cause)
      new StreamProgress(row.id, name, emitProgress).ended('failed', error.toShape())
      this.lastEnd.set(`${row.id}/${name}`, 'failed')
      return { stream: name, status: 'failed' as const, pages: 0, rows: 0, error: error.message }
    })
    return { connectionId: row.id, streams }
  }

  // ---------------------------------------------------------------- status and schedule

  private intervalMinutes(): number {
    return this.settings.get('sync.intervalMinutes')
  }

  private emitStatus(): void {
    if (this.stopped && this.running.size === 0) return
    this.status().then(
      (s) => this.ctx.events.emit('sync.status', s),
      () => undefined // the cache is closing; the next status request will say what is wrong
    )
  }

  private connectionState(row: ConnectionRow, checkpoints: StreamCheckpoint[]): ConnectionSyncState {
    const live = this.running.get(row.id)
    const names = [...new Set([...this.streams[row.provider].names, ...checkpoints.map((c) => c.stream)])]
    const streams = names.map((name) => {
      const cp = checkpoints.find((c) => c.stream === name)
      const now = live?.streams.get(name)
      const last = this.lastEnd.get(`${row.id}/${name}`)
      const status: ConnectionSyncState['streams'][number]['status'] = now ?? (live ? 'idle' : last) ?? (cp?.lastError ? 'failed' : cp?.lastSuccessAt ? 'done' : 'idle')
      return { stream: name, status, lastSuccessAt: cp?.lastSuccessAt ?? null, lastError: cp?.lastError ?? null, rows: cp?.rows ?? 0 }
    })
    // The connection is synced as of its least recently synced stream.
    const successes = streams.map((s) => s.lastSuccessAt)
    const lastSuccessAt = successes.length > 0 && successes.every((s) => s !== null) ? successes.sort()[0]! : null
    return {
      connectionId: row.id,
      running: live !== undefined,
      lastSuccessAt,
      lastError: streams.find((s) => s.lastError !== null)?.lastError ?? this.skippedBecause.get(row.id) ?? null,
      streams
    }
  }

  /** When a connection is next due: an interval after its last attempt (or after it was last started here). */
  private dueAt(id: string, checkpoints: StreamCheckpoint[]): number {
    const attempts = checkpoints.filter((c) => c.connectionId === id).map((c) => (c.lastAttemptAt ? Date.parse(c.lastAttemptAt) : 0))
    const last = Math.max(0, this.startedAt.get(id) ?? 0, ...attempts)
    return last === 0 ? 0 : last + this.intervalMinutes() * 60_000
  }

  private async dueConnections(): Promise<string[]> {
    const rows = this.ctx.connections.list()
    if (rows.length === 0) return []
    const checkpoints = await this.ctx.cache().reader.checkpoints(rows.map((r) => r.id))
    const now = this.now().getTime()
    return rows.filter((r) => !this.running.has(r.id) && this.dueAt(r.id, checkpoints) <= now).map((r) => r.id)
  }

  private nextRunAt(rows: ConnectionRow[], checkpoints: StreamCheckpoint[]): string | null {
    const tick = this.scheduler.nextTickAt()
    if (tick === null || rows.length === 0) return null
    if (!this.online.online) return new Date(tick).toISOString()
    const due = Math.min(...rows.map((r) => this.dueAt(r.id, checkpoints)))
    // The scheduler looks every tick, so a due connection starts at the first tick after it is due.
    return new Date(Math.max(due, tick)).toISOString()
  }
}
