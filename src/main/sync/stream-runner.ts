import { randomUUID } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { PROVIDERS, type ProviderId } from '../../shared/providers'
import { isCancelled } from '../http'
import { isEarlierPageRefusal, type CacheWriter, type EntityType, type PageResult, type PageWrite } from '../store/cache-api'
import type { StreamProgress } from './progress'
import type { StreamPage, StreamRun, StreamSpec } from './stream-types'
import { LookupPageError } from './streams/common'
import { carriesClaims } from '../store/cache/response-row'

export interface StreamResult {
  stream: string
  status: 'done' | 'failed' | 'cancelled'
  pages: number
  rows: number
  error: AppError | null
}

export interface StreamDeps {
  writer: CacheWriter
  connectionId: string
  provider: ProviderId
  signal: AbortSignal
  progress: StreamProgress
  /** After each committed page that changed something. */
  onCommitted(result: PageResult): void
  now(): Date
}

/** "Nicereply csat_ratings, page 3: <what went wrong>": provider, stream and page, then the cause. */
export function streamError(provider: ProviderId, stream: string, where: string, err: unknown): AppError {
  const base = err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err))
  return new AppError(base.code, `${PROVIDERS[provider].name} ${stream}, ${where}: ${base.message}`, { details: base.details, retryable: base.retryable })
}

class Cancelled extends Error {}

/**
 * Pages asked for ahead of the one being written. One: the CustomerGauge client asks for its next
 * page itself as soon as it has read one (listResponsesPages), so with this one page of read-ahead
 * two pages are on their way while one is written. Measured on the 1M CustomerGauge bench, a second
 * page of read-ahead on top of that changed nothing but peak memory (+15-20 MB). Cancel is
 * unaffected: pages are written only in order, and none after the cancel is seen.
 */
export const READ_AHEAD_PAGES = 1

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A page handed to the writer; `done` settles (never rejects) when its write has. */
type Writing = { where: string; done: Promise<{ ok: true } | { ok: false; error: unknown }> }

/**
 * Runs one stream to its end. Pages are committed strictly in order, each with its cursor in the
 * cache's one transaction; while page N is being written, page N+1 is already handed to the writer
 * and pages after it are being fetched (READ_AHEAD_PAGES), so the network, the provider and the
 * writer overlap, and the writer never waits for this thread to hand it a page. The pages form a
 * chain (PageWrite.chain): if page N is not written, the writer refuses N+1. A failure, wherever it
 * happens, ends only this stream: what was committed stays, the cursor names the first page not committed.
 */
