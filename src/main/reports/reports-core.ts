import type { ReportResult } from '../../shared/domain/reports'
import type { Db } from '../store/database'
import { runReport, type ParsedRunInput } from './report-engine'
import { rebuildRollups } from './rollup-rebuild'

/**
 * The reports' calls on the cache threads: report queries on the reader, the rollup rebuild on the
 * writer. One op name each in protocol.ts ('reports'); the call says which.
 */

export type ReportsReadCall = { op: 'run'; input: ParsedRunInput; minimumSample: number; now?: string }
export type ReportsWriteCall = { op: 'rebuildRollups'; timeZone: string }

export interface ReportsCache {
  run(input: ParsedRunInput, minimumSample: number): Promise<ReportResult>
  /** Re-keys the rollups by local days of a new zone (seconds at a million rows; the writer thread does it). */
  rebuildRollups(timeZone: string): Promise<{ timeZone: string; rows: number }>
}

export function reportsRead(db: Db, call: ReportsReadCall, clock: () => Date): unknown {
  switch (call.op) {
    case 'run':
      return runReport(db, call.input, { now: call.now ? new Date(call.now) : clock(), minimumSample: call.minimumSample })
  }
}

export function reportsWrite(db: Db, call: ReportsWriteCall): unknown {
  switch (call.op) {
    case 'rebuildRollups':
      return rebuildRollups(db, call.timeZone)
  }
}

/** The ReportsCache over any transport that can carry a read and a write call. */
export function reportsCache(read: (call: ReportsReadCall) => Promise<unknown>, write: (call: ReportsWriteCall) => Promise<unknown>): ReportsCache {
  return {
    run: (input, minimumSample) => read({ op: 'run', input, minimumSample }) as Promise<ReportResult>,
    rebuildRollups: (timeZone) => write({ op: 'rebuildRollups', timeZone }) as Promise<{ timeZone: string; rows: number }>
  }
}
