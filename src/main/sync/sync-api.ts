import type { SyncStatus } from '../../shared/domain/inbox'

export interface SyncRunSummary {
  connections: Array<{
    connectionId: string
    streams: Array<{ stream: string; status: 'done' | 'failed' | 'cancelled'; pages: number; rows: number; error: string | null }>
  }>
}

/** The sync engine (src/main/sync). One per process; the app and web host also run its scheduler. */
export interface SyncEngine {
  /** Starts syncing in the background and returns at once (the UI follows sync.progress events). */
  start(opts: { connectionIds?: string[]; full?: boolean }): Promise<{ started: string[]; alreadyRunning: string[] }>
  /** Syncs and resolves when every stream has ended (the CLI). */
  run(opts: { connectionIds?: string[]; full?: boolean; signal?: AbortSignal }): Promise<SyncRunSummary>
  cancel(connectionIds?: string[]): { cancelled: string[] }
  status(): Promise<SyncStatus>
  setIntervalMinutes(minutes: number): Promise<SyncStatus>
  /** Background sync on the interval, offline detection and resume when the network is back. */
  startScheduler(): void
  shutdown(): Promise<void>
}
