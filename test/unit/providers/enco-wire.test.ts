import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Question, Survey } from '../../../src/shared/domain/model'
import {
  EncoCreateSurveyInput,
  EncoQuestionInput,
  EncoReport,
  EncoSendInput,
  EncoSurvey,
  EncoSurveyList,
  EncoReportSummary,
  mapReport,
  mapSurvey,
  normaliseLanguage,
  toIsoUtc,
  wallClockText
} from '../../../src/main/providers/enco'

/**
 * Every example printed in enco-promoter-survey-1.0.0.txt, copied into test/fixtures/enco/:
 *  - create-survey-response.json  "1. Create one or more surveys", Response body example (verbatim)
 *  - list-surveys-response.json   "2. Get and delete a list of your surveys", Response body example;
 *                                 punctuation fixed: the trailing comma after the last survey ("},\n]") removed
 *  - survey-report-response.json  "Reporting on surveys", Response body example (verbatim)
 *  - create-survey-request.json, add-question-request.json, send-request.json: the --data-raw bodies
 *    of the three POST examples (verbatim), checked against the client's input schemas.
 */
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../fixtures/enco', name), 'utf8'))

describe('Enco wire schemas accept the document examples', () => {
  it('create-survey-response.json parses as a survey and maps to a valid Survey', () => {
    const wire = EncoSurvey.parse(fixture('create-survey-response.json'))
    expect(wire.id).toBe(8)
    const survey = Survey.parse(mapSurvey(wire))
    expect(survey).toMatchObject({ provider: 'enco', externalId: '8', name: 'waffles', kind: 'general', metric: 'nps' })
    expect(survey.questions).toEqual([
      { externalId: '13', text: 'On a scale from 0-10 , how likely are you to recommend our waffles to a friend or colleague?', type: 'nps', language: 'en-GB', position: 0 }
    ])
    expect(survey.raw).toEqual(fixture('create-survey-response.json'))
  })

  it('list-surveys-response.json parses; padded languages and bodies are tidied in the mapping, kept in raw', () => {
    const list = EncoSurveyList.parse(fixture('list-surveys-response.json'))
    expect(list.map((s) => s.id)).toEqual([8, 7])
    const surveys = list.map((s) => Survey.parse(mapSurvey(s)))
    for (const s of surveys) for (const q of s.questions) Question.parse(q)
    expect(surveys[0]!.questions.map((q) => q.language)).toEqual(['en-GB', 'fr'])
    expect(surveys[1]!.questions[1]!.text).toBe('Quelle est la probabilité, sur une échelle de 0-10, que vous recommandiez nos biscuits à un ami ou un collègue?')
    expect((surveys[0]!.raw as { questions: { language: string }[] }).questions[0]!.language).toBe(' en-GB ')
  })

  it('survey-report-response.json parses and maps to the typed report summary', () => {
    const wire = EncoReport.parse(fixture('survey-report-response.json'))
    const summary = EncoReportSummary.parse(mapReport(wire, { surveyId: 8 }))
    expect(summary).toMatchObject({
      surveyExternalId: '8',
      // "2020-02-07T16:54:42.179" carries no zone: read as Brussels time (CET, UTC+1 in February)
      generatedAt: '2020-02-07T15:54:42.179Z',
      from: '2019-11-01T11:12:15.982Z',
      to: '2020-03-31T10:12:15.982Z',
      segments: [],
      segmentMode: 'ALL',
      score: 100,
      promoters: 1,
      detractors: 0,
      passives: 0,
      requests: 1,
      responses: 1,
      goodResponses: 1,
      badResponses: 0,
      failed: 0,
      responseRate: 1,
      unreadable: []
    })
  })

  it('the report mapping prefers the dates that were asked for (the echo drops their offset)', () => {
    const wire = EncoReport.parse(fixture('survey-report-response.json'))
    const summary = mapReport(wire, { requested: { startDate: '2019-11-01T12:12:15.982+01:00', endDate: '2020-03-31T12:12:15.982+01:00' } })
    expect(summary.from).toBe('2019-11-01T11:12:15.982Z')
    expect(summary.to).toBe('2020-03-31T11:12:15.982Z')
  })

  it('the POST bodies printed in the document pass the client input schemas', () => {
    expect(EncoCreateSurveyInput.parse(fixture('create-survey-request.json'))).toMatchObject({ name: 'waffles', interactionType: 'general' })
    expect(EncoQuestionInput.parse(fixture('add-question-request.json'))).toMatchObject({ language: 'nl-BE' })
    expect(EncoSendInput.parse(fixture('send-request.json')).requests[0]).toMatchObject({ channel: 'SMS', destination: '+32472306705', segments: ['male', 'customer'] })
  })
})

