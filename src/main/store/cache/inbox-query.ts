import type { InboxFilters } from '../../../shared/domain/inbox'
import { AppError } from '../../../shared/errors'
import { customRange, periodRange } from '../../../shared/period-range'
import { ftsQuery, searchTerms } from './search-terms'
import { keyBoundBefore, lowestKeyAt } from './sort-key'
import { labelMatchSql } from './label-index'

export interface InboxQuery {
  /** FROM ... WHERE ..., newest first, without SELECT list or LIMIT. */
  body: string
  params: Array<string | number>
  /** The column holding the row's id in the driving table (for ORDER BY and the keyset). */
  idColumn: string
  terms: string[]
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/** `<connection uuid>:<external id>` -> its two parts. */
function splitRef(ref: string): [string, string] {
  return [ref.slice(0, 36), ref.slice(37)]
}

/**
 * Turns inbox filters into one SQL shape that keeps "newest first" free of sorting: the driving
 * table is FTS5 when searching (its rowid is the time-ordered id, so it streams matches newest
 * first), the label index (FTS5 too) for tags, else responses in rowid order or through an
 * index whose entries end in that rowid. A filter with several values is written with a unary `+`
 * so the planner does not drive from an IN over an index, which would fetch every match and sort
 * them: at a million rows that costs hundreds of milliseconds, scanning newest first does not.
 */
export function buildInboxQuery(filters: InboxFilters, now: Date, beforeId?: number): InboxQuery {
  const where: string[] = ['r.removed_at IS NULL']
  const params: Array<string | number> = []
  const terms = searchTerms(filters.search)
  const tags = filters.tags ?? []
  let from: string
  let idColumn: string
  if (terms.length > 0) {
    from = 'responses_fts f CROSS JOIN responses r ON r.id = f.rowid'
    idColumn = 'f.rowid'
    where.push('responses_fts MATCH ?')
    params.push(ftsQuery(terms))
  } else if (tags.length > 0) {
    from = 'response_labels t CROSS JOIN responses r ON r.id = t.rowid'
    idColumn = 't.rowid'
  } else {
    from = 'responses r'
    idColumn = 'r.id'
  }
  if (tags.length > 0 && terms.length === 0) {
    // Any of the tags, in the connections asked for: their labels' tokens, ORed (label-index.ts).
    const connections = filters.connectionIds ?? []
    where.push(`response_labels MATCH ${labelMatchSql(tags.length, connections.length)}`)
    params.push(...tags, ...connections)
  } else if (tags.length > 0) {
    // Searching within tags: each match of the search is checked against the labels its body lists.
    // (Asking the label index per candidate opens an FTS5 query each time: 100-470 ms a page at 1M.)
    where.push(`EXISTS (SELECT 1 FROM response_bodies b, json_each(b.labels) j WHERE b.id = r.body_id AND j.value IN (${marks(tags.length)}))`)
    params.push(...tags)
  }

  const anyOf = (column: string, values: readonly string[] | undefined): void => {
    if (!values || values.length === 0) return
    if (values.length === 1) {
      where.push(`r.${column} = ?`)
    } else {
      where.push(`+r.${column} IN (${marks(values.length)})`)
    }
    params.push(...values)
  }
  anyOf('connection_id', filters.connectionIds)
  anyOf('provider', filters.providers)
  anyOf('metric', filters.metrics)

  const refs = (column: string, values: readonly string[] | undefined): void => {
    if (!values || values.length === 0) return
    if (values.length === 1) {
      where.push(`(r.connection_id = ? AND r.${column} = ?)`)
      params.push(...splitRef(values[0]!))
      return
    }
    where.push(`(${values.map(() => `(+r.connection_id = ? AND +r.${column} = ?)`).join(' OR ')})`)
    for (const v of values) params.push(...splitRef(v))
  }
  refs('survey_external_id', filters.surveys)
  refs('site_external_id', filters.sites)
  refs('staff_external_id', filters.staff)
  refs('team_external_id', filters.teams)

  if (filters.minScore !== undefined) {
    where.push('r.score >= ?')
    params.push(filters.minScore)
  }
  if (filters.maxScore !== undefined) {
    where.push('r.score <= ?')
    params.push(filters.maxScore)
  }
  if (filters.hasComment !== undefined) where.push(filters.hasComment ? 'r.comment IS NOT NULL' : 'r.comment IS NULL')

  const range = timeRange(filters, now)
  if (range.from !== null) {
    where.push('r.responded_ms >= ?', `${idColumn} >= ?`)
    params.push(range.from, lowestKeyAt(range.from))
  }
  if (range.to !== null) {
    where.push('r.responded_ms < ?', `${idColumn} < ?`)
    params.push(range.to, keyBoundBefore(range.to))
  }
  if (beforeId !== undefined) {
    where.push(`${idColumn} < ?`)
    params.push(beforeId)
  }
  // The join also hides rows of a connection that is being removed (its row is already gone).
  const body = `FROM ${from} CROSS JOIN connections c ON c.id = r.connection_id WHERE ${where.join(' AND ')}`
  return { body, params, idColumn, terms }
}

/** The filters' period or custom range as epoch ms (null = open end); reports resolve theirs the same way. */
export function timeRange(filters: InboxFilters, now: Date): { from: number | null; to: number | null } {
  const timeZone = filters.timeZone ?? 'UTC'
  if (filters.period) {
    const r = periodRange(filters.period, now, timeZone)
    return { from: r.from.getTime(), to: r.to.getTime() }
  }
  if (filters.from || filters.to) {
    try {
      const r = customRange(filters.from, filters.to)
      return { from: r.from?.getTime() ?? null, to: r.to?.getTime() ?? null }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      throw new AppError('validation', message, { details: [{ field: message.startsWith('to') ? 'to' : 'from', message }] })
    }
  }
  return { from: null, to: null }
}

/** The keyset cursor: the last row's id (time-ordered, so it is the (respondedAt, id) position). */
export function encodeCursor(id: number): string {
  return Buffer.from(`v1:${id}`).toString('base64url')
}

export function decodeCursor(cursor: string): number {
  const m = /^v1:(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  const id = m ? Number(m[1]) : NaN
  if (!Number.isSafeInteger(id)) {
    throw new AppError('validation', 'This list position is not one Survey Desk made; reload the list.', { details: [{ field: 'cursor', message: 'Unknown cursor' }] })
  }
  return id
}
