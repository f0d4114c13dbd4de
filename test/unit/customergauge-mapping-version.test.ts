import { hash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CG_RESPONSE_MAPPING, mapResponse } from '../../src/main/providers/customergauge/mapping'
import { CgResponse } from '../../src/main/providers/customergauge/wire'

/**
 * A stored CustomerGauge row's hash is taken from its text and CG_RESPONSE_MAPPING, not from the
 * mapped fields (response-row.ts contentHash). So the version must change whenever the mapping's
 * output does, or a re-sync would keep rows mapped the old way. This records what the mapping makes
 * of items touching every branch; when it fails after a change to the mapping, bump the version in
 * mapping.ts and record the new digest here.
 */

const ITEMS = [
  // The document's own example: comment with a translation, tags, a rating question, drivers with secondaries, segments.
  `{"account":{"name":"ACME","number":"123"},"number_customergauge":3414,"number_customer":"123","number_order":"321","email":"example@customergauge.com","phone":"1234567890","nps":10,"comment":{"original":"Comentário de exemplo","translation":"Example Comment"},"date_creation":"2022-03-30 12:34:56","date_order":"2022-03-30 12:34:56","date_sent":"2022-03-30 12:34:56","date_survey_response":"2022-03-30 12:34:56","language":"EN","locale":"en_GB","tags":[{"label":"Product","type":"topic","sentiment":"mixed"},{"label":" Support ","type":"tag"},{"label":"Product","type":"tag"}],"questions":[{"title":"We made it easy to solve your support issue.","answer":"7"},{"title":"Anything else?","answer":"Faster replies"},{"title":"Which?","answer":["a","b"]},{"title":"Again?","answer":true}],"selected_drivers":[{"primary":"Ordering","secondary":["Ease of Ordering","Invoicing/Payments"]},{"primary":"Product","secondary":[]}],"properties":[{"field":"Region","reference":"EMEA"},{"field":"Empty","reference":""},{"field":"Null","reference":null}],"contact":{"first_name":"Ann","last_name":"Lee"}}`,
  // Plain-string comment, no survey answer date (placed at date_sent), a language without a locale.
  `{"number_customergauge":"77","number_customer":null,"number_order":null,"email":" ","phone":null,"nps":null,"comment":"  Merci, très bien  ","date_survey_response":"0000-00-00 00:00:00","date_sent":1648643696,"date_creation":"2022-03-30","language":"FR","contact":{"first_name":null,"last_name":"Dupont"}}`,
  // Dates in other forms: ISO with an offset, and one without a zone (read as UTC).
  `{"number_customergauge":78,"nps":3,"comment":null,"date_survey_response":"2022-03-30T12:34:56+02:00","date_sent":"2022/03/30 12:34","locale":"nl-be"}`,
  `{"number_customergauge":79,"nps":6,"date_survey_response":"March 30, 2022 10:00","comment":{"original":null,"translation":"Only a translation"}}`
]

describe('CG_RESPONSE_MAPPING', () => {
  it('names the mapping whose output these items have (bump it when the output changes)', () => {
    const outputs = ITEMS.map((text) => {
      const { raw: _raw, rawJson, rawMapping, ...fields } = mapResponse(CgResponse.parse(JSON.parse(text)), text)
      expect(rawJson).toBe(text)
      expect(rawMapping).toBe(CG_RESPONSE_MAPPING)
      return fields
    })
    const digest = hash('sha1', JSON.stringify(outputs), 'hex')
    expect({ mapping: CG_RESPONSE_MAPPING, digest }).toEqual({ mapping: 'customergauge/response@1', digest: 'a9b6161eb59d1e218a2e25780d6098b67f174199' })
  })

  it('is set only with the item text: a response mapped from a parsed object alone hashes its fields', () => {
    const item = CgResponse.parse(JSON.parse(ITEMS[0]!))
    expect(mapResponse(item).rawMapping).toBeUndefined()
  })
})
