import { spawn } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..', '..')

export interface SimulatorProcess {
  provider: string
  baseUrl: string
  credentials: { secret: string; companyName?: string; clientId?: string; region?: string }
  stop(): Promise<void>
}

/** Runs `survey-desk simulate <provider> --json` in its own process, as a user would, and reads where it listens. */
export function startSimulatorProcess(provider: string, args: string[] = []): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), 'simulate', provider, '--json', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      let doc: { simulators: Array<Omit<SimulatorProcess, 'stop'>> }
      try {
        doc = JSON.parse(out) as typeof doc
      } catch {
        return // the JSON document is not complete yet
      }
      const first = doc.simulators[0]
      if (!first) return reject(new Error(`simulate printed no simulator: ${out}`))
      resolve({
        ...first,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          })
      })
    })
    child.once('exit', (code) => reject(new Error(`simulate exited with ${code}: ${err}`)))
  })
}
