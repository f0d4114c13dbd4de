import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeRow, rowJson, DATA_PERIOD } from '../../src/main/providers/customergauge/simulator-data'
import { CG_WITH, CgResponse, CgResponsesPage } from '../../src/main/providers/customergauge/wire'
import { CG_RESPONSES_PAGE, readCgResponse } from '../../src/main/providers/customergauge/wire-fast'

/** Values and key order both: what JSON.stringify writes (the stored raw JSON, when an item's own text is missing). */
const same = (a: unknown, b: unknown): void => expect(JSON.stringify(a)).toBe(JSON.stringify(b))

/** Any JSON-ish value, often of the types the schema takes, sometimes not. */
const anyValue = fc.oneof(fc.string(), fc.constantFrom('', '10', ' 7 ', '-3.5', 'x'), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 }))
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> => fc.oneof({ weight: 30, arbitrary: arb }, { weight: 1, arbitrary: anyValue })
const textish = maybe(fc.oneof(fc.string(), fc.constant(null)))
const obj = (shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
  maybe(fc.tuple(fc.record(shape, { requiredKeys: [] }), fc.dictionary(fc.constantFrom('extra', 'other', 'label', '__proto__'), fc.string(), { maxKeys: 2 })).map(([own, more]) => ({ ...more, ...own })))
const listOf = (item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => maybe(fc.oneof(fc.array(item, { maxLength: 3 }), fc.constant(null)))

const response = fc.record(
  {
    status: textish,
    contact: obj({ first_name: textish, last_name: textish }),
    account: obj({ name: textish, number: maybe(fc.oneof(fc.string(), fc.integer(), fc.constant(null))) }),
    number_customergauge: maybe(fc.oneof(fc.integer(), fc.constant(2 ** 60))),
    number_customer: maybe(fc.oneof(fc.string(), fc.integer())),
    number_order: maybe(fc.oneof(fc.string(), fc.integer())),
    email: textish,
    phone: maybe(fc.oneof(fc.string(), fc.integer())),
    nps: maybe(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom('', '7', null))),
    comment: maybe(fc.oneof(fc.string(), fc.constant(null), obj({ original: textish, translation: textish }))),
    date_creation: maybe(fc.oneof(fc.string(), fc.integer())),
    date_survey_response: maybe(fc.oneof(fc.string(), fc.integer())),
    language: textish,
    locale: textish,
    follow_up: obj({ requested: maybe(fc.oneof(fc.boolean(), fc.integer(), fc.string())), details: maybe(fc.string()) }),
    tags: listOf(obj({ label: maybe(fc.string()), type: textish, sentiment: textish })),
    questions: listOf(obj({ title: maybe(fc.string()), answer: maybe(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.oneof(fc.string(), fc.integer())), fc.constant(null))) })),
    selected_drivers: listOf(obj({ primary: maybe(fc.string()), secondary: maybe(fc.oneof(fc.array(fc.string()), fc.constant(null))) })),
    properties: listOf(obj({ field: maybe(fc.string()), reference: maybe(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))) })),
    zz_extra: maybe(fc.string())
  },
  { requiredKeys: [] }
)

/** As the client gets it: parsed from JSON text (no undefined values, own __proto__ keys as JSON.parse makes them). */
const fromJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v))

describe('the fast CustomerGauge response reader', () => {
  it('reads every response of the simulator exactly as zod does', () => {
    const include = new Set<string>(CG_WITH)
    for (let i = 0; i < 2000; i++) {
      const item = fromJson(rowJson(makeRow('customergauge', i, 1_000_000, DATA_PERIOD), include))
      const fast = readCgResponse(item)
      expect(fast, `row ${i}`).not.toBeNull()
      same(fast, CgResponse.parse(item))
    }
  })

  it('on any item, gives what zod gives or declines; never accepts what zod refuses (property)', () => {
    let read = 0
    fc.assert(
      fc.property(response, (raw) => {
        const item = fromJson(raw)
        const zod = CgResponse.safeParse(item)
        const fast = readCgResponse(fromJson(raw))
        if (fast === null) return
        read++
        expect(zod.success).toBe(true)
        same(fast, zod.data)
      }),
      { numRuns: 5000 }
    )
    // The property means something only if the reader does read a good share of them.
    expect(read).toBeGreaterThan(150)
  })

  it('a page: the fast reader or, when it declines, zod, with the same result; an item zod refuses still fails the page', () => {
    const include = new Set<string>(CG_WITH)
    const rows = [0, 1, 2].map((i) => rowJson(makeRow('customergauge', i, 1000, DATA_PERIOD), include))
    const body = fromJson({ data: rows, cursor: { next: 3, prev: 1 }, meta: 'x' })
    same(CG_RESPONSES_PAGE.fastRead(body), CgResponsesPage.parse(body))
    // A numeric string the fast reader leaves to zod: the page as a whole is zod's to read.
    const odd = fromJson({ data: [{ ...rows[0], nps: '9' }, rows[1]], cursor: { next: 2 } })
    expect(CG_RESPONSES_PAGE.fastRead(odd)).toBeNull()
    expect(CgResponsesPage.parse(odd).data[0]!.nps).toBe(9)
    const bad = fromJson({ data: [{ ...rows[0], number_customergauge: 'abc' }], cursor: { next: 1 } })
    expect(CG_RESPONSES_PAGE.fastRead(bad)).toBeNull()
    expect(CgResponsesPage.safeParse(bad).success).toBe(false)
  })
})
