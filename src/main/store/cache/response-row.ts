import { hash } from 'node:crypto'
import type { Response } from '../../../shared/domain/model'
import { AppError } from '../../../shared/errors'

/** The stored columns of a response, in the order of RESPONSE_COLUMNS (id and bookkeeping aside). */
export const RESPONSE_COLUMNS = [
  'connection_id',
  'stream',
  'provider',
  'kind',
  'external_id',
  'survey_external_id',
  'survey_name',
  'metric',
  'score',
  'scale_min',
  'scale_max',
  'sentiment',
  'comment',
  'answers_text',
  'customer_external_id',
  'customer_name',
  'customer_email',
  'customer_phone',
  'customer_company',
  'customer_reference',
  'site_external_id',
  'site_name',
  'staff_external_id',
  'staff_name',
  'team_external_id',
  'team_name',
  'tags',
  'channel',
  'language',
  'link_reference',
  'link_machine_id',
  'link_ticket_url',
  'link_source_url',
  'responded_ms',
  'responded_at',
  'updated_at'
] as const

/**
 * The columns of response_bodies (what only the detail reads), in the order of ResponseRow.body.
 * `labels`, the exact strings a row is tagged with, is what a search within tags checks each
 * candidate against (inbox-query.ts).
 */
export const BODY_COLUMNS = ['labels', 'drivers', 'answers', 'properties', 'raw'] as const

export interface ResponseRow {
  values: Array<string | number | null>
  body: string[]
  respondedMs: number
  /** Tags and drivers, de-duplicated: what the tag filter matches. */
  labels: string[]
}

/**
 * Bumped whenever responseRow stores a response differently, so that rows stored the old way stop
 * matching their hash and are rewritten by the next sync. r4: the hash is taken from the mapped
 * response and its raw text (contentHash), no longer from the flattened row.
 */
const ROW_FORMAT = 'r4'

/**
 * A response flattened and hashed, ready for the writer: prepareResponses runs on the thread that
 * mapped the page (the sync worker), so the writer thread only runs SQL, and what crosses between
 * the threads is flat strings and numbers, which clone ~20x faster than the nested Response.
 */
export interface PreparedResponse {
  kind: string
  externalId: string
  /** contentHash of the response: equal hash, nothing to write. */
  hash: string
  values: Array<string | number | null>
  body: string[]
  respondedMs: number
  labels: string[]
  /** Set when `body` is empty because its texts travel packed (packed-bodies.ts): where they start. */
  bodyAt?: number
}

/**
 * A response sent without its columns because the preparing thread expects it stored with this same
 * hash: the writer checks every claim of a page before writing any of it, and counts it unchanged. A
 * claim that does not hold fails the page unwritten (STALE_CLAIMS), and the preparer sends those rows
 * in full (unchanged-claims.ts).
 */
export interface UnchangedClaim {
  kind: string
  externalId: string
  hash: string
  unchanged: true
}

export type PreparedRow = PreparedResponse | UnchangedClaim

export const responseKey = (kind: string, externalId: string): string => `${kind}\u0000${externalId}`

/**
 * The positions of a page's items in the order to write them: oldest first, because ids are
 * time-ordered: FTS5 flushes its pending segment whenever the id goes down, and neighbouring ids
 * share b-tree leaves (measured: first CustomerGauge sync of 50,000 rows 9.0 s -> 7.2-8.6 s). The
 * page's own order is kept when a date is unreadable (so the error names the first bad item) or a
 * key repeats (so the last copy still wins).
 */
function writeOrder(items: readonly Response[], keys: readonly string[]): number[] {
  const ms = new Float64Array(items.length)
  let sorted = true
  for (let i = 0; i < items.length; i++) {
    ms[i] = Date.parse(items[i]!.respondedAt)
    if (Number.isNaN(ms[i]) || (i > 0 && ms[i]! < ms[i - 1]!)) sorted = false
  }
  const order = items.map((_, i) => i)
  if (sorted || new Set(keys).size < items.length || ms.some(Number.isNaN)) return order
  return order.sort((a, b) => ms[a]! - ms[b]! || a - b)
}

/**
 * A page of mapped responses as the writer takes them, in write order. Throws the validation error
 * of the first unreadable item (naming its position in the page). `claim(key, hash)`: whether an
 * item may go as an UnchangedClaim, unflattened (unchanged-claims.ts decides); it is asked only for
 * keys that appear once in the page.
 */
export function prepareResponses(connectionId: string, stream: string, items: readonly Response[]): PreparedResponse[]
export function prepareResponses(connectionId: string, stream: string, items: readonly Response[], claim: ((key: string, hash: string) => boolean) | undefined): PreparedRow[]
export function prepareResponses(connectionId: string, stream: string, items: readonly Response[], claim?: (key: string, hash: string) => boolean): PreparedRow[] {
  const keys = items.map((item) => responseKey(item.kind, item.externalId))
  const once = claim ? keysOnce(keys) : null
  return writeOrder(items, keys).map((index): PreparedRow => {
    const item = items[index]!
    const key = keys[index]!
    const rawText = rawTextOf(item)
    const hash = contentHash(connectionId, stream, item, rawText)
    if (once?.has(key) && claim!(key, hash)) return { kind: item.kind, externalId: item.externalId, hash, unchanged: true }
    return { kind: item.kind, externalId: item.externalId, hash, ...responseRow(connectionId, stream, item, index, rawText) }
  })
}

