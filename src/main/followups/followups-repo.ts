import type { FollowUp, FollowUpCounts, FollowUpReason, FollowUpStatus, ResponseKey } from '../../shared/domain/followups'
import type { Metric, ResponseKind } from '../../shared/domain/model'
import type { ProviderId } from '../../shared/providers'
import { AppError } from '../../shared/errors'
import type { Db } from '../store/database'

/** The cached response a follow-up is made from: its identity and a snapshot of what it said. */
interface ResponseSnapshot {
  provider: ProviderId
  metric: Metric | null
  score: number | null
  scale_min: number | null
  scale_max: number | null
  customer_name: string | null
  comment: string | null
  responded_at: string
}

interface FollowUpRow extends ResponseSnapshot {
  id: number
  connection_id: string
  connection_label: string | null
  kind: ResponseKind
  external_id: string
  response_id: number | null
  reason: FollowUpReason
  status: FollowUpStatus
  owner: string
  due_date: string | null
  notes: string
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface FollowUpChanges {
  reason?: FollowUpReason
  status?: FollowUpStatus
  owner?: string
  dueDate?: string | null
  notes?: string
}

export interface ListOptions {
  statuses?: FollowUpStatus[]
  owner?: string
  /** The user's local calendar day: due dates before it are overdue. */
  today: string
  limit: number
}

/** A comment is kept whole up to this; the snapshot is for the list, the Inbox has the rest. */
const COMMENT_SNAPSHOT_CHARS = 1000

// The live cached row (if any) is joined by the provider identity, which the cache keeps UNIQUE.
const SELECT = `
  SELECT f.*, c.label AS connection_label, r.id AS response_id
  FROM follow_ups f
  LEFT JOIN connections c ON c.id = f.connection_id
  LEFT JOIN responses r ON r.connection_id = f.connection_id AND r.kind = f.kind AND r.external_id = f.external_id AND r.removed_at IS NULL`

function toFollowUp(r: FollowUpRow, today: string): FollowUp {
  return {
    id: r.id,
    connectionId: r.connection_id,
    connectionLabel: r.connection_label,
    provider: r.provider,
    kind: r.kind,
    externalId: r.external_id,
    responseId: r.response_id,
    reason: r.reason,
    status: r.status,
    owner: r.owner,
    dueDate: r.due_date,
    notes: r.notes,
    metric: r.metric,
    score: r.score,
    scale: r.scale_min !== null && r.scale_max !== null ? { min: r.scale_min, max: r.scale_max } : null,
    customerName: r.customer_name,
    comment: r.comment,
    respondedAt: r.responded_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    overdue: r.status !== 'closed' && r.due_date !== null && r.due_date < today
  }
}

/**
 * Follow-ups on the main thread's connection: a few hundred small rows, read through indexes
 * (the cache's UNIQUE (connection_id, kind, external_id) for the join), well inside the 50 ms budget.
 */
export class FollowUpsRepo {
  constructor(private readonly db: Db) {}

  snapshot(key: ResponseKey): ResponseSnapshot | undefined {
    return this.db
      .prepare(
        `SELECT provider, metric, score, scale_min, scale_max, customer_name, substr(comment, 1, ${COMMENT_SNAPSHOT_CHARS}) AS comment, responded_at
         FROM responses WHERE connection_id = ? AND kind = ? AND external_id = ?`
      )
      .get(key.connectionId, key.kind, key.externalId) as ResponseSnapshot | undefined
  }

  get(key: ResponseKey, today: string): FollowUp | null {
    const row = this.db.prepare(`${SELECT} WHERE f.connection_id = ? AND f.kind = ? AND f.external_id = ?`).get(key.connectionId, key.kind, key.externalId) as
      | FollowUpRow
      | undefined
    return row ? toFollowUp(row, today) : null
  }

  byId(id: number, today: string): FollowUp | null {
    const row = this.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FollowUpRow | undefined
    return row ? toFollowUp(row, today) : null
  }

