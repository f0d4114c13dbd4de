/**
 * Send throughput: BENCH_SEND_ROWS (default 1,200, about a minute) CustomerSure feedback requests
 * through the send engine in its default worker mode, against a CustomerSure simulator that allows
 * 20 requests a second (its rate-limit fault: a 21st request inside one second gets 429 with
 * Retry-After). The connection is configured with the provider's limit, as a user would; every row
 * is a synchronous=FULL ledger commit before and after its call. The simulator runs in its own
 * process (`survey-desk simulate`), so its CPU does not count against this one.
 *
 * Prints: rows/s and the share of the 20/s limit reached (target >= 95 %), 429s met, and the main
 * thread's longest event-loop stall during the send (target < 50 ms).
 */
import { spawn } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createSendEngine, type JobSummary } from '../src/main/sends/job'
import { customerSureRows } from '../test/support/send-harness'
import { makeTempDir } from '../test/support/temp-dir'
import { spawnSimulator, type SpawnedSimulator } from './bench-support'

const ROWS = Number(process.env.BENCH_SEND_ROWS ?? 1200)
const LIMIT = 20

function startSimulator(): Promise<SpawnedSimulator<{ secret: string; companyName?: string }>> {
  const faults = JSON.stringify({ pathPrefix: '/feedback_requests', rateLimit: { limit: LIMIT, windowMs: 1000 } })
  return spawnSimulator('customersure', ['--volume', '50', '--faults', faults])
}

/**
 * This machine's own noise: the same monitor in an idle Node process running beside the send. On a
 * shared, loaded machine the OS alone pauses an idle event loop for tens of milliseconds.
 */
function idleNoise(): { stop(): Promise<string> } {
  const code = `const { monitorEventLoopDelay } = require('node:perf_hooks'); const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
    setInterval(() => {}, 1000); process.on('message', () => { h.disable(); process.send('max ' + (h.max / 1e6).toFixed(1) + ' ms, p99 ' + (h.percentile(99) / 1e6).toFixed(1) + ' ms', () => process.exit(0)) })`
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(String(m)))
        child.send('stop')
      })
  }
}

async function main(): Promise<void> {
  const sim = await startSimulator()
  const tmp = makeTempDir('survey-desk-bench-sends-')
  let waits = 0
  // Written from the progress callback: an object, so the reads below are not narrowed to the initial null.
  const marks: { first: { at: number; sent: number } | null; last: { at: number; sent: number } | null } = { first: null, last: null }
  const engine = createSendEngine(
    {
      dataDir: tmp.dir,
      connection: (id) => (id === 'bench' ? { id, provider: 'customersure', label: 'bench', baseUrl: sim.baseUrl, region: null, settings: { companyName: sim.credentials.companyName } } : undefined),
      resolveSecret: async () => sim.credentials.secret,
      suppressions: async () => ({ emails: new Map(), phones: new Map() }),
      onProgress: (s: JobSummary) => {
        if (s.status === 'waiting') waits++
        if (s.counts.sent > 0 && marks.first === null) marks.first = { at: performance.now(), sent: s.counts.sent }
        if (s.counts.sent > 0) marks.last = { at: performance.now(), sent: s.counts.sent }
      }
    },
    // The provider's limit, paced evenly (a burst of 1): what a user would set for a 20/s account.
    { rateLimits: { customersure: { perSecond: LIMIT, burst: 1 } } }
  )
  try {
    const noise = idleNoise()
    const rows = customerSureRows(ROWS)
    const h = monitorEventLoopDelay({ resolution: 5 })
    h.enable()
    const t0 = performance.now()
    const job = await engine.createJob({ connectionId: 'bench', purpose: 'send', fileName: 'bench.csv', rows, protection: { overSurveyDays: 0, sendWindow: null } })
    const created = performance.now() - t0
    const createStall = h.max / 1e6
    h.reset()
    const done = await engine.whenIdle(job.id)
    const secs = (performance.now() - t0) / 1000
    h.disable()
    if (done.status !== 'done' || done.counts.sent !== ROWS) throw new Error(`the job ended ${done.status}: ${JSON.stringify(done.counts)} ${done.statusDetail ?? ''}`)
    const rate = ROWS / secs
    console.log(`sends-throughput: ${ROWS.toLocaleString('en-US')} CustomerSure rows, simulator limited to ${LIMIT} requests/s, engine in worker mode`)
    const { first, last } = marks
    const steady = first && last && last.at > first.at ? (last.sent - first.sent) / ((last.at - first.at) / 1000) : NaN
    console.log(`  sending: ${steady.toFixed(2)} rows/s from the first row sent to the last = ${((steady / LIMIT) * 100).toFixed(1)} % of the limit (target >= 95 %)`)
    console.log(`  end to end (job written in one transaction, worker started, all sent): ${rate.toFixed(2)} rows/s in ${secs.toFixed(1)} s = ${((rate / LIMIT) * 100).toFixed(1)} %; 429s waited out: ${waits}`)
    console.log(`  main-thread event-loop stall: while writing the job (${created.toFixed(0)} ms) max ${createStall.toFixed(1)} ms; while sending max ${(h.max / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms (target < 50 ms)`)
    console.log(`  for scale, an idle Node process on this machine over the same time: ${await noise.stop()}`)
  } finally {
    await engine.shutdown()
    sim.stop()
    tmp.cleanup()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
