import type { Cache, CacheReader, CacheWriter } from '../cache-api'
import { openDatabase } from '../database'
import { openCacheDb } from './open-cache-db'
import type { ManageCache } from './manage-core'
import { reportsCache } from '../../reports/reports-core'
import { ReaderCore } from './reader-core'
import { WorkerClient } from './worker-client'
import { WriterCore } from './writer-core'

export interface CacheOptions {
  databaseFile: string
  /** 'worker': a writer and a reader worker thread (the app); 'inline': the same cores on this thread (unit tests). */
  mode: 'worker' | 'inline'
}

/**
 * The provider-data cache. In worker mode the main thread only posts messages: every transaction
 * and query runs on the writer or reader thread, each with its own SQLite connection (WAL lets the
 * reader read beside the writer), so no page write or heavy query stalls the app.
 */
export function createCache(opts: CacheOptions): Cache {
  // Migrations run here, once, before any worker opens the file: two threads never race to migrate.
  openDatabase(opts.databaseFile).close()
  return opts.mode === 'worker' ? workerCache(opts.databaseFile) : inlineCache(opts.databaseFile)
}

function workerCache(databaseFile: string): Cache {
  const w = new WorkerClient('writer', databaseFile)
  const r = new WorkerClient('reader', databaseFile)
  const writer: CacheWriter = {
    applyPage: (write) => w.call('applyPage', [write]),
    beginFullRefresh: (connectionId, stream) => w.call('beginFullRefresh', [connectionId, stream]),
    finishFullRefresh: (connectionId, stream, entity, generation) => w.call('finishFullRefresh', [connectionId, stream, entity, generation]),
    readCheckpoint: (connectionId, stream) => w.call('readCheckpoint', [connectionId, stream]),
    recordStreamOutcome: (connectionId, stream, outcome) => w.call('recordStreamOutcome', [connectionId, stream, outcome]),
    resetCursors: (connectionIds) => w.call('resetCursors', [connectionIds]),
    removeConnectionData: (connectionId) => w.call('removeConnectionData', [connectionId]),
    close: () => w.close()
  }
  const reader: CacheReader = {
    inboxList: (input) => r.call('inboxList', [input]),
    inboxCount: (filters) => r.call('inboxCount', [filters]),
    inboxDetail: (id) => r.call('inboxDetail', [id]),
    inboxFacets: (connectionIds) => r.call('inboxFacets', [connectionIds]),
    checkpoints: (connectionIds) => r.call('checkpoints', [connectionIds]),
    close: () => r.close()
  }
  const manage: ManageCache = { read: (call) => r.call('manage', [call]), write: (call) => w.call('manage', [call]) }
  const reports = reportsCache((call) => r.call('reports', [call]), (call) => w.call('reports', [call]))
  return { writer, reader, manage, reports, close: async () => void (await Promise.all([writer.close(), reader.close()])) }
}

function inlineCache(databaseFile: string): Cache {
  const w = new WriterCore(openCacheDb(databaseFile, 'writer'))
  const r = new ReaderCore(openCacheDb(databaseFile, 'reader'))
  // async wrappers turn a thrown error into a rejection, exactly as the worker transport does.
  const writer: CacheWriter = {
    applyPage: async (write) => w.applyPage(write),
    beginFullRefresh: async (connectionId, stream) => w.beginFullRefresh(connectionId, stream),
    finishFullRefresh: async (connectionId, stream, entity, generation) => w.finishFullRefresh(connectionId, stream, entity, generation),
    readCheckpoint: async (connectionId, stream) => w.readCheckpoint(connectionId, stream),
    recordStreamOutcome: async (connectionId, stream, outcome) => w.recordStreamOutcome(connectionId, stream, outcome),
    resetCursors: async (connectionIds) => w.resetCursors(connectionIds),
    removeConnectionData: (connectionId) => w.removeConnectionData(connectionId),
    close: async () => w.close()
  }
  const reader: CacheReader = {
    inboxList: async (input) => r.inboxList(input),
    inboxCount: async (filters) => r.inboxCount(filters),
    inboxDetail: async (id) => r.inboxDetail(id),
    inboxFacets: async (connectionIds) => r.inboxFacets(connectionIds),
    checkpoints: async (connectionIds) => r.checkpoints(connectionIds),
    close: async () => r.close()
  }
  const manage: ManageCache = { read: async (call) => r.manage(call), write: async (call) => w.manage(call) }
  const reports = reportsCache(async (call) => r.reports(call), async (call) => w.reports(call))
  return { writer, reader, manage, reports, close: async () => void (await Promise.all([writer.close(), reader.close()])) }
}
