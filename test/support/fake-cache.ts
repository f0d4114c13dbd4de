import { AppError } from '../../src/shared/errors'
import { EARLIER_PAGE_FAILED, type CacheWriter, type PageResult, type PageWrite, type StreamCheckpoint, type StreamOutcome } from '../../src/main/store/cache-api'

/**
 * An in-memory CacheWriter for unit tests of the sync engine's own logic (ordering, cursors,
 * failures): it keeps what was written, in order, and can be told to fail a given write.
 */
export class FakeCacheWriter implements CacheWriter {
  readonly pages: PageWrite[] = []
  readonly outcomes: Array<{ stream: string; outcome: StreamOutcome }> = []
  readonly finished: Array<{ stream: string; generation: number }> = []
  readonly checkpoints = new Map<string, StreamCheckpoint>()
  private generation = 0
  /** Throws on the n-th applyPage (1-based) when set. */
  failOnPage: number | null = null

  private readonly chains = new Map<string, number>()

  async applyPage(write: PageWrite): Promise<PageResult> {
    // The writer's contract (PageWrite.chain): a chain's page only after the one before it.
    if (write.chain && write.chain.page !== (this.chains.get(write.chain.id) ?? 0) + 1) throw new AppError('conflict', EARLIER_PAGE_FAILED)
    if (this.failOnPage === this.pages.length + 1) throw new Error('disk full')
    if (write.chain) this.chains.set(write.chain.id, write.chain.page)
    this.pages.push(write)
    const key = `${write.connectionId}/${write.stream}`
    const cp = this.checkpoints.get(key) ?? this.blank(write.connectionId, write.stream)
    this.checkpoints.set(key, { ...cp, cursor: write.cursor === undefined ? cp.cursor : write.cursor, rows: cp.rows + write.items.length })
    return { inserted: write.items.length, updated: 0, unchanged: 0 }
  }
  async beginFullRefresh(): Promise<number> {
    return ++this.generation
  }
  async finishFullRefresh(_c: string, stream: string, _e: string, generation: number): Promise<{ removed: number }> {
    this.finished.push({ stream, generation })
    return { removed: 0 }
  }
  async readCheckpoint(connectionId: string, stream: string): Promise<StreamCheckpoint | null> {
    return this.checkpoints.get(`${connectionId}/${stream}`) ?? null
  }
  async recordStreamOutcome(_c: string, stream: string, outcome: StreamOutcome): Promise<void> {
    this.outcomes.push({ stream, outcome })
  }
  async resetCursors(): Promise<void> {
    for (const [k, cp] of this.checkpoints) this.checkpoints.set(k, { ...cp, cursor: null })
  }
  async removeConnectionData(): Promise<void> {}
  async close(): Promise<void> {}

  private blank(connectionId: string, stream: string): StreamCheckpoint {
    return { connectionId, stream, cursor: null, generation: 0, lastSuccessAt: null, lastAttemptAt: null, lastError: null, rows: 0 }
  }
}
