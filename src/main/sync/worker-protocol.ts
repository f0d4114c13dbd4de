import type { EventName } from '../../shared/contract'
import type { AppErrorShape } from '../../shared/errors'
import type { RateLimit } from '../http'
import type { ProviderId } from '../../shared/providers'
import type { SchedulerOptions } from './scheduler'
import type { SyncOwnerKind } from './sync-lock'

/**
 * Messages between the main thread and the sync worker. Everything is plain data (structured
 * clone): the worker fetches, parses, maps and writes pages itself, so only small things cross —
 * calls and their answers, progress/status events, the running set, and secrets on request.
 * A secret crosses only inside a 'secret' reply and is never logged or put in an error.
 */

/** The engine options that can cross a thread (no functions: fake streams and clocks need inline mode). */
export interface WorkerEngineOptions {
  rateLimits?: Partial<Record<ProviderId, RateLimit>>
  /** app or cli, for "already syncing in <pid>/<kind>"; decided on the main thread, which knows how the process started. */
  owner?: SyncOwnerKind
  streamsPerConnection?: number
  scheduler?: Partial<SchedulerOptions>
}

export interface SyncWorkerInit {
  databaseFile: string
  options: WorkerEngineOptions
}

export type SyncCall =
  | { op: 'start'; args: { connectionIds?: string[]; full?: boolean } }
  /** `run` carries no signal: main sends { kind: 'abort', callId } when the caller's signal fires. */
  | { op: 'run'; args: { connectionIds?: string[]; full?: boolean } }
  | { op: 'status'; args: null }
  | { op: 'setIntervalMinutes'; args: number }
  /** Stops the scheduler and every run, closes the worker's databases; the worker then exits. */
  | { op: 'shutdown'; args: null }

/** main -> worker */
export type ToWorker =
  | ({ kind: 'call'; callId: number } & SyncCall)
  | { kind: 'abort'; callId: number }
  | { kind: 'cancel'; connectionIds?: string[] }
  | { kind: 'startScheduler' }
  | { kind: 'secret'; requestId: number; ok: true; secret: string | null }
  | { kind: 'secret'; requestId: number; ok: false; error: AppErrorShape }

/** worker -> main */
export type FromWorker =
  | { kind: 'reply'; callId: number; ok: true; value: unknown }
  | { kind: 'reply'; callId: number; ok: false; error: AppErrorShape }
  | { kind: 'event'; event: EventName; payload: unknown }
  /** The connections syncing now, sent whenever that set changes and always before the reply that follows it. */
  | { kind: 'running'; connectionIds: string[] }
  | { kind: 'secretRequest'; requestId: number; connectionId: string }
