#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3-electron-<version>.node
// (where src/main/native-modules.ts looks for it), leaving node_modules/better-sqlite3/build — the
// Node build that the tests, the CLI and the web host load — untouched: the package is copied to a
// temporary folder and compiled there.
//
// Usage: node scripts/native-electron.mjs [--force]
// Needs the network once per Electron version (node-gyp downloads Electron's headers) and a C++
// toolchain (python3, make, a C++ compiler). Does nothing when the file for this version exists.

import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(process.env.SURVEY_DESK_APP_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..'))
const force = process.argv.includes('--force')
const HEADERS_URL = 'https://electronjs.org/headers'

function fail(what, hint) {
  console.error(`\nnative:electron: ${what}`)
  if (hint) console.error(hint)
  console.error(
    '\nnode_modules/better-sqlite3 was not changed: tests, the CLI and `npm run web` keep working.' +
      '\nThe desktop window needs this build; once the cause above is fixed, run `npm run native:electron` again.'
  )
  process.exit(1)
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

const electronPkg = readJson(join(root, 'node_modules', 'electron', 'package.json'))
if (!electronPkg?.version) fail('the electron package is not installed (node_modules/electron/package.json is missing).', 'Run `npm install` first.')
const electronVersion = electronPkg.version

const target = join(root, 'native', 'electron', `better_sqlite3-electron-${electronVersion}.node`)
if (existsSync(target) && !force) {
  console.log(`native:electron: better-sqlite3 for Electron ${electronVersion} is already built (${target}); nothing to do.`)
  process.exit(0)
}

const source = join(root, 'node_modules', 'better-sqlite3')
if (!existsSync(join(source, 'binding.gyp'))) fail('node_modules/better-sqlite3 is missing or incomplete (no binding.gyp).', 'Run `npm install` first.')

/** npm's own node-gyp first (it ships with every npm), then a project-local one. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') // Windows layout
  ]
  for (const c of candidates) if (c && existsSync(c)) return c
  try {
    return createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js')
  } catch {
    return null
  }
}

const nodeGyp = findNodeGyp()
if (!nodeGyp) fail('node-gyp was not found (looked in npm\'s install folder and node_modules).', 'Install npm with Node, or `npm install -g node-gyp`, and try again.')

// A user-level npmrc may set nodedir (e.g. /usr), which makes node-gyp build against Node's headers
// whatever --target says; the child must not see it. Same for a stray --target/--runtime from npm.
const env = { ...process.env }
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch)$/i.test(key)) delete env[key]
}

const work = mkdtempSync(join(tmpdir(), 'survey-desk-sqlite-electron-'))
const copy = join(work, 'better-sqlite3')
try {
  console.log(`native:electron: building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch}) in ${copy}`)
  cpSync(source, copy, { recursive: true, filter: (src) => !(basename(src) === 'build' && dirname(src) === source) })

  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--dist-url=${HEADERS_URL}`,
    `--arch=${process.arch}`
  ]
  const result = spawnSync(process.execPath, args, { cwd: copy, env, stdio: 'inherit' })
  if (result.error || result.status !== 0) {
    fail(
      `node-gyp could not build better-sqlite3 for Electron ${electronVersion} (${result.error ? result.error.message : `exit code ${result.status ?? result.signal}`}).`,
      `The usual causes: no network to download Electron's headers from ${HEADERS_URL}, or a missing C++ toolchain (python3, make, a C++ compiler).`
    )
  }
  const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
  if (!existsSync(built)) fail(`node-gyp finished but ${built} is missing.`)

  mkdirSync(dirname(target), { recursive: true })
  // Copy then rename, so a half-written file is never taken for a finished build.
  const partial = `${target}.partial-${process.pid}`
  copyFileSync(built, partial)
  renameSync(partial, target)
  console.log(`native:electron: wrote ${target}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
