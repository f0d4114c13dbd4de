import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppContext } from '../../src/main/ipc/app-context'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { runCliProcess } from '../support/cli'
import { explainKeychainSkip, keychainTestsEnabled } from '../support/keychain'
import { cliConnectionFixture } from '../support/cli-connection-fixture'

const ROOT = join(__dirname, '..', '..')
// Big enough that the sync (~10,000 rows/s here) is still running when the kill lands, up to 1.5 s after its first page.
const VOLUME = 50_000

explainKeychainSkip('sync: kill -9 of a CLI sync, then resume (the CLI reads the secret from the OS keychain)')

/** What the store holds for the connection, read the way the app reads it (its own context, no keychain needed). */
async function stored(dataDir: string, connectionId: string): Promise<{ rows: number; distinct: number; cursor: unknown }> {
  const ctx = createAppContext({ dataDir, secrets: new MemorySecretStore(), cacheMode: 'inline' })
  try {
    const r = ctx.db.prepare('SELECT COUNT(*) AS rows, COUNT(DISTINCT external_id) AS distinct_ids FROM responses WHERE connection_id = ?').get(connectionId) as { rows: number; distinct_ids: number }
    const cp = (await ctx.cache().reader.checkpoints([connectionId])).find((c) => c.stream === 'responses')
    return { rows: r.rows, distinct: r.distinct_ids, cursor: cp?.cursor ?? null }
  } finally {
    await ctx.shutdown()
  }
}

describe.runIf(keychainTestsEnabled)('sync: kill -9 of a CLI sync at a random moment, then resume', () => {
  const fx = cliConnectionFixture()

  it('resumes to the exact row count, with no duplicate and the cursor where the rows end', { timeout: 120_000 }, async () => {
    const { dataDir, connectionId } = await fx.start(['--volume', String(VOLUME)], 'CG kill test', 'survey-desk-kill-')

    // The sync runs in its own process; once it has committed a first page, it is killed at a random moment.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), 'sync', connectionId, '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
    const delayMs = Math.floor(Math.random() * 1500)
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        if (/responses: [\d,]+ rows/.test(stderr)) resolve()
      })
      void exited.then(() => reject(new Error(`the sync ended before it could be killed: ${stderr}`)))
    })
    // The random moment: not a wait for anything, only where in the run the kill lands.
    setTimeout(() => child.kill('SIGKILL'), delayMs)
    const end = await exited
    expect(end.signal, `killed after ${delayMs} ms; stderr: ${stderr}`).toBe('SIGKILL')

    // Right after the kill: every committed page came with its cursor. Keys run 1..n, so the cursor equals the rows stored.
    const killed = await stored(dataDir, connectionId)
    expect(killed.rows).toBeGreaterThan(0)
    expect(killed.rows).toBeLessThan(VOLUME)
    expect(killed.distinct).toBe(killed.rows)
    expect(killed.cursor).toEqual({ next: killed.rows })

    const resumed = await runCliProcess(['sync', connectionId, '--json', '--data-dir', dataDir])
    expect(resumed.code, resumed.stderr).toBe(0)
    const summary = JSON.parse(resumed.stdout) as { connections: Array<{ streams: Array<{ stream: string; status: string; rows: number }> }> }
    expect(summary.connections[0]!.streams[0]).toMatchObject({ stream: 'responses', status: 'done', rows: VOLUME - killed.rows })

    const final = await stored(dataDir, connectionId)
    expect(final).toEqual({ rows: VOLUME, distinct: VOLUME, cursor: { next: VOLUME } })
  })
})
