import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { CliIo } from '../../src/main/cli/output'

const ROOT = join(__dirname, '..', '..')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real CLI from source in a child process, feeding `stdin` (for --secret-stdin). */
export function runCliProcess(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(opts.stdin ?? '')
  })
}

/** In-process CLI output gathered as text (for runCli in the test's own process). */
export function bufferedIo(): CliIo & { out: string; err: string } {
  const b = { out: '', err: '' }
  return Object.assign(b, {
    stdout: (t: string) => void (b.out += t),
    stderr: (t: string) => void (b.err += t),
    stdin: process.stdin,
    env: {}
  })
}
