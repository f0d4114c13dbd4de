import type { Statement } from 'better-sqlite3'
import type { Response } from '../../../shared/domain/model'
import { AppError, type FieldError } from '../../../shared/errors'
import { EARLIER_PAGE_FAILED, type EntityType, type PageResult, type PageWrite, type StreamCheckpoint, type StreamOutcome } from '../cache-api'
import type { Db } from '../database'
import { ENTITY_TABLES, isReferenceEntity, REFERENCE_TABLES, type EntityTable, type Value } from './entity-tables'
import { BODY_COLUMNS, hashOf, prepareResponses, RESPONSE_COLUMNS, STALE_CLAIMS, type PreparedResponse, type PreparedRow } from './response-row'
import { PageSearchIndex } from './page-search'
import { unpackBody, type PackedBodies } from './packed-bodies'
import { LabelIndex } from './label-index'
import { RollupDeltas } from './rollup-deltas'
import { bucketOf, clampMs, PER_MS, SPILL_MS } from './sort-key'
import { readCheckpoint } from './checkpoints'
import { manageWrite, type ManageWriteCall } from './manage-core'
import { reportsWrite, type ReportsWriteCall } from '../../reports/reports-core'

/** A page bigger than this is refused: one transaction must stay short (see DESIGN.md). */
export const MAX_PAGE_ROWS = 1000
/** Chains remembered (see applyPage): far more than the streams a session runs at once. */
const MAX_CHAINS = 1000
/** Rows deleted per transaction when a connection's data goes. */
const DELETE_CHUNK = 2000

/** A row says its body travels packed, but the page came without the buffer: a bug in the sender. */
function missingPacked(): never {
  throw new AppError('internal', 'A response page arrived without the packed bodies its rows point to; the page was not written.')
}

const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface ExistingResponse {
  id: number
  body_id: number
  content_hash: string
  removed_at: string | null
}
interface ExistingRef {
  id: number
  content_hash: string
  removed_at: string | null
  generation: number
  stream: string
}

interface RefStatements {
  find: Statement
  insert: Statement
  update: Statement
  stamp: Statement
}

/**
 * The cache's only writer. Runs on the writer worker thread (or inline in unit tests); every public
 * method is one transaction, except removeConnectionData, which deletes in chunks between which
 * other work can run.
 */
export class WriterCore {
  private readonly responseFind: Statement
  private readonly responseInsert: Statement
  private readonly responseUpdate: Statement
  private readonly responseDelete: Statement
  private readonly bodyInsert: Statement
  private readonly bodyUpdate: Statement
  private readonly bucketMax: Statement
  private readonly stateEnsure: Statement
  private readonly stateRows: Statement
  private readonly stateCursor: Statement
  private readonly refs = new Map<string, RefStatements>()
  private readonly rollups: RollupDeltas
  private readonly search: PageSearchIndex
  private readonly labels: LabelIndex
  /** The last page written of each chain. */
  private readonly chains = new Map<string, number>()

  constructor(private readonly db: Db) {
    const cols = RESPONSE_COLUMNS.join(', ')
    const marks = RESPONSE_COLUMNS.map(() => '?').join(', ')
    this.responseFind = db.prepare('SELECT id, body_id, content_hash, removed_at FROM responses WHERE connection_id = ? AND kind = ? AND external_id = ?')
    this.responseInsert = db.prepare(`INSERT INTO responses (id, ${cols}, synced_at, content_hash, body_id) VALUES (?, ${marks}, ?, ?, ?)`)
    // A body text comes as a string, or as UTF-8 bytes (packed-bodies.ts), which CAST stores as text.
    this.bodyInsert = db.prepare(`INSERT INTO response_bodies (${BODY_COLUMNS.join(', ')}) VALUES (${BODY_COLUMNS.map(() => 'CAST(? AS TEXT)').join(', ')})`)
    this.bodyUpdate = db.prepare(`UPDATE response_bodies SET ${BODY_COLUMNS.map((c) => `${c} = CAST(? AS TEXT)`).join(', ')} WHERE id = ?`)
    this.responseUpdate = db.prepare(
      `UPDATE responses SET ${RESPONSE_COLUMNS.map((c) => `${c} = ?`).join(', ')}, synced_at = ?, content_hash = ?, removed_at = NULL WHERE id = ?`
    )
    this.responseDelete = db.prepare('DELETE FROM responses WHERE id = ?')
    this.bucketMax = db.prepare('SELECT max(id) AS m FROM responses WHERE id >= ? AND id < ?').pluck()
    this.stateEnsure = db.prepare('INSERT OR IGNORE INTO sync_state (connection_id, stream) VALUES (?, ?)')
    this.stateRows = db.prepare('UPDATE sync_state SET rows = rows + ? WHERE connection_id = ? AND stream = ?')
    this.stateCursor = db.prepare('UPDATE sync_state SET cursor = ? WHERE connection_id = ? AND stream = ?')
    this.rollups = new RollupDeltas(db)
    this.search = new PageSearchIndex(db)
    this.labels = new LabelIndex(db)
  }

