import type { AppErrorShape } from '../../../shared/errors'
import { AppError } from '../../../shared/errors'

/**
 * Messages between the main thread and a cache worker. One request names a method of the worker's
 * core and its arguments; one reply carries its value or an AppError shape. Values cross by
 * structured clone, so they are plain data (no classes, no functions).
 */

export const WRITER_OPS = [
  'applyPage',
  'beginFullRefresh',
  'finishFullRefresh',
  'readCheckpoint',
  'recordStreamOutcome',
  'resetCursors',
  'removeConnectionData',
  'manage',
  'reports'
] as const
export const READER_OPS = ['inboxList', 'inboxCount', 'inboxDetail', 'inboxFacets', 'checkpoints', 'manage', 'reports'] as const
export type WriterOp = (typeof WRITER_OPS)[number]
export type ReaderOp = (typeof READER_OPS)[number]
export type CacheRole = 'writer' | 'reader'

export interface WorkerInit {
  role: CacheRole
  databaseFile: string
  /** Writer only: another thread runs the WAL checkpoints (see open-cache-db.ts). */
  checkpointsElsewhere?: boolean
}

/** `op: 'close'` closes the worker's database; the worker then exits. */
export interface CacheRequest {
  id: number
  op: WriterOp | ReaderOp | 'close'
  args: unknown[]
}

export type CacheReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: AppErrorShape }

/** Any thrown thing as an AppError shape; SQLite's own errors become 'internal' with their message. */
export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape()
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'internal', message: `Local cache: ${message}`, details: [], retryable: false }
}

export function isOp(role: CacheRole, op: unknown): op is WriterOp | ReaderOp | 'close' {
  if (op === 'close') return true
  return role === 'writer' ? (WRITER_OPS as readonly unknown[]).includes(op) : (READER_OPS as readonly unknown[]).includes(op)
}
