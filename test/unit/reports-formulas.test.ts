import { describe, expect, it } from 'vitest'
import { csatPositive, csatScore, npsBand, npsScore, responseRate, roundScore, standardisedScore, average } from '../../src/shared/metrics'

describe('metric formulas', () => {
  it('reproduces CustomerSure\'s rating-question example: 444/87/138/207/1266 -> standardised 70.588', () => {
    const s = standardisedScore({ veryNegative: 444, negative: 87, neutral: 138, positive: 207, veryPositive: 1266 })
    expect(s).toBeCloseTo(70.588, 3)
  })

  it('reproduces CustomerSure CSAT 9 of 10 -> 90', () => {
    expect(csatScore(9, 10)).toBe(90)
  })

  it('reproduces Nicereply NPS 2 promoters, 1 passive, 14 detractors -> -71', () => {
    expect(roundScore(npsScore({ promoters: 2, passives: 1, detractors: 14 }))).toBe(-71)
  })

  it('bands NPS answers 0-6 / 7-8 / 9-10', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBand)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter'])
    expect(npsScore({ promoters: 5, passives: 0, detractors: 5 })).toBe(0)
    expect(npsScore({ promoters: 3, passives: 1, detractors: 0 })).toBe(75)
    expect(npsScore({ promoters: 0, passives: 0, detractors: 0 })).toBeNull()
  })

  it('counts CSAT positives by the scale\'s top range, or by CustomerSure\'s top two sentiment bands', () => {
    expect(csatPositive(4, { min: 1, max: 5 }, null)).toBe(true)
    expect(csatPositive(3, { min: 1, max: 5 }, null)).toBe(false)
    expect(csatPositive(9, { min: 1, max: 10 }, null)).toBe(true)
    expect(csatPositive(8, { min: 1, max: 10 }, null)).toBe(false)
    expect(csatPositive(3, { min: 1, max: 3 }, null)).toBe(true)
    expect(csatPositive(2, { min: 1, max: 3 }, null)).toBe(false)
    expect(csatPositive(2, { min: 1, max: 2 }, null)).toBe(true)
    expect(csatPositive(1, { min: 1, max: 2 }, null)).toBe(false)
    // CustomerSure: the band decides, whatever the number.
    expect(csatPositive(7, { min: 0, max: 10 }, 'positive')).toBe(true)
    expect(csatPositive(6, { min: 0, max: 10 }, 'neutral')).toBe(false)
    // Unknown scale: read as 5-point.
    expect(csatPositive(4, null, null)).toBe(true)
  })

  it('averages CES and computes the response rate over delivered (or sent)', () => {
    expect(average(5 + 6 + 7, 3)).toBe(6)
    expect(average(0, 0)).toBeNull()
    expect(responseRate({ sent: 10, delivered: 8, replied: 2 })).toBe(25)
    expect(responseRate({ sent: 10, delivered: 0, replied: 2 })).toBe(20)
    expect(responseRate({ sent: 0, delivered: 0, replied: 0 })).toBeNull()
  })
})
