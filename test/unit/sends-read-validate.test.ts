import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { knownIdsFromLists, validateRecords, type CsvRecord, type KnownIds, type MappingSource, type SendProvider, type ValidatedRow } from '../../src/main/sends/read'
import { normalizeEmail } from '../../src/main/sends/read/validate/email'
import { normalizePhone, phoneKey } from '../../src/main/sends/read/validate/phone'
import { readDate, resolveDate } from '../../src/main/sends/read/validate/dates'

const NOW = '2026-11-22T12:00:00Z'

/** Validates rows given as objects (header -> cell), every header mapped to the field of the same name. */
function run(
  provider: SendProvider,
  rows: Array<Record<string, string>>,
  opts: { constants?: Record<string, string>; known?: KnownIds; country?: string; duplicates?: 'keep_first' | 'keep_last' } = {}
): { rows: ValidatedRow[]; summary: ReturnType<typeof validateRecords>['summary'] } {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const fields: Record<string, MappingSource> = {}
  headers.forEach((h, column) => (fields[h] = { column, header: h }))
  for (const [f, constant] of Object.entries(opts.constants ?? {})) fields[f] = { constant }
  const records: CsvRecord[] = rows.map((r, i) => ({ line: i + 2, cells: headers.map((h) => r[h] ?? '') }))
  return validateRecords(
    records,
    { mapping: { provider, fields }, defaultCountry: opts.country ?? 'BE', timeZone: 'Europe/Brussels', now: NOW, duplicates: opts.duplicates ?? 'keep_first' },
    opts.known
  )
}

const reasonsOf = (row: ValidatedRow): string[] => row.reasons.map((r) => `${r.field}: ${r.message}`)

describe('email', () => {
  it.each([
    ['jan@example.be', 'jan@example.be'],
    ['  Jan.Peeters+tag@Example.BE ', 'Jan.Peeters+tag@example.be'],
    ['mailto:a@b.co', 'a@b.co'],
    ['Jan Peeters <jan@example.be>', 'jan@example.be'],
    ['élodie@exemple.fr', 'élodie@exemple.fr']
  ])('accepts %s', (raw, normalized) => {
    expect(normalizeEmail(raw)).toEqual({ ok: true, email: normalized })
  })

  it.each(['jan', 'jan@', '@example.be', 'jan@example', 'jan..p@example.be', '.jan@example.be', 'jan p@example.be', 'jan@exa_mple.be', 'jan@-example.be', 'a@b.c'])('refuses %s', (raw) => {
    expect(normalizeEmail(raw).ok).toBe(false)
  })
})

describe('phone numbers', () => {
  it.each([
    ['+32 470 12 34 56', '+32470123456'],
    ['0470/12.34.56', '+32470123456'],
    ['0032 470 12 34 56', '+32470123456'],
    ['470123456', '+32470123456'], // leading zero dropped by a spreadsheet
    ['32470123456', '+32470123456'], // "+" dropped
    ['="0470123456"', '+32470123456'],
    ['470123456.0', '+32470123456'],
    ['tel:+447911123456', '+447911123456'],
    ['(0470) 12-34-56', '+32470123456']
  ])('%s -> %s', (raw, e164) => {
    expect(normalizePhone(raw, 'BE', true)).toEqual({ ok: true, e164 })
  })

  it('refuses scientific notation as corrupted', () => {
    const r = normalizePhone('3.2471E+10', 'BE', false)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(/scientific notation.*lost digits/)
    expect(normalizePhone('3,2471E+10', 'BE', false).ok).toBe(false)
  })

  it('refuses landlines for SMS but accepts them for voice', () => {
    expect(normalizePhone('02 511 22 33', 'BE', true)).toMatchObject({ ok: false, message: expect.stringMatching(/not a mobile number \(fixed line\)/) })
    expect(normalizePhone('02 511 22 33', 'BE', false)).toEqual({ ok: true, e164: '+3225112233' })
  })

  it('refuses text, too few digits and numbers invalid for the country', () => {
    expect(normalizePhone('call me', 'BE', false).ok).toBe(false)
    expect(normalizePhone('1234', 'BE', false).ok).toBe(false)
    expect(normalizePhone('0470 12 34', 'BE', false).ok).toBe(false)
  })

  it('gives every way of writing one number the same duplicate key', () => {
    const keys = ['+32 470 12 34 56', '0032470123456', '0470/12.34.56', '470123456', '32470123456'].map((p) => phoneKey(p, 'BE'))
    expect(new Set(keys)).toEqual(new Set([32470123456]))
  })
})

