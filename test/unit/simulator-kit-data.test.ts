import { describe, expect, it } from 'vitest'
import {
  asciiSlug,
  CES_SCALE,
  cesScore,
  COMMENTS,
  comment,
  companyName,
  COUNTRIES,
  createRng,
  csatScore,
  emailFor,
  fakePerson,
  LANGS,
  lazyList,
  linkHeader,
  npsScore,
  NPS_SCALE,
  pageSlice,
  parseIntParam,
  personName,
  phoneNumber,
  rngFor,
  SENTIMENTS,
  sentimentFor,
  siteName,
  teamName,
  timestampFor,
  type Rng
} from '../../src/main/providers/simulator-kit'
import { RingRequestLog } from '../../src/main/providers/simulator-kit/request-log'

const draw = (rng: Rng, n = 8) => Array.from({ length: n }, () => rng.next())

describe('rng', () => {
  it('is deterministic per seed and keys, and independent across keys', () => {
    expect(draw(rngFor(1, 'response', 5))).toEqual(draw(rngFor(1, 'response', 5)))
    expect(draw(rngFor(1, 'response', 5))).not.toEqual(draw(rngFor(1, 'response', 6)))
    expect(draw(rngFor(1, 'response', 5))).not.toEqual(draw(rngFor(2, 'response', 5)))
    expect(draw(rngFor(1, 'response', 5))).not.toEqual(draw(rngFor(1, 'staff', 5)))
    expect(draw(rngFor(1, 'a', 1))).not.toEqual(draw(rngFor(1, 'a', '1')))
    expect(draw(rngFor(1, 'ab', 'c'))).not.toEqual(draw(rngFor(1, 'a', 'bc')))
    expect(draw(createRng('seed'))).toEqual(draw(rngFor('seed')))
    const parent = rngFor(3, 'x')
    expect(draw(parent.fork('y'))).toEqual(draw(rngFor(3, 'x', 'y')))
  })

  it('gives values in range with the requested shapes', () => {
    const rng = createRng(9)
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(-3, 3)
      expect(n).toBeGreaterThanOrEqual(-3)
      expect(n).toBeLessThanOrEqual(3)
      const f = rng.float()
      expect(f).toBeGreaterThanOrEqual(0)
      expect(f).toBeLessThan(1)
    }
    expect(new Set(Array.from({ length: 500 }, () => rng.int(1, 6)))).toEqual(new Set([1, 2, 3, 4, 5, 6]))
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']))
    expect(rng.chance(0)).toBe(false)
    expect(rng.chance(1)).toBe(true)
    const counts = { x: 0, y: 0, z: 0 }
    for (let i = 0; i < 10_000; i++) counts[rng.weighted([['x', 1], ['y', 3], ['z', 0]] as const)] += 1
    expect(counts.z).toBe(0)
    expect(counts.y / 10_000).toBeCloseTo(0.75, 1)
    expect(() => rng.pick([])).toThrow()
    expect(() => rng.int(5, 1)).toThrow()
  })

  it('computes item 999,999 of a lazy million directly, the same every time', () => {
    let made = 0
    const make = (i: number) => {
      made += 1
      const r = rngFor('demo', 'cg-response', i)
      return { id: i + 1, score: npsScore(r), person: fakePerson(r, r.pick(COUNTRIES)) }
    }
    const list = lazyList(1_000_000, make)
    const item = list.at(999_999)
    // O(1) by design: only the asked-for item is computed, nothing before it is generated or kept.
    expect(made).toBe(1)
    expect(item).toEqual(lazyList(1_000_000, make).at(999_999))
    expect(item?.id).toBe(1_000_000)
    expect(list.at(1_000_000)).toBeUndefined()
    made = 0
    expect(list.slice(999_998, 1_000_005)).toHaveLength(2)
    expect(made).toBe(2)
  })
})

