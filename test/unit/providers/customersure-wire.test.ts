import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ZodType } from 'zod'
import { customerSureErrors } from '../../../src/main/http'
import {
  CsatScore,
  DATE_PERIODS,
  EmailTemplateList,
  ErrorBody,
  FeedbackRequest,
  FeedbackResponse,
  FeedbackResponseList,
  mapCsatScore,
  mapEmailTemplate,
  mapFeedbackRequest,
  mapFeedbackResponse,
  mapNetPromoterScore,
  mapRatingQuestionStats,
  mapResponseRate,
  mapSite,
  mapStaffMember,
  mapSurvey,
  mapTextMessageTemplate,
  metricForQuestion,
  createSeedData,
  NetPromoterScore,
  parseCustomerSureTime,
  parseLinkHeader,
  periodRange,
  RatingQuestionStats,
  ratingQuestionStats,
  ResponseRate,
  Site,
  SiteList,
  StaffList,
  StaffMember,
  SurveyList,
  TextMessageTemplateList,
  toIsoUtc,
  userAgentFor
} from '../../../src/main/providers/customersure'
import { FeedbackRequest as DomainFeedbackRequest, Response, Site as DomainSite, Staff, Survey, Template } from '../../../src/shared/domain/model'

const FIXTURES = join(__dirname, '../../fixtures/customersure')
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'))

function parse<T>(schema: ZodType<T>, name: string): T {
  const result = schema.safeParse(fixture(name))
  if (!result.success) throw new Error(`${name}: ${JSON.stringify(result.error.issues, null, 2)}`)
  return result.data
}

/**
 * Every example response printed in customersure-v1.txt, copied as printed. Fixes, punctuation only:
 *  - feedback-responses-list, sites-list, staff-list, surveys-list, email-templates-list,
 *    text-message-templates-list: the printed lists end in `{ … }, { … }, { … }` placeholders for
 *    elided items; those placeholders (and the comma before them) were removed.
 *  - surveys-list: also a trailing comma after the last question (`},\n    ]`) was removed.
 *  - error-422-validation: the document prints the status line glued to the body
 *    ("422 Unprocessable Entity{"); only the body was kept (same as test/fixtures/errors/customersure-422.json).
 * All the others are byte-for-byte the document's text.
 */
