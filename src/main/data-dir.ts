import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_DIR_NAME = 'Survey Desk'

/**
 * The folder Electron calls userData for this app, computed without Electron so the CLI and the web
 * host find the same database as the desktop app.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME)
}

/** `--data-dir` wins, then SURVEY_DESK_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag
  if (env.SURVEY_DESK_DATA_DIR) return env.SURVEY_DESK_DATA_DIR
  return defaultDataDir(env)
}
