#!/usr/bin/env node
// `npm start` (after the build): opens the desktop app when the Electron binary is installed;
// otherwise says so and starts the loopback web host (out/main/web.js) so the app still opens in a
// browser. Arguments are passed on to whichever starts (e.g. --data-dir <dir>).
//
// Usage: node scripts/start.mjs [args...]

import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const scriptsDir = dirname(fileURLToPath(import.meta.url))
const root = resolve(process.env.SURVEY_DESK_APP_ROOT ?? join(scriptsDir, '..'))
const args = process.argv.slice(2)

/** The binary `require('electron')` names, when it exists; null when electron's download never happened. */
function electronBinary() {
  try {
    const path = createRequire(join(root, 'package.json'))('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

function requireBuilt(file) {
  if (!existsSync(file)) {
    console.error(`start: ${file} is missing. Run \`npm run build\` first (\`npm start\` does both).`)
    process.exit(1)
  }
}

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env })
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  child.on('error', (err) => {
    console.error(`start: could not start ${command}: ${err.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1)))
}

function startWeb(reason) {
  console.error(reason)
  const web = join(root, 'out', 'main', 'web.js')
  requireBuilt(web)
  console.error('start: starting Survey Desk in your browser instead (loopback web host; Ctrl+C stops it).\n')
  run(process.execPath, [web, ...args])
}

const electron = electronBinary()
if (!electron) {
  startWeb(
    'start: the Electron binary is not installed, so the desktop window cannot open.\n' +
      '  It is downloaded when the electron package installs; with network access run\n' +
      '  `npx electron --version` to check, or `npm rebuild electron` (or reinstall: `rm -rf node_modules/electron && npm install`) to fetch it.'
  )
} else {
  requireBuilt(join(root, 'out', 'main', 'index.js'))
  const native = spawnSync(process.execPath, [join(scriptsDir, 'native-electron.mjs')], { cwd: root, stdio: 'inherit', env: process.env })
  if (native.status !== 0) {
    startWeb('start: the database driver could not be built for Electron (see above), so the desktop window cannot open its database.')
  } else {
    // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
    const env = { ...process.env }
    delete env.ELECTRON_RUN_AS_NODE
    run(electron, [root, ...args], env)
  }
}
