import { afterEach } from 'vitest'
import { createSendEngine, type SendEngine, type SendEngineOptions } from '../../src/main/sends/job'
import { sendTestHost, type SendSimulator, type SendTestHost } from './send-harness'
import { makeTempDir } from './temp-dir'

export interface SendEngineFixture {
  tmp: ReturnType<typeof makeTempDir> | undefined
  sim: SendSimulator | undefined
  engine: SendEngine | undefined
  /** A fresh data dir with connection 'conn-1' pointing at `sim`, and an engine over it. */
  setup(sim: SendSimulator, opts?: SendEngineOptions): { host: SendTestHost; engine: SendEngine }
}

/**
 * The simulator, data dir and engine of each test, shut down and removed after it. Call inside a
 * describe; tests that build their own engine or simulator assign them here to have them closed.
 */
export function sendEngineFixture(tmpPrefix: string, defaults: SendEngineOptions): SendEngineFixture {
  const fx: SendEngineFixture = {
    tmp: undefined,
    sim: undefined,
    engine: undefined,
    setup(sim, opts = {}) {
      fx.sim = sim
      fx.tmp = makeTempDir(tmpPrefix)
      const host = sendTestHost(fx.tmp.dir)
      host.addConnection('conn-1', sim)
      const engine = (fx.engine = createSendEngine(host, { ...defaults, ...opts }))
      return { host, engine }
    }
  }
  afterEach(async () => {
    await fx.engine?.shutdown()
    await fx.sim?.close()
    fx.tmp?.cleanup()
    fx.tmp = fx.sim = fx.engine = undefined
  })
  return fx
}
