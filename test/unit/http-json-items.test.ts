import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonArrayItemTexts } from '../../src/main/http/json-items'

describe('jsonArrayItemTexts', () => {
  it('gives each element of the keyed array exactly as written, whatever the other members and spacing', () => {
    const body = ' { "cursor" : {"next": [1, "]}"]}, "data" : [ {"a":"x\\"}]","b":[1,{"c":null}]} ,\n"text", -1.5e3 , true,null,[] ] , "z": 1 }'
    expect(jsonArrayItemTexts(body, 'data')).toEqual(['{"a":"x\\"}]","b":[1,{"c":null}]}', '"text"', '-1.5e3', 'true', 'null', '[]'])
    expect(jsonArrayItemTexts('{"data":[]}', 'data')).toEqual([])
  })

  it('answers null when the key is missing or not an array, or the body is not an object', () => {
    expect(jsonArrayItemTexts('{"cursor":{"data":[1]}}', 'data')).toBeNull()
    expect(jsonArrayItemTexts('{"data":{"0":1}}', 'data')).toBeNull()
    expect(jsonArrayItemTexts('[{"data":[1]}]', 'data')).toBeNull()
  })

  it('each element parses to the element JSON.parse finds, for any JSON (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.jsonValue(), fc.boolean(), (data, other, pretty) => {
        const doc = pretty ? JSON.stringify({ other, data, after: other }, null, 2) : JSON.stringify({ other, data, after: other })
        const texts = jsonArrayItemTexts(doc, 'data')
        expect(texts).not.toBeNull()
        expect(texts!.map((t) => JSON.parse(t) as unknown)).toEqual(JSON.parse(doc).data)
      }),
      { numRuns: 300 }
    )
  })
})
