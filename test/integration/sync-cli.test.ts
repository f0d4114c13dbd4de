import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/run'
import { createAppContext } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { PROVIDER_MODULES } from '../../src/main/providers/registry'
import type { ProviderSimulatorHandle } from '../../src/main/providers/types'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { bufferedIo as io } from '../support/cli'
import { connectionInput } from '../support/sync-harness'
import { makeTempDir } from '../support/temp-dir'

describe('CLI: survey-desk sync and survey-desk inbox', () => {
  let sim: ProviderSimulatorHandle | undefined
  let tmp: ReturnType<typeof makeTempDir> | undefined
  afterEach(async () => {
    await sim?.close()
    tmp?.cleanup()
    sim = tmp = undefined
  })

  async function setup(): Promise<{ id: string; secrets: MemorySecretStore; dataDir: string }> {
    sim = await PROVIDER_MODULES.nicereply.startSimulator({ volume: 200, seed: 3 })
    tmp = makeTempDir('survey-desk-sync-cli-')
    const secrets = new MemorySecretStore()
    const ctx = createAppContext({ dataDir: tmp.dir, secrets })
    try {
      const added = await createDispatch(handlers, ctx)('connections.add', connectionInput('nicereply', sim, 'Support desk'))
      if (!added.ok) throw new Error(added.error.message)
      return { id: (added.value as { id: string }).id, secrets, dataDir: tmp.dir }
    } finally {
      await ctx.shutdown()
    }
  }

  it('sync --json prints one summary document; progress and the per-stream lines go to stderr; inbox reads the cache', async () => {
    const { id, secrets, dataDir } = await setup()
    const s = io()
    expect(await runCli(['sync', id, '--json', '--data-dir', dataDir], s, { secrets })).toBe(0)
    const summary = JSON.parse(s.out) as { connections: Array<{ connectionId: string; streams: Array<{ stream: string; status: string; rows: number }> }> }
    expect(summary.connections[0]!.connectionId).toBe(id)
    expect(summary.connections[0]!.streams.map((x) => x.status)).toEqual(summary.connections[0]!.streams.map(() => 'done'))
    expect(s.err).toMatch(/Support desk \(Nicereply\) · csat_ratings: [\d,]+ of [\d,]+ rows, \d+ pages? — done/)
    // One final line per stream, plus at most a throttled few: never one line per page.
    expect(s.err.trim().split('\n').length).toBeLessThan(40)

    const table = io()
    expect(await runCli(['inbox', '--provider', 'nicereply', '--limit', '5', '--data-dir', dataDir], table, { secrets })).toBe(0)
    const lines = table.out.trim().split('\n')
    expect(lines[0]).toMatch(/^DATE\s+PROVIDER\s+SCORE\s+CUSTOMER\s+COMMENT$/)
    expect(lines.slice(2, 7)).toHaveLength(5)
    expect(lines[2]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+Nicereply\s+\S+/)

    const json = io()
    expect(await runCli(['inbox', '--min-score', '9', '--limit', '20', '--json', '--data-dir', dataDir], json, { secrets })).toBe(0)
    const page = JSON.parse(json.out) as { items: Array<{ score: number | null }> }
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((i) => i.score !== null && i.score >= 9)).toBe(true)
  })

  it('exits non-zero when a stream failed, and names the bad flag of an inbox query', async () => {
    const { id, secrets, dataDir } = await setup()
    sim!.sim.faults.set({ malformed: { path: '/v1/teams', page: 1 } })
    const s = io()
    expect(await runCli(['sync', '--data-dir', dataDir], s, { secrets })).toBe(1)
    expect(s.out).toMatch(/teams\s+failed/)
    expect(s.err).toMatch(/teams: .* — failed: Nicereply teams, page 1: /)
    expect(s.out).toMatch(/csat_ratings\s+done/)
    expect(id).toMatch(/^[0-9a-f-]{36}$/)

    const bad = io()
    expect(await runCli(['inbox', '--period', 'fortnight', '--data-dir', dataDir], bad, { secrets })).toBe(2)
    expect(bad.err).toMatch(/--period must be one of 7-days, 30-days/)
  })
})
