import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/main/store/migrations'
import { runCliProcess } from '../support/cli'
import { explainKeychainSkip, keychainTestsEnabled } from '../support/keychain'
import { makeTempDir } from '../support/temp-dir'

let cleanup: () => void = () => {}
afterEach(() => cleanup())
function dataDir(): string {
  const t = makeTempDir()
  cleanup = t.cleanup
  return t.dir
}

/** Every byte of every file under dir, searched for the needle (the database, its WAL, anything). */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) hits.push(...filesContaining(p, needle))
    else if (readFileSync(p).includes(needle)) hits.push(p)
  }
  return hits
}

describe('survey-desk CLI without a keychain', () => {
  it('says the keychain is unavailable, refuses to save, and stores nothing', async () => {
    const dir = dataDir()
    const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/survey-desk-test-bus', DISPLAY: '' }
    const add = await runCliProcess(['connections', 'add', '--provider', 'enco', '--label', 'E', '--secret-stdin', '--data-dir', dir, '--json'], {
      stdin: 'plain-SECRET-value\n',
      env
    })
    expect(add.code).toBe(1)
    expect(add.stdout).toBe('')
    const err = JSON.parse(add.stderr) as { error: { code: string; message: string } }
    expect(err.error.code).toBe('keychain_unavailable')
    expect(err.error.message).toMatch(/keychain is not available.*not saved/s)
    expect(add.stderr).not.toContain('plain-SECRET-value')

    const doctor = await runCliProcess(['doctor', '--json', '--data-dir', dir], { env })
    expect(doctor.code).toBe(0)
    expect(JSON.parse(doctor.stdout)).toMatchObject({ keychain: { available: false }, schemaVersion: LATEST_SCHEMA_VERSION, dataDir: dir })

    const list = await runCliProcess(['connections', 'list', '--json', '--data-dir', dir], { env })
    expect(JSON.parse(list.stdout)).toEqual({ connections: [] })
    expect(filesContaining(dir, 'plain-SECRET-value')).toEqual([])
  })

  it('rejects usage mistakes with exit code 2 and names the flag', async () => {
    const dir = dataDir()
    const noStdin = await runCliProcess(['connections', 'add', '--provider', 'enco', '--label', 'E', '--data-dir', dir])
    expect(noStdin.code).toBe(2)
    expect(noStdin.stderr).toMatch(/--secret-stdin is required/)
    const argvSecret = await runCliProcess(['connections', 'add', '--provider', 'enco', '--secret', 'x', '--data-dir', dir])
    expect(argvSecret.code).toBe(2)
    expect(argvSecret.stderr).toMatch(/never taken on the command line/)
    const badRegion = await runCliProcess(
      ['connections', 'add', '--provider', 'customergauge', '--label', 'CG', '--region', 'mars', '--client-id', 'c', '--secret-stdin', '--data-dir', dir],
      { stdin: 's' }
    )
    expect(badRegion.code).toBe(2)
    expect(badRegion.stderr).toMatch(/--region: Region must be eu, us or au/)
    const unknown = await runCliProcess(['frobnicate', '--data-dir', dir, '--json'])
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'usage' } })
  })
})

explainKeychainSkip('CLI with the OS keychain')

describe.runIf(keychainTestsEnabled)('survey-desk CLI with the OS keychain', () => {
  it('adds from stdin, lists, survives a restart, removes, and never writes the secret to the data dir', async () => {
    const dir = dataDir()
    const secret = `cs-${Date.now()}-VERY-SECRET-token`
    const add = await runCliProcess(
      ['connections', 'add', '--provider', 'customersure', '--label', 'Acme CS', '--company', 'Acme Ltd', '--secret-stdin', '--data-dir', dir, '--json'],
      { stdin: `${secret}\n` }
    )
    expect(add.stderr).toBe('')
    expect(add.code).toBe(0)
    const created = JSON.parse(add.stdout) as { id: string; secret: string; settings: { companyName: string } }
    expect(created).toMatchObject({ secret: 'set', settings: { companyName: 'Acme Ltd' } })

    // A separate process is a restart: the row comes from SQLite, the secret state from the keychain.
    const list = await runCliProcess(['connections', 'list', '--json', '--data-dir', dir])
    expect(list.code).toBe(0)
    const { connections } = JSON.parse(list.stdout) as { connections: Array<{ id: string; label: string; secret: string }> }
    expect(connections).toHaveLength(1)
    expect(connections[0]).toMatchObject({ id: created.id, label: 'Acme CS', secret: 'set' })
    expect(list.stdout + add.stdout).not.toContain(secret)

    const human = await runCliProcess(['connections', 'list', '--data-dir', dir])
    expect(human.stdout).toMatch(/Acme CS\s+in keychain\s+company Acme Ltd/)

    expect(filesContaining(dir, secret)).toEqual([])

    const rm = await runCliProcess(['connections', 'remove', created.id, '--json', '--data-dir', dir])
    expect(JSON.parse(rm.stdout)).toEqual({ id: created.id, secretRemoved: true })
    const after = await runCliProcess(['connections', 'list', '--json', '--data-dir', dir])
    expect(JSON.parse(after.stdout)).toEqual({ connections: [] })
  })
})

describe.runIf(keychainTestsEnabled)('survey-desk connections test', () => {
  it('says Works against a simulator and exits 1 when the provider cannot be reached', async () => {
    const { startCustomerSureSimulator } = await import('../../src/main/providers/customersure/simulator')
    const sim = await startCustomerSureSimulator({ volume: 10, seed: 1 })
    try {
      const dir = dataDir()
      const add = await runCliProcess(
        ['connections', 'add', '--provider', 'customersure', '--label', 'Sim', '--company', sim.credentials.companyName ?? 'Survey Desk Demo', '--base-url', sim.baseUrl, '--secret-stdin', '--data-dir', dir, '--json'],
        { stdin: sim.credentials.secret }
      )
      const { id } = JSON.parse(add.stdout) as { id: string }
      const ok = await runCliProcess(['connections', 'test', id, '--data-dir', dir])
      expect(ok.code).toBe(0)
      expect(ok.stdout).toMatch(/^Works: Connected to CustomerSure/)
      await sim.close()
      const down = await runCliProcess(['connections', 'test', id, '--json', '--data-dir', dir])
      expect(down.code).toBe(1)
      expect(JSON.parse(down.stdout)).toMatchObject({ id, outcome: 'not_reachable' })
    } finally {
      await sim.close()
    }
  })
})
