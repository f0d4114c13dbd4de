import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FeedbackApiSimulatorHandle } from '../../src/main/providers/feedbackapi/simulator'
import { createSendEngine, type SendEngine } from '../../src/main/sends/job'
import { Ledger } from '../../src/main/sends/ledger/ledger'
import { sendTestHost, startSendSimulator } from '../support/send-harness'
import { makeTempDir } from '../support/temp-dir'

const ROOT = join(__dirname, '..', '..')
const ROWS = 5000

describe('send engine: kill -9 in the middle of a 5,000-row send, then resume', () => {
  let sim: FeedbackApiSimulatorHandle | undefined
  let tmp: ReturnType<typeof makeTempDir> | undefined
  let engine: SendEngine | undefined
  afterEach(async () => {
    await engine?.shutdown()
    await sim?.close()
    tmp?.cleanup()
    sim = tmp = engine = undefined
  })

  it('every row is sent exactly once by the simulator’s own record; rows cut off mid-call are looked up, not re-sent blindly', { timeout: 300_000 }, async () => {
    // The simulator lives in this process, so its record outlives the sender's death.
    sim = await startSendSimulator('feedbackapi', { faults: { latencyMs: 3 } })
    tmp = makeTempDir('sends-kill-')
    const dataDir = tmp.dir

    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/send-kill-child.ts'), dataDir, sim.baseUrl, String(ROWS)], {
      cwd: ROOT,
      env: { ...process.env, SEND_TEST_SECRET: sim.credentials.secret },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
    // Killed once a random share (10-60 %) of the rows is committed as sent: mid-send, calls on the wire.
    const killAt = Math.floor(ROWS * (0.1 + Math.random() * 0.5))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const sent = [...out.matchAll(/sent (\d+)/g)].map((m) => Number(m[1]))
        if (sent.length > 0 && sent[sent.length - 1]! >= killAt) resolve()
      })
      void exited.then(() => reject(new Error(`the sender ended before it could be killed: ${out.slice(-500)} ${err}`)))
    })
    child.kill('SIGKILL')
    const end = await exited
    expect(end.signal, err).toBe('SIGKILL')
    const jobId = /job (\S+)/.exec(out)![1]!

    // Straight after the kill: the ledger holds the whole job; what the simulator accepted is at least what the ledger calls sent.
    const ledger = Ledger.inDataDir(dataDir)
    const atKill = ledger.counts(jobId)
    ledger.close()
    expect(atKill.total).toBe(ROWS)
    expect(atKill.sent).toBeGreaterThanOrEqual(killAt)
    expect(atKill.sent).toBeLessThan(ROWS)
    const acceptedAtKill = sim.createdFeedbackRequests().length
    expect(acceptedAtKill).toBeGreaterThanOrEqual(atKill.sent)
    expect(acceptedAtKill).toBeLessThanOrEqual(atKill.sent + atKill.inFlight)

    // A new process (here: this one) starts: in-flight rows become unknown, are looked up, and the job goes on.
    const host = sendTestHost(dataDir)
    host.addConnection('conn-1', sim)
    engine = createSendEngine(host, { rateLimits: { feedbackapi: { perSecond: 2000, burst: 2000 } } })
    await engine.resumeAll()
    const done = await engine.whenIdle(jobId)
    expect(done.status).toBe('done')
    expect(done.counts).toMatchObject({ total: ROWS, sent: ROWS, unknown: 0, failed: 0, pending: 0, inFlight: 0 })

    const created = sim.createdFeedbackRequests()
    const perSubscriber = new Map<string, number>()
    for (const fr of created) perSubscriber.set(fr.subscriber, (perSubscriber.get(fr.subscriber) ?? 0) + 1)
    expect(created).toHaveLength(ROWS)
    expect(perSubscriber.size).toBe(ROWS)
    expect([...perSubscriber.values()].every((n) => n === 1)).toBe(true)
    const found = engine.rows({ jobId, statuses: ['sent'], limit: 500 }).rows.filter((r) => r.detail?.includes('Found at the provider'))
    // Rows cut off after their feedback request was created were found by the lookup, not sent again.
    expect(found.length).toBeLessThanOrEqual(atKill.inFlight)
  })
})
