import type { Cache, CacheReader, CacheWriter, PageResult, PageWrite } from '../cache-api'
import type { Response } from '../../../shared/domain/model'
import { carriesClaims, prepareResponses } from './response-row'
import { packBodies } from './packed-bodies'
import { openDatabase } from '../database'
import { CHECKPOINT_EVERY_MS, openCacheDb } from './open-cache-db'
import type { ManageCache } from './manage-core'
import { reportsCache } from '../../reports/reports-core'
import { ReaderCore } from './reader-core'
import { WorkerClient } from './worker-client'
import { startCheckpointer } from './checkpointer'
import { ClaimingPreparer } from './unchanged-claims'
import { WriterCore } from './writer-core'

export interface CacheOptions {
  databaseFile: string
  /**
   * 'worker': a writer and a reader worker thread (the app); 'inline': the same cores on this thread
   * (unit tests); 'writer-thread': the writer on a worker thread, the reader on this one, and the
   * WAL checkpoints (every CHECKPOINT_EVERY_MS) on a third thread, so the writer never does them.
   * That is the sync worker's cache: it writes a lot and reads a little, and the app's own reader,
   * busy checkpointing, would make the inbox wait.
   */
  mode: 'worker' | 'inline' | 'writer-thread'
}

/**
 * The provider-data cache. In worker mode the main thread only posts messages: every transaction
 * and query runs on the writer or reader thread, each with its own SQLite connection (WAL lets the
 * reader read beside the writer), so no page write or heavy query stalls the app.
 */
/**
 * A response page flattened and hashed on this thread (other entities pass as they are). The sync
 * calls it as soon as a page is mapped, so pages read ahead are ready when the writer is free.
 */
export function preparePage<W extends PageWrite>(write: W): W {
  if (write.entity !== 'response' || write.prepared) return write
  return { ...write, prepared: prepareResponses(write.connectionId, write.stream, write.items as Response[]) }
}

/**
 * What crosses to the writer thread: a prepared response page without its Response objects, its
 * bodies packed (packed-bodies.ts), and the buffers to transfer.
 */
function forWriterThread(write: PageWrite): { wire: PageWrite; transfer: ArrayBuffer[] } {
  const prepared = preparePage(write)
  if (prepared.entity !== 'response') return { wire: prepared, transfer: [] }
  const packing = packBodies(prepared.prepared!)
  if (!packing) return { wire: { ...prepared, items: [] }, transfer: [] }
  const { bytes, ends } = packing.packed
  return { wire: { ...prepared, items: [], prepared: packing.prepared, packed: packing.packed }, transfer: [bytes.buffer as ArrayBuffer, ends.buffer as ArrayBuffer] }
}

export function createCache(opts: CacheOptions): Cache {
  // Migrations run here, once, before any worker opens the file: two threads never race to migrate.
  openDatabase(opts.databaseFile).close()
  if (opts.mode === 'worker') return workerCache(opts.databaseFile)
  return opts.mode === 'writer-thread' ? writerThreadCache(opts.databaseFile) : inlineCache(opts.databaseFile)
}

function workerCache(databaseFile: string): Cache {
  const r = new WorkerClient('reader', databaseFile)
  const reader: CacheReader = {
    inboxList: (input) => r.call('inboxList', [input]),
    inboxCount: (filters) => r.call('inboxCount', [filters]),
    inboxDetail: (id) => r.call('inboxDetail', [id]),
    inboxFacets: (connectionIds) => r.call('inboxFacets', [connectionIds]),
    checkpoints: (connectionIds) => r.call('checkpoints', [connectionIds]),
    close: () => r.close()
  }
  return threadWriterCache(new WorkerClient('writer', databaseFile), reader, (call) => r.call('manage', [call]), (call) => r.call('reports', [call]))
}

/** A reader core on this thread behind the async CacheReader (a thrown error becomes a rejection, as over the worker transport). */
function inlineReader(r: ReaderCore): CacheReader {
  return {
    inboxList: async (input) => r.inboxList(input),
    inboxCount: async (filters) => r.inboxCount(filters),
    inboxDetail: async (id) => r.inboxDetail(id),
    inboxFacets: async (connectionIds) => r.inboxFacets(connectionIds),
    checkpoints: async (connectionIds) => r.checkpoints(connectionIds),
    close: async () => r.close()
  }
}

/**
 * Tries of a page whose claims the writer refuses: it is sent again with those rows in full. Refused
 * again, something else is writing the same rows, and the page fails (its stream retries next sync).
 */
const MAX_CLAIM_ATTEMPTS = 3
/** Pages at the writer thread at once: the one it writes and the next, queued (see writerThreadCache). */
const MAX_PAGES_AT_WRITER = 2

/**
 * The sync worker's cache: reads inline on its thread, page writes on a writer thread, and the WAL
 * checkpoints on a third (checkpointer.ts): on the sync thread they cost ~7 µs a row of a first
 * sync (half of it waiting on fsync), time the thread that parses and prepares pages could not use
 * (bench/sync-1m). Pages are prepared with ClaimingPreparer, so a re-sync flattens only what changed.
 */
