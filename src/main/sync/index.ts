import type { AppContext } from '../ipc/app-context'
import { Engine, type SyncEngineOptions } from './engine'
import type { SyncEngine } from './sync-api'
import { SyncWorkerProxy } from './worker-proxy'
import type { WorkerEngineOptions } from './worker-protocol'

export type { SyncEngineOptions } from './engine'
export type { SyncEngine, SyncRunSummary } from './sync-api'
export type { WorkerEngineOptions } from './worker-protocol'

/**
 * 'worker' (the default: app, web host, CLI): the engine runs on its own thread — fetching,
 * parsing, mapping and writing — and this thread keeps a thin proxy, so a big sync never stalls it.
 * 'inline': the engine on the calling thread with the context's cache; tests that swap streams or
 * the clock for fakes use it (functions cannot cross to a worker).
 */
export type CreateSyncEngineOptions = ({ mode?: 'worker' } & WorkerEngineOptions) | ({ mode: 'inline' } & Omit<SyncEngineOptions, 'onRunningChange'>)

/** The sync engine of one process (app, web host or CLI invocation). */
export function createSyncEngine(ctx: AppContext, opts: CreateSyncEngineOptions = {}): SyncEngine {
  if (opts.mode === 'inline') {
    const { mode: _mode, ...rest } = opts
    return new Engine(ctx, rest)
  }
  const { mode: _mode, ...rest } = opts
  return new SyncWorkerProxy(ctx, rest)
}
