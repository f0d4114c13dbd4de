import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Cache } from '../../src/main/store/cache-api'
import { openDatabase } from '../../src/main/store/database'
import { makeTempDir } from './temp-dir'

/**
 * For cache tests on real files: `file(connectionId)` makes a migrated database in a temp folder
 * with that CustomerSure connection; `keep(cache)` has it closed. Both are undone after each test.
 */
export function cacheFiles(): { file(connectionId: string): string; keep<C extends Cache>(cache: C): C } {
  const cleanups: Array<() => void> = []
  let open: Cache | undefined
  afterEach(async () => {
    await open?.close()
    open = undefined
    cleanups.splice(0).forEach((c) => c())
  })
  return {
    file(connectionId) {
      const t = makeTempDir()
      cleanups.push(t.cleanup)
      const file = join(t.dir, 'db.sqlite3')
      const db = openDatabase(file)
      db.prepare(`INSERT INTO connections (id, provider, label, settings, created_at, updated_at) VALUES (?, 'customersure', 'CS', '{}', 'x', 'x')`).run(connectionId)
      db.close()
      return file
    },
    keep(cache) {
      open = cache
      return cache
    }
  }
}
