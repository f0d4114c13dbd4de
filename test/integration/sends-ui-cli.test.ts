import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/run'
import { createAppContext } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { startCustomerSureSimulator, type CustomerSureSimulatorHandle } from '../../src/main/providers/customersure/simulator'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { bufferedIo as io } from '../support/cli'
import { connectionInput } from '../support/sync-harness'
import { makeTempDir } from '../support/temp-dir'

let sim: CustomerSureSimulatorHandle | undefined
let tmp: ReturnType<typeof makeTempDir> | undefined
afterEach(async () => {
  await sim?.close()
  tmp?.cleanup()
  sim = tmp = undefined
})

interface Setup {
  id: string
  secrets: MemorySecretStore
  dataDir: string
  survey: string
  template: string
  csv: string
}

async function setup(): Promise<Setup> {
  sim = await startCustomerSureSimulator({ volume: 30, seed: 5 })
  tmp = makeTempDir('survey-desk-sends-cli-')
  const secrets = new MemorySecretStore()
  const ctx = createAppContext({ dataDir: tmp.dir, secrets })
  try {
    const added = await createDispatch(handlers, ctx)('connections.add', connectionInput('customersure', sim, 'Acme'))
    if (!added.ok) throw new Error(added.error.message)
    const id = (added.value as { id: string }).id
    await ctx.sync().run({ connectionIds: [id] })
    const survey = (ctx.db.prepare(`SELECT external_id FROM surveys WHERE connection_id = ? LIMIT 1`).get(id) as { external_id: string }).external_id
    const template = (ctx.db.prepare(`SELECT external_id FROM templates WHERE connection_id = ? AND channel = 'email' AND archived = 0 LIMIT 1`).get(id) as {
      external_id: string
    }).external_id
    const csv = join(tmp.dir, 'deliveries.csv')
    // Comma-separated UTF-8 with a BOM, French headers, one bad address and one duplicate (case differs).
    writeFileSync(
      csv,
      '\uFEFFCourriel,Prénom,Nom de famille,Ticket\r\n' +
        'zoe@example.com,Zoé,Martin,A-1\r\n' +
        'yann@example,Yann,Leroy,A-2\r\n' +
        'xavier@example.com,Xavier,"Dupont, jr",A-3\r\n' +
        'ZOE@example.com,Zoé,Martin,A-4\r\n'
    )
    return { id, secrets, dataDir: tmp.dir, survey, template, csv }
  } finally {
    await ctx.shutdown()
  }
}

describe('survey-desk send and survey-desk sends', () => {
  it('--dry-run --json prints every row’s verdict and the exact request, sending nothing; then the real send, list, show and export', async () => {
    const s = await setup()
    const common = ['send', '--connection', s.id, '--csv', s.csv, '--map', 'Ticket=reference', '--set', `survey_id=${s.survey}`, '--set', `email_template_id=${s.template}`, '--data-dir', s.dataDir]

    const dry = io()
    expect(await runCli([...common, '--dry-run', '--json'], dry, { secrets: s.secrets })).toBe(0)
    const doc = JSON.parse(dry.out) as {
      validation: { total: number; valid: number; invalid: number; duplicate: number }
      totals: { send: number; skip: number }
      rows: Array<{ rowNumber: number; verdict: string; reason: string | null; requests: Array<{ method: string; url: string; body: Record<string, unknown> }> }>
    }
    expect(doc.validation).toMatchObject({ total: 4, valid: 2, invalid: 1, duplicate: 1 })
    expect(doc.totals).toEqual({ rows: 4, send: 2, skip: 2 })
    expect(doc.rows.map((r) => [r.rowNumber, r.verdict])).toEqual([
      [2, 'send'],
      [3, 'skip'],
      [4, 'send'],
      [5, 'skip']
    ])
    expect(doc.rows[1]!.reason).toMatch(/^Invalid: email/)
    expect(doc.rows[3]!.reason).toBe('Duplicate of row 2')
    expect(doc.rows[2]!.requests[0]!.body).toMatchObject({ email: 'xavier@example.com', first_name: 'Xavier', surname: 'Dupont, jr', reference: 'A-3' })
    expect(dry.err).toContain('utf-8 (BOM)')
    expect(sim!.state.feedbackRequests.size).toBe(0)

    const send = io()
    expect(await runCli([...common, '--json'], send, { secrets: s.secrets })).toBe(0)
    const job = JSON.parse(send.out) as { id: string; status: string; counts: { sent: number; total: number } }
    expect(job).toMatchObject({ status: 'done', counts: { sent: 2, total: 2 } })
    expect([...sim!.state.feedbackRequests.values()].map((r) => r.email).sort()).toEqual(['xavier@example.com', 'zoe@example.com'])

    const list = io()
    expect(await runCli(['sends', 'list', '--data-dir', s.dataDir], list, { secrets: s.secrets })).toBe(0)
    expect(list.out).toMatch(new RegExp(`^${job.id}\\s+\\S+ \\S+\\s+Acme\\s+deliveries\\.csv\\s+done\\s+2\\s+0\\s+0\\s+0$`, 'm'))

    const show = io()
    expect(await runCli(['sends', 'show', job.id, '--json', '--data-dir', s.dataDir], show, { secrets: s.secrets })).toBe(0)
    const shown = JSON.parse(show.out) as { rows: Array<{ rowNumber: number; status: string }> }
    expect(shown.rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [2, 'sent'],
      [4, 'sent']
    ])

    const out = join(s.dataDir, 'failed.csv')
    const exp = io()
    expect(await runCli(['sends', 'export', job.id, '--failed', out, '--data-dir', s.dataDir], exp, { secrets: s.secrets })).toBe(0)
    expect(exp.out).toContain('Wrote 0 failed and skipped rows')
    expect(readFileSync(out, 'utf8').startsWith('\uFEFF')).toBe(true)
  }, 60_000)

  it('names the flag that is wrong, with exit code 2', async () => {
    const s = await setup()
    const bad = io()
    expect(await runCli(['send', '--connection', s.id, '--csv', s.csv, '--map', 'Telefoon=sms_number', '--dry-run', '--data-dir', s.dataDir], bad, { secrets: s.secrets })).toBe(2)
    expect(bad.err).toMatch(/--map Telefoon=sms_number: the file has no column "Telefoon"/)

    const missing = io()
    expect(await runCli(['send', '--csv', s.csv, '--data-dir', s.dataDir], missing, { secrets: s.secrets })).toBe(2)
    expect(missing.err).toMatch(/--connection is required/)

    const incomplete = io()
    expect(await runCli(['send', '--connection', s.id, '--csv', s.csv, '--dry-run', '--data-dir', s.dataDir], incomplete, { secrets: s.secrets })).toBe(2)
    expect(incomplete.err).toMatch(/The mapping is incomplete/)
    expect(incomplete.err).toMatch(/survey/i)

    const unknownJob = io()
    expect(await runCli(['sends', 'show', 'no-such-job', '--data-dir', s.dataDir], unknownJob, { secrets: s.secrets })).toBe(1)
    expect(unknownJob.err).toMatch(/no-such-job|not found|No job/i)
  }, 60_000)
})
