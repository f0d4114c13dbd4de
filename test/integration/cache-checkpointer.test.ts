import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { startCheckpointer } from '../../src/main/store/cache/checkpointer'
import { CHECKPOINT_EVERY_MS, openCacheDb } from '../../src/main/store/cache/open-cache-db'
import { openDatabase } from '../../src/main/store/database'
import { makeTempDir } from '../support/temp-dir'

describe('cache checkpointer thread', () => {
  it('folds the WAL written by another connection back into the database file, and stops on close', async () => {
    const t = makeTempDir('survey-desk-checkpointer-')
    const file = join(t.dir, 'db.sqlite3')
    const db = openDatabase(file)
    try {
      // The writer leaves checkpoints to the other thread, as the sync worker's writer does.
      db.pragma('wal_autocheckpoint = 0')
      db.exec('CREATE TABLE blobs (b BLOB)')
      const before = statSync(file).size
      const insert = db.prepare('INSERT INTO blobs VALUES (randomblob(4096))')
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run()
      })()
      expect(statSync(file).size).toBe(before)
      const checkpointer = startCheckpointer(file, 20)
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 500 * 4096), { timeout: 5000, interval: 20 })
      // close() resolves once the thread has exited, its connection closed.
      await checkpointer.close()
      expect(db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }])
    } finally {
      db.close()
      t.cleanup()
    }
  })

  it('with a writer that never pauses, the WAL still starts over: it stays bounded instead of growing with all that is written', async () => {
    const t = makeTempDir('survey-desk-checkpointer-')
    const file = join(t.dir, 'db.sqlite3')
    openDatabase(file).close()
    // As the sync worker's cache runs: the writer leaves checkpoints to the thread.
    const db = openCacheDb(file, 'writer', true)
    const checkpointer = startCheckpointer(file, CHECKPOINT_EVERY_MS)
    try {
      db.exec('CREATE TABLE blobs (b BLOB)')
      const insert = db.prepare('INSERT INTO blobs VALUES (randomblob(16000))')
      const write = db.transaction(() => {
        for (let i = 0; i < 64; i++) insert.run()
      })
      // ~640 MB in 1 MB transactions, back to back: the thread's checkpoints alone never find the
      // whole WAL checkpointed at the moment a write begins (it grew to all 640 MB before). The
      // writer finishes the job at 256 MB of WAL.
      let largest = 0
      for (let i = 0; i < 640; i++) {
        write.immediate()
        largest = Math.max(largest, statSync(`${file}-wal`).size)
      }
      expect(largest).toBeLessThan(400 * 1024 * 1024)
      expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(640 * 64)
    } finally {
      await checkpointer.close()
      db.close()
      t.cleanup()
    }
  })

  it('keeps its process alive until close() has finished, with nothing else to wait for', () => {
    // In a thread with no other work (the sync worker once its run ends), an unref'd checkpointer
    // thread let the event loop end while close() was still awaited, and the code after it never ran.
    const t = makeTempDir('survey-desk-checkpointer-')
    try {
      const file = join(t.dir, 'db.sqlite3')
      openDatabase(file).close()
      const module = join(__dirname, '../../src/main/store/cache/checkpointer.ts')
      const script = `const { startCheckpointer } = require(${JSON.stringify(module)})
void startCheckpointer(${JSON.stringify(file)}, 1000).close().then(() => console.log('closed'))`
      const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 30_000 })
      expect(run.stderr).toBe('')
      expect(run.stdout.trim()).toBe('closed')
    } finally {
      t.cleanup()
    }
  })
})
