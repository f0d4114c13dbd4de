import { z } from 'zod'
import { DueDate, FollowUp, FollowUpCounts, FollowUpReason, FollowUpStatus, Notes, Owner, ResponseKey } from '../domain/followups'

/** The user's local calendar day, so "overdue" means what it means where they are. */
const Today = DueDate.optional()

const Changes = {
  reason: FollowUpReason.optional(),
  status: FollowUpStatus.optional(),
  owner: Owner.optional(),
  dueDate: DueDate.nullable().optional(),
  notes: Notes.optional()
}

/** Close the loop: follow-ups on responses, kept locally (src/main/ipc/handlers/followups.ts). */
export const followupsChannels = {
  'followups.list': {
    input: z
      .object({
        statuses: z.array(FollowUpStatus).max(3).optional(),
        owner: Owner.optional(),
        today: Today,
        limit: z.number().int().min(1).max(2000).default(500)
      })
      .strict(),
    output: z.object({ items: z.array(FollowUp), counts: FollowUpCounts })
  },
  'followups.counts': { input: z.object({ today: Today }).strict(), output: FollowUpCounts },
  /** The follow-up of one response, if it has one (the Inbox's detail pane). */
  'followups.get': { input: ResponseKey.extend({ today: Today }).strict(), output: z.object({ followUp: FollowUp.nullable() }) },
  /** Creates a response's follow-up (reason detractor when its score says so, else flagged) or changes it. */
  'followups.save': { input: ResponseKey.extend({ ...Changes, today: Today }).strict(), output: FollowUp },
  'followups.update': { input: z.object({ id: z.number().int().positive(), ...Changes, today: Today }).strict(), output: FollowUp },
  'followups.remove': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.object({ removed: z.boolean() }) }
} as const
