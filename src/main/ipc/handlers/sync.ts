import type { AppContext } from '../app-context'

/** Sync runs in main; these only start, stop and describe it (progress arrives as sync.progress events). */
export const syncHandlers = {
  'sync.start': async (input: { connectionIds?: string[]; full: boolean }, ctx: AppContext) =>
    ctx.sync().start({ ...(input.connectionIds ? { connectionIds: input.connectionIds } : {}), full: input.full }),

  'sync.cancel': async (input: { connectionIds?: string[] }, ctx: AppContext) => ctx.sync().cancel(input.connectionIds),

  'sync.status': async (_: Record<string, never>, ctx: AppContext) => ctx.sync().status(),

  'sync.settings': async (input: { intervalMinutes: number }, ctx: AppContext) => ctx.sync().setIntervalMinutes(input.intervalMinutes)
}
