import type { ChannelOutput, ParsedInput } from '../../../shared/contract'
import { isDetractor, type FollowUp } from '../../../shared/domain/followups'
import { AppError } from '../../../shared/errors'
import { FollowUpsRepo, type FollowUpChanges } from '../../followups/followups-repo'
import { SavedReportsRepo } from '../../followups/saved-reports-repo'
import type { AppContext } from '../app-context'

/** The caller's local day when sent (the renderer always sends it); UTC's otherwise (CLI, tests). */
function todayOf(input: { today?: string }): string {
  return input.today ?? new Date().toISOString().slice(0, 10)
}

function changesOf(input: FollowUpChanges): FollowUpChanges {
  const { reason, status, owner, dueDate, notes } = input
  return { reason, status, owner, dueDate, notes }
}

function mustExist(f: FollowUp | null, id: number): FollowUp {
  if (!f) throw new AppError('not_found', `No follow-up with id ${id}`, { details: [{ field: 'id', message: 'No such follow-up' }] })
  return f
}

const repo = (ctx: AppContext): FollowUpsRepo => new FollowUpsRepo(ctx.db)
const saved = (ctx: AppContext): SavedReportsRepo => new SavedReportsRepo(ctx.db)

export const followupsHandlers = {
  'followups.list': async (input: ParsedInput<'followups.list'>, ctx: AppContext) => {
    const today = todayOf(input)
    const r = repo(ctx)
    return { items: r.list({ statuses: input.statuses, owner: input.owner, today, limit: input.limit }), counts: r.counts(today) }
  },

  'followups.counts': async (input: ParsedInput<'followups.counts'>, ctx: AppContext) => repo(ctx).counts(todayOf(input)),

  'followups.get': async (input: ParsedInput<'followups.get'>, ctx: AppContext) => ({ followUp: repo(ctx).get(input, todayOf(input)) }),

  'followups.save': async (input: ParsedInput<'followups.save'>, ctx: AppContext): Promise<ChannelOutput<'followups.save'>> => {
    const r = repo(ctx)
    const snap = r.snapshot(input)
    const reason = snap && isDetractor(snap.metric, snap.score, snap.scale_min !== null && snap.scale_max !== null ? { min: snap.scale_min, max: snap.scale_max } : null) ? 'detractor' : 'flagged'
    const id = r.upsert(input, changesOf(input), reason, new Date().toISOString())
    return mustExist(r.byId(id, todayOf(input)), id)
  },

  'followups.update': async (input: ParsedInput<'followups.update'>, ctx: AppContext) => {
    const r = repo(ctx)
    if (!r.change(input.id, changesOf(input), new Date().toISOString())) mustExist(null, input.id)
    return mustExist(r.byId(input.id, todayOf(input)), input.id)
  },

  'followups.remove': async (input: ParsedInput<'followups.remove'>, ctx: AppContext) => ({ removed: repo(ctx).remove(input.id) }),

  'reports.saved.list': async (_: ParsedInput<'reports.saved.list'>, ctx: AppContext) => ({ reports: saved(ctx).list().reports }),

  'reports.saved.save': async (input: ParsedInput<'reports.saved.save'>, ctx: AppContext) =>
    saved(ctx).save(input.name, input.definition, input.replace, new Date().toISOString()),

  'reports.saved.open': async (input: ParsedInput<'reports.saved.open'>, ctx: AppContext) => saved(ctx).markRun(input.id, new Date().toISOString()),

  'reports.saved.remove': async (input: ParsedInput<'reports.saved.remove'>, ctx: AppContext) => ({ removed: saved(ctx).remove(input.id) })
}
