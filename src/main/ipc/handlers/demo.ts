import type { AppContext } from '../app-context'

/** The demo workspace: one click in, one click out. */
export const demoHandlers = {
  'demo.start': async (_: Record<string, never>, ctx: AppContext) => ({ connections: await ctx.demo().start() }),
  'demo.remove': async (_: Record<string, never>, ctx: AppContext) => ({ removed: await ctx.demo().remove() })
}