describe('fake data', () => {
  it('has at least 15 comments per sentiment and language, with accented French', () => {
    for (const lang of LANGS) for (const s of SENTIMENTS) expect(COMMENTS[lang][s].length).toBeGreaterThanOrEqual(15)
    const french = Object.values(COMMENTS.fr).flat().join(' ')
    for (const word of ['société', 'très', 'reçu', 'problème']) expect(french).toContain(word)
    expect(Object.values(COMMENTS.fr).flat().some((c) => asciiSlug(c).includes('societe'))).toBe(true)
    const rng = createRng(1)
    expect(COMMENTS.nl.very_positive).toContain(comment(rng, 'very_positive', 'nl'))
  })

  it('makes names, example-domain e-mails and fictional E.164 phone numbers', () => {
    const rng = createRng(5)
    for (let i = 0; i < 200; i++) {
      const country = rng.pick(COUNTRIES)
      const p = fakePerson(rng, country, i)
      expect(p.email).toMatch(/^[a-z0-9.]+@example\.(com|nl|fr)$/)
      expect(p.phone).toMatch(/^\+[1-9]\d{9,14}$/)
    }
    expect(emailFor({ first: 'Chloé', last: 'Lefèvre', full: '' }, 'fr', 7)).toBe('chloe.lefevre7@example.fr')
    expect(emailFor({ first: 'Sanne', last: 'van den Berg', full: '' }, 'nl')).toBe('sanne.vandenberg@example.nl')
    expect(phoneNumber(rng, 'GB')).toMatch(/^\+447700900\d{3}$/)
    expect(phoneNumber(rng, 'US')).toMatch(/^\+1\d{3}55501\d{2}$/)
    expect(phoneNumber(rng, 'FR')).toMatch(/^\+3363998\d{4}$/)
    expect(phoneNumber(rng, 'BE')).toMatch(/^\+324\d{8}$/)
    expect(phoneNumber(rng, 'NL')).toMatch(/^\+316\d{8}$/)
    expect(personName(rng, 'fr').full).toMatch(/^\S+ .+$/)
    expect(companyName(rng, 'nl').length).toBeGreaterThan(3)
    expect(siteName(rng, 'BE')).toMatch(/^\S+ /)
    expect(['Facturatie', 'Retours', 'Onboarding', 'Technische dienst', 'Klantenservice', 'Bezorging', 'Verkoop', 'Klachten', 'Debiteuren', 'Buitendienst']).toContain(teamName(rng, 'nl'))
  })

  it('draws scores with believable distributions', () => {
    const rng = createRng(11)
    const n = 20_000
    let promoters = 0
    let passives = 0
    let detractors = 0
    for (let i = 0; i < n; i++) {
      const s = npsScore(rng)
      if (s >= 9) promoters += 1
      else if (s >= 7) passives += 1
      else detractors += 1
    }
    expect(promoters / n).toBeCloseTo(0.55, 1)
    expect(passives / n).toBeCloseTo(0.25, 1)
    expect(detractors / n).toBeCloseTo(0.2, 1)
    const csat = Array.from({ length: 2000 }, () => csatScore(rng, 5))
    expect(new Set(csat)).toEqual(new Set([1, 2, 3, 4, 5]))
    expect(csat.filter((s) => s >= 4).length / csat.length).toBeGreaterThan(0.6)
    for (const max of [3, 10]) for (let i = 0; i < 500; i++) expect(csatScore(rng, max)).toBeLessThanOrEqual(max)
    const ces = Array.from({ length: 2000 }, () => cesScore(rng))
    expect(Math.min(...ces)).toBe(1)
    expect(Math.max(...ces)).toBe(7)
  })

  it('maps scores to sentiment on their scale', () => {
    expect(sentimentFor(0, NPS_SCALE)).toBe('very_negative')
    expect(sentimentFor(3, NPS_SCALE)).toBe('negative')
    expect(sentimentFor(6, NPS_SCALE)).toBe('neutral')
    expect(sentimentFor(8, NPS_SCALE)).toBe('positive')
    expect(sentimentFor(10, NPS_SCALE)).toBe('very_positive')
    expect([1, 2, 3, 4, 5].map((s) => sentimentFor(s, { min: 1, max: 5 }))).toEqual(SENTIMENTS)
    expect(sentimentFor(7, CES_SCALE)).toBe('very_positive')
  })

  it('spreads timestamps over the period, rising with the index, each computable alone', () => {
    const period = { start: '2024-01-01T00:00:00Z', end: '2024-07-01T00:00:00Z', count: 1000 }
    const at = (i: number) => timestampFor(rngFor(1, 'ts', i), i, period).getTime()
    let prev = -Infinity
    for (let i = 0; i < 1000; i++) {
      const t = at(i)
      expect(t).toBeGreaterThan(prev)
      prev = t
    }
    expect(at(0)).toBeGreaterThanOrEqual(Date.parse(period.start))
    expect(at(999)).toBeLessThan(Date.parse(period.end))
    expect(at(500)).toBe(at(500))
    expect(at(500) % 1000).toBe(0)
  })
})