describe('dates', () => {
  it('reads ISO, day/month pairs, written months in three languages and Excel serials', () => {
    expect(readDate('2030-12-01T10:00:00+02:00')).toEqual({ kind: 'instant', ms: Date.parse('2030-12-01T08:00:00Z') })
    expect(readDate('2030-12-01 10:00')).toMatchObject({ kind: 'wall', y: 2030, m: 12, d: 1, h: 10, timeGiven: true })
    expect(readDate('03.04.30')).toMatchObject({ kind: 'pair', a: 3, b: 4, y: 2030 })
    expect(readDate('1 décembre 2030')).toMatchObject({ kind: 'wall', m: 12, d: 1 })
    expect(readDate('1 mrt 2031 14h30')).toMatchObject({ kind: 'wall', m: 3, d: 1, h: 14, mi: 30 })
    expect(readDate('01/03/2031 14u30')).toMatchObject({ kind: 'pair', a: 1, b: 3, h: 14, mi: 30 })
    expect(readDate('2031-03-01T14:30:15.250')).toMatchObject({ kind: 'wall', d: 1, h: 14, mi: 30, s: 15 })
    expect(readDate('Dec 1, 2030 5:30 pm')).toMatchObject({ kind: 'wall', m: 12, d: 1, h: 17, mi: 30 })
    expect(readDate('47818.25')).toMatchObject({ kind: 'wall', y: 2030, m: 12, d: 1, h: 6, timeGiven: true })
    expect(readDate('31/02/2030')).toMatchObject({ kind: 'pair' })
    expect(readDate('2030-02-31').kind).toBe('bad')
    expect(readDate('12345').kind).toBe('bad') // a 5-digit number before 1970 is not a date
    expect(readDate('soon').kind).toBe('bad')
  })

  it('reads wall-clock times in the user’s zone, summer and winter', () => {
    expect(resolveDate('2030-07-01 10:00', null, 'Europe/Brussels')).toEqual({ ok: true, ms: Date.parse('2030-07-01T08:00:00Z') })
    expect(resolveDate('2030-12-01 10:00', null, 'Europe/Brussels')).toEqual({ ok: true, ms: Date.parse('2030-12-01T09:00:00Z') })
    expect(resolveDate('2030-12-01 10:00', null, 'America/New_York')).toEqual({ ok: true, ms: Date.parse('2030-12-01T15:00:00Z') })
  })

  it('refuses a day that does not exist in the column’s order', () => {
    expect(resolveDate('31/02/2030', 'dmy', 'UTC')).toMatchObject({ ok: false, message: expect.stringMatching(/not a real date.*day-first/) })
  })

  it('refuses dates in the past, naming the zone', () => {
    const { rows } = run('feedbackapi', [{ email: 'a@example.com', due: '2026-11-22 12:30' }], { constants: { location: 'L', template: 'T' } })
    expect(reasonsOf(rows[0]!)).toEqual(['due: 2026-11-22 12:30 is in the past (in Europe/Brussels)'])
  })

  it('decides day/month from the whole column: one value over 12 settles every row', () => {
    const { rows, summary } = run('feedbackapi', [{ email: 'a@example.com', due: '01/02/2031' }, { email: 'b@example.com', due: '25/01/2031' }], { constants: { location: 'L', template: 'T' } })
    expect(summary.dateColumns).toEqual([{ field: 'due', order: 'dmy', decidedBy: 'values', ambiguous: false }])
    expect(rows[0]!.send).toMatchObject({ due: '2031-02-01T08:00:00.000Z' })
  })
})

