import type { JobCounts, JobStatus } from '../../../shared/domain/sends'
import type { AppErrorShape } from '../../../shared/errors'
import type { JobRecord, NewRow } from '../ledger/ledger'
import type { NewJob } from './job-control'
import type { LaneConfig } from './job-control'
import type { SuppressionList } from './types'

/** Messages between the send engine on main (worker-control.ts) and the send worker (worker.ts). Plain data only. */

/** A running job's state as the worker (the ledger's writer) sees it, so main need not read the ledger per update. */
export interface JobSnapshot {
  counts: JobCounts
  status: JobStatus
  statusDetail: string | null
  finishedAt: string | null
}

export interface SendWorkerInit {
  dataDir: string
  concurrency?: number
  encoBatchSize?: number
  protectionRefreshMs?: number
}

export type ToSendWorker =
  /** A new job arrives in chunks (a structured clone of 100,000 rows at once would hold main), then is written in one transaction. */
  | { kind: 'createRows'; createId: number; rows: NewRow[] }
  | { kind: 'createCommit'; createId: number; job: NewJob }
  | { kind: 'start'; job: JobRecord }
  | { kind: 'pause' | 'cancel'; jobId: string }
  | { kind: 'laneConfig'; requestId: number; ok: true; value: LaneConfig }
  | { kind: 'suppressions'; requestId: number; ok: true; value: SuppressionList }
  | { kind: 'laneConfig' | 'suppressions'; requestId: number; ok: false; error: AppErrorShape }
  | { kind: 'shutdown' }

export type FromSendWorker =
  | { kind: 'created'; createId: number; ok: true }
  | { kind: 'created'; createId: number; ok: false; error: AppErrorShape }
  | { kind: 'started'; jobId: string; running: boolean }
  | { kind: 'changed'; jobId: string; final: boolean; rate: number; snapshot: JobSnapshot }
  | { kind: 'idle'; jobId: string }
  | { kind: 'laneConfigRequest'; requestId: number; connectionId: string }
  | { kind: 'suppressionsRequest'; requestId: number }
  | { kind: 'closed' }
