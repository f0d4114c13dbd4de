import type { AppContext } from '../../ipc/app-context'
import { createSendEngine } from '../job'
import type { SendEngine } from '../job/types'
import { readSuppressions } from '../protect/suppressions'
import { SendsService } from './sends-service'

export { SendsService } from './sends-service'

/**
 * The sends service of one process. The engine (and its ledger, sends.sqlite) opens on first use;
 * only a long-running process (the app, the web host) calls startJobs() to pick up where the last
 * one stopped, so a quick CLI command such as `sends list` never starts sending on its own.
 */
export function createSendsService(ctx: AppContext): SendsService {
  let engine: SendEngine | undefined
  const getEngine = (): SendEngine => {
    if (engine) return engine
    engine = createSendEngine({
      dataDir: ctx.dataDir,
      connection: (id) => ctx.connections.get(id),
      resolveSecret: (id) => ctx.resolveSecret(id),
      suppressions: async () => readSuppressions(ctx.db),
      onProgress: (summary) => ctx.events.emit('sends.progress', summary)
    })
    return engine
  }
  return new SendsService({
    dataDir: ctx.dataDir,
    db: ctx.db,
    connection: (id) => ctx.connections.get(id),
    engine: getEngine,
    syncConnections: async (ids) => {
      await ctx.sync().run({ connectionIds: ids })
    },
    emitValidation: (p) => ctx.events.emit('sends.validation', p),
    shutdown: async () => {
      await engine?.shutdown()
    }
  })
}
