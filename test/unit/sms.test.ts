import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countSms, gsm7Width } from '../../src/shared/sms'

describe('countSms in GSM-7', () => {
  it('fits 160 plain characters in one segment and needs a second at 161', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', characters: 160, units: 160, segments: 1, perSegment: 160, remaining: 0 })
    expect(countSms('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 153 * 2 - 161 })
  })

  it('concatenates in parts of 153', () => {
    expect(countSms('a'.repeat(306)).segments).toBe(2)
    expect(countSms('a'.repeat(307)).segments).toBe(3)
    expect(countSms('a'.repeat(459)).segments).toBe(3)
  })

  it('counts extension-table characters twice', () => {
    for (const ch of ['€', '[', ']', '{', '}', '^', '~', '|', '\\', '\f']) expect(gsm7Width(ch)).toBe(2)
    const r = countSms('€'.repeat(80))
    expect(r).toMatchObject({ encoding: 'GSM-7', characters: 80, units: 160, segments: 1, remaining: 0 })
    expect(countSms('€'.repeat(80) + 'a').segments).toBe(2)
  })

  it('never splits an escape pair across two parts', () => {
    // 152 plain septets leave one free in the first part: the € (two septets) moves whole to the second.
    const r = countSms('a'.repeat(152) + '€' + 'b'.repeat(10))
    expect(r.units).toBe(164)
    expect(r.segments).toBe(2)
    expect(r.remaining).toBe(153 - 12)
  })

  it('keeps accented letters of the GSM alphabet in GSM-7', () => {
    expect(countSms('Café àèéìòù ÄÖÑÜäöñü ¿¡ £$¥ @ Ø Å Δ').encoding).toBe('GSM-7')
  })

  it('treats an empty message as no segments', () => {
    expect(countSms('')).toMatchObject({ encoding: 'GSM-7', characters: 0, units: 0, segments: 0, remaining: 160 })
  })
})

describe('countSms in UCS-2', () => {
  it('switches the whole message to UCS-2 and names the characters that forced it', () => {
    const r = countSms('We’d love “your” view — ç')
    expect(r.encoding).toBe('UCS-2')
    expect(r.ucs2Characters).toEqual(['’', '“', '”', '—', 'ç'])
    expect(r.perSegment).toBe(70)
  })

  it('fits 70 units in one segment and concatenates in parts of 67', () => {
    expect(countSms('ж'.repeat(70))).toMatchObject({ segments: 1, units: 70, remaining: 0 })
    expect(countSms('ж'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 })
    expect(countSms('ж'.repeat(134)).segments).toBe(2)
    expect(countSms('ж'.repeat(135)).segments).toBe(3)
  })

  it('counts an emoji as two units but one character, never split across parts', () => {
    const r = countSms('😀')
    expect(r).toMatchObject({ encoding: 'UCS-2', characters: 1, units: 2, segments: 1 })
    // 66 units then a surrogate pair: it does not fit the first part's last unit.
    const split = countSms('ж'.repeat(66) + '😀' + 'ж'.repeat(3))
    expect(split.units).toBe(71)
    expect(split).toMatchObject({ segments: 2, remaining: 67 - 5 })
  })

  it('lists each forcing character once', () => {
    expect(countSms('ççç ü ç').ucs2Characters).toEqual(['ç'])
  })
})

describe('countSms properties', () => {
  it('segments always hold the message and never waste a whole part', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '€', 'ж', '😀', ' ', 'é'), maxLength: 600 }), (text) => {
        const r = countSms(text)
        if (text === '') {
          expect(r.segments).toBe(0)
          return
        }
        expect(r.segments * r.perSegment).toBeGreaterThanOrEqual(r.units)
        expect(r.remaining).toBeGreaterThanOrEqual(0)
        expect(r.remaining).toBeLessThan(r.perSegment)
        if (r.segments === 1) expect(r.units).toBeLessThanOrEqual(r.perSegment)
        else expect(r.units).toBeGreaterThan(r.encoding === 'GSM-7' ? 160 : 70)
      })
    )
  })
})
