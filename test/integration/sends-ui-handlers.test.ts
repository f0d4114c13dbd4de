import { afterEach, describe, expect, it } from 'vitest'
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/domain/sends'
import { startCustomerSureSimulator, type CustomerSureSimulatorHandle } from '../../src/main/providers/customersure/simulator'
import { startNicereplySimulator, type NicereplySimulatorHandle } from '../../src/main/providers/nicereply/simulator'
import { toExcelCsv } from '../../src/main/sends/service/csv-export'
import { openTestApp, type Call, type TestApp } from '../support/app-harness'
import { connectionInput } from '../support/sync-harness'

/** Bytes as Excel writes "CSV (semicolon)" in a Belgian locale: Windows-1252, ';', CRLF. */
function cp1252(text: string): Buffer {
  const bytes: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code)
    else if (ch === '€') bytes.push(0x80)
    else throw new Error(`not in cp1252: ${ch}`)
  }
  return Buffer.from(bytes)
}

let sim: CustomerSureSimulatorHandle | undefined
let nice: NicereplySimulatorHandle | undefined
let app: TestApp | undefined
afterEach(async () => {
  await app?.ctx.shutdown()
  await sim?.close()
  await nice?.close()
  app?.cleanup()
  sim = nice = app = undefined
})

async function setup(): Promise<{ call: Call; connectionId: string; survey: string; template: string }> {
  sim = await startCustomerSureSimulator({ volume: 50, seed: 11 })
  app = openTestApp('survey-desk-sends-ui-')
  const { ctx, call } = app
  const added = await call('connections.add', connectionInput('customersure', sim, 'Acme'))
  await ctx.sync().run({ connectionIds: [added.id] })
  const survey = (ctx.db.prepare(`SELECT external_id FROM surveys WHERE connection_id = ? LIMIT 1`).get(added.id) as { external_id: string }).external_id
  const template = (ctx.db.prepare(`SELECT external_id FROM templates WHERE connection_id = ? AND channel = 'email' AND archived = 0 LIMIT 1`).get(added.id) as { external_id: string })
    .external_id
  return { call, connectionId: added.id, survey, template }
}

