import { describe, expect, it } from 'vitest'
import type { CustomerSureSimulatorHandle } from '../../src/main/providers/customersure/simulator'
import type { JobSummary } from '../../src/main/sends/job'
import {
  acceptedKeys,
  customerSureRows,
  FAST_RATE,
  feedbackApiRows,
  nicereplyRows,
  startSendSimulator,
  TEST_PROTECTION,
  type SendSimulator,
  type SendTestHost
} from '../support/send-harness'
import { sendEngineFixture } from '../support/send-engine-fixture'

/** Resolves at the first progress summary that satisfies `test`. */
function progressWhere(host: SendTestHost, test: (s: JobSummary) => boolean): Promise<JobSummary> {
  return new Promise((resolve) => {
    const seen = host.progress.find(test)
    if (seen) return resolve(seen)
    const original = host.onProgress!
    host.onProgress = (s) => {
      original(s)
      if (test(s)) resolve(s)
    }
  })
}

const exactlyOnce = (sim: SendSimulator): boolean => [...acceptedKeys(sim).values()].every((n) => n === 1)

describe('send engine under provider faults, pause, resume, cancel and protection', () => {
  // Inline: the quiet-hours test moves the runners' clock, which only runners on this thread read.
  const fx = sendEngineFixture('sends-faults-', { mode: 'inline', rateLimits: { customersure: FAST_RATE, feedbackapi: FAST_RATE }, progressIntervalMs: 10 })
  const { setup } = fx

  it('a 429 storm: every Retry-After is waited out in full and every row is sent exactly once', { timeout: 60_000 }, async () => {
    const s = await startSendSimulator('customersure')
    const { host, engine } = setup(s)
    s.sim.faults.set({ pathPrefix: '/feedback_requests', rateLimitBurst: { every: 8, count: 2, retryAfterSeconds: 1 } })
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'storm.csv', rows: customerSureRows(30), protection: TEST_PROTECTION })
    const done = await engine.whenIdle(job.id)
    expect(done.counts).toMatchObject({ sent: 30, failed: 0, unknown: 0 })
    // Summaries are numbered as they are taken (a view keeps the highest): events rise, and the answer
    // after the run is newer than the creation's.
    const revisions = host.progress.filter((p) => p.id === job.id).map((p) => p.revision)
    expect(revisions.length).toBeGreaterThan(1)
    expect(revisions.every((r, i) => i === 0 || r > revisions[i - 1]!)).toBe(true)
    expect(done.revision).toBeGreaterThan(Math.max(job.revision, ...revisions))
    expect(acceptedKeys(s).size).toBe(30)
    expect(exactlyOnce(s)).toBe(true)
    const log = s.sim.requests.find({ method: 'POST', path: '/feedback_requests' })
    const limited = log.filter((r) => r.fault === 'rate-limit')
    expect(limited.length).toBeGreaterThan(0)
    // After a 429 (Retry-After: 1), nothing new goes out until the second has passed: only the calls
    // the other workers (concurrency 4) already had on their way may arrive behind it. Without the
    // wait, the four workers would keep a call in flight every few milliseconds.
    for (const r of limited) {
      const tooSoon = log.filter((n) => n.seq > r.seq && n.at < r.at + 950)
      expect(tooSoon.length, `calls within the Retry-After of the 429 at seq ${r.seq}`).toBeLessThanOrEqual(3)
    }
  })

  it('5xx: 503 is retried; 500/502 leave the row unknown (CustomerSure cannot be asked), and "send again" completes it once', { timeout: 60_000 }, async () => {
    const s = (await startSendSimulator('customersure')) as CustomerSureSimulatorHandle
    const { engine } = setup(s)
    s.sim.faults.set({ pathPrefix: '/feedback_requests', errorRate: 0.3 })
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: '5xx.csv', rows: customerSureRows(40), protection: TEST_PROTECTION })
    const first = await engine.whenIdle(job.id)
    expect(s.sim.requests.count({ fault: 'error' })).toBeGreaterThan(0)
    expect(first.counts.sent + first.counts.unknown).toBe(40)
    expect(first.counts.unknown).toBeGreaterThan(0)
    expect(first.status).toBe('needs_attention')
    // The simulator's faults answer before the route runs, so an unknown row really was not created.
    expect(acceptedKeys(s).size).toBe(first.counts.sent)

    s.sim.faults.reset()
    const unknown = engine.rows({ jobId: job.id, statuses: ['unknown'], limit: 500 }).rows.map((r) => r.rowNumber)
    engine.resolveUnknown(job.id, unknown, 'resend')
    const done = await engine.whenIdle(job.id)
    expect(done.status).toBe('done')
    expect(done.counts).toMatchObject({ sent: 40, unknown: 0 })
    expect(acceptedKeys(s).size).toBe(40)
    expect(exactlyOnce(s)).toBe(true)
  })

  it('5xx at FeedbackAPI: unknown rows are looked up by customer, template and location, then sent once', { timeout: 60_000 }, async () => {
    const s = await startSendSimulator('feedbackapi')
    const { engine } = setup(s)
    s.sim.faults.set({ pathPrefix: '/v1.3/feedback-request', errorRate: 0.4 })
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'fb.csv', rows: feedbackApiRows(20), protection: TEST_PROTECTION })
    // Lookups go through the same faulty path and are retried (GETs), so the job settles by itself.
    const done = await engine.whenIdle(job.id)
    expect(s.sim.requests.count({ fault: 'error', method: 'POST' })).toBeGreaterThan(0)
    expect(done.status).toBe('done')
    expect(done.counts).toMatchObject({ sent: 20, unknown: 0, failed: 0 })
    expect(s.createdFeedbackRequests()).toHaveLength(20)
    expect(exactlyOnce(s)).toBe(true)
  })

  it('answers lost after the provider acted: the rows are found by lookup and not created again (Nicereply, FeedbackAPI)', { timeout: 60_000 }, async () => {
    const nr = await startSendSimulator('nicereply')
    const { engine } = setup(nr)
    // The rating is created, then its answer is cut off mid-body: the send cannot tell it worked.
    nr.sim.faults.set({ malformed: { path: '/v1/ratings', times: 3 } })
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'import_ratings', fileName: 'r.csv', rows: nicereplyRows(nr, 12), protection: TEST_PROTECTION })
    const done = await engine.whenIdle(job.id)
    expect(nr.sim.requests.count({ fault: 'malformed' })).toBe(3)
    expect(done).toMatchObject({ status: 'done', counts: { sent: 12, unknown: 0 } })
    expect(nr.createdRatings()).toHaveLength(12)
    expect(exactlyOnce(nr)).toBe(true)
    const found = engine.rows({ jobId: job.id, statuses: ['sent'] }).rows.filter((r) => r.detail?.includes('Found at the provider'))
    expect(found).toHaveLength(3)
    await engine.shutdown()
    await nr.close()
    fx.tmp?.cleanup()

    const fb = await startSendSimulator('feedbackapi')
    const second = setup(fb)
    fb.sim.faults.set({ malformed: { path: '/v1.3/feedback-request', times: 2 } })
    const fbJob = await second.engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'f.csv', rows: feedbackApiRows(8), protection: TEST_PROTECTION })
    expect((await second.engine.whenIdle(fbJob.id)).counts).toMatchObject({ sent: 8, unknown: 0 })
    expect(fb.createdFeedbackRequests()).toHaveLength(8)
    expect(second.engine.rows({ jobId: fbJob.id, statuses: ['sent'] }).rows.filter((r) => r.detail?.includes('Found at the provider'))).toHaveLength(2)
  })

  it('pause stops after the calls on the wire, resume finishes, nothing is sent twice', { timeout: 60_000 }, async () => {
    const s = await startSendSimulator('customersure', { faults: { latencyMs: 15 } })
    const { host, engine } = setup(s)
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'p.csv', rows: customerSureRows(200), protection: TEST_PROTECTION })
    await progressWhere(host, (p) => p.id === job.id && p.counts.sent >= 20)
    engine.pause(job.id)
    const paused = await engine.whenIdle(job.id)
    expect(paused.status).toBe('paused')
    expect(paused.counts.inFlight).toBe(0)
    expect(paused.counts.sent).toBeLessThan(200)
    expect(acceptedKeys(s).size).toBe(paused.counts.sent)

    engine.resume(job.id)
    const done = await engine.whenIdle(job.id)
    expect(done).toMatchObject({ status: 'done', counts: { sent: 200 } })
    expect(acceptedKeys(s).size).toBe(200)
    expect(exactlyOnce(s)).toBe(true)
  })

  it('cancel: rows not yet sent are skipped as cancelled; what was sent stays sent', { timeout: 60_000 }, async () => {
    const s = await startSendSimulator('customersure', { faults: { latencyMs: 15 } })
    const { host, engine } = setup(s)
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'c.csv', rows: customerSureRows(200), protection: TEST_PROTECTION })
    await progressWhere(host, (p) => p.id === job.id && p.counts.sent >= 10)
    engine.cancel(job.id)
    const cancelled = await engine.whenIdle(job.id)
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.counts.sent + cancelled.counts.skipped).toBe(200)
    expect(cancelled.counts.skipped).toBeGreaterThan(0)
    expect(acceptedKeys(s).size).toBe(cancelled.counts.sent)
    expect(engine.rows({ jobId: job.id, statuses: ['skipped'], limit: 1 }).rows[0]!.detail).toMatch(/cancelled/)
    expect(() => engine.resume(job.id)).toThrow(/cancelled/)
  })

  it('protection: provider opt-outs, the do-not-contact list and the over-survey rule skip rows that never reach the provider', { timeout: 60_000 }, async () => {
    const s = await startSendSimulator('customersure')
    const { host, engine } = setup(s)
    host.suppressionList.emails.set('customer2@example.com', { reason: 'unsubscribed', detail: 'unsubscribed at Nicereply (Acme)' })
    const dnc = engine.importDoNotContact('email\nCUSTOMER3@example.com\nnot-an-address\n0472 30 67 05\n', 'BE')
    expect(dnc).toMatchObject({ added: 2, alreadyListed: 0, total: 3 })
    expect(dnc.rejected).toEqual([{ line: 3, value: 'not-an-address', reason: 'not a valid phone number' }])

    const first = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'one.csv', rows: customerSureRows(5), protection: TEST_PROTECTION })
    expect((await engine.whenIdle(first.id)).counts).toMatchObject({ sent: 3, skipped: 2 })
    const reasons = engine.rows({ jobId: first.id, statuses: ['skipped'] }).rows.map((r) => [r.rowNumber, r.detail])
    expect(reasons).toEqual([
      [2, 'customer2@example.com unsubscribed at Nicereply (Acme).'],
      [3, 'customer3@example.com is on the do-not-contact list.']
    ])

    // A second file a day later with the same people: the over-survey rule (30 days) skips those already sent to.
    const dry = await engine.verdicts(customerSureRows(6), TEST_PROTECTION)
    expect(dry.map((v) => (v.action === 'skip' ? v.reason : 'send'))).toEqual(['over_survey', 'unsubscribed', 'do_not_contact', 'over_survey', 'over_survey', 'send'])
    const second = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'two.csv', rows: customerSureRows(6), protection: TEST_PROTECTION })
    expect((await engine.whenIdle(second.id)).counts).toMatchObject({ sent: 1, skipped: 5 })
    expect(acceptedKeys(s).size).toBe(4)
  })

  it('an opt-out or do-not-contact entry added while a job runs stops the rows not yet sent, once the lists are read again', { timeout: 60_000 }, async () => {
    const s = await startSendSimulator('customersure', { faults: { latencyMs: 15 } })
    let now = Date.parse('2026-06-15T12:00:00Z')
    const { host, engine } = setup(s, { clock: () => now, protectionRefreshMs: 60_000 })
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'long.csv', rows: customerSureRows(200), protection: TEST_PROTECTION })
    await progressWhere(host, (p) => p.id === job.id && p.counts.sent >= 10)
    host.suppressionList.emails.set('customer150@example.com', { reason: 'opted_out', detail: 'opted out at FeedbackAPI (Acme)' })
    expect(engine.importDoNotContact('customer160@example.com\n', 'BE')).toMatchObject({ added: 1 })
    // The lists the job holds are a minute old on its clock: it reads them again before its next rows.
    now += 61_000
    const done = await engine.whenIdle(job.id)
    expect(done.counts).toMatchObject({ sent: 198, skipped: 2 })
    expect(engine.rows({ jobId: job.id, statuses: ['skipped'] }).rows.map((r) => [r.rowNumber, r.detail])).toEqual([
      [150, 'customer150@example.com opted out at FeedbackAPI (Acme).'],
      [160, 'customer160@example.com is on the do-not-contact list.']
    ])
    expect(acceptedKeys(s).size).toBe(198)
  })

  it('quiet hours: outside the window the job waits and sends nothing; inside it, it sends', { timeout: 60_000 }, async () => {
    const s = await startSendSimulator('customersure')
    let now = Date.parse('2026-06-15T03:00:00Z')
    const { host, engine } = setup(s, { clock: () => now })
    const window = { start: '09:00', end: '17:00', timeZone: 'UTC' }
    const rows = customerSureRows(5).map((r) => ({ ...r, request: { ...r.request, send_at: '2026-12-01T10:00:00Z' } }))
    const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'q.csv', rows, protection: { overSurveyDays: 30, sendWindow: window } })
    const waiting = await progressWhere(host, (p) => p.id === job.id && p.status === 'waiting')
    expect(waiting.statusDetail).toMatch(/09:00–17:00/)
    expect(s.sim.requests.count({ method: 'POST' })).toBe(0)
    engine.pause(job.id)
    await engine.whenIdle(job.id)
    now = Date.parse('2026-06-15T10:00:00Z')
    engine.resume(job.id)
    expect((await engine.whenIdle(job.id)).counts.sent).toBe(5)
  })
})
