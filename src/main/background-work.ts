import type { AppContext } from './ipc/app-context'
import { manageOutbox } from './manage'

/**
 * What a long-running app process (the Electron app, the web host) keeps doing while it is open:
 * scheduled syncs, unfinished send jobs, and management writes queued before a restart. The CLI
 * never starts these on its own. Demo connections must point at their restarted simulators before
 * any of it talks to a provider, so the demo resumes first.
 */
export async function startBackgroundWork(ctx: AppContext, onError: (err: unknown) => void): Promise<void> {
  await ctx
    .demo()
    .resume()
    .catch(onError)
  ctx.sync().startScheduler()
  ctx.sends().startJobs()
  manageOutbox(ctx)
}
