import { z } from 'zod'
import type { EntityType, EntityTypes } from '../../store/cache-api'
import type { StreamPage, StreamRun, StreamSpec } from '../stream-types'

/**
 * Building blocks shared by the providers' streams: the two cursor designs and a full-refresh list.
 *
 * Clocks differ between us and a provider, and a row can become visible a little after the time it
 * carries; each pass therefore starts its window SAFETY_MARGIN_MS before the previous pass began.
 * Re-reading those few minutes costs little: the cache skips unchanged rows.
 */
export const SAFETY_MARGIN_MS = 10 * 60_000

const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')

// ---------------------------------------------------------------------------------------------
// "Since" passes over page-numbered lists (CustomerSure updated_since, Nicereply updated_period_start)
// ---------------------------------------------------------------------------------------------

/**
 * A pass asks for every row changed since `since` (null: everything), page by page. While a pass
 * runs, the cursor stored with page N names page N+1 of THAT pass (same since, same start time);
 * when the last page is stored, `pass` becomes null and `nextSince` the pass's start minus the
 * margin. A kill mid-pass resumes at the next page of the same query; rows that arrived meanwhile
 * only push later pages down (a row is read twice, never skipped: upserts make that harmless), and
 * anything changed after the pass began is in the next pass's window.
 */
export const SincePassCursor = z.object({
  pass: z.object({ since: Iso.nullable(), startedAt: Iso, nextPage: z.number().int().min(0) }).nullable(),
  nextSince: Iso.nullable()
})
export type SincePassCursor = z.infer<typeof SincePassCursor>

export interface SincePass {
  since: string | null
  startedAt: string
  page: number
  /** The cursor to store with a page after which `nextPage` comes (null: the pass is complete). */
  cursorAfter(nextPage: number | null): SincePassCursor
}

export function beginSincePass(stored: unknown, now: Date, firstPage: number): SincePass {
  const parsed = SincePassCursor.safeParse(stored)
  // A cursor this version cannot read (or none) starts from the beginning: slower, never wrong.
  const cursor: SincePassCursor = parsed.success ? parsed.data : { pass: null, nextSince: null }
  const pass = cursor.pass ?? { since: cursor.nextSince, startedAt: now.toISOString(), nextPage: firstPage }
  return {
    since: pass.since,
    startedAt: pass.startedAt,
    page: pass.nextPage,
    cursorAfter(nextPage) {
      if (nextPage !== null) return { pass: { since: pass.since, startedAt: pass.startedAt, nextPage }, nextSince: cursor.nextSince }
      return { pass: null, nextSince: new Date(Date.parse(pass.startedAt) - SAFETY_MARGIN_MS).toISOString() }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Keyset over an ascending timestamp (FeedbackAPI created_after / updated_after, inclusive)
// ---------------------------------------------------------------------------------------------

/**
 * Rows sorted oldest first by a timestamp, asked for with an inclusive lower bound: the next page
 * starts AT the newest timestamp seen (rows sharing it are read again, harmlessly). When a whole
 * page shares one timestamp the bound cannot move, so `page` steps through that second instead.
 * New rows arrive at the end, so nothing shifts under the cursor; a completed pass keeps its bound
 * (moved back by the margin, for rows that show up late with an earlier time).
 */
export const KeysetCursor = z.object({ after: Iso.nullable(), page: z.number().int().min(0) })
export type KeysetCursor = z.infer<typeof KeysetCursor>

export function readKeyset(stored: unknown): KeysetCursor {
  const parsed = KeysetCursor.safeParse(stored)
  return parsed.success ? parsed.data : { after: null, page: 0 }
}

/** The cursor after a page whose rows carry `times` (ISO, null when a row had none). */
export function keysetAfterPage(current: KeysetCursor, times: ReadonlyArray<string | null>): KeysetCursor {
  let newest: number | null = null
  for (const t of times) {
    const ms = t === null ? NaN : Date.parse(t)
    if (!Number.isNaN(ms) && (newest === null || ms > newest)) newest = ms
  }
  const after = current.after === null ? null : Date.parse(current.after)
  if (newest !== null && (after === null || newest > after)) return { after: new Date(newest).toISOString(), page: 0 }
  return { after: current.after, page: current.page + 1 }
}

/** The cursor stored when a pass completes: the same bound, moved back by the margin (never forward). */
export function keysetCompleted(current: KeysetCursor, passStartedAt: Date): KeysetCursor {
  if (current.after === null) return { after: null, page: 0 }
  const bound = Math.min(Date.parse(current.after), passStartedAt.getTime() - SAFETY_MARGIN_MS)
  return { after: new Date(bound).toISOString(), page: 0 }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** A lookup several streams of one run need (surveys for ratings' names, ...): fetched once, shared. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined
  return () => {
    if (!promise) {
      promise = load()
      // A stream that only wants the lookup as context catches it; keep an unobserved failure quiet.
      promise.catch(() => undefined)
    }
    return promise
  }
}

/** A failure while reading a shared lookup, with the page it happened on (the stream reports that page). */
export class LookupPageError extends Error {
  constructor(
    readonly where: string,
    readonly failure: unknown
  ) {
    super(failure instanceof Error ? failure.message : String(failure))
    this.name = 'LookupPageError'
  }
}

/** Every item of a small page-numbered list (a lookup a mapping needs as context). */
export async function collectPages<W>(first: number, fetch: (page: number) => Promise<Paged<W>>): Promise<W[]> {
  const out: W[] = []
  let page: number | null = first
  while (page !== null) {
    let p: Paged<W>
    try {
      p = await fetch(page)
    } catch (err) {
      throw new LookupPageError(`page ${page}`, err)
    }
    out.push(...p.items)
    page = p.nextPage
  }
  return out
}

/** A lookup as mapping context: a failed lookup means less context, never a failed stream. */
export async function orEmpty<T>(lookup: () => Promise<T[]>): Promise<T[]> {
  try {
    return await lookup()
  } catch {
    return []
  }
}

/** One page of a page-numbered list, as the streams need it from any client. */
export interface Paged<W> {
  items: W[]
  nextPage: number | null
  totalRows: number | null
}

/** Walks a page-numbered list from `first`, naming each page in run.where BEFORE asking for it. */
export async function* walkPages<W>(run: StreamRun, first: number, fetch: (page: number) => Promise<Paged<W>>): AsyncGenerator<Paged<W> & { page: number }> {
  let page: number | null = first
  while (page !== null) {
    run.where = `page ${page}`
    const p: Paged<W> = await fetch(page)
    yield { ...p, page }
    page = p.nextPage
  }
}

/** A full-refresh stream: every page of a list, mapped. */
export function fullList<E extends EntityType, W>(
  name: string,
  entity: E,
  pages: (run: StreamRun) => AsyncIterable<{ items: W[]; totalRows?: number | null }>,
  map: (wire: W) => EntityTypes[E]
): StreamSpec<E> {
  return {
    name,
    entity,
    mode: 'full',
    async *pages(run) {
      for await (const page of pages(run)) {
        yield { items: page.items.map(map), totalRows: page.totalRows ?? null } satisfies StreamPage<E>
      }
    }
  }
}

/** A list already fetched as a shared lookup, served to the cache in pages of `size`. */
export async function* inPages<T>(run: StreamRun, all: () => Promise<T[]>, size = 500): AsyncGenerator<{ items: T[]; totalRows: number }> {
  run.where = 'the list'
  const items = await all()
  for (let i = 0; i === 0 || i < items.length; i += size) {
    run.where = `rows ${i + 1}-${Math.min(items.length, i + size)}`
    yield { items: items.slice(i, i + size), totalRows: items.length }
  }
}
