import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Paths of every file under dir whose bytes contain the needle. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) hits.push(...filesContaining(p, needle))
    else if (readFileSync(p).includes(needle)) hits.push(p)
  }
  return hits
}

export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'artifacts', 'screenshots')
