import { describe, expect, it } from 'vitest'
import { acceptedKeys, customerSureRows, encoRows, FAST_RATE, feedbackApiRows, nicereplyRows, startSendSimulator, TEST_PROTECTION } from '../support/send-harness'
import { sendEngineFixture } from '../support/send-engine-fixture'


describe('send engine against each provider simulator', () => {
  // The app's mode: runners, HTTP and their ledger commits on the send worker thread.
  const { setup } = sendEngineFixture('sends-job-', { mode: 'worker', rateLimits: { customersure: FAST_RATE, enco: FAST_RATE, feedbackapi: FAST_RATE, nicereply: FAST_RATE } })

  it('CustomerSure: every row becomes one feedback request carrying its key in machine_id', async () => {
    const s = await startSendSimulator('customersure')
    const { engine } = setup(s)
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'list.csv', rows: customerSureRows(40), protection: TEST_PROTECTION })
    const done = await engine.whenIdle(job.id)
    expect(done.status).toBe('done')
    expect(done.counts).toMatchObject({ total: 40, sent: 40, failed: 0, unknown: 0, pending: 0 })
    const keys = acceptedKeys(s)
    expect(keys.size).toBe(40)
    expect([...keys.values()].every((n) => n === 1)).toBe(true)
    expect([...keys.keys()].every((k) => k.startsWith(`sd-${job.id}-`) && k.length <= 36)).toBe(true)
  })

  it('Enco: rows go out in batches of the configured size, referenceId = key', async () => {
    const s = await startSendSimulator('enco')
    const { engine } = setup(s, { encoBatchSize: 25 })
    s.sim.requests.clear()
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'sms.csv', rows: encoRows(110), protection: TEST_PROTECTION })
    const done = await engine.whenIdle(job.id)
    expect(done.counts).toMatchObject({ sent: 110, failed: 0 })
    const posts = s.sim.requests.find({ method: 'POST' })
    expect(posts).toHaveLength(5)
    expect(posts.map((p) => (p.body as { requests: unknown[] }).requests.length)).toEqual([25, 25, 25, 25, 10])
    const keys = acceptedKeys(s)
    expect(keys.size).toBe(110)
  })

  it('Enco: a batch refused for one bad entry fails that row only; the others are sent', async () => {
    const s = await startSendSimulator('enco')
    const { engine } = setup(s, { encoBatchSize: 10 })
    const rows = encoRows(10)
    rows[3]!.request.destination = '12'
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'sms.csv', rows, protection: TEST_PROTECTION })
    const done = await engine.whenIdle(job.id)
    expect(done.counts).toMatchObject({ sent: 9, failed: 1 })
    const failed = engine.rows({ jobId: job.id, statuses: ['failed'] }).rows
    expect(failed.map((r) => r.rowNumber)).toEqual([4])
    expect(failed[0]!.detail).toMatch(/destination/)
    expect(acceptedKeys(s).size).toBe(9)
  })

  it('FeedbackAPI: upserts the customer, then creates one feedback request per row', async () => {
    const s = await startSendSimulator('feedbackapi')
    const { engine } = setup(s)
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'fb.csv', rows: feedbackApiRows(20), protection: TEST_PROTECTION })
    const done = await engine.whenIdle(job.id)
    expect(done.counts).toMatchObject({ sent: 20, failed: 0 })
    const created = s.createdFeedbackRequests()
    expect(created).toHaveLength(20)
    expect(new Set(created.map((r) => r.subscriber)).size).toBe(20)
  })

  it('Nicereply: import ratings creates one rating per row', async () => {
    const s = await startSendSimulator('nicereply')
    const { engine } = setup(s)
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'import_ratings', fileName: 'ratings.csv', rows: nicereplyRows(s, 15), protection: TEST_PROTECTION })
    const done = await engine.whenIdle(job.id)
    expect(done.counts).toMatchObject({ sent: 15, failed: 0 })
    expect(acceptedKeys(s).size).toBe(15)
  })
})