describe('Enco wire schemas accept the shapes the document hints at', () => {
  it('ids and figures as strings, epoch timestamps, segments as a comma-joined string, extra fields', () => {
    const wire = EncoReport.parse({
      date: 1581090882179,
      from: 1572606735,
      to: '2020-03-31T12:12:15.982+01:00',
      segments: 'male, customer',
      segmentMode: 'any',
      channel: 'SMS',
      nps: { promoters: '3', detractors: '1', score: '40' },
      responseStatistics: { totalRequests: '10', totalResponses: '6', goodResponses: '5', badResponses: '1', failed: '0' },
      addedLater: true
    })
    const summary = EncoReportSummary.parse(mapReport(wire))
    expect(summary).toMatchObject({
      generatedAt: '2020-02-07T15:54:42.179Z',
      from: '2019-11-01T11:12:15.000Z',
      to: '2020-03-31T11:12:15.982Z',
      segments: ['male', 'customer'],
      segmentMode: 'ANY',
      channel: 'SMS',
      score: 40,
      passives: 1,
      responseRate: 0.6
    })
    expect(EncoSurvey.parse({ id: '9', name: 'x', interactionType: null, questions: null, owner: 'y' })).toMatchObject({ id: 9, questions: [] })
  })

  it('says which report fields it could not read, and gives no score without good responses', () => {
    const summary = mapReport(
      EncoReport.parse({
        date: 'yesterday',
        segmentMode: 'SOME',
        nps: { promoters: 0, detractors: 0, score: 0 },
        responseStatistics: { totalRequests: 0, totalResponses: 0, goodResponses: 0, badResponses: 0, failed: 0 }
      })
    )
    expect([...summary.unreadable].sort()).toEqual(['date', 'segmentMode'])
    expect(summary.score).toBeNull()
    expect(summary.responseRate).toBeNull()
  })

  it('a report without its nps block is refused with the field named', () => {
    const parsed = EncoReport.safeParse({ date: '2020-02-07T16:54:42.179', responseStatistics: {} })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain('nps')
  })
})

describe('Enco times and languages', () => {
  it('reads zone-less, zoned, epoch and unreadable values', () => {
    expect(toIsoUtc('2020-07-01T12:00:00', 'Europe/Brussels')).toBe('2020-07-01T10:00:00.000Z') // CEST
    expect(toIsoUtc('2020-01-01T12:00:00', 'Europe/Brussels')).toBe('2020-01-01T11:00:00.000Z') // CET
    expect(toIsoUtc('2020-01-01T12:00:00Z', 'Europe/Brussels')).toBe('2020-01-01T12:00:00.000Z')
    expect(toIsoUtc(1577880000)).toBe('2020-01-01T12:00:00.000Z')
    expect(toIsoUtc('not a date')).toBeNull()
    expect(wallClockText(Date.UTC(2020, 6, 1, 10), 'Europe/Brussels')).toBe('2020-07-01T12:00:00.000')
  })

  it('normalises language codes', () => {
    expect(normaliseLanguage(' en-GB ')).toBe('en-GB')
    expect(normaliseLanguage('FR')).toBe('fr')
    expect(normaliseLanguage('nl_be')).toBe('nl-BE')
    expect(normaliseLanguage('  ')).toBeNull()
  })
})