/** Whether a prepared page carries claims: the writer may refuse them, and the page is then sent again (unchanged-claims.ts). */
export const carriesClaims = (prepared: readonly PreparedRow[] | undefined): boolean => prepared?.some((row) => 'unchanged' in row) === true

/** What the writer answers when claims of a page do not hold: details name them as `prepared.<index>`. */
export const STALE_CLAIMS = 'Some rows claimed unchanged are not stored that way'

/** The writer refused some of a page's claims (and wrote nothing of it). */
export const isStaleClaims = (err: unknown): err is AppError => err instanceof AppError && err.code === 'conflict' && err.message.startsWith(STALE_CLAIMS)

/** The keys that appear once: a repeated key's copies are all written in full, so the last one wins. */
function keysOnce(keys: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const k of keys) (seen.has(k) ? repeated : seen).add(k)
  for (const k of repeated) seen.delete(k)
  return seen
}

/** The provider's JSON as stored: the text it sent when the client kept it, else `raw` serialised. */
export function rawTextOf(r: Response): string {
  return r.rawJson ?? JSON.stringify(r.raw ?? null)
}

/**
 * sha1 of everything a stored row is made from: the format, where it goes, every mapped field and
 * the raw text. responseRow is a function of exactly these, so an equal hash means an unchanged
 * row, and it is known before the row is flattened (a re-sync flattens only what changed). The
 * fields go in as one array (measured: 7.3 µs a row, against 9.7 for the object and 12.7 for
 * flattening first); a test checks that every field of Response but raw changes it.
 */
export function contentHash(connectionId: string, stream: string, r: Response, rawText: string): string {
  // The fields are a pure function of the text (model.ts rawMapping): the text and the mapping's
  // version say as much as the fields do, for one SHA-1 of ~1.2 KB (~1.4 µs against ~8-10).
  if (r.rawMapping !== undefined && r.rawJson !== undefined) return hash('sha1', `${ROW_FORMAT}\u0000${connectionId}\u0000${stream}\u0000m:${r.rawMapping}\u0000${r.rawJson}`, 'base64')
  const fields = [
    r.provider,
    r.kind,
    r.externalId,
    r.surveyExternalId,
    r.surveyName,
    r.metric,
    r.score,
    r.scale,
    r.sentiment,
    r.comment,
    r.customer,
    r.siteExternalId,
    r.siteName,
    r.staffExternalId,
    r.staffName,
    r.teamExternalId,
    r.teamName,
    r.tags,
    r.drivers,
    r.answers,
    r.properties,
    r.channel,
    r.language,
    r.links,
    r.respondedAt,
    r.updatedAt
  ]
  return hash('sha1', `${ROW_FORMAT}\u0000${connectionId}\u0000${stream}\u0000${JSON.stringify(fields)}\u0000${rawText}`, 'base64')
}

const text = (s: string | null | undefined): string | null => {
  if (s === null || s === undefined) return null
  const t = s.trim()
  return t === '' ? null : s
}

/** Flattens a mapped Response into the column values of responses and response_bodies. */
export function responseRow(connectionId: string, stream: string, r: Response, index: number, rawText = rawTextOf(r)): ResponseRow {
  const respondedMs = Date.parse(r.respondedAt)
  if (!Number.isFinite(respondedMs)) {
    throw new AppError('validation', `Response ${r.externalId} (item ${index}) has no readable respondedAt: ${JSON.stringify(r.respondedAt)}`, {
      details: [{ field: `items.${index}.respondedAt`, message: 'Expected an ISO 8601 date-time' }]
    })
  }
  // Free-text answers are searchable with the comment; a rating's number is not text worth indexing.
  const answersText = r.answers
    .filter((a) => a.text !== null && a.score === null && a.text.trim() !== '')
    .map((a) => a.text)
    .join('\n')
  const labels = [...new Set([...r.tags, ...r.drivers].map((t) => t.trim()).filter((t) => t !== ''))]
  const values: Array<string | number | null> = [
    connectionId,
    stream,
    r.provider,
    r.kind,
    r.externalId,
    text(r.surveyExternalId),
    text(r.surveyName),
    r.metric,
    r.score,
    r.scale?.min ?? null,
    r.scale?.max ?? null,
    r.sentiment,
    text(r.comment),
    answersText === '' ? null : answersText,
    text(r.customer.externalId),
    text(r.customer.name),
    text(r.customer.email),
    text(r.customer.phone),
    text(r.customer.company),
    text(r.customer.reference),
    text(r.siteExternalId),
    text(r.siteName),
    text(r.staffExternalId),
    text(r.staffName),
    text(r.teamExternalId),
    text(r.teamName),
    JSON.stringify(r.tags),
    text(r.channel),
    text(r.language),
    text(r.links.reference),
    text(r.links.machineId),
    text(r.links.ticketUrl),
    text(r.links.sourceUrl),
    respondedMs,
    new Date(respondedMs).toISOString(),
    r.updatedAt
  ]
  const body = [JSON.stringify(labels), JSON.stringify(r.drivers), JSON.stringify(r.answers), JSON.stringify(r.properties), rawText]
  return { values, body, respondedMs, labels }
}

/** sha1 of the values, separated so that ['ab','c'] and ['a','bc'] differ; one native call per row. */
export function hashOf(values: ReadonlyArray<string | number | null>): string {
  let text = ''
  for (const v of values) text += v === null ? '\u0000N' : typeof v === 'number' ? `\u0000#${v}` : `\u0000${v}`
  return hash('sha1', text, 'base64')
}