describe('CustomerSure rows', () => {
  const known: KnownIds = knownIdsFromLists({ surveys: ['1484'], emailTemplates: ['10', '11'], smsTemplates: ['20'] })

  it('builds the feedback request with data keys and reminders', () => {
    const { rows } = run(
      'customersure',
      [{ email: 'john.smith@example.com', first_name: 'John', surname: 'Smith', reference: '#1041', machine_id: '8736245', send_at: '2030-08-20 18:00', 'data.staff_code': 'luke', 'data.site_code': 'newcastle', reminder_days: '7; 12' }],
      { constants: { survey_id: '1484', email_template_id: '10', reminder_template_id: '11' }, known }
    )
    expect(rows[0]!.status).toBe('valid')
    expect(rows[0]!.send).toEqual({
      provider: 'customersure',
      channel: 'email',
      email: 'john.smith@example.com',
      first_name: 'John',
      surname: 'Smith',
      reference: '#1041',
      machine_id: '8736245',
      send_at: '2030-08-20T16:00:00.000Z',
      survey_id: '1484',
      email_template_id: '10',
      data: [
        { key: 'staff_code', value: 'luke' },
        { key: 'site_code', value: 'newcastle' }
      ],
      reminders: [
        { send_at: '2030-08-27T16:00:00.000Z', email_template_id: '11' },
        { send_at: '2030-09-01T16:00:00.000Z', email_template_id: '11' }
      ]
    })
  })

  it('sends by SMS when the row has only a number, to a mobile, with an SMS template', () => {
    const { rows } = run('customersure', [{ email: '', sms_number: '0470 12 34 56' }, { email: '', sms_number: '02 511 22 33' }], {
      constants: { survey_id: '1484', text_message_template_id: '20' },
      known
    })
    expect(rows[0]!.send).toMatchObject({ channel: 'sms', sms: { number: '+32470123456', text_message_template_id: '20' } })
    expect(reasonsOf(rows[1]!)).toEqual([expect.stringMatching(/^sms_number: \+3225112233 is not a mobile number/)])
  })

  it('reports every problem of a row: unknown survey and template, missing email, data over its limits', () => {
    const { rows } = run('customersure', [{ email: '', 'data.note': 'x'.repeat(101) }], { constants: { survey_id: '999', email_template_id: '12' }, known })
    expect(rows[0]!.status).toBe('invalid')
    expect(reasonsOf(rows[0]!)).toEqual([
      'survey_id: No survey with id "999" in this connection (sync it, or check the id)',
      'email: Email is missing (needed for an email send)',
      'email_template_id: No email template with id "12" in this connection (sync it, or check the id)',
      'data.note: A data value may have at most 100 characters (this one has 101)'
    ])
  })

  it('refuses a data key over 30 characters and an unmapped survey for the whole mapping', () => {
    const { rows, summary } = run('customersure', [{ email: 'a@example.com', [`data.${'k'.repeat(31)}`]: 'v' }], { constants: { email_template_id: '10' } })
    expect(summary.mappingErrors.map((e) => e.message)).toEqual([expect.stringMatching(/longer than 30 characters/), 'Survey must be mapped to a column or given a value'])
    expect(rows[0]!.status).toBe('invalid')
  })
})

