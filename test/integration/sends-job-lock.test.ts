import { describe, expect, it } from 'vitest'
import { createSendEngine } from '../../src/main/sends/job'
import { Ledger } from '../../src/main/sends/ledger/ledger'
import { ProcessLocks } from '../../src/main/store/process-locks'
import { acceptedKeys, customerSureRows, FAST_RATE, startSendSimulator, TEST_PROTECTION } from '../support/send-harness'
import { sendEngineFixture } from '../support/send-engine-fixture'

/**
 * Another process running a job is played by a second lock owner on the same sends.sqlite: same
 * pid (so it is alive), its own token, exactly what the app sees while `survey-desk sends resume`
 * runs that job in a terminal.
 */
describe('send engine: one runner per job across processes', () => {
  const fx = sendEngineFixture('sends-lock-', { mode: 'inline', rateLimits: { customersure: FAST_RATE } })

  it('a job another process runs is neither resumed, paused, cancelled nor has its in-flight rows taken as stranded here', async () => {
    const sim = await startSendSimulator('customersure')
    const { host, engine: first } = fx.setup(sim)
    const job = await first.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'lock.csv', rows: customerSureRows(4), protection: TEST_PROTECTION, start: false })
    await first.shutdown()

    // The other process: it holds the job, has row 1 on the wire and the job running.
    const ledger = Ledger.inDataDir(host.dataDir)
    const other = new ProcessLocks(ledger.openLocksConnection(), { table: 'job_locks', key: 'job_id' }, 'cli')
    expect(other.acquire(job.id)).toEqual({ ok: true })
    ledger.markInFlight(job.id, [{ rowNumber: 1, request: {} }])
    ledger.setJobStatus(job.id, 'running', null)

    const engine = (fx.engine = createSendEngine(host, { mode: 'inline', rateLimits: { customersure: FAST_RATE }, owner: 'app' }))
    await engine.resumeAll()
    expect(engine.getJob(job.id)).toMatchObject({ status: 'running', counts: { inFlight: 1, unknown: 0, pending: 3, sent: 0 } })
    const busy = new RegExp(`already sending in ${process.pid}/cli`)
    expect(() => engine.resume(job.id)).toThrow(busy)
    expect(() => engine.pause(job.id)).toThrow(busy)
    expect(() => engine.cancel(job.id)).toThrow(busy)
    expect(acceptedKeys(sim).size).toBe(0)

    // The other process ends without finishing (its row lapses with it): now the job is this one's.
    other.release(job.id)
    ledger.close()
    await engine.resumeAll()
    const settled = await engine.whenIdle(job.id)
    expect(settled.counts).toMatchObject({ sent: 3, unknown: 1, inFlight: 0 })
    expect([...acceptedKeys(sim).keys()].sort()).toEqual([2, 3, 4].map((n) => `sd-${job.id}-${n}`).sort())

    // While this engine ran the job it held the lock; once the runner stopped, it let it go.
    const check = Ledger.inDataDir(host.dataDir)
    expect(check.db.prepare('SELECT count(*) FROM job_locks').pluck().get()).toBe(0)
    check.close()
  })
})
