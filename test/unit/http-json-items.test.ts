import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseWithItemTexts } from '../../src/main/http/json-items'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('parseWithItemTexts', () => {
  it('gives each element of the keyed array exactly as written, and the whole body as JSON.parse reads it', () => {
    const body = ' { "cursor" : {"next": [1, "]}"]}, "data" : [ {"a":"x\\"}]","b":[1,{"c":null}]} ,\n"text", -1.5e3 , true,null,[] ] , "z": "d’été" }'
    const split = parseWithItemTexts(bytes(body), 'data')
    expect(split?.itemTexts).toEqual(['{"a":"x\\"}]","b":[1,{"c":null}]}', '"text"', '-1.5e3', 'true', 'null', '[]'])
    expect(split?.value).toEqual(JSON.parse(body))
    // The members keep their order: the array stays where it was written.
    expect(Object.keys(split!.value)).toEqual(['cursor', 'data', 'z'])
    expect(parseWithItemTexts(bytes('{"data":[]}'), 'data')).toEqual({ value: { data: [] }, itemTexts: [] })
  })

  it('decodes each element apart from the others: characters beyond Latin-1 and multi-byte ones come through whole', () => {
    const data = [{ comment: 'Très bien, merci' }, { comment: 'Centre d’appels 👍' }, { comment: '東京' }, 'plain']
    const body = JSON.stringify({ data, cursor: { next: 4 } })
    const split = parseWithItemTexts(bytes(body), 'data')
    expect(split?.itemTexts).toEqual(data.map((d) => JSON.stringify(d)))
    expect(split?.value).toEqual({ data, cursor: { next: 4 } })
  })

  it('answers null for what it does not split, so the caller parses the whole body', () => {
    const none = (text: string): void => expect(parseWithItemTexts(bytes(text), 'data'), text).toBeNull()
    none('{"cursor":{"data":[1]}}') // only nested
    none('{"data":{"0":1}}') // not an array
    none('[{"data":[1]}]') // not an object
    none('\uFEFF{"data":[1]}') // a byte-order mark
    none('{"data":[1],"data":[2]}') // the member twice: JSON.parse keeps the last
    none('{"d\\u0061ta":[1]}') // the key written with an escape
    none('{"data":[1 2]}') // no comma between elements
    none('{"data":[1,]}') // a trailing comma
    none('{"data":[{"a":}]}') // an element JSON.parse refuses
    none('{"data":[1],"cursor":}') // the envelope refused
    none('{"data":[1]') // cut short
    none('')
  })

  it('for any JSON, the value is what JSON.parse gives and each text parses to its element (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.jsonValue(), fc.boolean(), (data, other, pretty) => {
        const doc = pretty ? JSON.stringify({ other, data, after: other }, null, 2) : JSON.stringify({ other, data, after: other })
        const split = parseWithItemTexts(bytes(doc), 'data')
        expect(split).not.toBeNull()
        expect(split!.value).toEqual(JSON.parse(doc))
        expect(split!.itemTexts.map((t) => JSON.parse(t) as unknown)).toEqual(JSON.parse(doc).data)
      }),
      { numRuns: 300 }
    )
  })

  it('never accepts what JSON.parse refuses, and never disagrees with it (property: arbitrary edits of a page)', () => {
    const page = JSON.stringify({ data: [{ a: 'x"}]', b: [1, { c: null }] }, 'é', 2], cursor: { next: 3 } })
    fc.assert(
      fc.property(fc.nat(page.length), fc.nat(page.length), fc.constantFrom('', ',', ']', '[', '"', '\\', '{', '}', ' ', 'x', '1'), (at, len, insert) => {
        const doc = page.slice(0, at) + insert + page.slice(Math.min(page.length, at + (len % 4)))
        let whole: unknown
        try {
          whole = JSON.parse(doc)
        } catch {
          whole = undefined
        }
        const split = parseWithItemTexts(bytes(doc), 'data')
        if (split === null) return
        expect(whole).toBeDefined()
        expect(split.value).toEqual(whole)
      }),
      { numRuns: 2000 }
    )
  })
})
