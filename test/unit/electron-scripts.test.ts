import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/temp-dir'

// The Electron helper scripts, run as the user runs them, against a throwaway project root
// (SURVEY_DESK_APP_ROOT) so nothing here needs the Electron binary or the network.

const SCRIPTS = resolve(__dirname, '../../scripts')

let root: string
let cleanup: () => void
beforeEach(() => {
  const t = makeTempDir('survey-desk-scripts-')
  root = t.dir
  cleanup = t.cleanup
  write('package.json', JSON.stringify({ name: 'survey-desk', version: '0.0.0' }))
  write('node_modules/electron/package.json', JSON.stringify({ name: 'electron', version: '39.8.10' }))
})
afterEach(() => cleanup())

function write(rel: string, content: string): void {
  const file = join(root, rel)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, content)
}

function runScript(name: string, args: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env, SURVEY_DESK_APP_ROOT: root }
  delete env.npm_config_node_gyp
  return spawnSync(process.execPath, [join(SCRIPTS, name), ...args], { env, encoding: 'utf8', timeout: 60_000 })
}

describe('native-electron.mjs', () => {
  it('does nothing when the Electron build for this version is already there', () => {
    write('native/electron/better_sqlite3-electron-39.8.10.node', 'binary')
    const r = runScript('native-electron.mjs')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('already built')
  })

  it('fails with a clear message, before any build, when better-sqlite3 is not installed', () => {
    const r = runScript('native-electron.mjs')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('node_modules/better-sqlite3 is missing')
    expect(r.stderr).toContain('npm run native:electron')
  })

  it('fails clearly when electron is not installed', () => {
    write('node_modules/electron/package.json', '{}')
    const r = runScript('native-electron.mjs')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('electron package is not installed')
  })
})

describe('start.mjs without the Electron binary', () => {
  it('says so and runs the web host with the same arguments, passing on its exit code', () => {
    write('out/main/web.js', 'console.log("web host args:" + JSON.stringify(process.argv.slice(2))); process.exit(3)')
    const r = runScript('start.mjs', ['--data-dir', '/tmp/x'])
    expect(r.stderr).toContain('Electron binary is not installed')
    expect(r.stdout).toContain('web host args:["--data-dir","/tmp/x"]')
    expect(r.status).toBe(3)
  })

  it('asks for a build when out/main/web.js is missing', () => {
    const r = runScript('start.mjs')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('npm run build')
  })

  it('forwards SIGTERM to the child', async () => {
    write(
      'out/main/web.js',
      'process.on("SIGTERM", () => { console.log("child got SIGTERM"); process.exit(0) }); console.log("ready"); setInterval(() => {}, 1000)'
    )
    const child = spawn(process.execPath, [join(SCRIPTS, 'start.mjs')], { env: { ...process.env, SURVEY_DESK_APP_ROOT: root } })
    let out = ''
    const code = await new Promise<number | null>((resolveExit) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('ready') && !out.includes('SIGTERM')) child.kill('SIGTERM')
      })
      child.on('exit', (c) => resolveExit(c))
    })
    expect(out).toContain('child got SIGTERM')
    expect(code).toBe(0)
  })
})

describe('electronegativity-gate.mjs', () => {
  it('fails on an unjustified MEDIUM+ finding and accepts a justified one, listing its reason', () => {
    write(
      'app/bad.js',
      [
        "const { BrowserWindow, shell } = require('electron')",
        'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true } })',
        'function open(url) {',
        '  // electronegativity-justified OPEN_EXTERNAL_JS_CHECK: fixture reason, url checked by the caller',
        '  shell.openExternal(url)',
        '}',
        'module.exports = { win, open }'
      ].join('\n')
    )
    const r = spawnSync(process.execPath, [join(SCRIPTS, 'electronegativity-gate.mjs'), join(root, 'app')], { encoding: 'utf8', timeout: 120_000 })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('CONTEXT_ISOLATION_JS_CHECK')
    expect(r.stderr).toContain('SANDBOX_JS_CHECK')
    expect(r.stdout).toContain('OPEN_EXTERNAL_JS_CHECK')
    expect(r.stdout).toContain('reason: fixture reason, url checked by the caller')
    expect(r.stderr).not.toContain('OPEN_EXTERNAL_JS_CHECK')
  }, 120_000)
})
