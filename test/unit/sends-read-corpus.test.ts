import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CsvFormatError,
  readAndValidateFile,
  readCsvRecords,
  sniffCsvFile,
  suggestMapping,
  type CsvRecord,
  type MappingSource,
  type SendProvider,
  type ValidatedRow,
  type ValidateOptions
} from '../../src/main/sends/read'

/* The committed corpus (test/fixtures/csv, written by make-corpus.ts) with the verdict expected for each file. */

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', 'csv', name)
const NOW = '2026-11-22T12:00:00Z'

async function readAll(name: string): Promise<{ sniff: Awaited<ReturnType<typeof sniffCsvFile>>; records: CsvRecord[] }> {
  const sniff = await sniffCsvFile(fixture(name))
  const records: CsvRecord[] = []
  for await (const batch of readCsvRecords(fixture(name), sniff)) records.push(...batch)
  return { sniff, records }
}

async function validateFile(
  name: string,
  provider: SendProvider,
  constants: Record<string, string>,
  opts: Partial<ValidateOptions> = {},
  columns: Record<string, number> = {}
): Promise<{ rows: ValidatedRow[]; result: Awaited<ReturnType<typeof readAndValidateFile>> }> {
  const sniff = await sniffCsvFile(fixture(name))
  const suggested = suggestMapping(provider, sniff.headers)
  const fields: Record<string, MappingSource> = { ...suggested.fields }
  for (const [field, constant] of Object.entries(constants)) fields[field] = { constant }
  for (const [field, column] of Object.entries(columns)) fields[field] = { column, header: sniff.headers[column]! }
  const rows: ValidatedRow[] = []
  const result = await readAndValidateFile(
    { path: fixture(name), options: { mapping: { provider, fields }, defaultCountry: 'BE', timeZone: 'Europe/Brussels', now: NOW, ...opts } },
    { onRows: (batch) => rows.push(...batch) }
  )
  return { rows, result }
}

const CS_EMAIL = { survey_id: '1484', email_template_id: '10' }
const FA = { location: 'L1', template: 'T1' }