  /** Creates the follow-up for a cached response, or changes the one it has. */
  upsert(key: ResponseKey, changes: FollowUpChanges, defaultReason: FollowUpReason, now: string): number {
    return this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT id, status FROM follow_ups WHERE connection_id = ? AND kind = ? AND external_id = ?')
        .get(key.connectionId, key.kind, key.externalId) as { id: number; status: FollowUpStatus } | undefined
      if (existing) {
        this.update(existing.id, existing.status, changes, now)
        return existing.id
      }
      const snap = this.snapshot(key)
      if (!snap) {
        throw new AppError('not_found', 'That response is not in the local copy (it may have been removed by a sync). Sync and try again.', {
          details: [{ field: 'externalId', message: 'No such cached response' }]
        })
      }
      const status = changes.status ?? 'open'
      const info = this.db
        .prepare(
          `INSERT INTO follow_ups (connection_id, provider, kind, external_id, reason, status, owner, due_date, notes, metric, score, scale_min, scale_max,
             customer_name, comment, responded_at, created_at, updated_at, closed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          key.connectionId,
          snap.provider,
          key.kind,
          key.externalId,
          changes.reason ?? defaultReason,
          status,
          changes.owner ?? '',
          changes.dueDate ?? null,
          changes.notes ?? '',
          snap.metric,
          snap.score,
          snap.scale_min,
          snap.scale_max,
          snap.customer_name,
          snap.comment,
          snap.responded_at,
          now,
          now,
          status === 'closed' ? now : null
        )
      return Number(info.lastInsertRowid)
    })()
  }

  /** Changes an existing follow-up by id; false when there is none. */
  change(id: number, changes: FollowUpChanges, now: string): boolean {
    const existing = this.db.prepare('SELECT status FROM follow_ups WHERE id = ?').get(id) as { status: FollowUpStatus } | undefined
    if (!existing) return false
    this.update(id, existing.status, changes, now)
    return true
  }

  private update(id: number, was: FollowUpStatus, c: FollowUpChanges, now: string): void {
    const sets: string[] = ['updated_at = @now']
    if (c.reason !== undefined) sets.push('reason = @reason')
    if (c.status !== undefined) {
      sets.push('status = @status')
      // Closing stamps when; reopening clears it; staying closed keeps the first stamp.
      if (c.status === 'closed' && was !== 'closed') sets.push('closed_at = @now')
      if (c.status !== 'closed') sets.push('closed_at = NULL')
    }
    if (c.owner !== undefined) sets.push('owner = @owner')
    if (c.dueDate !== undefined) sets.push('due_date = @dueDate')
    if (c.notes !== undefined) sets.push('notes = @notes')
    this.db.prepare(`UPDATE follow_ups SET ${sets.join(', ')} WHERE id = @id`).run({
      id,
      now,
      reason: c.reason ?? null,
      status: c.status ?? null,
      owner: c.owner ?? null,
      dueDate: c.dueDate ?? null,
      notes: c.notes ?? null
    })
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM follow_ups WHERE id = ?').run(id).changes > 0
  }

  /** Overdue first (most overdue on top), then by due date (none last), closed ones last. */
  list(opts: ListOptions): FollowUp[] {
    const where: string[] = []
    const params: Record<string, unknown> = { today: opts.today, limit: opts.limit }
    if (opts.statuses && opts.statuses.length > 0) {
      where.push(`f.status IN (${opts.statuses.map((_, i) => `@s${i}`).join(', ')})`)
      opts.statuses.forEach((s, i) => (params[`s${i}`] = s))
    }
    if (opts.owner !== undefined) {
      where.push('f.owner = @owner COLLATE NOCASE')
      params.owner = opts.owner
    }
    const rows = this.db
      .prepare(
        `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY
           f.status = 'closed',
           (f.status != 'closed' AND f.due_date IS NOT NULL AND f.due_date < @today) DESC,
           f.due_date IS NULL, f.due_date, f.created_at DESC, f.id DESC
         LIMIT @limit`
      )
      .all(params) as FollowUpRow[]
    return rows.map((r) => toFollowUp(r, opts.today))
  }

  counts(today: string): FollowUpCounts {
    const r = this.db
      .prepare(
        `SELECT
           coalesce(sum(status = 'open'), 0) AS open,
           coalesce(sum(status = 'in_progress'), 0) AS inProgress,
           coalesce(sum(status = 'closed'), 0) AS closed,
           coalesce(sum(status != 'closed' AND due_date IS NOT NULL AND due_date < ?), 0) AS overdue,
           coalesce(sum(status != 'closed' AND owner = ''), 0) AS unassigned
         FROM follow_ups`
      )
      .get(today) as FollowUpCounts
    return r
  }
}
