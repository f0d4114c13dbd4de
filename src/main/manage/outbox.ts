import { z } from 'zod'
import { ManageWrite, OP_PROVIDER, type ManageWriteResult, type OutboxEntry, type ParsedManageWrite } from '../../shared/domain/manage'
import { AppError } from '../../shared/errors'
import { PROVIDERS } from '../../shared/providers'
import type { HttpClientOptions } from '../http/types'
import type { AppContext } from '../ipc/app-context'
import type { ProviderConnectionConfig } from '../providers/types'
import { classify } from '../sends/job/outcome'
import { CANNOT_ASK, CREATE_OPS, CREATED_TABLE, createExecutor, type Delivery, type Executor } from './executors'
import { toFormFieldErrors } from './field-map'
import { ManageStore } from './store'
import { describeWrite } from './summary'

export interface OutboxOptions {
  /** First wait before a pending entry is tried again; doubles up to maxRetryDelayMs. */
  retryDelayMs?: number
  maxRetryDelayMs?: number
  /** HTTP for manage writes: a person is usually waiting, so retries are few and short. */
  httpOptions?: Partial<HttpClientOptions>
}

const DEFAULT_HTTP: Partial<HttpClientOptions> = {
  retry: { maxRetries: 2, baseDelayMs: 300, maxDelayMs: 2000, maxRetryAfterMs: 10_000 },
  timeouts: { connectMs: 5000, headersMs: 20_000, bodyMs: 20_000 }
}

/** Provider down, offline, throttled: the write waits in the outbox. Anything else is the provider's answer to this write. */
export function isTransient(err: AppError): boolean {
  return err.code === 'network' || err.code === 'rate_limited' || err.code === 'keychain_unavailable' || (err.code === 'provider' && err.retryable)
}

const formFields = (op: string): string[] => {
  const option = ManageWrite.options.find((o) => o.shape.op.value === op)
  const fields = option?.shape.fields as unknown
  return fields instanceof z.ZodObject ? Object.keys(fields.shape) : []
}

const MAX_REMEMBERED_OUTCOMES = 500

type Outcome = { kind: 'delivered'; delivery: Delivery } | { kind: 'pending'; error: AppError } | { kind: 'rejected'; error: AppError }

/**
 * The durable outbox. A write is committed to SQLite first (so nothing typed is lost), then
 * delivered: per connection one at a time, in the order written. A provider that cannot be reached
 * (offline, 5xx, 429 after the HTTP layer's retries) leaves the entry pending and blocks the
 * entries behind it, so they still arrive in order; it is tried again with backoff, when sync
 * reports the network back, and when a sync of that connection succeeds. A rejection (a 4xx: the
 * provider does not accept this input) is kept on the entry, with its field errors, until the user
 * edits, retries or discards it; it does not block the entries behind it.
 */
