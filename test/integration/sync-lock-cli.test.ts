import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppContext } from '../../src/main/ipc/app-context'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { createSyncEngine } from '../../src/main/sync'
import { explainKeychainSkip, keychainTestsEnabled } from '../support/keychain'
import { cliConnectionFixture } from '../support/cli-connection-fixture'

const ROOT = join(__dirname, '..', '..')
const VOLUME = 6000

explainKeychainSkip('sync lock: a CLI sync and the app on the same connection (the CLI reads the secret from the OS keychain)')

describe.runIf(keychainTestsEnabled)('sync lock: the CLI and the app never sync one connection at once', () => {
  const fx = cliConnectionFixture()

  it('the app skips the connection a running `survey-desk sync` holds, naming its pid; the CLI finishes intact', { timeout: 180_000 }, async () => {
    // Slow pages keep the CLI's sync running while the app tries.
    const { dataDir, connectionId: id } = await fx.start(['--volume', String(VOLUME), '--faults', JSON.stringify({ latencyMs: 400 })], 'CG lock test', 'survey-desk-lock-cli-')

    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), 'sync', id, '--json', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    // The CLI holds the connection once it has committed a page.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        if (/responses: [\d,]+ rows/.test(stderr)) resolve()
      })
      void exited.then(() => reject(new Error(`the CLI sync ended before the app tried: ${stderr}`)))
    })

    // The app on the same data folder (its engine inline here; the lock is checked before any secret is needed).
    const ctx = createAppContext({ dataDir, secrets: new MemorySecretStore(), cacheMode: 'inline' })
    const engine = createSyncEngine(ctx, { mode: 'inline', owner: 'app' })
    try {
      const summary = await engine.run({ connectionIds: [id] })
      const s = summary.connections[0]!.streams[0]!
      expect(s).toMatchObject({ stream: 'responses', status: 'failed', rows: 0 })
      expect(s.error).toContain(`already syncing in ${child.pid}/cli`)

      expect(await exited, stderr).toBe(0)
      const cli = JSON.parse(stdout) as { connections: Array<{ streams: Array<{ status: string; rows: number }> }> }
      expect(cli.connections[0]!.streams[0]).toMatchObject({ status: 'done', rows: VOLUME })
      const stored = ctx.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT external_id) AS d FROM responses WHERE connection_id = ?').get(id) as { n: number; d: number }
      expect(stored).toEqual({ n: VOLUME, d: VOLUME })
      // The CLI let go when it ended.
      expect(ctx.db.prepare('SELECT COUNT(*) FROM sync_locks').pluck().get()).toBe(0)
    } finally {
      await engine.shutdown()
      await ctx.shutdown()
    }
  })
})
