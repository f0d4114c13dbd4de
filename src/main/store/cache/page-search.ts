import type { Statement } from 'better-sqlite3'
import type { Db } from '../database'

const TEXT = 'comment, answers_text, customer_name'

/**
 * The search index kept by the writer for a run of a page (schema-v9-page-search.ts says why), as
 * RollupDeltas keeps the report counts: the stored text of rows about to be rewritten in place
 * leaves the index before they change, and the text of every row written enters it after.
 *
 * `added` must come after the run's other writes: any later statement that opens a savepoint makes
 * FTS5 flush what it holds, and the point is to flush a page's terms once. A row deleted (the
 * delete trigger) must already be in the index, so a run adds its rows before the next run starts.
 */
export class PageSearchIndex {
  private readonly remove: Statement
  private readonly add: Statement

  constructor(db: Db) {
    const ids = 'FROM responses WHERE id IN (SELECT value FROM json_each(?))'
    // External content: 'delete' must be given the text as indexed, which is what responses holds until the update.
    this.remove = db.prepare(`INSERT INTO responses_fts(responses_fts, rowid, ${TEXT}) SELECT 'delete', id, ${TEXT} ${ids}`)
    this.add = db.prepare(`INSERT INTO responses_fts(rowid, ${TEXT}) SELECT id, ${TEXT} ${ids}`)
  }

  /** Rows about to be rewritten in place (same id): their current text leaves the index. */
  removing(ids: number[]): void {
    if (ids.length > 0) this.remove.run(JSON.stringify(ids))
  }

  /** Rows just inserted or rewritten: their text enters the index. */
  added(ids: number[]): void {
    if (ids.length > 0) this.add.run(JSON.stringify(ids))
  }
}