describe('CustomerSure wire schemas: every printed example parses and maps', () => {
  it('feedback-request-create-201 (POST /feedback_requests)', () => {
    const wire = parse(FeedbackRequest, 'feedback-request-create-201')
    expect(wire.id).toBe(208073)
    expect(wire.reminders?.[0]?.send_at).toBe('2023-08-27T18:00:00+0100')
    const mapped = DomainFeedbackRequest.parse(mapFeedbackRequest(wire))
    expect(mapped).toMatchObject({ externalId: '208073', channel: 'email', status: 'pending', recipient: 'john.smith@example.com', templateExternalId: '10', reference: '#1014' })
    expect(mapped.dueAt).toBe('2023-08-20T17:00:00Z')
    expect(mapped.sentAt).toBeNull()
    expect(mapped.raw).toBe(wire)
  })

  it('feedback-response-retrieve (GET /feedback_responses/:id)', () => {
    const wire = parse(FeedbackResponse, 'feedback-response-retrieve')
    const mapped = Response.parse(mapFeedbackResponse(wire))
    expect(mapped).toMatchObject({
      provider: 'customersure',
      kind: 'customersure_response',
      externalId: '16163',
      surveyExternalId: '277',
      surveyName: 'Post call survey',
      metric: 'csat',
      score: 10,
      scale: { min: 0, max: 10 },
      sentiment: 'very_positive',
      channel: 'email',
      respondedAt: '2023-07-08T23:45:19Z'
    })
    expect(mapped.customer).toEqual({ externalId: 'member-123', name: 'Kate', email: 'kate@example.com', phone: '01234 567 890', company: 'Acme', reference: null })
    expect(mapped.comment).toBe('CustomerSure is fantastic quickly solved my problem.\n\nKeep up the great attitude to your customers')
    expect(mapped.answers).toHaveLength(5)
    expect(mapped.answers[3]).toMatchObject({ type: 'Text', score: null, text: 'CustomerSure is fantastic quickly solved my problem.' })
    // The embedded feedback request (with deletion_requested_at, no link) maps too.
    expect(DomainFeedbackRequest.parse(mapFeedbackRequest(wire.feedback_request!)).sentAt).toBe('2023-07-08T23:45:20Z')
  })

  it('feedback-responses-list (GET /feedback_responses)', () => {
    const list = parse(FeedbackResponseList, 'feedback-responses-list')
    expect(list).toHaveLength(1)
    const mapped = Response.parse(mapFeedbackResponse(list[0]!))
    expect(mapped).toMatchObject({ externalId: '63148', updatedAt: '2023-09-01T11:00:01Z', channel: null, surveyExternalId: '2166' })
  })

  it('rating-question-show (POST /rating_questions/:id): numbers printed as strings become numbers', () => {
    const wire = parse(RatingQuestionStats, 'rating-question-show')
    const stats = mapRatingQuestionStats(wire)
    expect(stats.standardisedScore).toBeCloseTo(70.58823529, 8)
    expect(stats.averageRating).toBe(7)
    expect(stats.counts).toEqual({ veryNegative: 444, negative: 87, neutral: 138, positive: 207, veryPositive: 1266 })
    expect(stats.totalNumberOfRatings).toBe(2142)
  })

  it('response-rate (GET /response_rate)', () => {
    expect(mapResponseRate(parse(ResponseRate, 'response-rate'))).toMatchObject({ responseRatePercent: 50, sentCount: 100, deliveredCount: 50, replyCount: 25 })
  })

  it('nps (GET /nps)', () => {
    expect(mapNetPromoterScore(parse(NetPromoterScore, 'nps'))).toMatchObject({ netPromoterScore: 70, promoterCount: 75, passiveCount: 20, detractorCount: 5, totalNumberOfRatings: 12 })
  })

  it('csat (GET /csat)', () => {
    expect(mapCsatScore(parse(CsatScore, 'csat'))).toMatchObject({ csat: 90, counts: { veryNegative: 1, positive: 2, veryPositive: 7 }, totalNumberOfRatings: 10 })
  })

  it.each(['site-create-201', 'site-retrieve', 'site-update'])('%s (POST /sites, GET and PATCH /sites/:id)', (name) => {
    const mapped = DomainSite.parse(mapSite(parse(Site, name)))
    expect(mapped).toMatchObject({ provider: 'customersure', code: 'hq', city: 'Newcastle', region: 'Tyne and Wear', siteType: 'Office' })
  })

  it('sites-list (GET /sites): site_type may be left out', () => {
    const [site] = parse(SiteList, 'sites-list')
    expect(DomainSite.parse(mapSite(site!))).toMatchObject({ externalId: '333', name: 'Head Office', siteType: null })
  })

  it('staff-member-retrieve and staff-list (GET /staff/:id, GET /staff): the string "null" reads as empty', () => {
    const one = parse(StaffMember, 'staff-member-retrieve')
    const [listed] = parse(StaffList, 'staff-list')
    for (const wire of [one, listed!]) {
      const mapped = Staff.parse(mapStaffMember(wire))
      expect(mapped).toMatchObject({ externalId: '98723', name: 'Rod Magnusson', code: 'rod-magnusson', email: 'rod.magnusson@example.com', teamExternalIds: [], active: true })
    }
  })

  it('surveys-list (GET /surveys)', () => {
    const [survey] = parse(SurveyList, 'surveys-list')
    const mapped = Survey.parse(mapSurvey(survey!))
    expect(mapped).toMatchObject({ externalId: '1', name: 'Head Office', metric: 'csat', scale: { min: 0, max: 10 } })
    expect(mapped.questions.map((q) => [q.externalId, q.type, q.language])).toEqual([
      ['12345', 'Rating', 'en'],
      ['12346', 'Text', 'en']
    ])
  })

  it('email-templates-list (GET /email_templates)', () => {
    const [t] = parse(EmailTemplateList, 'email-templates-list')
    expect(Template.parse(mapEmailTemplate(t!))).toMatchObject({ externalId: '123456', channel: 'email', subject: '{{name/Hi}}, how did we do?', locale: 'en', archived: false })
  })

  it('text-message-templates-list (GET /text_message_templates)', () => {
    const [t] = parse(TextMessageTemplateList, 'text-message-templates-list')
    expect(Template.parse(mapTextMessageTemplate(t!))).toMatchObject({ externalId: '123456', channel: 'sms', subject: null, name: 'Post Sale SMS Template' })
  })

  it('error-403-user-agent and error-422-validation parse as CustomerSure error bodies and map to AppErrors naming the fields', () => {
    expect(parse(ErrorBody, 'error-403-user-agent').message).toBe('Missing or invalid User Agent string')
    const body = parse(ErrorBody, 'error-422-validation')
    expect(body.errors?.map((e) => e.field)).toEqual(['state', 'machine_id'])
    const err = customerSureErrors({ status: 422, headers: {}, body, operation: 'create a feedback request' })
    expect(err.code).toBe('validation')
    expect(err.details.map((d) => d.field)).toEqual(['state', 'machine_id'])
    const forbidden = customerSureErrors({ status: 403, headers: {}, body: fixture('error-403-user-agent'), operation: 'list sites' })
    expect(forbidden.code).toBe('forbidden')
    expect(forbidden.message).toContain('Missing or invalid User Agent string')
  })
})

