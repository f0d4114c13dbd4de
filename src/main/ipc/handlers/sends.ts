import type { Channel, ParsedInput } from '../../../shared/contract'
import type { AppContext } from '../app-context'

type In<C extends Channel> = ParsedInput<C>

/** Bulk sends: the wizard's steps and the jobs. The work is in src/main/sends/service; these only route. */
export const sendsHandlers = {
  'sends.upload.begin': async (input: In<'sends.upload.begin'>, ctx: AppContext) => ({ uploadId: ctx.sends().uploads.begin(input.fileName, input.size).id }),

  'sends.upload.chunk': async (input: In<'sends.upload.chunk'>, ctx: AppContext) => ({
    received: ctx.sends().uploads.append(input.uploadId, input.offset, Buffer.from(input.data, 'base64')).received
  }),

  'sends.upload.finish': async (input: In<'sends.upload.finish'>, ctx: AppContext) => {
    ctx.sends().uploads.finish(input.uploadId)
    return ctx.sends().open(input.uploadId)
  },

  'sends.upload.discard': async (input: In<'sends.upload.discard'>, ctx: AppContext) => ({ discarded: ctx.sends().discard(input.uploadId) }),

  'sends.preview': async (input: In<'sends.preview'>, ctx: AppContext) => ctx.sends().chooseHeaderRow(input.uploadId, input.headerRow),

  'sends.mapping': async (input: In<'sends.mapping'>, ctx: AppContext) => ctx.sends().proposal(input.uploadId, input.connectionId, input.purpose),

  'sends.validate': async (input: In<'sends.validate'>, ctx: AppContext) => ctx.sends().validate(input),

  'sends.rows': async (input: In<'sends.rows'>, ctx: AppContext) => ctx.sends().rows(input.uploadId, input.offset, input.limit, input.onlyProblems),

  'sends.fixCell': async (input: In<'sends.fixCell'>, ctx: AppContext) => ctx.sends().fix(input.uploadId, input.rowNumber, input.field, input.value),

  'sends.protection.get': async (_: In<'sends.protection.get'>, ctx: AppContext) => ctx.sends().protection(),

  'sends.protection.set': async (input: In<'sends.protection.set'>, ctx: AppContext) => ctx.sends().setProtection(input),

  'sends.dnc.import': async (input: In<'sends.dnc.import'>, ctx: AppContext) => ctx.sends().importDoNotContact(input.text, input.defaultCountry),

  'sends.dryRun': async (input: In<'sends.dryRun'>, ctx: AppContext) => ctx.sends().dryRun(input.uploadId, input.offset, input.limit, input.onlySkipped),

  'sends.testSend': async (input: In<'sends.testSend'>, ctx: AppContext) => ctx.sends().testSend(input.uploadId, input.to),

  'sends.create': async (input: In<'sends.create'>, ctx: AppContext) => ctx.sends().createJob(input.uploadId),

  'sends.jobs.list': async (_: In<'sends.jobs.list'>, ctx: AppContext) => ({ jobs: ctx.sends().listJobs() }),

  'sends.jobs.get': async (input: In<'sends.jobs.get'>, ctx: AppContext) => ctx.sends().getJob(input.jobId),

  'sends.jobs.rows': async (input: In<'sends.jobs.rows'>, ctx: AppContext) =>
    ctx.sends().jobRows({ jobId: input.jobId, offset: input.offset, limit: input.limit, ...(input.statuses ? { statuses: input.statuses } : {}) }),

  'sends.jobs.pause': async (input: In<'sends.jobs.pause'>, ctx: AppContext) => ctx.sends().engine().pause(input.jobId),

  'sends.jobs.resume': async (input: In<'sends.jobs.resume'>, ctx: AppContext) => ctx.sends().engine().resume(input.jobId),

  'sends.jobs.cancel': async (input: In<'sends.jobs.cancel'>, ctx: AppContext) => ctx.sends().engine().cancel(input.jobId),

  'sends.jobs.resolve': async (input: In<'sends.jobs.resolve'>, ctx: AppContext) =>
    ctx.sends().engine().resolveUnknown(input.jobId, input.rowNumbers, input.action),

  'sends.jobs.export': async (input: In<'sends.jobs.export'>, ctx: AppContext) => ctx.sends().exportRows(input.jobId)
}
