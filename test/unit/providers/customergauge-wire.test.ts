import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Response } from '../../../src/shared/domain/model'
import { customerGaugeErrorsWithFields } from '../../../src/main/providers/customergauge/client'
import { CgErrorBody, CgResponsesPage, CgResponsesParams, cgDateToIso, driverLabels, mapResponse } from '../../../src/main/providers/customergauge'

/**
 * Every example printed in customergauge-v7-sync-responses.txt, copied into test/fixtures/customergauge/:
 *  - sync-responses-response.json  the 200 "Example Response Body". Punctuation fixed: three missing
 *    commas added (after `"type": "topic"`, after `"primary": "Ordering"` and after `"primary": "Product"`),
 *    and the document's non-breaking spaces (U+00A0, not JSON whitespace) turned into plain spaces.
 *  - unauthenticated-401.json      the 401 "Example Response Body" (verbatim).
 */
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../fixtures/customergauge', name), 'utf8'))

describe('CustomerGauge wire schemas accept the document examples', () => {
  it('sync-responses-response.json parses, and its response maps to a valid Response', () => {
    const page = CgResponsesPage.parse(fixture('sync-responses-response.json'))
    expect(page.cursor).toEqual({ next: 123, previous: null })
    expect(page.data).toHaveLength(1)
    const mapped = Response.parse(mapResponse(page.data[0]!))
    expect(mapped).toMatchObject({
      provider: 'customergauge',
      kind: 'customergauge_response',
      externalId: '3414',
      metric: 'nps',
      score: 10,
      scale: { min: 0, max: 10 },
      comment: 'Comentário de exemplo',
      customer: { externalId: '123', name: 'John Doe', email: 'example@customergauge.com', phone: '1234567890', company: 'ACME', reference: '123' },
      tags: ['Product', 'Support'],
      drivers: [
        'Ordering / Ease of Ordering',
        'Ordering / Product Information',
        'Ordering / Invoicing/Payments',
        'Product / Ease of Use',
        'Product / Capabilities',
        'Product / Return on Investment'
      ],
      answers: [{ questionId: null, question: 'We made it easy to solve your support issue.', type: 'rating', score: 7, text: '7', sentiment: null }],
      properties: { Country: 'NL', Division: 'Global', Touchpoint: 'Relationship', comment_translation: 'Example Comment' },
      language: 'en-GB',
      links: { reference: '321', machineId: null, ticketUrl: null, sourceUrl: null },
      // "2022-03-30 12:34:56" has no zone: read as UTC
      respondedAt: '2022-03-30T12:34:56.000Z'
    })
    expect(mapped.raw).toEqual((fixture('sync-responses-response.json') as { data: unknown[] }).data[0])
  })

  it('unauthenticated-401.json parses and becomes an unauthorized error', () => {
    const body = CgErrorBody.parse(fixture('unauthenticated-401.json'))
    expect(body.message).toBe('Unauthenticated.')
    const err = customerGaugeErrorsWithFields({ status: 401, headers: {}, body, operation: 'sync responses' })
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('Unauthenticated.')
  })
})

describe('CustomerGauge wire schemas accept the shapes the document hints at', () => {
  it('numbers as strings, epoch dates, a plain-string comment, null blocks, extra fields, a string cursor', () => {
    const page = CgResponsesPage.parse({
      data: [
        {
          number_customergauge: '77',
          number_customer: 456,
          nps: '6',
          comment: 'Too slow',
          date_creation: 1648643696,
          date_survey_response: '2022-03-30T12:34:56+02:00',
          language: 'NL',
          locale: null,
          tags: null,
          questions: [{ title: 'Pick', answer: ['a', 'b'] }, { title: 'Ok?', answer: true }, { title: 'Why', answer: null }],
          selected_drivers: [{ primary: 'Price', secondary: null }],
          properties: [{ field: 'Region', reference: 12 }],
          brand_new_field: { x: 1 }
        }
      ],
      cursor: { next: '456', previous: '12' }
    })
    expect(page.cursor).toEqual({ next: 456, previous: 12 })
    const r = Response.parse(mapResponse(page.data[0]!))
    expect(r).toMatchObject({ externalId: '77', score: 6, comment: 'Too slow', language: 'nl', drivers: ['Price'], properties: { Region: '12' }, respondedAt: '2022-03-30T10:34:56.000Z' })
    expect(r.customer.externalId).toBe('456')
    expect(r.answers.map((a) => [a.type, a.text, a.score])).toEqual([
      ['multiple_choice', 'a, b', null],
      ['boolean', 'true', null],
      ['text', null, null]
    ])
  })

  it('an unanswered record (empty score) has no score and is dated when sent', () => {
    const page = CgResponsesPage.parse({ data: [{ number_customergauge: 5, nps: '', status: 'sent', date_sent: '2022-03-30 08:00:00', date_survey_response: null }], cursor: { next: 9 } })
    const r = Response.parse(mapResponse(page.data[0]!))
    expect(r.score).toBeNull()
    expect(r.respondedAt).toBe('2022-03-30T08:00:00.000Z')
  })

  it('a response with no readable date is refused, naming the response and the field', () => {
    const page = CgResponsesPage.parse({ data: [{ number_customergauge: 5, date_survey_response: 'soon' }], cursor: { next: 9 } })
    expect(() => mapResponse(page.data[0]!)).toThrow(/response 5 .*date_survey_response/)
  })

  it('a page without data is refused with the field named', () => {
    const parsed = CgResponsesPage.safeParse({ cursor: { next: 1 } })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]!.path).toEqual(['data'])
  })

  it('request parameters: the documented rules', () => {
    expect(CgResponsesParams.parse({ per_page: 1000, with: ['tags'], period: { field: 'date_sent', start: new Date(Date.UTC(2023, 0, 5)), end: '2023-01-25' } })).toMatchObject({
      period: { start: '2023-01-05', end: '2023-01-25' }
    })
    const bad = CgResponsesParams.safeParse({ per_page: 1001, period: { start: '05/01/2023' }, with: ['everything'] })
    expect(bad.success).toBe(false)
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['per_page', 'period.start', 'with.0'])
  })

  it('dates and drivers', () => {
    expect(cgDateToIso('2022-03-30 12:34:56')).toBe('2022-03-30T12:34:56.000Z')
    expect(cgDateToIso(1648643696000)).toBe('2022-03-30T12:34:56.000Z')
    expect(cgDateToIso('0000-00-00 00:00:00')).toBeNull()
    expect(cgDateToIso('2022-02-30 00:00:00')).toBeNull()
    expect(driverLabels([{ primary: 'Support', secondary: [] }])).toEqual(['Support'])
  })
})