  /** Pages of a chain (PageWrite.chain) are written only in order, each after the one before it. */
  applyPage(write: PageWrite): PageResult {
    const chain = write.chain
    if (chain === undefined) return this.applyPageNow(write)
    const last = this.chains.get(chain.id) ?? 0
    if (chain.page !== last + 1) throw new AppError('conflict', `${EARLIER_PAGE_FAILED} (page ${chain.page} came after page ${last}); this one was not written.`)
    const result = this.applyPageNow(write)
    // Most recently written last, so the bound drops chains long finished, not running ones.
    this.chains.delete(chain.id)
    this.chains.set(chain.id, chain.page)
    if (this.chains.size > MAX_CHAINS) this.chains.delete(this.chains.keys().next().value!)
    return result
  }

  private applyPageNow(write: PageWrite): PageResult {
    const entity: EntityType = write.entity
    const prepared = entity === 'response' ? (write.prepared ?? prepareResponses(write.connectionId, write.stream, write.items as Response[])) : undefined
    const size = prepared?.length ?? write.items.length
    if (size > MAX_PAGE_ROWS) {
      throw new AppError('validation', `A page holds at most ${MAX_PAGE_ROWS} rows; this one has ${size}. Split it.`, {
        details: [{ field: 'items', message: `at most ${MAX_PAGE_ROWS} rows` }]
      })
    }
    const cursor = write.cursor === undefined ? undefined : JSON.stringify(write.cursor)
    const now = new Date().toISOString()
    // IMMEDIATE: the page reads before it writes, and a read transaction that another connection
    // (the app's writer, a sync lock's heartbeat) wrote past cannot become a write one: SQLite
    // answers "database is locked" at once, without waiting. Taking the write lock first waits instead.
    const apply = this.db.transaction((): PageResult => {
      const result: PageResult = prepared ? this.applyResponses(write.connectionId, prepared, write.packed, now) : this.applyReferences(entity as Exclude<EntityType, 'response'>, write, now)
      this.stateEnsure.run(write.connectionId, write.stream)
      this.stateRows.run(result.inserted + result.updated, write.connectionId, write.stream)
      if (cursor !== undefined) this.stateCursor.run(cursor, write.connectionId, write.stream)
      return result
    })
    try {
      const result = apply.immediate()
      this.labels.committed()
      return result
    } catch (err) {
      this.labels.rolledBack()
      throw err
    }
  }

  /** Runs of the page in which no key repeats (a repeated key is written after its earlier copy, so the last one wins). */
  private applyResponses(connectionId: string, rows: PreparedRow[], packed: PackedBodies | undefined, now: string): PageResult {
    this.checkClaims(connectionId, rows)
    const result: PageResult = { inserted: 0, updated: 0, unchanged: 0 }
    let run: PreparedRow[] = []
    const keys = new Set<string>()
    for (const row of rows) {
      const key = `${row.kind}\u0000${row.externalId}`
      if (keys.has(key)) {
        this.applyRun(connectionId, run, packed, now, result)
        run = []
        keys.clear()
      }
      keys.add(key)
      run.push(row)
    }
    this.applyRun(connectionId, run, packed, now, result)
    return result
  }

  /**
   * Every claim of the page, before anything is written: each must be stored, not removed, with its
   * hash. A claim's key appears once in its page (prepareResponses), so no other row of the page can
   * change it. Those that do not hold fail the page unwritten, named by their place in it, and the
   * preparer sends them again in full (unchanged-claims.ts).
   */
  private checkClaims(connectionId: string, rows: PreparedRow[]): void {
    const stale: FieldError[] = []
    rows.forEach((row, index) => {
      if (!('unchanged' in row)) return
      const existing = this.responseFind.get(connectionId, row.kind, row.externalId) as ExistingResponse | undefined
      if (!existing || existing.content_hash !== row.hash || existing.removed_at !== null) stale.push({ field: `prepared.${index}`, message: `response ${row.externalId} is not stored unchanged` })
    })
    if (stale.length > 0) throw new AppError('conflict', `${STALE_CLAIMS} (${stale.length} of ${rows.length}); the page was not written.`, { details: stale })
  }

