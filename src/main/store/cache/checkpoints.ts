import type { StreamCheckpoint } from '../cache-api'
import type { Db } from '../database'

interface StateRow {
  connection_id: string
  stream: string
  cursor: string | null
  generation: number
  last_success_at: string | null
  last_attempt_at: string | null
  last_error: string | null
  rows: number
}

const COLUMNS = 'connection_id, stream, cursor, generation, last_success_at, last_attempt_at, last_error, rows'

function toCheckpoint(r: StateRow): StreamCheckpoint {
  return {
    connectionId: r.connection_id,
    stream: r.stream,
    cursor: r.cursor === null ? null : (JSON.parse(r.cursor) as unknown),
    generation: r.generation,
    lastSuccessAt: r.last_success_at,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    rows: r.rows
  }
}

export function readCheckpoint(db: Db, connectionId: string, stream: string): StreamCheckpoint | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM sync_state WHERE connection_id = ? AND stream = ?`).get(connectionId, stream) as StateRow | undefined
  return row ? toCheckpoint(row) : null
}

export function listCheckpoints(db: Db, connectionIds?: string[]): StreamCheckpoint[] {
  const where = connectionIds ? `WHERE connection_id IN (${connectionIds.map(() => '?').join(', ')})` : ''
  if (connectionIds && connectionIds.length === 0) return []
  const rows = db.prepare(`SELECT ${COLUMNS} FROM sync_state ${where} ORDER BY connection_id, stream`).all(...(connectionIds ?? [])) as StateRow[]
  return rows.map(toCheckpoint)
}