function writerThreadCache(databaseFile: string): Cache {
  const r = new ReaderCore(openCacheDb(databaseFile, 'reader'))
  const checkpointer = startCheckpointer(databaseFile, CHECKPOINT_EVERY_MS)
  const reader = inlineReader(r)
  const cache = threadWriterCache(new WorkerClient('writer', databaseFile, { checkpointsElsewhere: true }), reader, async (call) => r.manage(call), async (call) => r.reports(call))
  const claiming = new ClaimingPreparer(r)
  // Pages reach the writer in the order given, posted in the caller's turn when they may go at once
  // (a post deferred to a later tick waited for the next page's prepare: a re-sync page's round trip
  // took ~13 ms instead of ~7). A page may join one already at the writer only while no page there
  // carries claims: a page whose claims are refused is sent again, and a page sent after it would
  // overtake it and could write an older copy of a row over a newer one. A first sync's pages carry
  // none; with the next page already queued at the writer, it never waits for this thread to post
  // (bench/store-ingest). A failed page's successors are refused by the writer (PageWrite.chain).
  let atWriter = 0
  let claimsAtWriter = 0
  const waiting: Array<() => void> = []
  const mayPost = (): boolean => atWriter === 0 || (claimsAtWriter === 0 && atWriter < MAX_PAGES_AT_WRITER)
  const drain = (): void => {
    while (waiting.length > 0 && mayPost()) waiting.shift()!()
  }
  const applyClaimed = async (write: PageWrite): Promise<PageResult> => {
    let current = write
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await cache.writer.applyPage(current)
        } catch (err) {
          const again = attempt < MAX_CLAIM_ATTEMPTS ? claiming.reprepare(current, err) : null
          if (!again) throw err
          current = again
        }
      }
    } finally {
      claiming.settled(current)
    }
  }
  const writer: CacheWriter = {
    ...cache.writer,
    prepare: (write) => claiming.prepare(write),
    applyPage: (write) =>
      new Promise<PageResult>((resolve, reject) => {
        const claims = carriesClaims(write.prepared)
        const start = (): void => {
          atWriter++
          if (claims) claimsAtWriter++
          const settle = (): void => {
            atWriter--
            if (claims) claimsAtWriter--
            drain()
          }
          applyClaimed(write).then(
            (result) => {
              settle()
              resolve(result)
            },
            (err: unknown) => {
              settle()
              reject(err)
            }
          )
        }
        if (waiting.length === 0 && mayPost()) start()
        else waiting.push(start)
      })
  }
  return { ...cache, writer, close: async () => void (await Promise.all([cache.close(), checkpointer.close()])) }
}

/** The writer half of the worker modes: every call posted to the writer thread `w`. */
function threadWriterCache(w: WorkerClient, reader: CacheReader, manageRead: ManageCache['read'], reportsRead: Parameters<typeof reportsCache>[0]): Cache {
  const writer: CacheWriter = {
    applyPage: (write) => {
      let wire: ReturnType<typeof forWriterThread>
      try {
        wire = forWriterThread(write)
      } catch (err) {
        return Promise.reject(err)
      }
      return w.call('applyPage', [wire.wire], wire.transfer)
    },
    prepare: preparePage,
    beginFullRefresh: (connectionId, stream) => w.call('beginFullRefresh', [connectionId, stream]),
    finishFullRefresh: (connectionId, stream, entity, generation) => w.call('finishFullRefresh', [connectionId, stream, entity, generation]),
    readCheckpoint: (connectionId, stream) => w.call('readCheckpoint', [connectionId, stream]),
    recordStreamOutcome: (connectionId, stream, outcome) => w.call('recordStreamOutcome', [connectionId, stream, outcome]),
    resetCursors: (connectionIds) => w.call('resetCursors', [connectionIds]),
    removeConnectionData: (connectionId) => w.call('removeConnectionData', [connectionId]),
    close: () => w.close()
  }
  const manage: ManageCache = { read: manageRead, write: (call) => w.call('manage', [call]) }
  const reports = reportsCache(reportsRead, (call) => w.call('reports', [call]))
  return { writer, reader, manage, reports, close: async () => void (await Promise.all([writer.close(), reader.close()])) }
}

function inlineCache(databaseFile: string): Cache {
  const w = new WriterCore(openCacheDb(databaseFile, 'writer'))
  const r = new ReaderCore(openCacheDb(databaseFile, 'reader'))
  // async wrappers turn a thrown error into a rejection, exactly as the worker transport does.
  const writer: CacheWriter = {
    applyPage: async (write) => w.applyPage(write),
    prepare: preparePage,
    beginFullRefresh: async (connectionId, stream) => w.beginFullRefresh(connectionId, stream),
    finishFullRefresh: async (connectionId, stream, entity, generation) => w.finishFullRefresh(connectionId, stream, entity, generation),
    readCheckpoint: async (connectionId, stream) => w.readCheckpoint(connectionId, stream),
    recordStreamOutcome: async (connectionId, stream, outcome) => w.recordStreamOutcome(connectionId, stream, outcome),
    resetCursors: async (connectionIds) => w.resetCursors(connectionIds),
    removeConnectionData: (connectionId) => w.removeConnectionData(connectionId),
    close: async () => w.close()
  }
  const reader = inlineReader(r)
  const manage: ManageCache = { read: async (call) => r.manage(call), write: async (call) => w.manage(call) }
  const reports = reportsCache(async (call) => r.reports(call), async (call) => w.reports(call))
  return { writer, reader, manage, reports, close: async () => void (await Promise.all([writer.close(), reader.close()])) }
}
