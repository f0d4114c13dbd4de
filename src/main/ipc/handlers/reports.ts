import type { z } from 'zod'
import type { ProviderFiguresInput, ReportRunInput, ReportSettingsInput } from '../../../shared/domain/reports'
import { providerFigures } from '../../reports/provider-figures'
import { readReportSettings, writeReportSettings } from '../../reports/report-settings'
import type { AppContext } from '../app-context'

/** Rollup rebuilds in flight, one per context: a second request for the same zone waits on the first. */
const rebuilding = new WeakMap<AppContext, { timeZone: string; done: Promise<unknown> }>()

/** Starts re-keying the rollups by the settings' zone when they hold another; reports meanwhile read the responses. */
function keepRollupsInZone(ctx: AppContext): void {
  const settings = readReportSettings(ctx.db)
  if (settings.rollupTimeZone === settings.timeZone) return
  const running = rebuilding.get(ctx)
  if (running && running.timeZone === settings.timeZone) return
  const done = ctx
    .cache()
    .reports.rebuildRollups(settings.timeZone)
    .catch(() => undefined)
    .finally(() => {
      if (rebuilding.get(ctx)?.done === done) rebuilding.delete(ctx)
    })
  rebuilding.set(ctx, { timeZone: settings.timeZone, done })
}

/** Resolves when no rollup rebuild is running for this context (tests, and shutdown paths that want a settled cache). */
export async function rollupsSettled(ctx: AppContext): Promise<void> {
  for (let r = rebuilding.get(ctx); r; r = rebuilding.get(ctx)) await r.done
}

/** Reports: local figures from the cache reader thread; provider figures fetched on demand. */
export const reportsHandlers = {
  'reports.run': async (input: z.output<typeof ReportRunInput>, ctx: AppContext) => {
    const settings = readReportSettings(ctx.db)
    keepRollupsInZone(ctx)
    return ctx.cache().reports.run(input, settings.minimumSample)
  },

  'reports.providerFigures': async (input: z.output<typeof ProviderFiguresInput>, ctx: AppContext) => ({ figures: await providerFigures(ctx, input) }),

  'reports.settings': async (input: z.output<typeof ReportSettingsInput>, ctx: AppContext) => {
    const settings = input.minimumSample === undefined && input.timeZone === undefined ? readReportSettings(ctx.db) : writeReportSettings(ctx.db, input)
    keepRollupsInZone(ctx)
    return settings
  }
}