  /**
   * Rows whose keys are distinct: first every lookup (unchanged rows stop there), then the report
   * counts and the search text of the stored versions about to change are taken away, one statement
   * each, the rows are written, and the counts and text of what was written are added the same way.
   */
  private applyRun(connectionId: string, rows: PreparedRow[], packed: PackedBodies | undefined, now: string, result: PageResult): void {
    // inPlace: stored, and its time bucket unchanged, so the row keeps its id.
    const changed: Array<{ row: PreparedResponse; existing: ExistingResponse | undefined; inPlace: boolean }> = []
    const replaced: number[] = []
    for (const row of rows) {
      // Checked already (checkClaims), in this transaction.
      if ('unchanged' in row) {
        result.unchanged++
        continue
      }
      const existing = this.responseFind.get(connectionId, row.kind, row.externalId) as ExistingResponse | undefined
      if (existing && existing.content_hash === row.hash && existing.removed_at === null) {
        result.unchanged++
        continue
      }
      changed.push({ row, existing, inPlace: existing !== undefined && bucketOf(existing.id) === clampMs(row.respondedMs) })
      if (existing) replaced.push(existing.id)
    }
    if (changed.length === 0) return
    this.rollups.removing(replaced)
    const rewritten = changed.filter((c) => c.inPlace).map((c) => c.existing!.id)
    this.search.removing(rewritten)
    this.labels.removing(rewritten)
    const written: Array<ReadonlyArray<string | number | null>> = []
    const writtenIds: number[] = []
    const labels: Array<readonly [string, number]> = []
    for (const { row, existing, inPlace } of changed) {
      const body = row.bodyAt === undefined ? row.body : unpackBody(packed ?? missingPacked(), row.bodyAt)
      let id: number
      if (existing && inPlace) {
        id = existing.id
        this.responseUpdate.run(...row.values, now, row.hash, id)
        this.bodyUpdate.run(...body, existing.body_id)
      } else {
        // New, or its time moved: the id is time-ordered, so the row takes a new one.
        if (existing) this.responseDelete.run(existing.id)
        id = this.allocateId(row.respondedMs, row.externalId)
        const bodyId = Number(this.bodyInsert.run(...body).lastInsertRowid)
        this.responseInsert.run(id, ...row.values, now, row.hash, bodyId)
      }
      for (const label of row.labels) labels.push([label, id])
      written.push(row.values)
      writtenIds.push(id)
      if (existing) result.updated++
      else result.inserted++
    }
    this.rollups.added(written)
    // Last, the two FTS5 indexes: see PageSearchIndex.
    this.labels.added(connectionId, labels)
    this.search.added(writtenIds)
  }

  private allocateId(respondedMs: number, externalId: string): number {
    const first = clampMs(respondedMs) * PER_MS
    for (let base = first; base < first + SPILL_MS * PER_MS; base += PER_MS) {
      const max = this.bucketMax.get(base, base + PER_MS) as number | null
      if (max === null) return base
      if (max + 1 < base + PER_MS) return max + 1
    }
    throw new AppError('internal', `Too many responses share the minute of response ${externalId} to give it a place in time order.`)
  }

  private refStatements(t: EntityTable<unknown>): RefStatements {
    let s = this.refs.get(t.table)
    if (!s) {
      const own = t.columns
      const all = ['connection_id', 'stream', 'provider', 'external_id', 'raw', 'content_hash', 'generation', 'synced_at', ...own]
      const keyWhere = ['connection_id', ...t.key].map((c) => `${c} = ?`).join(' AND ')
      s = {
        find: this.db.prepare(`SELECT id, content_hash, removed_at, generation, stream FROM ${t.table} WHERE ${keyWhere}`),
        insert: this.db.prepare(`INSERT INTO ${t.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`),
        update: this.db.prepare(`UPDATE ${t.table} SET ${all.map((c) => `${c} = ?`).join(', ')}, removed_at = NULL WHERE id = ?`),
        stamp: this.db.prepare(`UPDATE ${t.table} SET generation = ?, stream = ? WHERE id = ?`)
      }
      this.refs.set(t.table, s)
    }
    return s
  }

  private applyReferences(entity: Exclude<EntityType, 'response'>, write: PageWrite, now: string): PageResult {
    const t = ENTITY_TABLES[entity] as EntityTable<unknown>
    const s = this.refStatements(t)
    const result: PageResult = { inserted: 0, updated: 0, unchanged: 0 }
    for (const item of write.items as Array<{ provider: string; externalId: string; raw: unknown }>) {
      const own = t.values(item)
      const raw = JSON.stringify(item.raw ?? null)
      const hash = hashOf([item.provider, item.externalId, raw, ...own])
      const keyValues = t.key.map((k) => (k === 'external_id' ? item.externalId : own[t.columns.indexOf(k)]!))
      const existing = s.find.get(write.connectionId, ...keyValues) as ExistingRef | undefined
      if (existing && existing.content_hash === hash && existing.removed_at === null) {
        const generation = write.generation ?? existing.generation
        if (generation !== existing.generation || existing.stream !== write.stream) s.stamp.run(generation, write.stream, existing.id)
        result.unchanged++
        continue
      }
      const kept = existing ? (t.keep?.(item) ?? []) : []
      if (kept.length > 0) {
        const stored = this.db.prepare(`SELECT ${kept.join(', ')} FROM ${t.table} WHERE id = ?`).get(existing!.id) as Record<string, Value>
        for (const column of kept) own[t.columns.indexOf(column)] = stored[column]!
      }
      const values = [write.connectionId, write.stream, item.provider, item.externalId, raw, hash, write.generation ?? existing?.generation ?? 0, now, ...own]
      if (existing) {
        s.update.run(...values, existing.id)
        result.updated++
      } else {
        s.insert.run(...values)
        result.inserted++
      }
    }
    return result
  }

