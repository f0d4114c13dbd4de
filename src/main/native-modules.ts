import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { appRoot } from './app-root'

/**
 * better-sqlite3 is compiled against one ABI. node_modules holds the Node build (tests, CLI, web
 * host); `npm run native:electron` puts an Electron build in native/electron/. Inside Electron we
 * point better-sqlite3 at that file through its `nativeBinding` option, so one checkout serves both.
 * keytar uses N-API, which is ABI-stable, so its one build works in both runtimes.
 */
export function nativeBindingFor(name: 'better_sqlite3'): string | undefined {
  const electron = process.versions.electron
  if (!electron) return undefined
  const file = join(appRoot().root, 'native', 'electron', `${name}-electron-${electron}.node`)
  return existsSync(file) ? file : undefined
}
