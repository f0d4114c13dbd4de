/**
 * The sender of the kill -9 test (test/integration/sends-job-kill-resume.test.ts), in a process of
 * its own so the test can kill it mid-send: creates a job of N FeedbackAPI rows against the
 * simulator the test runs, and prints "job <id>" then "sent <n>" as rows are committed.
 *
 *   node --import tsx test/support/send-kill-child.ts <dataDir> <baseUrl> <rows>   (secret in SEND_TEST_SECRET)
 */
import { createSendEngine } from '../../src/main/sends/job'
import { feedbackApiRows } from './send-harness'

const [dataDir, baseUrl, count] = process.argv.slice(2)
const secret = process.env.SEND_TEST_SECRET
if (!dataDir || !baseUrl || !count || !secret) {
  process.stderr.write('usage: send-kill-child.ts <dataDir> <baseUrl> <rows> (SEND_TEST_SECRET set)\n')
  process.exit(2)
}

const engine = createSendEngine(
  {
    dataDir,
    connection: (id) => (id === 'conn-1' ? { id, provider: 'feedbackapi', label: 'FeedbackAPI kill test', baseUrl, region: null, settings: {} } : undefined),
    resolveSecret: async () => secret,
    suppressions: async () => ({ emails: new Map(), phones: new Map() }),
    onProgress: (s) => process.stdout.write(`sent ${s.counts.sent}\n`)
  },
  { mode: 'worker', rateLimits: { feedbackapi: { perSecond: 2000, burst: 2000 } }, progressIntervalMs: 50 }
)

async function main(): Promise<void> {
  const job = await engine.createJob({ connectionId: 'conn-1', purpose: 'send', fileName: 'kill.csv', rows: feedbackApiRows(Number(count)), protection: { overSurveyDays: 30, sendWindow: null } })
  process.stdout.write(`job ${job.id}\n`)
  const done = await engine.whenIdle(job.id)
  process.stdout.write(`finished ${done.status}\n`)
  await engine.shutdown()
}

void main()
