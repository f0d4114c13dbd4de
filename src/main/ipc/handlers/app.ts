import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo } from '../../../shared/contract'
import { schemaVersion } from '../../store/database'
import { LATEST_SCHEMA_VERSION } from '../../store/migrations'
import type { AppContext } from '../app-context'

function appVersion(): string {
  const candidates = [process.env.SURVEY_DESK_APP_ROOT, join(__dirname, '..', '..'), join(__dirname, '..', '..', '..', '..'), process.cwd()]
  for (const dir of candidates) {
    if (!dir) continue
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'survey-desk' && pkg.version) return pkg.version
    } catch {
      // try the next place: bundled and source layouts differ
    }
  }
  return 'unknown'
}

export const appHandlers = {
  'app.info': async (_: Record<string, never>, ctx: AppContext): Promise<AppInfo> => {
    const sqlite = (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
    return {
      name: 'Survey Desk',
      version: appVersion(),
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