  beginFullRefresh(connectionId: string, stream: string): number {
    return this.db.transaction(() => {
      this.stateEnsure.run(connectionId, stream)
      return this.db
        .prepare('UPDATE sync_state SET last_generation = last_generation + 1, generation = last_generation + 1 WHERE connection_id = ? AND stream = ? RETURNING generation')
        .pluck()
        .get(connectionId, stream) as number
    }).immediate()
  }

  finishFullRefresh(connectionId: string, stream: string, entity: string, generation: number): { removed: number } {
    if (!isReferenceEntity(entity)) {
      throw new AppError('validation', `A full refresh marks rows of a reference list removed; ${entity} is not one.`, { details: [{ field: 'entity', message: 'not a reference list' }] })
    }
    const { table } = ENTITY_TABLES[entity]
    return this.db.transaction(() => {
      const removed = this.db
        .prepare(`UPDATE ${table} SET removed_at = ? WHERE connection_id = ? AND stream = ? AND generation <> ? AND removed_at IS NULL`)
        .run(new Date().toISOString(), connectionId, stream, generation).changes
      this.db.prepare('UPDATE sync_state SET generation = 0 WHERE connection_id = ? AND stream = ?').run(connectionId, stream)
      return { removed }
    }).immediate()
  }

  readCheckpoint(connectionId: string, stream: string): StreamCheckpoint | null {
    return readCheckpoint(this.db, connectionId, stream)
  }

  recordStreamOutcome(connectionId: string, stream: string, outcome: StreamOutcome): void {
    this.db.transaction(() => {
      this.stateEnsure.run(connectionId, stream)
      if (outcome.ok) {
        this.db.prepare('UPDATE sync_state SET last_success_at = ?, last_attempt_at = ?, last_error = NULL WHERE connection_id = ? AND stream = ?').run(outcome.at, outcome.at, connectionId, stream)
      } else {
        this.db.prepare('UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE connection_id = ? AND stream = ?').run(outcome.at, outcome.error, connectionId, stream)
      }
    }).immediate()
  }

  resetCursors(connectionIds: string[]): void {
    if (connectionIds.length === 0) return
    this.db.prepare(`UPDATE sync_state SET cursor = NULL, generation = 0 WHERE connection_id IN (${connectionIds.map(() => '?').join(', ')})`).run(...connectionIds)
  }

  /** Deletes in chunks of DELETE_CHUNK rows, each its own short transaction, yielding in between. */
  async removeConnectionData(connectionId: string): Promise<void> {
    // Responses leave the report counts too (rollup-deltas.ts), chunk by chunk in the same transaction.
    const ids = this.db.prepare(`SELECT id FROM responses WHERE connection_id = ? LIMIT ${DELETE_CHUNK}`).pluck()
    const drop = this.db.prepare('DELETE FROM responses WHERE id IN (SELECT value FROM json_each(?))')
    const responsesChunk = (): number => {
      const chunk = ids.all(connectionId) as number[]
      this.rollups.removing(chunk)
      return chunk.length === 0 ? 0 : drop.run(JSON.stringify(chunk)).changes
    }
    while (this.db.transaction(responsesChunk).immediate() > 0) await yieldTurn()
    for (const table of REFERENCE_TABLES) {
      const chunk = this.db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE connection_id = ? LIMIT ${DELETE_CHUNK})`)
      while (this.db.transaction(() => chunk.run(connectionId).changes).immediate() > 0) await yieldTurn()
    }
    // Their response_labels rows went with the responses (the delete trigger); the labels follow.
    this.db.prepare('DELETE FROM labels WHERE connection_id = ?').run(connectionId)
    this.labels.forget(connectionId)
    this.db.prepare('DELETE FROM sync_state WHERE connection_id = ?').run(connectionId)
  }

  /** The manage outbox, links and row states (manage-core.ts); each call is one statement or transaction. */
  manage(call: ManageWriteCall): unknown {
    return this.db.transaction(() => manageWrite(this.db, call)).immediate()
  }

  /** The report rollups' rebuild (src/main/reports/reports-core.ts). */
  reports(call: ReportsWriteCall): unknown {
    return reportsWrite(this.db, call)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
