import { z } from 'zod'
import { ProviderId } from '../providers'
import { Metric, ResponseKind, Scale } from './model'

/**
 * Closing the loop on a response: who follows it up, where it stands, by when. Kept locally and keyed
 * by the response's identity at the provider (connection + kind + external id), never by the cache's
 * row id, so a resync or a full refresh that rewrites the cached row keeps its follow-up.
 */
export const FollowUpStatus = z.enum(['open', 'in_progress', 'closed'])
export type FollowUpStatus = z.infer<typeof FollowUpStatus>

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Closed'
}

/** Why it is followed up: a detractor (low score), or the user flagged it for another reason. */
export const FollowUpReason = z.enum(['detractor', 'flagged'])
export type FollowUpReason = z.infer<typeof FollowUpReason>

/** yyyy-mm-dd: a calendar day in the user's own time zone, as a due date is meant. */
export const DueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as yyyy-mm-dd')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'Not a real calendar date')

export const Owner = z.string().trim().max(120, 'At most 120 characters')
export const Notes = z.string().max(10_000, 'At most 10,000 characters')

export const ResponseKey = z
  .object({
    connectionId: z.string().uuid(),
    kind: ResponseKind,
    externalId: z.string().min(1).max(300)
  })
  .strict()
export type ResponseKey = z.infer<typeof ResponseKey>

export const FollowUp = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  connectionLabel: z.string().nullable(),
  provider: ProviderId,
  kind: ResponseKind,
  externalId: z.string(),
  /** The response's row in the cache now, for opening it in the Inbox; null once it is no longer cached. */
  responseId: z.number().int().nullable(),
  reason: FollowUpReason,
  status: FollowUpStatus,
  /** '' = nobody yet. */
  owner: z.string(),
  dueDate: z.string().nullable(),
  notes: z.string(),
  /** What the response said when it was flagged, so the list reads well even after it leaves the cache. */
  metric: Metric.nullable(),
  score: z.number().nullable(),
  scale: Scale.nullable(),
  customerName: z.string().nullable(),
  comment: z.string().nullable(),
  respondedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Past its due date and not closed, as of the request's "today". */
  overdue: z.boolean()
})
export type FollowUp = z.infer<typeof FollowUp>

export const FollowUpCounts = z.object({
  open: z.number().int(),
  inProgress: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  unassigned: z.number().int()
})
export type FollowUpCounts = z.infer<typeof FollowUpCounts>

/** NPS 0–6; on other scales the bottom of the range, the inbox's "negative" band (format.ts scoreBand). */
export function isDetractor(metric: Metric | null, score: number | null, scale: Scale | null): boolean {
  if (score === null) return false
  if (metric === 'nps' && (!scale || (scale.min === 0 && scale.max === 10))) return score <= 6
  const min = scale?.min ?? 0
  const max = scale?.max ?? 5
  if (max <= min) return false
  return (score - min) / (max - min) < 0.45
}
