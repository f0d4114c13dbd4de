import { describe, expect, it } from 'vitest'
import { createSendEngine } from '../../src/main/sends/job'
import { Ledger } from '../../src/main/sends/ledger/ledger'
import { acceptedKeys, customerSureRows, encoRows, FAST_RATE, sendTestHost, startSendSimulator, TEST_PROTECTION } from '../support/send-harness'
import { sendEngineFixture } from '../support/send-engine-fixture'
import { makeTempDir } from '../support/temp-dir'

describe('send engine: after a crash where the provider cannot be asked, the user decides', () => {
  const fx = sendEngineFixture('sends-recovery-', { mode: 'inline', rateLimits: { customersure: FAST_RATE } })

  it('rows left in flight become unknown, are never re-sent on their own, and "mark sent" / "send again" settle them', async () => {
    const sim = await startSendSimulator('customersure')
    const { host, engine: first } = fx.setup(sim)
    const job = await first.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'crash.csv', rows: customerSureRows(6), protection: TEST_PROTECTION, start: false })
    expect(job.status).toBe('paused')
    await first.shutdown()

    // What a crash leaves: rows 1 and 2 committed in_flight (their calls may or may not have arrived), the job running.
    const ledger = Ledger.inDataDir(host.dataDir)
    ledger.markInFlight(job.id, [{ rowNumber: 1, request: {} }, { rowNumber: 2, request: {} }])
    ledger.setJobStatus(job.id, 'running', null)
    ledger.close()

    const engine = (fx.engine = createSendEngine(host, { mode: 'inline', rateLimits: { customersure: FAST_RATE } }))
    await engine.resumeAll()
    const settled = await engine.whenIdle(job.id)
    expect(settled.status).toBe('needs_attention')
    expect(settled.counts).toMatchObject({ sent: 4, unknown: 2, inFlight: 0 })
    expect(settled.statusDetail).toMatch(/may or may not have reached/)
    expect([...acceptedKeys(sim).keys()].sort()).toEqual([3, 4, 5, 6].map((n) => `sd-${job.id}-${n}`).sort())

    expect(() => engine.resolveUnknown(job.id, [3], 'sent')).toThrow(/not waiting for a decision/)
    engine.resolveUnknown(job.id, [1], 'sent')
    engine.resolveUnknown(job.id, [2], 'resend')
    const done = await engine.whenIdle(job.id)
    expect(done).toMatchObject({ status: 'done', counts: { sent: 6, unknown: 0 } })
    expect(acceptedKeys(sim).has(`sd-${job.id}-1`)).toBe(false)
    expect(acceptedKeys(sim).get(`sd-${job.id}-2`)).toBe(1)
    // Both count for the over-survey rule: the user said row 1 did reach its customer.
    const dry = await engine.verdicts(customerSureRows(2), TEST_PROTECTION)
    expect(dry.map((v) => v.action)).toEqual(['skip', 'skip'])
  })

  it('the dry run shows the exact requests, with the key where each provider carries it', async () => {
    fx.tmp = makeTempDir('sends-describe-')
    const engine = (fx.engine = createSendEngine(sendTestHost(fx.tmp.dir), { mode: 'inline' }))
    const [cs] = customerSureRows(1)
    expect(engine.describeRequest(cs!, 'https://cs.example', 'sd-abc-1')).toEqual([
      { method: 'POST', url: 'https://cs.example/feedback_requests', body: { ...cs!.request, machine_id: 'sd-abc-1' } }
    ])
    // A file that fills machine_id itself: the key goes to reference instead.
    const own = { ...cs!, request: { ...cs!.request, machine_id: 'ORDER-9' } }
    expect(engine.describeRequest(own, undefined, 'sd-abc-1')[0]!.body).toMatchObject({ machine_id: 'ORDER-9', reference: 'sd-abc-1' })
    const [sms] = encoRows(1, 7)
    expect(engine.describeRequest(sms!, undefined, 'sd-abc-1')).toEqual([
      { method: 'POST', url: 'https://api.enco.io/survey/1.0.0/surveys/7/send', body: { requests: [{ ...sms!.request, referenceId: 'sd-abc-1' }] } }
    ])
  })
})
