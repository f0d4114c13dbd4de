import { describe, expect, it } from 'vitest'
import { fieldDef, headerSignature, mappingFitsHeaders, sendFields, SendMapping, suggestMapping, type SendProvider } from '../../src/main/sends/read'

const columnsOf = (provider: SendProvider, headers: string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(suggestMapping(provider, headers).fields).map(([field, s]) => [field, 'column' in s ? headers[s.column]! : `=${s.constant}`]))

describe('mapping suggestions from header names', () => {
  it('English CustomerSure headers', () => {
    expect(columnsOf('customersure', ['First Name', 'Last Name', 'Email Address', 'Mobile', 'Send Date', 'Ticket #', 'Agent', 'Store'])).toEqual({
      first_name: 'First Name',
      surname: 'Last Name',
      email: 'Email Address',
      sms_number: 'Mobile',
      send_at: 'Send Date',
      reference: 'Ticket #',
      'data.staff_code': 'Agent',
      'data.site_code': 'Store'
    })
  })

  it('Dutch headers', () => {
    expect(columnsOf('customersure', ['Voornaam', 'Achternaam', 'E-mailadres', 'GSM', 'Verzenddatum', 'Referentie', 'Medewerker', 'Vestiging'])).toEqual({
      first_name: 'Voornaam',
      surname: 'Achternaam',
      email: 'E-mailadres',
      sms_number: 'GSM',
      send_at: 'Verzenddatum',
      reference: 'Referentie',
      'data.staff_code': 'Medewerker',
      'data.site_code': 'Vestiging'
    })
  })

  it('French headers, accents and case ignored', () => {
    expect(columnsOf('feedbackapi', ['Prénom', 'NOM', 'Courriel', 'Téléphone portable', "Date d'envoi", 'Magasin'])).toEqual({
      fname: 'Prénom',
      sname: 'NOM',
      email: 'Courriel',
      mobile_number: 'Téléphone portable',
      due: "Date d'envoi",
      location: 'Magasin'
    })
  })

  it('Enco: the phone column becomes the destination, tags the segments, taal the language', () => {
    expect(columnsOf('enco', ['Klantnummer', 'GSM-nummer', 'Taal', 'Tags'])).toEqual({ referenceId: 'Klantnummer', destination: 'GSM-nummer', language: 'Taal', segments: 'Tags' })
  })

  it('Nicereply rating import', () => {
    expect(columnsOf('nicereply', ['Score', 'Agent', 'Klantnaam', 'Opmerking', 'Ticketnummer', 'IP'])).toEqual({
      score: 'Score',
      user: 'Agent',
      from: 'Klantnaam',
      comment: 'Opmerking',
      ticket: 'Ticketnummer',
      ip_address: 'IP'
    })
  })

  it('each column feeds one field and unknown headers stay unmapped', () => {
    const m = suggestMapping('customersure', ['Telefoon', 'GSM', 'Kleur'])
    expect(Object.keys(m.fields)).toEqual(['sms_number'])
    expect(m.fields.sms_number).toEqual({ column: 1, header: 'GSM' })
  })

  it('suggestions are valid mappings by the schema callers use', () => {
    expect(SendMapping.safeParse(suggestMapping('enco', ['GSM'])).success).toBe(true)
    expect(SendMapping.safeParse({ provider: 'enco', fields: { destination: { column: -1, header: '' } } }).success).toBe(false)
  })
})

describe('header signature', () => {
  it('is the same for the same headers whatever their case, accents or spacing', () => {
    expect(headerSignature(['E-mail', 'Prénom'])).toBe(headerSignature([' e mail ', 'PRENOM']))
    expect(headerSignature(['E-mail', 'Prénom'])).not.toBe(headerSignature(['Prénom', 'E-mail']))
    expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['a', 'b', 'c']))
  })

  it('tells whether a saved mapping still fits a file', () => {
    const saved = suggestMapping('feedbackapi', ['Email', 'GSM'])
    expect(mappingFitsHeaders(saved, ['EMAIL', 'gsm', 'extra'])).toBe(true)
    expect(mappingFitsHeaders(saved, ['GSM', 'Email'])).toBe(false)
    expect(mappingFitsHeaders({ provider: 'feedbackapi', fields: { template: { constant: 'T' } } }, [])).toBe(true)
  })
})

describe('send fields', () => {
  it('lists each provider’s fields with the required ones', () => {
    expect(sendFields('enco').filter((f) => f.required).map((f) => f.id)).toEqual(['survey_id', 'destination'])
    expect(sendFields('nicereply').filter((f) => f.required).map((f) => f.id)).toEqual(['survey_id', 'score', 'user'])
    expect(sendFields('feedbackapi').map((f) => f.id)).toContain('suppress_message')
  })

  it('accepts any CustomerSure data key as a field, with the 100-character value limit', () => {
    expect(fieldDef('customersure', 'data.segment')).toMatchObject({ kind: 'text', maxLength: 100 })
    expect(fieldDef('enco', 'data.segment')).toBeUndefined()
    expect(fieldDef('customersure', 'data.')).toBeUndefined()
  })
})
