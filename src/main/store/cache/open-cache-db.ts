import { openDatabase, type Db } from '../database'
import type { CacheRole } from './protocol'

/**
 * How often the checkpointer thread checkpoints the WAL when the writer leaves it the job (the sync
 * worker's writer-thread cache). A page commit folding 10,000 WAL pages back into the file cost the
 * writer ~16 µs a row of a first sync (bench/store-ingest.bench.ts); on its own thread it runs beside the writer instead.
 */
export const CHECKPOINT_EVERY_MS = 1000
/**
 * The writer's own checkpoint when another thread does them: only a backstop (~400 MB of WAL) in
 * case the checkpointing thread is stuck behind a long query.
 */
const BACKSTOP_AUTOCHECKPOINT_PAGES = 100_000

/**
 * A cache connection. openDatabase sets WAL, busy_timeout, synchronous NORMAL and foreign_keys, and
 * migrates (a no-op here: createCache migrates on the calling thread before any worker starts).
 * `checkpointsElsewhere`: a writer whose WAL checkpoints another thread runs (every CHECKPOINT_EVERY_MS).
 */
export function openCacheDb(databaseFile: string, role: CacheRole, checkpointsElsewhere = false): Db {
  const db = openDatabase(databaseFile)
  // The reader's cache holds the hot top of the time-ordered table and indexes; the writer's the b-tree paths it updates.
  db.pragma(role === 'reader' ? 'cache_size = -65536' : 'cache_size = -32768')
  db.pragma('temp_store = MEMORY')
  if (role === 'writer') db.pragma(`wal_autocheckpoint = ${checkpointsElsewhere ? BACKSTOP_AUTOCHECKPOINT_PAGES : 10000}`)
  return db
}
