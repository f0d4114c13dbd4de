import { openDatabase, type Db } from '../database'
import type { CacheRole } from './protocol'

/**
 * How often the checkpointer thread checkpoints the WAL when the writer leaves it the job (the sync
 * worker's writer-thread cache). A page commit folding 10,000 WAL pages back into the file cost the
 * writer ~16 µs a row of a first sync (bench/store-ingest.bench.ts); on its own thread it runs beside
 * the writer instead. Often, so that what is left for the writer's own checkpoint (below) is small.
 */
export const CHECKPOINT_EVERY_MS = 250
/**
 * The writer's own checkpoint when another thread does them. The other thread's checkpoints never
 * catch up with a writer that writes without pause, and SQLite starts the WAL over only when a
 * write finds all of it checkpointed: the WAL grew through the whole sync, to 1.6 GB at 1M rows
 * (its 100,000-page backstop then) beside a 2.6 GB database. At 16,384 pages (256 MB) the writer
 * checkpoints the rest itself, mostly done by then, and the WAL starts over. Not smaller: the WAL
 * also gathers the rewrites of the same b-tree pages, which a sync whose rows land all over the
 * tables (five connections interleaved, store-ingest) makes many of: at 4,096 pages it fell from
 * 7,146 to 5,921 rows/s, at 16,384 it made 6,912. It also costs less CPU: the writes no longer go
 * to ever new parts of the WAL file, each a fresh page of the OS's cache to fill (the kernel's copy
 * into it was 14% of the writer's time). CPU per row of a 300k-row first sync, by perf samples A/B:
 * the checkpointer 7.3 -> 2.7 µs, the writer 35.6 -> 31.1 µs (one pair; the writer's figure moves
 * by up to 9% between identical runs).
 */
const WRITER_CHECKPOINT_PAGES = 16384

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
  if (role === 'writer') db.pragma(`wal_autocheckpoint = ${checkpointsElsewhere ? WRITER_CHECKPOINT_PAGES : 10000}`)
  return db
}
