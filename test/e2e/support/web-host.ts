import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..', '..')
const URL_PATTERN = /(http:\/\/127\.0\.0\.1:\d+\/#pair=[A-Za-z0-9_-]+)/

export interface RunningWebHost {
  url: string
  origin: string
  stop(): Promise<void>
  output(): string
}

/** The build the tests run: out/, or SURVEY_DESK_OUT_DIR when a second build is kept beside it. */
const OUT_DIR = process.env.SURVEY_DESK_OUT_DIR ?? 'out'

export interface WebHostOptions {
  /** Keep the demo workspace's simulators off (SURVEY_DESK_DEMO_OFFLINE=1 in the host's environment only). */
  demoOffline?: boolean
}

/** Starts the built web host (`node out/main/web.js`) on a data folder and waits for its URL line. */
export function startWebHost(dataDir: string, extraArgs: string[] = [], opts: WebHostOptions = {}): Promise<RunningWebHost> {
  const env = { ...process.env }
  if (opts.demoOffline) env.SURVEY_DESK_DEMO_OFFLINE = '1'
  else delete env.SURVEY_DESK_DEMO_OFFLINE
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, OUT_DIR, 'main/web.js'), '--data-dir', dataDir, ...extraArgs], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      out += d.toString()
      const m = URL_PATTERN.exec(out)
      if (m) {
        child.stdout?.off('data', onData)
        const url = m[1]!
        resolve({
          url,
          origin: new URL(url).origin,
          output: () => out,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done()
              child.once('exit', () => done())
              child.kill('SIGTERM')
            })
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
    child.once('exit', (code) => reject(new Error(`web host exited with ${code} before printing its URL:\n${out}`)))
    child.once('error', reject)
  })
}
