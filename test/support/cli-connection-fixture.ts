import { afterEach, expect } from 'vitest'
import { startSimulatorProcess, type SimulatorProcess } from '../e2e/support/simulators'
import { runCliProcess } from './cli'
import { makeTempDir } from './temp-dir'

export interface CliConnection {
  sim: SimulatorProcess
  dataDir: string
  connectionId: string
}

/**
 * A CustomerGauge simulator in its own process and a data folder holding one connection to it,
 * added through `survey-desk connections add` (so its secret is in the OS keychain, as the CLI
 * reads it). After each test the connection is removed (its keychain entry with it), the simulator
 * stopped and the folder deleted. Call inside a describe.
 */
export function cliConnectionFixture(): { start(simArgs: string[], label: string, tmpPrefix: string): Promise<CliConnection> } {
  let sim: SimulatorProcess | undefined
  let tmp: ReturnType<typeof makeTempDir> | undefined
  let connectionId: string | undefined
  afterEach(async () => {
    if (connectionId && tmp) await runCliProcess(['connections', 'remove', connectionId, '--data-dir', tmp.dir])
    await sim?.stop()
    tmp?.cleanup()
    sim = tmp = connectionId = undefined
  })
  return {
    async start(simArgs, label, tmpPrefix) {
      sim = await startSimulatorProcess('customergauge', simArgs)
      tmp = makeTempDir(tmpPrefix)
      const added = await runCliProcess(
        ['connections', 'add', '--provider', 'customergauge', '--label', label, '--base-url', sim.baseUrl, '--region', 'eu', '--client-id', sim.credentials.clientId!, '--secret-stdin', '--json', '--data-dir', tmp.dir],
        { stdin: sim.credentials.secret }
      )
      expect(added.code, added.stderr).toBe(0)
      connectionId = (JSON.parse(added.stdout) as { id: string }).id
      return { sim, dataDir: tmp.dir, connectionId }
    }
  }
}
