import type { Statement } from 'better-sqlite3'
import type { Db } from '../database'

/** The FTS5 token of label `id` (schema-v11-label-index.ts): one ASCII word per (connection, tag). */
export const labelToken = (id: number): string => `l${id}`

/** labelToken in SQL, of the label id in `column`. */
export const labelTokenSql = (column: string): string => `'l' || ${column}`

/**
 * An FTS5 query matching the responses that carry any of `tags` (in the connections given, else in
 * any), for `response_labels MATCH (...)`: the tokens of those labels joined by OR, or `l0`, which
 * no label has (ids start at 1), when none exists. Its parameters: the tags, then the connections.
 */
export function labelMatchSql(tags: number, connections: number): string {
  const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')
  const inConnections = connections > 0 ? ` AND connection_id IN (${marks(connections)})` : ''
  return `(SELECT coalesce(group_concat(${labelTokenSql('id')}, ' OR '), 'l0') FROM labels WHERE tag IN (${marks(tags)})${inConnections})`
}

/**
 * The tag index kept by the writer for a run of a page, as PageSearchIndex keeps the search index:
 * the labels of rows about to be rewritten in place leave it first, then every written row's labels
 * enter it in one statement, so FTS5 writes the page's tokens once (see schema-v11-label-index.ts).
 */
export class LabelIndex {
  private readonly find: Statement
  private readonly insert: Statement
  private readonly remove: Statement
  private readonly add: Statement
  /**
   * connection -> tag -> label id, as committed (by connection first: a key joining the two strings
   * cost the writer a concatenation and a hash per label). Ids never change; a connection's go with
   * its data (forget).
   */
  private readonly ids = new Map<string, Map<string, number>>()
  /** Ids found or made in the open transaction: kept only if it commits, since a rolled-back id is given again to another tag. */
  private readonly fresh: Array<[connectionId: string, tag: string, id: number]> = []

  constructor(db: Db) {
    this.find = db.prepare('SELECT id FROM labels WHERE connection_id = ? AND tag = ?').pluck()
    this.insert = db.prepare('INSERT INTO labels (connection_id, tag) VALUES (?, ?)')
    this.remove = db.prepare('DELETE FROM response_labels WHERE rowid IN (SELECT value FROM json_each(?))')
    this.add = db.prepare('INSERT INTO response_labels (rowid, tokens) SELECT value ->> 0, value ->> 1 FROM json_each(?)')
  }

  /** Rows about to be rewritten in place (same id): their labels leave the index. */
  removing(ids: readonly number[]): void {
    if (ids.length > 0) this.remove.run(JSON.stringify(ids))
  }

  /**
   * Rows just written, as [label, response id] pairs (a row's pairs together): their tokens enter
   * the index. Must come after the run's other writes to its rows, as PageSearchIndex.added does.
   */
  added(connectionId: string, labels: ReadonlyArray<readonly [string, number]>): void {
    if (labels.length === 0) return
    const rows: Array<[number, string]> = []
    const known = this.knownOf(connectionId)
    for (const [label, responseId] of labels) {
      const token = labelToken(known.get(label) ?? this.idOf(connectionId, label))
      const last = rows[rows.length - 1]
      if (last !== undefined && last[0] === responseId) last[1] += ` ${token}`
      else rows.push([responseId, token])
    }
    this.add.run(JSON.stringify(rows))
  }

  /** The transaction that wrote the last page committed: the labels it made are kept. */
  committed(): void {
    for (const [connectionId, tag, id] of this.fresh) this.knownOf(connectionId).set(tag, id)
    this.fresh.length = 0
  }

  /** It rolled back: the labels it made are gone with it. */
  rolledBack(): void {
    this.fresh.length = 0
  }

  /** A connection's labels were deleted (its data went): their ids must be looked up again. */
  forget(connectionId: string): void {
    this.ids.delete(connectionId)
  }

  private knownOf(connectionId: string): Map<string, number> {
    let known = this.ids.get(connectionId)
    if (!known) this.ids.set(connectionId, (known = new Map()))
    return known
  }

  /** A label not committed yet: made or found in this transaction, else looked up or made now. */
  private idOf(connectionId: string, label: string): number {
    const made = this.fresh.find(([c, t]) => c === connectionId && t === label)
    if (made) return made[2]
    const id = (this.find.get(connectionId, label) as number | undefined) ?? Number(this.insert.run(connectionId, label).lastInsertRowid)
    this.fresh.push([connectionId, label, id])
    return id
  }
}
