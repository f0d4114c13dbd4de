import type { Db } from '../database'
import type { CacheRole } from './protocol'
import { ReaderCore } from './reader-core'
import { WriterCore } from './writer-core'

export type Core = WriterCore | ReaderCore

export function createCore(role: CacheRole, db: Db): Core {
  return role === 'writer' ? new WriterCore(db) : new ReaderCore(db)
}
