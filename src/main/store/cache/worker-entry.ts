import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { appRoot } from '../../app-root'

export interface WorkerEntry {
  /** Code for `new Worker(code, { eval: true })` or a file path. */
  script: string
  eval: boolean
}

function thisFile(): string {
  // CommonJS (the bundle, tsx) has __filename; vitest's module runner gives import.meta.url.
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url)
}

/**
 * Where the cache worker's code is. Running from source (a .ts file: vitest, tsx), the worker
 * registers tsx itself and loads worker.ts beside this file; from the electron-vite bundle it is
 * out/main/cache-worker.js (the `cache-worker` entry of electron.vite.config.ts) under the app root.
 */
export function cacheWorkerEntry(): WorkerEntry {
  return workerEntryFor(join(dirname(thisFile()), 'worker.ts'), 'cache-worker.js')
}

/**
 * Any worker thread of the main process (the cache's, the sync engine's): `sourceFile` (absolute
 * .ts path) when running from source, else `bundleFile` (its electron-vite entry in out/main).
 */
export function workerEntryFor(sourceFile: string, bundleFile: string): WorkerEntry {
  const here = thisFile()
  if (here.endsWith('.ts')) {
    const tsx = createRequire(here).resolve('tsx/cjs/api')
    return { script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(sourceFile)})`, eval: true }
  }
  const candidates = [join(dirname(here), bundleFile), join(dirname(here), '..', bundleFile), join(appRoot().root, 'out', 'main', bundleFile)]
  const found = candidates.find((f) => existsSync(f))
  if (!found) throw new Error(`A worker thread's code is missing (looked for ${candidates.join(', ')}); rebuild with npm run build.`)
  return { script: found, eval: false }
}
