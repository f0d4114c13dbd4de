import { afterEach, describe, expect, it } from 'vitest'
import { runCliProcess } from '../support/cli'
import { makeTempDir } from '../support/temp-dir'

const dirs: Array<() => void> = []
afterEach(() => {
  for (const cleanup of dirs.splice(0)) cleanup()
})

interface DemoJson {
  connections: Array<{ id: string; provider: string; label: string; isDemo: boolean }>
  summary: { connections: Array<{ connectionId: string; streams: Array<{ stream: string; status: string; rows: number; error: string | null }> }> }
  rows: number
  simulatorsStopped: boolean
}

describe('survey-desk demo', () => {
  it('syncs the five demo providers once; `survey-desk inbox` then lists their feedback from the cache', async () => {
    const t = makeTempDir('survey-desk-demo-cli-')
    dirs.push(t.cleanup)
    const demo = await runCliProcess(['demo', '--json', '--data-dir', t.dir])
    expect(demo.code, demo.stderr).toBe(0)
    const out = JSON.parse(demo.stdout) as DemoJson
    expect(out.connections.map((c) => c.provider).sort()).toEqual(['customergauge', 'customersure', 'enco', 'feedbackapi', 'nicereply'])
    expect(out.connections.every((c) => c.isDemo)).toBe(true)
    expect(out.simulatorsStopped).toBe(true)
    const streams = out.summary.connections.flatMap((c) => c.streams)
    expect(streams.filter((s) => s.status !== 'done')).toEqual([])
    expect(out.rows).toBeGreaterThan(1000)
    // The human part goes to stderr: it says the simulators stop and how to browse offline.
    expect(demo.stderr).toMatch(/stopped when it finished/)
    expect(demo.stderr).toContain('survey-desk inbox')

    // The simulators are gone with that process: the inbox is read from the cache alone.
    const inbox = await runCliProcess(['inbox', '--json', '--limit', '20', '--data-dir', t.dir])
    expect(inbox.code, inbox.stderr).toBe(0)
    const page = JSON.parse(inbox.stdout) as { items: Array<{ connectionId: string }> }
    expect(page.items).toHaveLength(20)
    const ids = new Set(out.connections.map((c) => c.id))
    for (const item of page.items) expect(ids.has(item.connectionId)).toBe(true)

    // Running it again adds no connection; --remove takes them all away.
    const again = await runCliProcess(['demo', '--json', '--data-dir', t.dir])
    expect(again.code, again.stderr).toBe(0)
    expect((JSON.parse(again.stdout) as DemoJson).connections.map((c) => c.id).sort()).toEqual([...ids].sort())
    const removed = await runCliProcess(['demo', '--remove', '--json', '--data-dir', t.dir])
    expect(removed.code, removed.stderr).toBe(0)
    expect(JSON.parse(removed.stdout)).toEqual({ removed: 5 })
  }, 120_000)
})