describe('CustomerSure quirks the schemas accept', () => {
  it('reads every time shape the document shows, and epoch numbers', () => {
    expect(toIsoUtc('2023-08-20T18:00:00+0100')).toBe('2023-08-20T17:00:00Z')
    expect(toIsoUtc('2023-08-20T18:00:00+01:00')).toBe('2023-08-20T17:00:00Z')
    expect(toIsoUtc('2015-01-01T00:00Z')).toBe('2015-01-01T00:00:00Z')
    // Without a zone, CustomerSure assumes UTC (not the machine's local time).
    expect(toIsoUtc('2015-01-31T23:59')).toBe('2015-01-31T23:59:00Z')
    expect(toIsoUtc(1692550800)).toBe('2023-08-20T17:00:00Z')
    expect(toIsoUtc(1692550800000)).toBe('2023-08-20T17:00:00Z')
    expect(toIsoUtc('1692550800')).toBe('2023-08-20T17:00:00Z')
    expect(toIsoUtc('null')).toBeNull()
    expect(parseCustomerSureTime('2023-02-30T10:00:00Z')).toBeNull()
    expect(parseCustomerSureTime('20th Aug 2023')).toBeNull()
  })

  it('says which field it could not read', () => {
    const bad = FeedbackResponse.safeParse({ id: 1, submitted_at: 'yesterday-ish' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['submitted_at'])
    expect(bad.error?.issues[0]?.message).toMatch(/not a date and time/)
  })

  it('accepts ids as strings or numbers, scores as strings or numbers, unknown extra fields, and anwer_type', () => {
    const survey = SurveyList.parse([{ id: 5, name: 'S', locale: 'fr', questions: [{ id: '9', question: 'Q?', anwer_type: 'Rating' }], brand_new_field: true }])
    expect(mapSurvey(survey[0]!).questions[0]?.type).toBe('Rating')
    expect((survey[0] as Record<string, unknown>).brand_new_field).toBe(true)
    expect(mapNetPromoterScore(NetPromoterScore.parse({ net_promoter_score: '12', promoter_count: '3', passive_count: 1, detractor_count: 0, total_number_of_ratings: 4 })).netPromoterScore).toBe(12)
    const rated = mapFeedbackResponse(FeedbackResponse.parse({ id: 2, submitted_at: 1692550800, answers: [{ question_id: 1, question: 'How likely are you to recommend us?', answer: 3, type: 'Rating' }, { question_id: 2, question: 'Which?', answer: ['a', 'b'], type: 'Checkbox' }] }))
    expect(Response.parse(rated)).toMatchObject({ metric: 'nps', score: 3, sentiment: 'negative', respondedAt: '2023-08-20T17:00:00Z' })
    expect(rated.answers[1]?.text).toBe('a, b')
  })

  it('resolves site and staff codes to ids when the synced lists are given', () => {
    const wire = FeedbackResponse.parse({ id: 3, submitted_at: '2023-08-20T17:00:00Z', fields: { site_code: 'hq', staff_code: 'rod', category: 'api-support' } })
    const mapped = mapFeedbackResponse(wire, {
      sitesByCode: new Map([['hq', { id: '111', name: 'Head Office' }]]),
      staffByCode: new Map([['rod', { id: '98723', name: 'Rod Magnusson', teamId: '41' }]])
    })
    expect(mapped).toMatchObject({ siteExternalId: '111', siteName: 'Head Office', staffExternalId: '98723', teamExternalId: '41' })
    expect(mapped.properties).toEqual({ site_code: 'hq', staff_code: 'rod', category: 'api-support' })
  })

  it('parses Link headers as printed', () => {
    expect(parseLinkHeader('<https://api.customersure.com/sites?page=1>; rel="first", <https://api.customersure.com/sites?page=3>; rel="last"')).toEqual({
      first: 'https://api.customersure.com/sites?page=1',
      last: 'https://api.customersure.com/sites?page=3'
    })
  })

  it('sends company names with accents as a valid header value', () => {
    expect(userAgentFor('Côte d’Azur Télécom')).toBe("Cote d'Azur Telecom")
    expect(userAgentFor('Acme Ltd')).toBe('Acme Ltd')
  })
})

describe('CustomerSure figures (simulator side)', () => {
  it('reproduces the rating-question example from a tally with its band counts', () => {
    const tally = new Map([
      [0, 444],
      [3, 87],
      [5, 138],
      [8, 207],
      [9, 273],
      [10, 993]
    ])
    expect(ratingQuestionStats('How are you feeling about our service?', tally)).toEqual(fixture('rating-question-show'))
  })

  it('seeds surveys in English, Dutch and French whose rating questions read as NPS and CSAT', () => {
    const data = createSeedData({ seed: 1, volume: 50, anchor: Date.UTC(2024, 0, 1) })
    expect(new Set(data.surveys.map((s) => s.locale))).toEqual(new Set(['en', 'nl', 'fr']))
    for (const s of data.surveys) expect(s.questions.slice(0, 2).map((q) => metricForQuestion(q.question))).toEqual(['nps', 'csat'])
    for (const s of SurveyList.parse(data.surveys)) expect(Survey.parse(mapSurvey(s)).metric).toBe('nps')
  })

  it('knows all 18 named date periods', () => {
    const now = Date.UTC(2024, 4, 15, 10, 30) // Wednesday 15 May 2024
    const iso = (p: (typeof DATE_PERIODS)[number]): [string, string] => {
      const r = periodRange(p, now)
      return [new Date(r.from).toISOString().slice(0, 19), new Date(r.to).toISOString().slice(0, 19)]
    }
    expect(DATE_PERIODS).toHaveLength(18)
    expect(iso('7-days')).toEqual(['2024-05-09T00:00:00', '2024-05-15T23:59:59'])
    expect(iso('30-days')).toEqual(['2024-04-16T00:00:00', '2024-05-15T23:59:59'])
    expect(iso('current_week')).toEqual(['2024-05-13T00:00:00', '2024-05-15T23:59:59'])
    expect(iso('current_quarter')).toEqual(['2024-04-01T00:00:00', '2024-05-15T23:59:59'])
    expect(iso('last_week')).toEqual(['2024-05-06T00:00:00', '2024-05-12T23:59:59'])
    expect(iso('last_month')).toEqual(['2024-04-01T00:00:00', '2024-04-30T23:59:59'])
    expect(iso('last_quarter')).toEqual(['2024-01-01T00:00:00', '2024-03-31T23:59:59'])
    expect(iso('yesterday')).toEqual(['2024-05-14T00:00:00', '2024-05-14T23:59:59'])
    expect(iso('day_before_yesterday')).toEqual(['2024-05-13T00:00:00', '2024-05-13T23:59:59'])
    expect(iso('week_before_last')).toEqual(['2024-04-29T00:00:00', '2024-05-05T23:59:59'])
    expect(iso('month_before_last')).toEqual(['2024-03-01T00:00:00', '2024-03-31T23:59:59'])
    expect(iso('year_before_last')).toEqual(['2022-01-01T00:00:00', '2022-12-31T23:59:59'])
    for (const p of DATE_PERIODS) {
      const r = periodRange(p, now)
      expect(r.from, p).toBeLessThan(r.to)
      expect(r.to, p).toBeLessThanOrEqual(Date.UTC(2024, 4, 15, 23, 59, 59))
    }
  })
})
