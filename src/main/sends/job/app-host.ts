import type { JobSummary } from '../../../shared/domain/sends'
import type { AppContext } from '../../ipc/app-context'
import { connectionsMissingSuppressions, readSuppressions } from '../protect/suppressions'
import type { SendEngineHost } from './types'

/**
 * The send engine's host inside the app, the web host and the CLI: connections and secrets from the
 * context, opt-outs from the provider cache. Connections whose opt-out lists were never synced are
 * synced first, so nobody who unsubscribed is missed because the cache was empty.
 */
export function appSendHost(ctx: Pick<AppContext, 'dataDir' | 'db' | 'connections' | 'resolveSecret' | 'sync'>, onProgress?: (summary: JobSummary) => void): SendEngineHost {
  return {
    dataDir: ctx.dataDir,
    connection: (id) => ctx.connections.get(id) as ReturnType<SendEngineHost['connection']>,
    resolveSecret: (id) => ctx.resolveSecret(id),
    async suppressions() {
      const missing = connectionsMissingSuppressions(ctx.db)
      if (missing.length > 0) await ctx.sync().run({ connectionIds: missing })
      return readSuppressions(ctx.db)
    },
    ...(onProgress ? { onProgress } : {})
  }
}