describe('send-file corpus: reading', () => {
  it('UTF-8 with BOM, commas, CRLF, quoted commas, quotes and line breaks', async () => {
    const { sniff, records } = await readAll('utf8-bom-comma.csv')
    expect(sniff).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',', headerRow: 0 })
    expect(sniff.headers).toEqual(['First name', 'Last name', 'Email', 'Mobile', 'Send at', 'Ticket'])
    expect(records.map((r) => r.cells[1])).toEqual(['Smith, Jr.', 'O"Brien', 'Multi\r\nLine'])
    expect(records.map((r) => r.line)).toEqual([2, 3, 4])
  })

  it('UTF-8 without BOM, semicolons beside decimal commas', async () => {
    const { sniff, records } = await readAll('utf8-semicolon-nl.csv')
    expect(sniff).toMatchObject({ encoding: 'utf-8', bom: false, delimiter: ';' })
    expect(records[0]!.cells).toEqual(['Jan', 'Peeters', 'jan.peeters@voorbeeld.be', '0470 12 34 56', '13/12/2030 09:30', '12,50'])
  })

  it('UTF-16 LE with BOM and tabs (Excel "Unicode text")', async () => {
    const { sniff, records } = await readAll('utf16le-bom-tab.txt')
    expect(sniff).toMatchObject({ encoding: 'utf-16le', bom: true, delimiter: '\t' })
    expect(sniff.headers).toEqual(['Prénom', 'Nom', 'Courriel', 'Téléphone portable'])
    expect(records.map((r) => r.cells[0])).toEqual(['Chloé', 'Łukasz'])
  })

  it('UTF-16 BE without a BOM', async () => {
    const { sniff, records } = await readAll('utf16be-nobom.csv')
    expect(sniff).toMatchObject({ encoding: 'utf-16be', bom: false, delimiter: ',' })
    expect(records.map((r) => r.cells)).toEqual([
      ['zoe@example.com', 'Zoë'],
      ['yan@example.com', 'Yann']
    ])
  })

  it('Windows-1252 accents and the euro sign', async () => {
    const { sniff, records } = await readAll('cp1252-fr.csv')
    expect(sniff).toMatchObject({ encoding: 'windows-1252', delimiter: ';' })
    expect(sniff.headers).toContain('Téléphone portable')
    expect(records[0]!.cells).toEqual(['François', 'Lefèvre', 'francois@exemple.fr', '06 12 34 56 78', 'Reçu 20 €'])
    expect(records[1]!.cells[1]).toBe('Gaël')
  })

  it('ISO-8859-15 when the only high byte is its euro sign', async () => {
    const { sniff, records } = await readAll('iso8859-15-euro.csv')
    expect(sniff.encoding).toBe('iso-8859-15')
    expect(records[0]!.cells).toEqual(['René', '12 €'])
  })

  it('line breaks inside quotes keep the row whole and the line numbers right', async () => {
    const { records } = await readAll('embedded-newlines.csv')
    expect(records.map((r) => [r.line, r.cells[1], r.cells[2]])).toEqual([
      [2, 'line one\nline two', 'R1'],
      [4, 'he said "hi"; then, left\r\nand came back', 'R2'],
      [6, 'plain', 'R3']
    ])
  })

  it('skips a title line, blank lines, rows of delimiters and trailing empty columns', async () => {
    const { sniff, records } = await readAll('empty-rows.csv')
    expect(sniff.headerRow).toBe(1)
    expect(sniff.headers).toEqual(['Email', 'Name', 'Ticket'])
    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [4, ['r1@example.com', 'One', 'T1']],
      [8, ['r2@example.com', 'Two', 'T2']],
      [9, ['r3@example.com', 'Three', 'T3']]
    ])
  })

  it('an unterminated quote fails with its line and byte', async () => {
    const { readFileSync } = await import('node:fs')
    const bytes = readFileSync(fixture('unterminated-quote.csv'))
    const err = await readAll('unterminated-quote.csv').then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(CsvFormatError)
    expect(err).toMatchObject({ line: 3, byteOffset: bytes.indexOf('"never') })
    expect((err as Error).message).toMatch(/unterminated-quote\.csv: A quoted field is never closed.*\(line 3, byte \d+\)/)
  })

  it('bytes that stop being UTF-8 after the sample fail with their place; the file reader then rereads as Windows-1252', async () => {
    const { readFileSync } = await import('node:fs')
    const bytes = readFileSync(fixture('late-cp1252.csv'))
    const err = await readAll('late-cp1252.csv').then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toMatchObject({ kind: 'encoding', line: 4002, byteOffset: bytes.indexOf(0xe9) })
    const { rows, result } = await validateFile('late-cp1252.csv', 'feedbackapi', FA, {}, { fname: 1 })
    expect(result.sniff.encoding).toBe('windows-1252')
    expect(rows).toHaveLength(4001)
    expect(rows.at(-1)!.send).toMatchObject({ email: 'late@example.com', fname: 'René' })
  })
})

