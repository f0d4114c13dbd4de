import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

let cached: { root: string; version: string } | undefined

/**
 * The project (or packaged app) folder: the nearest parent holding survey-desk's package.json.
 * Bundling moves code into out/main/chunks/, so a fixed number of '..' would point at the wrong place.
 */
export function appRoot(): { root: string; version: string } {
  if (cached) return cached
  const starts = [process.env.SURVEY_DESK_APP_ROOT, __dirname, process.cwd()].filter((d): d is string => !!d)
  for (const start of starts) {
    let dir = start
    for (;;) {
      const file = join(dir, 'package.json')
      if (existsSync(file)) {
        try {
          const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
          if (pkg.name === 'survey-desk') return (cached = { root: dir, version: pkg.version ?? 'unknown' })
        } catch {
          // an unreadable package.json is not ours; keep walking up
        }
      }
      const parent = dirname(dir)
      if (parent === dir) break
      dir = parent
    }
  }
  return (cached = { root: process.cwd(), version: 'unknown' })
}
