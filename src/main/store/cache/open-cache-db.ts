import { openDatabase, type Db } from '../database'
import type { CacheRole } from './protocol'

/**
 * A cache connection. openDatabase sets WAL, busy_timeout, synchronous NORMAL and foreign_keys, and
 * migrates (a no-op here: createCache migrates on the calling thread before any worker starts).
 */
export function openCacheDb(databaseFile: string, role: CacheRole): Db {
  const db = openDatabase(databaseFile)
  // The reader's cache holds the hot top of the time-ordered table and indexes; the writer's the b-tree paths it updates.
  db.pragma(role === 'reader' ? 'cache_size = -65536' : 'cache_size = -32768')
  db.pragma('temp_store = MEMORY')
  if (role === 'writer') db.pragma('wal_autocheckpoint = 10000')
  return db
}