async function upload(call: Awaited<ReturnType<typeof setup>>['call'], name: string, bytes: Buffer) {
  const { uploadId } = await call('sends.upload.begin', { fileName: name, size: bytes.length })
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    await call('sends.upload.chunk', { uploadId, offset, data: bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64') })
  }
  return call('sends.upload.finish', { uploadId })
}

describe('sends handlers against the provider simulators', () => {
  it('upload → preview → mapping → validate → fix in place → protection → dry run → send → export', async () => {
    const { call, connectionId, survey, template } = await setup()
    const csv = [
      'E-mailadres;Voornaam;Achternaam;Référence',
      'anaïs@example.com;Anaïs;Dubois;=T-1',
      'bram@example;Bram;Peeters;T-2',
      'chloé@example.com;Chloé;Lefèvre;T-3',
      'ANAÏS@example.com;Anaïs;Dubois;T-4',
      'dnc@example.com;Dirk;Claes;T-5',
      ''
    ].join('\r\n')
    const preview = await upload(call, 'closed tickets.csv', cp1252(csv))
    expect(preview.encoding).toBe('windows-1252')
    expect(preview.delimiter).toBe(';')
    expect(preview.headers).toEqual(['E-mailadres', 'Voornaam', 'Achternaam', 'Référence'])
    const uploadId = preview.uploadId

    const proposal = await call('sends.mapping', { uploadId, connectionId, purpose: 'send' })
    expect(proposal.suggested.email).toEqual({ column: 0, header: 'E-mailadres' })
    expect(proposal.suggested.first_name).toEqual({ column: 1, header: 'Voornaam' })
    expect(proposal.fields.find((f) => f.id === 'survey_id')!.options!.map((o) => o.value)).toContain(survey)
    expect(proposal.saved).toBeNull()

    const mapping = { ...proposal.suggested, survey_id: { constant: survey }, email_template_id: { constant: template } }
    const summary = await call('sends.validate', { uploadId, connectionId, purpose: 'send', mapping, defaultCountry: 'BE', timeZone: 'Europe/Brussels' })
    expect(summary).toMatchObject({ total: 5, valid: 3, invalid: 1, duplicate: 1 })
    expect(summary.mappingErrors).toEqual([])

    const problems = await call('sends.rows', { uploadId, onlyProblems: true })
    expect(problems.rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [3, 'invalid'],
      [5, 'duplicate']
    ])
    expect(problems.rows[0]!.reasons[0]!.field).toBe('email')
    expect(problems.rows[1]!.duplicateOf).toBe(2)

    const fixed = await call('sends.fixCell', { uploadId, rowNumber: 3, field: 'email', value: 'bram@example.com' })
    expect(fixed.row).toMatchObject({ rowNumber: 3, status: 'valid', edited: true })
    expect(fixed.summary).toMatchObject({ valid: 4, invalid: 0, duplicate: 1 })
    // A fix that makes a row match another contact turns it into a duplicate, never a second send.
    const clash = await call('sends.fixCell', { uploadId, rowNumber: 6, field: 'email', value: 'Chloé@example.com' })
    expect(clash.row).toMatchObject({ status: 'duplicate', duplicateOf: 4 })
    await call('sends.fixCell', { uploadId, rowNumber: 6, field: 'email', value: 'dnc@example.com' })

    // The mapping is remembered for this connection and a file with the same headers.
    const again = await call('sends.mapping', { uploadId, connectionId, purpose: 'send' })
    expect(again.saved?.survey_id).toEqual({ constant: survey })

    await call('sends.protection.set', { overSurveyDays: 30, sendWindow: null })
    const dnc = await call('sends.dnc.import', { text: 'DNC@example.com\nnot a contact\n', defaultCountry: 'BE' })
    expect(dnc.added).toBe(1)
    expect(dnc.rejected).toHaveLength(1)

    const dry = await call('sends.dryRun', { uploadId })
    expect(dry.totals).toEqual({ rows: 5, send: 3, skip: 2 })
    expect(dry.rows.find((r) => r.rowNumber === 6)).toMatchObject({ verdict: 'skip', recipient: 'dnc@example.com' })
    const first = dry.rows.find((r) => r.rowNumber === 2)!
    expect(first.verdict).toBe('send')
    expect(first.requests[0]).toMatchObject({ method: 'POST', url: `${sim!.baseUrl}/feedback_requests` })
    expect(first.requests[0]!.body).toMatchObject({ email: 'anaïs@example.com', first_name: 'Anaïs', survey_id: survey })
    // Nothing left the machine during the dry run.
    expect(sim!.state.feedbackRequests.size).toBe(0)

    const job = await call('sends.create', { uploadId })
    expect(job.counts.total).toBe(4)
    const done = await app!.ctx.sends().engine().whenIdle(job.id)
    expect(done.status).toBe('done')
    expect(done.counts).toMatchObject({ sent: 3, skipped: 1, failed: 0 })
    const emails = [...sim!.state.feedbackRequests.values()].map((r) => r.email).sort()
    expect(emails).toEqual(['anaïs@example.com', 'bram@example.com', 'chloé@example.com'])

    const listed = await call('sends.jobs.list', {})
    expect(listed.jobs.map((j) => j.id)).toContain(job.id)
    const rows = await call('sends.jobs.rows', { jobId: job.id, statuses: ['skipped'] })
    expect(rows.rows.map((r) => r.rowNumber)).toEqual([6])

    const exported = await call('sends.jobs.export', { jobId: job.id })
    expect(exported.rows).toBe(1)
    expect(exported.csv.startsWith('\uFEFF')).toBe(true)
    const lines = exported.csv.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('E-mailadres,Voornaam,Achternaam,Référence,Survey Desk status,Survey Desk reason')
    expect(lines[1]).toMatch(/^dnc@example\.com,Dirk,Claes,T-5,skipped,/)

    // The wizard's upload is gone once its job exists.
    await expect(call('sends.rows', { uploadId })).rejects.toMatchObject({ code: 'not_found' })
  }, 60_000)

  it('a failed-rows export imports again: formula-like cells it escaped are read as they were', async () => {
    const { call, connectionId, survey, template } = await setup()
    const csv = toExcelCsv(
      ['Email', 'First name', 'Reference', 'Survey Desk status', 'Survey Desk reason'],
      [['jo@example.com', '-Jo-', '=1+1', 'failed', '+ provider said no']]
    )
    const preview = await upload(call, 'failed rows.csv', Buffer.from(csv, 'utf8'))
    const mapping = {
      email: { column: 0, header: 'Email' },
      first_name: { column: 1, header: 'First name' },
      reference: { column: 2, header: 'Reference' },
      survey_id: { constant: survey },
      email_template_id: { constant: template }
    }
    expect(await call('sends.validate', { uploadId: preview.uploadId, connectionId, mapping })).toMatchObject({ total: 1, valid: 1 })
    const dry = await call('sends.dryRun', { uploadId: preview.uploadId })
    expect(dry.rows[0]!.requests[0]!.body).toMatchObject({ first_name: '-Jo-', reference: '=1+1' })

    // The test send: one real call, the first sendable row addressed to the user instead.
    await expect(call('sends.testSend', { uploadId: preview.uploadId, to: '+32470000000' })).rejects.toMatchObject({ details: [{ field: 'to' }] })
    const test = await call('sends.testSend', { uploadId: preview.uploadId, to: 'Me@Example.com' })
    expect(test).toMatchObject({ ok: true })
    expect([...sim!.state.feedbackRequests.values()].map((r) => [r.email, r.first_name])).toEqual([['me@example.com', '-Jo-']])
  }, 60_000)

  it('rejects bad input naming the field: chunks out of order, unknown columns, a non-send provider', async () => {
    const { call, connectionId } = await setup()
    const { uploadId } = await call('sends.upload.begin', { fileName: 'a.csv', size: 10 })
    await expect(call('sends.upload.chunk', { uploadId, offset: 4, data: Buffer.from('abc').toString('base64') })).rejects.toMatchObject({
      code: 'validation',
      details: [{ field: 'offset' }]
    })
    await expect(call('sends.upload.chunk', { uploadId, offset: 0, data: 'not base64!' })).rejects.toMatchObject({ code: 'validation', details: [{ field: 'data' }] })
    await expect(call('sends.upload.finish', { uploadId })).rejects.toMatchObject({ code: 'validation' })

    // A file bigger than one chunk arrives whole, in order.
    const big = Buffer.from('email,name\r\n' + Array.from({ length: 60_000 }, (_, i) => `p${i}@example.com,P${i}`).join('\r\n') + '\r\n')
    expect(big.length).toBeGreaterThan(2 * UPLOAD_CHUNK_BYTES)
    const bigPreview = await upload(call, 'big.csv', big)
    expect(bigPreview.size).toBe(big.length)
    expect(bigPreview.headers).toEqual(['email', 'name'])
    expect(await call('sends.validate', { uploadId: bigPreview.uploadId, connectionId, mapping: { email: { column: 0, header: 'email' } } })).toMatchObject({
      total: 60_000,
      mappingErrors: [expect.objectContaining({ field: expect.stringMatching(/survey/) })]
    })

    const preview = await upload(call, 'b.csv', Buffer.from('email,name\r\na@example.com,A\r\n'))
    await expect(
      call('sends.validate', { uploadId: preview.uploadId, connectionId, mapping: { email: { column: 5, header: 'mail' } } })
    ).rejects.toMatchObject({ code: 'validation', details: [{ field: 'mapping.email' }] })
    await expect(call('sends.validate', { uploadId: preview.uploadId, connectionId, mapping: { nonsense: { constant: 'x' } } })).rejects.toMatchObject({
      details: [{ field: 'mapping.nonsense' }]
    })
    await expect(call('sends.mapping', { uploadId: preview.uploadId, connectionId, purpose: 'import_ratings' })).rejects.toMatchObject({ code: 'unsupported' })
    await expect(call('sends.dryRun', { uploadId: preview.uploadId })).rejects.toMatchObject({ code: 'conflict' })
  }, 60_000)

  it('Nicereply: "import ratings" goes through the same mapping, validation, dry run and durable job', async () => {
    nice = await startNicereplySimulator({ volume: 40, seed: 4 })
    app = openTestApp('survey-desk-sends-ui-nicereply-')
    const { ctx, call } = app
    const added = await call('connections.add', connectionInput('nicereply', nice, 'Helpdesk'))
    await ctx.sync().run({ connectionIds: [added.id] })
    const survey = ctx.db.prepare(`SELECT external_id, scale_max FROM surveys WHERE connection_id = ? AND metric = 'csat' LIMIT 1`).get(added.id) as {
      external_id: string
      scale_max: number
    }
    const agent = ctx.db.prepare(`SELECT username FROM staff WHERE connection_id = ? AND username IS NOT NULL LIMIT 1`).get(added.id) as { username: string }
    const preview = await upload(call, 'ratings.csv', Buffer.from(`Score,Agent,Comment\r\n${survey.scale_max},${agent.username},Quick and kind\r\n42,${agent.username},Out of range\r\n`))

    await expect(call('sends.mapping', { uploadId: preview.uploadId, connectionId: added.id, purpose: 'send' })).rejects.toMatchObject({ code: 'unsupported' })
    const proposal = await call('sends.mapping', { uploadId: preview.uploadId, connectionId: added.id, purpose: 'import_ratings' })
    const mapping = { ...proposal.suggested, survey_id: { constant: survey.external_id } }
    const summary = await call('sends.validate', { uploadId: preview.uploadId, connectionId: added.id, purpose: 'import_ratings', mapping })
    expect(summary).toMatchObject({ total: 2, valid: 1, invalid: 1 })
    const dry = await call('sends.dryRun', { uploadId: preview.uploadId })
    expect(dry.totals).toEqual({ rows: 2, send: 1, skip: 1 })
    expect(dry.rows[0]!.requests[0]!.method).toBe('POST')
    expect(nice.createdRatings()).toHaveLength(0)
    // Nothing is sent to anyone: a "test send" makes no sense for an import.
    await expect(call('sends.testSend', { uploadId: preview.uploadId, to: 'me@example.com' })).rejects.toMatchObject({ code: 'unsupported' })

    const job = await call('sends.create', { uploadId: preview.uploadId })
    expect(job.purpose).toBe('import_ratings')
    const finished = await ctx.sends().engine().whenIdle(job.id)
    const jobRows = await call('sends.jobs.rows', { jobId: job.id })
    expect(finished.counts.sent, JSON.stringify({ finished, jobRows })).toBe(1)
    expect(nice.createdRatings()).toHaveLength(1)
    expect(nice.createdRatings()[0]).toMatchObject({ score: survey.scale_max, comment: 'Quick and kind' })
  }, 60_000)
})