export class ManageOutbox {
  readonly store: ManageStore
  private readonly chains = new Map<string, Promise<void>>()
  private readonly outcomes = new Map<number, Outcome>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly delays = new Map<string, number>()
  private readonly unsubscribe: () => void
  private stopped = false
  private readonly ready: Promise<void>

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: OutboxOptions = {}
  ) {
    this.store = new ManageStore(ctx)
    this.unsubscribe = ctx.events.subscribe((event, payload) => {
      // Any sign that providers answer again: sync says online, or a connection's sync committed rows.
      if (event === 'sync.status' && (payload as { online?: boolean }).online === true) this.background(this.flushAllPending())
      if (event === 'inbox.changed') for (const id of (payload as { connectionIds: string[] }).connectionIds) this.background(this.flushIfPending(id))
      if (event === 'connections.changed') {
        const change = payload as { change: string; id: string }
        if (change.change === 'removed') this.background(this.forget(change.id))
      }
    })
    this.ready = this.store.recoverSending().then(() => undefined)
    this.background(this.ready.then(() => this.flushAllPending()))
  }

  /** Records the write, then delivers it if nothing for its connection is queued ahead of it. */
  async submit(write: ParsedManageWrite): Promise<ManageWriteResult> {
    await this.ready
    const connection = this.checkConnection(write)
    await this.checkTarget(write)
    const entry = await this.store.enqueue({
      connectionId: write.connectionId,
      provider: connection.provider,
      op: write.op,
      targetId: 'externalId' in write ? write.externalId : null,
      summary: describeWrite(write),
      write
    })
    await this.emitOutbox([write.connectionId])
    return this.deliverAndReport(entry, true)
  }

  async retry(id: number): Promise<{ entry: OutboxEntry | null; result: ManageWriteResult | null }> {
    await this.ready
    const entry = await this.mustGet(id)
    if (entry.status === 'rejected') await this.store.markPending(id, entry.lastError)
    this.delays.delete(entry.connectionId)
    const result = await this.deliverAndReport(entry, false)
    return { entry: await this.store.entry(id), result }
  }

  /** New input for a rejected or pending entry; it keeps its place in the queue. */
  async edit(id: number, write: ParsedManageWrite): Promise<{ entry: OutboxEntry | null; result: ManageWriteResult | null }> {
    await this.ready
    const entry = await this.mustGet(id)
    if (entry.status === 'sending') throw new AppError('conflict', 'This change is being sent right now; wait for its answer, then edit it.')
    if (write.op !== entry.op || write.connectionId !== entry.connectionId) {
      throw AppError.validation([{ field: 'write.op', message: 'An edit changes the input of the same change, not what it does or where it goes' }])
    }
    await this.checkTarget(write)
    await this.store.replaceWrite(id, write, describeWrite(write), 'externalId' in write ? write.externalId : null)
    await this.emitOutbox([entry.connectionId])
    const result = await this.deliverAndReport(entry, false)
    return { entry: await this.store.entry(id), result }
  }

  async discard(id: number): Promise<{ id: number; discarded: boolean }> {
    await this.ready
    const entry = await this.store.entry(id)
    if (entry?.status === 'sending') throw new AppError('conflict', 'This change is being sent right now and can no longer be discarded.')
    const discarded = await this.store.deleteEntry(id)
    if (entry) await this.emitOutbox([entry.connectionId])
    // A discarded entry may have been holding the queue.
    if (entry) this.background(this.flushIfPending(entry.connectionId))
    return { id, discarded }
  }

  private async forget(connectionId: string): Promise<void> {
    await this.chains.get(connectionId)
    await this.store.forgetConnection(connectionId)
    await this.emitOutbox([connectionId])
  }

  /** Last failure of work nobody awaits (the cache closing under it at shutdown, say); entries stay queued in SQLite. */
  lastBackgroundError: unknown = null

  private background(work: Promise<unknown>): void {
    work.catch((err: unknown) => {
      this.lastBackgroundError = err
    })
  }

  /** Resolves when no delivery is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()])
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe()
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    await this.idle()
  }

  // ------------------------------------------------------------------ delivery

  private async deliverAndReport(entry: OutboxEntry, fresh: boolean): Promise<ManageWriteResult> {
    this.outcomes.delete(entry.id) // an earlier attempt's answer is not this one's
    await this.flush(entry.connectionId)
    const outcome = this.outcomes.get(entry.id)
    this.outcomes.delete(entry.id)
    if (outcome?.kind === 'delivered') {
      const externalId = outcome.delivery.externalId
      return { status: 'delivered', entryId: null, ref: externalId === null ? null : `${entry.connectionId}:${externalId}`, message: outcome.delivery.message }
    }
    if (outcome?.kind === 'rejected' && fresh) {
      // The user is still on the form: the rejection goes back to it, not into the outbox.
      await this.store.deleteEntry(entry.id)
      await this.emitOutbox([entry.connectionId])
      throw new AppError(outcome.error.code, outcome.error.message, { details: this.fieldErrors(entry.op, outcome.error), retryable: false })
    }
    const now = await this.store.entry(entry.id)
    if (now === null) return { status: 'delivered', entryId: null, ref: entry.targetRef, message: 'Already sent.' }
    if (now.status === 'rejected') return { status: 'pending', entryId: entry.id, ref: entry.targetRef, message: `Not accepted: ${now.lastError?.message ?? 'the provider refused it'}` }
    const why = outcome?.kind === 'pending' ? outcome.error.message : 'earlier changes for this connection are still waiting to be sent'
    const provider = PROVIDERS[this.providerOf(entry.connectionId) ?? entry.provider].name
    return {
      status: 'pending',
      entryId: entry.id,
      ref: entry.targetRef,
      message:
        now.uncertain && CREATE_OPS.has(now.op)
          ? `Saved in the outbox; its answer was lost, so Survey Desk will check with ${provider} whether it was made before sending it again (${why}).`
          : `Saved in the outbox; it will be sent to ${provider} when it can be reached (${why}).`
    }
  }

  private providerOf(connectionId: string) {
    return this.ctx.connections.get(connectionId)?.provider
  }

  private async flushAllPending(): Promise<void> {
    if (this.stopped) return
    const ids = await this.store.pendingConnections()
    await Promise.all(ids.map((id) => this.flush(id)))
  }

  private async flushIfPending(connectionId: string): Promise<void> {
    if (this.stopped) return
    if ((await this.store.pendingConnections()).includes(connectionId)) await this.flush(connectionId)
  }

  /** Runs the connection's queue; calls made while one runs wait for it and then run again. */
  private flush(connectionId: string): Promise<void> {
    const previous = this.chains.get(connectionId) ?? Promise.resolve()
    const run = previous.then(() => this.drain(connectionId))
    const tracked = run.finally(() => {
      if (this.chains.get(connectionId) === tracked) this.chains.delete(connectionId)
    })
    this.chains.set(connectionId, tracked)
    return tracked
  }

  private async drain(connectionId: string): Promise<void> {
    if (this.stopped) return
    const queue = (await this.store.queue(connectionId)).filter((e) => e.status === 'pending')
    if (queue.length === 0) return
    const connection = this.ctx.connections.get(connectionId)
    if (!connection) {
      // The connection was removed: its queued changes have nowhere to go.
      for (const e of queue) await this.store.deleteEntry(e.id)
      await this.emitOutbox([connectionId])
      return
    }
    let executor: ReturnType<typeof createExecutor> | null = null
    const changed = new Set<string>()
    try {
      for (const queued of queue) {
        if (this.stopped) return
        const entry = await this.store.markSending(queued.id)
        if (!entry) continue
        let outcome: Outcome
        const attempt = { sent: false }
        try {
          executor ??= createExecutor(connection.provider, await this.config(connectionId), { ...DEFAULT_HTTP, ...this.opts.httpOptions })
          const write = ManageWrite.parse(entry.write)
          const delivery = await this.deliver(executor, entry, write, attempt)
          await this.applyDelivery(connectionId, delivery)
          await this.store.deleteEntry(entry.id)
          changed.add(kindOf(entry.op))
          outcome = { kind: 'delivered', delivery }
        } catch (err) {
          const error = asAppError(err)
          // Only the write's own call can have reached the provider unanswered (not the keychain, not a lookup).
          const mayHaveActed = attempt.sent && classify(error).kind === 'uncertain'
          if (err instanceof CannotAsk) {
            outcome = { kind: 'rejected', error }
            await this.store.markRejected(entry.id, error.toShape(), [], true)
          } else if (isTransient(error) || (mayHaveActed && CREATE_OPS.has(entry.op))) {
            // A create whose answer was lost (even an unreadable one) waits to be looked up, not rejected.
            outcome = { kind: 'pending', error }
            await this.store.markPending(entry.id, error.toShape(), mayHaveActed)
          } else {
            outcome = { kind: 'rejected', error }
            await this.store.markRejected(entry.id, error.toShape(), this.fieldErrors(entry.op, error))
          }
        }
        this.outcomes.set(entry.id, outcome)
        // Outcomes nobody waits for (background deliveries) must not pile up.
        if (this.outcomes.size > MAX_REMEMBERED_OUTCOMES) this.outcomes.delete(this.outcomes.keys().next().value!)
        if (outcome.kind === 'pending') {
          // Later entries wait behind this one, so they still reach the provider in order.
          this.scheduleRetry(connectionId)
          break
        }
        this.delays.delete(connectionId)
      }
    } finally {
      await executor?.close()
      await this.emitOutbox([connectionId])
      if (changed.size > 0) this.ctx.events.emit('manage.changed', { connectionIds: [connectionId], kinds: [...changed] })
    }
  }

  /**
   * Sends the write; but a create an earlier attempt may have made (its answer lost: entry.uncertain)
   * is first looked up at the provider, and the row found is taken instead of making a second one.
   * A row the cache held, unchanged, since before the write was made is not it (a site code taken
   * before stays the provider's "taken", not this write's success).
   */
  private async deliver(executor: Executor, entry: OutboxEntry, write: ParsedManageWrite, attempt: { sent: boolean }): Promise<Delivery> {
    if (entry.uncertain && CREATE_OPS.has(write.op)) {
      const known = new Set(await this.store.knownBefore(CREATED_TABLE[write.op]!, entry.connectionId, entry.createdAt))
      const found = await executor.lookup(write, (externalId) => !known.has(externalId))
      if (found === CANNOT_ASK) throw new CannotAsk(PROVIDERS[entry.provider].name)
      if (found) return found
    }
    attempt.sent = true
    return executor.run(write)
  }

  private async applyDelivery(connectionId: string, d: Delivery): Promise<void> {
    if (d.upsert) await this.keepUnechoed(connectionId, d.upsert)
    if (d.upsert) {
      const writer = this.ctx.cache().writer
      // A full refresh of this list may be running: stamp the row with its pass, or its end would mark the new row removed.
      const pass = (await writer.readCheckpoint(connectionId, d.upsert.stream))?.generation ?? 0
      await writer.applyPage({ connectionId, stream: d.upsert.stream, entity: d.upsert.entity, items: [d.upsert.item], ...(pass > 0 ? { generation: pass } : {}) })
    }
    if (d.rowState) await this.store.setRowState(d.rowState.table, connectionId, d.rowState.externalId, d.rowState.state)
  }

  /**
   * FeedbackAPI's location objects do not carry review_profile: an update's answer adds the URLs it
   * sent to those the cache knew (an account's verb the cache writer keeps itself: entity-tables.ts).
   */
  private async keepUnechoed(connectionId: string, upsert: NonNullable<Delivery['upsert']>): Promise<void> {
    const item = upsert.item as { provider: string; externalId: string; reviewUrls?: Record<string, string> }
    if (item.provider !== 'feedbackapi') return
    if (upsert.entity === 'site') {
      const cached = await this.store.cachedRow('sites', connectionId, item.externalId)
      const known = typeof cached?.review_urls === 'string' ? (JSON.parse(cached.review_urls) as Record<string, string>) : {}
      const merged = { ...known }
      for (const [host, url] of Object.entries(item.reviewUrls ?? {})) {
        if (Object.values(merged).includes(url)) continue
        let key = host
        for (let n = 2; key in merged; n++) key = `${host} (${n})`
        merged[key] = url
      }
      item.reviewUrls = merged
    }
  }

  private scheduleRetry(connectionId: string): void {
    if (this.stopped || this.timers.has(connectionId)) return
    const base = this.opts.retryDelayMs ?? 15_000
    const delay = this.delays.get(connectionId) ?? base
    this.delays.set(connectionId, Math.min(delay * 2, this.opts.maxRetryDelayMs ?? 5 * 60_000))
    const timer = setTimeout(() => {
      this.timers.delete(connectionId)
      this.background(this.flushIfPending(connectionId))
    }, delay)
    timer.unref()
    this.timers.set(connectionId, timer)
  }

  private async config(connectionId: string): Promise<ProviderConnectionConfig> {
    const row = this.ctx.connections.get(connectionId)!
    const secret = await this.ctx.resolveSecret(connectionId)
    if (!secret) {
      throw new AppError('unauthorized', `No ${PROVIDERS[row.provider].secretLabel.toLowerCase()} is saved in the keychain for "${row.label}". Edit the connection and enter one, then retry.`)
    }
    return { id: row.id, baseUrl: row.baseUrl, region: row.region, settings: row.settings, secret }
  }

  private fieldErrors(op: string, error: AppError) {
    return toFormFieldErrors(error.details, formFields(op))
  }

  // ------------------------------------------------------------------ checks before recording

  private checkConnection(write: ParsedManageWrite) {
    const connection = this.ctx.connections.get(write.connectionId)
    if (!connection) throw new AppError('not_found', 'That connection no longer exists.', { details: [{ field: 'connectionId', message: 'No such connection' }] })
    const expected = OP_PROVIDER[write.op]
    if (connection.provider !== expected) {
      throw AppError.validation([{ field: 'connectionId', message: `Choose a ${PROVIDERS[expected].name} connection` }], `This change can only be made in ${PROVIDERS[expected].name}.`)
    }
    return connection
  }

  /** Deleting an Enco survey destroys its responses: the typed name must be the survey's own. */
  private async checkTarget(write: ParsedManageWrite): Promise<void> {
    if (write.op !== 'survey.delete') return
    const name = await this.store.rowName('surveys', write.connectionId, write.externalId)
    if (name === null) throw new AppError('not_found', 'That survey is not in the local cache; sync first.', { details: [{ field: 'externalId', message: 'No such survey' }] })
    if (name.trim() !== write.fields.confirmName.trim()) {
      throw AppError.validation([{ field: 'fields.confirmName', message: `Type the survey's name exactly: ${name}` }], 'The name typed does not match the survey, so nothing was deleted.')
    }
  }

  private async mustGet(id: number): Promise<OutboxEntry> {
    const entry = await this.store.entry(id)
    if (!entry) throw new AppError('not_found', `No change ${id} in the outbox (it may have been sent or discarded).`, { details: [{ field: 'id', message: 'No such entry' }] })
    return entry
  }

  private async emitOutbox(connectionIds: string[]): Promise<void> {
    const counts = await this.store.counts()
    this.ctx.events.emit('manage.outbox', { connectionIds, ...counts })
  }
}

/** An earlier attempt of a create may have reached a provider that cannot be asked: the user decides, and their retry sends it again. */
class CannotAsk extends AppError {
  constructor(provider: string) {
    super(
      'conflict',
      `An earlier attempt may have reached ${provider}, but its answer was lost, and ${provider} cannot be asked whether it made this. Check in ${provider}: Retry sends it again, Discard drops it.`
    )
  }
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new AppError('internal', `Survey Desk could not send this change: ${message}`)
}

/** The list a write changes, for manage.changed. */
function kindOf(op: string): string {
  const noun = op.split('.')[0]!
  return ({ site: 'sites', location: 'sites', agent: 'staff', thing: 'staff', user: 'staff', survey: 'surveys', customer: 'customers', account: 'accounts' } as Record<string, string>)[noun] ?? noun
}