describe('send-file corpus: verdicts', () => {
  it('a Dutch CustomerSure export: day-first dates from the column, a bad email rejected with its reason', async () => {
    const { rows, result } = await validateFile('utf8-semicolon-nl.csv', 'customersure', CS_EMAIL)
    expect(result.summary.dateColumns).toEqual([{ field: 'send_at', order: 'dmy', decidedBy: 'values', ambiguous: false }])
    expect(rows.map((r) => r.status)).toEqual(['valid', 'valid', 'invalid'])
    expect(rows[0]!.send).toMatchObject({ provider: 'customersure', email: 'jan.peeters@voorbeeld.be', first_name: 'Jan', surname: 'Peeters', send_at: '2030-12-13T08:30:00.000Z' })
    expect(rows[1]!.send).toMatchObject({ send_at: '2030-12-14T08:00:00.000Z' }) // a date alone means 09:00 local
    expect(rows[2]!.reasons).toEqual([{ field: 'email', message: expect.stringMatching(/tom@voorbeeld.*domain/) }])
  })

  it('an English FeedbackAPI export with quoted names: all valid, mobiles in E.164 for GB', async () => {
    const { rows } = await validateFile('utf8-bom-comma.csv', 'feedbackapi', FA, { defaultCountry: 'GB' })
    expect(rows.map((r) => r.status)).toEqual(['valid', 'valid', 'valid'])
    expect(rows.map((r) => (r.send as { mobile_number: string }).mobile_number)).toEqual(['+447911123456', '+447911123457', '+447911123458'])
    expect(rows[0]!.send).toMatchObject({ fname: 'Ann', sname: 'Smith, Jr.', due: '2030-12-01T09:00:00.000Z' })
  })

  it('UTF-16 French headers map to an SMS send with E.164 numbers', async () => {
    const { rows } = await validateFile('utf16le-bom-tab.txt', 'customersure', { survey_id: '1', channel: 'sms', text_message_template_id: '7' }, { defaultCountry: 'FR' })
    expect(rows.map((r) => r.status)).toEqual(['valid', 'valid'])
    expect(rows[0]!.send).toMatchObject({ channel: 'sms', sms: { number: '+33612345678', text_message_template_id: '7' }, email: 'chloe@exemple.fr', first_name: 'Chloé', surname: 'Lefèvre' })
  })

  it('Excel-mangled phones and dates: zeros and "+" recovered, scientific notation and a landline refused for SMS, serial dates read', async () => {
    const { rows } = await validateFile('excel-mangled.csv', 'enco', { survey_id: '8', channel: 'SMS' })
    expect(rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [2, 'valid'],
      [3, 'valid'],
      [4, 'invalid'],
      [5, 'valid'],
      [6, 'valid'],
      [7, 'invalid']
    ])
    expect(rows.filter((r) => r.send).map((r) => (r.send as { destination: string }).destination)).toEqual(['+32470123456', '+32470123457', '+32470123459', '+32470123460'])
    expect(rows[2]!.reasons[0]!.message).toMatch(/scientific notation/)
    expect(rows[5]!.reasons[0]!.message).toMatch(/not a mobile number/)

    const cs = await validateFile('excel-mangled.csv', 'customersure', CS_EMAIL)
    expect(cs.result.summary.dateColumns[0]).toMatchObject({ order: 'dmy', decidedBy: 'values' })
    expect(cs.rows.map((r) => (r.send as { send_at?: string } | undefined)?.send_at)).toEqual([
      '2030-12-01T08:00:00.000Z', // serial 47818, no time: 09:00 Brussels
      '2030-12-01T11:00:00.000Z', // 47818,5: noon
      '2030-12-01T08:00:00.000Z',
      '2030-12-02T08:00:00.000Z',
      '2030-12-13T08:00:00.000Z',
      '2030-12-14T08:00:00.000Z'
    ])
  })

  it('duplicates by email or phone, case and format ignored: keep first or keep last', async () => {
    const first = await validateFile('duplicates.csv', 'feedbackapi', FA)
    expect(first.rows.map((r) => [r.rowNumber, r.status, r.duplicateOf])).toEqual([
      [2, 'valid', undefined],
      [3, 'valid', undefined],
      [4, 'duplicate', 2],
      [5, 'duplicate', 2]
    ])
    expect(first.rows[2]!.reasons).toEqual([{ field: '', message: 'Same recipient as row 2' }])
    expect(first.result.summary).toMatchObject({ rows: 4, valid: 2, duplicate: 2, invalid: 0 })

    const last = await validateFile('duplicates.csv', 'feedbackapi', FA, { duplicates: 'keep_last' })
    expect(last.rows.map((r) => [r.rowNumber, r.status, r.duplicateOf])).toEqual([
      [2, 'duplicate', 5],
      [3, 'valid', undefined],
      [4, 'valid', undefined],
      [5, 'valid', undefined]
    ])
  })

  it('an ambiguous date column is reported, never guessed, until the caller chooses', async () => {
    const { rows, result } = await validateFile('ambiguous-dates.csv', 'customersure', CS_EMAIL)
    expect(result.summary.dateColumns).toEqual([{ field: 'send_at', order: null, decidedBy: 'undecided', ambiguous: true }])
    expect(rows.every((r) => r.status === 'invalid' && /either way round/.test(r.reasons[0]!.message))).toBe(true)

    const chosen = await validateFile('ambiguous-dates.csv', 'customersure', CS_EMAIL, { dateOrders: { send_at: 'mdy' } })
    expect(chosen.result.summary.dateColumns[0]).toMatchObject({ order: 'mdy', decidedBy: 'caller' })
    expect(chosen.rows.map((r) => (r.send as { send_at: string }).send_at)).toEqual(['2031-03-04T08:00:00.000Z', '2031-05-06T12:00:00.000Z', '2030-11-12T08:00:00.000Z'])
  })

  it('a month-first column is recognised from one value with a second part over 12', async () => {
    const { rows, result } = await validateFile('month-first-dates.csv', 'customersure', CS_EMAIL)
    expect(result.summary.dateColumns[0]).toMatchObject({ order: 'mdy', decidedBy: 'values' })
    expect(rows.map((r) => (r.send as { send_at: string }).send_at)).toEqual(['2031-03-04T08:00:00.000Z', '2030-12-25T16:30:00.000Z', '2031-01-02T08:00:00.000Z'])
  })
})