export async function runStream(spec: StreamSpec<EntityType>, deps: StreamDeps): Promise<StreamResult> {
  const { writer, connectionId, signal, progress } = deps
  const started = deps.now()
  let where = 'the start'
  const writing: Writing[] = []
  const settled = async (w: Writing): Promise<void> => {
    const outcome = await w.done
    if (outcome.ok) return
    where = w.where
    throw outcome.error
  }
  const result = (status: StreamResult['status'], error: AppError | null): StreamResult => ({ stream: spec.name, status, pages: progress.pages, rows: progress.rows, error })
  progress.started()
  try {
    if (signal.aborted) throw new Cancelled()
    const checkpoint = await writer.readCheckpoint(connectionId, spec.name)
    const run: StreamRun = { cursor: checkpoint?.cursor ?? null, signal, where: 'the first page', now: deps.now }
    const generation = spec.mode === 'full' ? await writer.beginFullRefresh(connectionId, spec.name) : undefined
    const pages = spec.pages(run)
    const chain = randomUUID()
    let pageNumber = 0

    // Each fetch is tagged with the page it asked for, captured when it settles (run.where moves on with the next fetch).
    // A fetched page is also prepared for the writer there (writer.prepare: a response page hashed
    // and, where not stored unchanged, flattened on this thread), so the pages read ahead are ready while the writer commits the one before.
    type Ready = { rows: number; totalRows: number | null | undefined; write: PageWrite }
    type Fetched = { ok: true; value: Ready | null; where: string } | { ok: false; error: unknown; where: string }
    const toWrite = (page: StreamPage<EntityType>): PageWrite => {
      const write: PageWrite = {
        connectionId,
        stream: spec.name,
        entity: spec.entity,
        items: page.items,
        ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
        ...(generation !== undefined ? { generation } : {}),
        chain: { id: chain, page: ++pageNumber }
      }
      return writer.prepare ? writer.prepare(write) : write
    }
    // Asks are chained: the next page is requested only once the previous answer (and its where) is in.
    type Raw = { ok: true; value: IteratorResult<StreamPage<EntityType>, void>; where: string } | { ok: false; error: unknown; where: string }
    let tail: Promise<unknown> = Promise.resolve()
    const prepare = (raw: Raw): Fetched => {
      if (!raw.ok) return raw
      if (raw.value.done) return { ok: true, value: null, where: raw.where }
      try {
        const page = raw.value.value
        const write = toWrite(page)
        // A prepared page no longer needs its Response objects (nor the provider JSON they hold):
        // letting them go now, not after the commit, keeps the sync thread's heap small (fewer GC pauses).
        // Unless it claims rows stored unchanged: the writer may refuse a claim, and that row is then sent again in full.
        const spent = write.prepared !== undefined && !carriesClaims(write.prepared)
        return { ok: true, value: { rows: page.items.length, totalRows: page.totalRows, write: spent ? { ...write, items: [] } : write }, where: raw.where }
      } catch (error) {
        return { ok: false, error, where: raw.where }
      }
    }
    const fetchNext = (): Promise<Fetched> => {
      const raw = tail.then(() =>
        pages.next().then(
          (value): Raw => ({ ok: true, value, where: run.where }),
          (error: unknown): Raw => ({ ok: false, error, where: error instanceof LookupPageError ? error.where : run.where })
        )
      )
      tail = raw
      // Prepared one macrotask later: the request for the page after it (chained on tail, a
      // microtask) goes out first, so the provider works on it while this thread prepares.
      return raw.then((r) => new Promise<Fetched>((resolve) => setImmediate(() => resolve(prepare(r)))))
    }

    const ahead = Array.from({ length: READ_AHEAD_PAGES }, fetchNext)
    for (;;) {
      const fetched = await ahead.shift()!
      where = fetched.where
      if (!fetched.ok) throw fetched.error instanceof LookupPageError ? fetched.error.failure : fetched.error
      if (fetched.value === null) break
      if (signal.aborted) throw new Cancelled()
      const { rows, totalRows, write } = fetched.value
      ahead.push(fetchNext())
      writing.push({
        where: fetched.where,
        done: writer.applyPage(write).then(
          (written) => {
            progress.page(rows, totalRows)
            if (written.inserted + written.updated > 0) deps.onCommitted(written)
            return { ok: true as const }
          },
          (error: unknown) => ({ ok: false as const, error })
        )
      })
      // The page before this one: its failure ends the stream here, named by its own page.
      if (writing.length > 1) await settled(writing.shift()!)
      // With pages already read ahead and a writer on this thread, the loop could run page after page
      // in microtasks alone; one macrotask turn per page lets a cancel (a message, a timer) in between.
      await nextTurn()
    }
    while (writing.length > 0) await settled(writing.shift()!)

    if (generation !== undefined) {
      if (signal.aborted) throw new Cancelled()
      where = 'the end of the pass'
      const { removed } = await writer.finishFullRefresh(connectionId, spec.name, spec.entity as Exclude<EntityType, 'response'>, generation)
      if (removed > 0) deps.onCommitted({ inserted: 0, updated: removed, unchanged: 0 })
    }
    await writer.recordStreamOutcome(connectionId, spec.name, { ok: true, at: started.toISOString() })
    progress.ended('done', null)
    return result('done', null)
  } catch (thrown) {
    // Pages still at the writer settle first: they may commit (and be counted) or fail, but nothing
    // is reported after the stream's end. One that failed on its own (not refused for an earlier
    // page) came before what was thrown: a fetch after it, or the cancel. It is the stream's failure.
    let err = thrown
    for (const w of writing) {
      const outcome = await w.done
      if (!outcome.ok && err === thrown && !isEarlierPageRefusal(outcome.error)) {
        err = outcome.error
        where = w.where
      }
    }
    if (err instanceof Cancelled || isCancelled(err) || (signal.aborted && !(err instanceof AppError && err.code !== 'network'))) {
      progress.ended('cancelled', null)
      return result('cancelled', null)
    }
    const error = streamError(deps.provider, spec.name, where, err)
    try {
      await writer.recordStreamOutcome(connectionId, spec.name, { ok: false, at: started.toISOString(), error: error.message })
    } catch {
      // The cache itself failed (the error we report probably says so); the summary still carries it.
    }
    progress.ended('failed', error.toShape())
    return result('failed', error)
  }
}
