import type { AppInfo } from '../../../shared/contract'
import { appRoot } from '../../app-root'
import { schemaVersion } from '../../store/database'
import { LATEST_SCHEMA_VERSION } from '../../store/migrations'
import type { AppContext } from '../app-context'

export const appHandlers = {
  'app.info': async (_: Record<string, never>, ctx: AppContext): Promise<AppInfo> => {
    const sqlite = (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
    return {
      name: 'Survey Desk',
      version: appRoot().version,
      dataDir: ctx.dataDir,
      databaseFile: ctx.databaseFile,
      schemaVersion: schemaVersion(ctx.db),
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      keychain: await ctx.secrets.status(),
      runtime: {
        node: process.versions.node,
        electron: ctx.runtime.electron,
        chrome: ctx.runtime.chrome,
        sqlite,
        platform: process.platform,
        arch: process.arch
      }
    }
  }
}
