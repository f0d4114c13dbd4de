import { describe, expect, it } from 'vitest'
import { buildQuery, buildTarget } from '../../src/main/http/query'
import { redact, secretForms } from '../../src/main/http/redact'

describe('buildQuery', () => {
  it('skips null/undefined and writes keys literally, percent-encoded', () => {
    expect(buildQuery({ a: 1, b: null, c: undefined, d: true, 'period[field]': 'date_creation', q: 'a b&c' })).toBe('a=1&d=true&period%5Bfield%5D=date_creation&q=a%20b%26c')
  })

  it('writes arrays per format', () => {
    expect(buildQuery({ survey_ids: [1, 2] })).toBe('survey_ids%5B%5D=1&survey_ids%5B%5D=2')
    expect(buildQuery({ 'with[]': ['tags', 'questions'] }, 'brackets')).toBe('with%5B%5D=tags&with%5B%5D=questions')
    expect(buildQuery({ id: ['a', 'b'] }, 'repeat')).toBe('id=a&id=b')
    expect(buildQuery({ segments: ['x y', 'z'] }, 'comma')).toBe('segments=x%20y,z')
    expect(buildQuery({ segments: [] }, 'comma')).toBe('')
    expect(buildQuery(undefined)).toBe('')
  })

  it('joins base URL, path and query', () => {
    expect(buildTarget('https://api.enco.io/survey/1.0.0/', '/surveys/8/report', 'a=1')).toEqual({
      origin: 'https://api.enco.io',
      path: '/survey/1.0.0/surveys/8/report?a=1',
      url: 'https://api.enco.io/survey/1.0.0/surveys/8/report?a=1'
    })
    expect(buildTarget('https://api.nicereply.com', '/v1/csat/ratings', '').path).toBe('/v1/csat/ratings')
  })
})

describe('redact', () => {
  it('replaces the secret and its Basic-auth base64 forms', () => {
    const key = 'super-secret-key'
    const userPass = Buffer.from(`${key}:`).toString('base64')
    const blankUser = Buffer.from(`:${key}`).toString('base64')
    const text = `key=${key} basic=${userPass} nr=${blankUser} url=${encodeURIComponent('a b' + key)}`
    const out = redact(text, [key, `${key}:`])
    expect(out).not.toContain(key)
    expect(out).not.toContain(userPass)
    expect(out).not.toContain(blankUser)
    expect(out).toContain('[redacted]')
  })

  it('redacts user:pass pairs as a whole', () => {
    const pair = 'alice:pa55word!'
    const b64 = Buffer.from(pair).toString('base64')
    expect(redact(`Authorization: Basic ${b64}`, ['alice', 'pa55word!', pair])).toBe('Authorization: Basic [redacted]')
  })

  it('leaves text alone when there are no secrets, and ignores tiny ones', () => {
    expect(redact('hello world', [])).toBe('hello world')
    expect(secretForms('ab')).toEqual([])
    expect(redact('a cab', ['', 'ab'])).toBe('a cab')
  })
})