describe('paging', () => {
  it('slices 1-based and 0-based pages', () => {
    expect(pageSlice(95, 1, 30)).toMatchObject({ start: 0, end: 30, count: 30, totalPages: 4, lastPage: 4, nextPage: 2, prevPage: null, outOfRange: false })
    expect(pageSlice(95, 4, 30)).toMatchObject({ start: 90, end: 95, count: 5, nextPage: null, prevPage: 3 })
    expect(pageSlice(95, 5, 30)).toMatchObject({ count: 0, outOfRange: true, nextPage: null })
    expect(pageSlice(25, 0, 10, 0)).toMatchObject({ start: 0, end: 10, totalPages: 3, firstPage: 0, lastPage: 2, nextPage: 1 })
    expect(pageSlice(25, 2, 10, 0)).toMatchObject({ start: 20, end: 25, nextPage: null, prevPage: 1 })
    expect(pageSlice(0, 1, 10)).toMatchObject({ count: 0, totalPages: 0, lastPage: 1, outOfRange: false, nextPage: null })
    expect(() => pageSlice(10, 1, 0)).toThrow()
  })

  it('builds RFC 5988 Link headers keeping the other parameters', () => {
    const url = 'http://127.0.0.1:9/feedback_responses?per_page=30&page=2'
    expect(linkHeader(url, 2, 4)).toBe(
      [
        '<http://127.0.0.1:9/feedback_responses?per_page=30&page=1>; rel="first"',
        '<http://127.0.0.1:9/feedback_responses?per_page=30&page=1>; rel="prev"',
        '<http://127.0.0.1:9/feedback_responses?per_page=30&page=3>; rel="next"',
        '<http://127.0.0.1:9/feedback_responses?per_page=30&page=4>; rel="last"'
      ].join(', ')
    )
    expect(linkHeader('http://h/x', 1, 1)).toBe('<http://h/x?page=1>; rel="first", <http://h/x?page=1>; rel="last"')
    expect(linkHeader('http://h/x', 0, 3, { base: 0, pageParam: 'p' })).toBe('<http://h/x?p=0>; rel="first", <http://h/x?p=1>; rel="next", <http://h/x?p=2>; rel="last"')
  })

  it('parses integer parameters or reports a problem to render', () => {
    const q = new URLSearchParams('per_page=250&page=abc&limit=5&neg=-1&empty=')
    const rule = { min: 1, max: 100, default: 10 }
    expect(parseIntParam(q, 'limit', rule)).toEqual({ ok: true, value: 5 })
    expect(parseIntParam(q, 'missing', rule)).toEqual({ ok: true, value: 10 })
    expect(parseIntParam(q, 'empty', rule)).toEqual({ ok: true, value: 10 })
    expect(parseIntParam(q, 'per_page', rule)).toEqual({
      ok: false,
      problem: { param: 'per_page', value: '250', reason: 'too_large', min: 1, max: 100, message: 'per_page must be 100 or less' }
    })
    expect(parseIntParam(q, 'page', rule)).toMatchObject({ ok: false, problem: { reason: 'not_an_integer' } })
    expect(parseIntParam(q, 'neg', { min: 0, default: 0 })).toMatchObject({ ok: false, problem: { reason: 'too_small', message: 'neg must be 0 or more' } })
    expect(parseIntParam(new URLSearchParams('x=1.5'), 'x', rule)).toMatchObject({ ok: false, problem: { reason: 'not_an_integer' } })
  })
})

describe('request log ring', () => {
  it('keeps the default 10,000 newest entries of many more', () => {
    const log = new RingRequestLog()
    for (let i = 0; i < 25_000; i++) {
      log.record({ method: 'GET', path: `/r/${i}`, query: new URLSearchParams(), headers: {}, body: undefined, rawBody: '' })
    }
    expect(log.capacity).toBe(10_000)
    expect(log.count()).toBe(10_000)
    expect(log.total).toBe(25_000)
    expect(log.all()[0]?.path).toBe('/r/15000')
    expect(log.last()?.seq).toBe(25_000)
  })
})