describe('Enco, FeedbackAPI and Nicereply rows', () => {
  it('Enco: SMS needs a mobile, VOICE takes a landline; language and segments checked', () => {
    const { rows } = run(
      'enco',
      [
        { destination: '0470123456', channel: 'sms', language: 'nl-BE', segments: 'male, customer', referenceId: 'r1' },
        { destination: '025112233', channel: 'VOICE' },
        { destination: '025112233', channel: 'SMS', language: 'Dutch!' },
        { destination: '0470123457', channel: 'EMAIL' }
      ],
      { constants: { survey_id: '8' } }
    )
    expect(rows[0]!.send).toEqual({ provider: 'enco', survey_id: '8', channel: 'SMS', destination: '+32470123456', referenceId: 'r1', language: 'nl-BE', segments: ['male', 'customer'] })
    expect(rows[1]!.send).toMatchObject({ channel: 'VOICE', destination: '+3225112233' })
    expect(rows[2]!.reasons.map((r) => r.field)).toEqual(['destination', 'language'])
    expect(reasonsOf(rows[3]!)).toEqual(['channel: "EMAIL" is not one of SMS, VOICE'])
  })

  it('FeedbackAPI: email and/or mobile, location and template known, suppress_message as yes/no', () => {
    const known = knownIdsFromLists({ locations: ['xS4rtY'], templates: ['dfar5V'] })
    const { rows } = run(
      'feedbackapi',
      [
        { email: 'customer@feedbackapi.com', mobile_number: '+1 813 555 5555', suppress_message: 'ja' },
        { email: '', mobile_number: '' },
        { email: 'x@example.com', suppress_message: 'maybe' }
      ],
      { constants: { location: 'xS4rtY', template: 'dfar5V' }, known, country: 'US' }
    )
    expect(rows[0]!.send).toEqual({ provider: 'feedbackapi', email: 'customer@feedbackapi.com', mobile_number: '+18135555555', location: 'xS4rtY', template: 'dfar5V', suppress_message: true })
    expect(reasonsOf(rows[1]!)).toEqual(['email: Email or mobile number is needed'])
    expect(reasonsOf(rows[2]!)).toEqual(['suppress_message: "maybe" is not yes or no'])
  })

  it('Nicereply ratings: the survey’s metric sets the score range; agent by id or username', () => {
    const known = knownIdsFromLists({ surveys: ['s-csat', 's-ces'], surveyMetrics: { 's-csat': 'csat', 's-ces': 'ces' }, users: ['viktor', '904e0950-959b-4a90-93ad-4fdc62a4a14c'] })
    const { rows } = run(
      'nicereply',
      [
        { survey_id: 's-csat', score: '10', user: 'viktor', from: 'Viktor Magic', comment: 'Nice reply! :)', ip_address: '8.8.8.8' },
        { survey_id: 's-ces', score: '8', user: '904e0950-959b-4a90-93ad-4fdc62a4a14c' },
        { survey_id: 's-ces', score: '7.5', user: 'nobody', ip_address: '::1' }
      ],
      { known }
    )
    expect(rows[0]!.send).toEqual({ provider: 'nicereply', metric: 'csat', survey_id: 's-csat', score: 10, user: { username: 'viktor' }, from: 'Viktor Magic', comment: 'Nice reply! :)', ip_address: '8.8.8.8' })
    expect(reasonsOf(rows[1]!)).toEqual(['score: Score (CES) must be a whole number from 1 to 7 (got "8")'])
    expect(rows[2]!.reasons.map((r) => r.field)).toEqual(['score', 'user', 'ip_address'])
  })

  it('Nicereply ratings: a survey’s own scale (CSAT3) narrows its metric’s range', () => {
    const known = knownIdsFromLists({ surveys: ['s-faces'], surveyMetrics: { 's-faces': 'csat' }, surveyScales: { 's-faces': [1, 3] }, users: ['viktor'] })
    const { rows } = run('nicereply', [{ survey_id: 's-faces', score: '3', user: 'viktor' }, { survey_id: 's-faces', score: '9', user: 'viktor' }], { known })
    expect(rows[0]!.status).toBe('valid')
    expect(reasonsOf(rows[1]!)).toEqual(['score: Score (CSAT) must be a whole number from 1 to 3 (got "9")'])
  })
})

describe('duplicates and options', () => {
  it('keeps the last row of a recipient when asked, naming it on the dropped ones', () => {
    const { rows, summary } = run('enco', [{ destination: '0470123456' }, { destination: '+32 470 12 34 56' }, { destination: '470123456' }], { constants: { survey_id: '8' }, duplicates: 'keep_last' })
    expect(rows.map((r) => [r.status, r.duplicateOf])).toEqual([
      ['duplicate', 4],
      ['duplicate', 4],
      ['valid', undefined]
    ])
    expect(summary).toMatchObject({ valid: 1, duplicate: 2 })
  })

  it('CustomerSure: only the address the message goes to makes a duplicate', () => {
    const { rows } = run(
      'customersure',
      [
        { email: 'mum@example.com', sms_number: '0470123456' },
        { email: 'dad@example.com', sms_number: '0470123456' },
        { email: '', sms_number: '+32470123457' },
        { email: '', sms_number: '0470 12 34 57' }
      ],
      { constants: { survey_id: '1', email_template_id: '10', text_message_template_id: '20' } }
    )
    expect(rows.map((r) => [r.status, r.duplicateOf])).toEqual([
      ['valid', undefined],
      ['valid', undefined],
      ['valid', undefined],
      ['duplicate', 4]
    ])
  })

  it('an invalid row stays invalid rather than duplicate', () => {
    const { rows } = run('enco', [{ destination: '0470123456' }, { destination: '0470123456', language: '??' }], { constants: { survey_id: '8' } })
    expect(rows.map((r) => r.status)).toEqual(['valid', 'invalid'])
  })

  it('refuses an unknown time zone or country with the option named', () => {
    const call = (tz: string, country: string) => () =>
      validateRecords([], { mapping: { provider: 'enco', fields: {} }, defaultCountry: country, timeZone: tz })
    expect(call('Mars/Olympus', 'BE')).toThrow(AppError)
    expect(call('Mars/Olympus', 'BE')).toThrow(/timeZone/)
    expect(call('UTC', 'XX')).toThrow(/defaultCountry/)
    expect(call('UTC', 'be')).toThrow(/defaultCountry/)
  })
})
