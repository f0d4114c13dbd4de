import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { readNicereplyError } from '../../../src/main/http/error-mappers'
import {
  AllMetricHistogramEnvelope,
  AllMetricStatsEnvelope,
  CustomerEnvelope,
  CustomerPage,
  HistogramEnvelope,
  mapCustomer,
  mapRating,
  mapSurvey,
  mapTeam,
  mapUnsubscribe,
  mapUser,
  MetricStatsEnvelope,
  page,
  pageInfo,
  RatingEnvelope,
  RatingPage,
  SubjectStatsPage,
  SurveyEnvelope,
  SurveyPage,
  SurveyStatsPage,
  TeamEnvelope,
  TeamPage,
  TeamUsersPage,
  toIsoUtc,
  UnsubscribePage,
  UserEnvelope,
  UserPage,
  WireErrorBody,
  WireRating
} from '../../../src/main/providers/nicereply'
import { Customer, Response, Staff, Survey, Team, Unsubscribe } from '../../../src/shared/domain/model'
import { z as zod } from 'zod'

const dir = join(__dirname, '..', '..', 'fixtures', 'nicereply')
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))

/**
 * Every example response printed in nicereply-v1.txt, copied verbatim into test/fixtures/nicereply.
 * Punctuation fixes, where the printed example is not valid JSON:
 *  - pagination: the `// ...` placeholder line in `_results` was removed.
 *  - csat-ratings, ces-ratings, nps-ratings: the `...` line after the first rating was removed.
 *  - customer-ratings, survey-ratings, team-ratings, user-ratings: the `...` lines (inside the first
 *    rating and after it) were removed, with the commas they left trailing.
 *  - user-teams: the `...` line after the first team was removed, with the comma it left trailing.
 * Every other fixture is the document's text byte for byte.
 */
type Kind = 'rating' | 'ratings' | 'survey' | 'surveys' | 'customer' | 'customers' | 'team' | 'teams' | 'user' | 'users' | 'unsubscribes' | 'other'
const FIXTURES: ReadonlyArray<[name: string, schema: z.ZodType, kind: Kind]> = [
  ['pagination', page(zod.unknown()), 'other'],
  ['errors', WireErrorBody, 'other'],
  ['rating-created', RatingEnvelope, 'rating'],
  ...(['csat', 'ces', 'nps'] as const).flatMap((m): Array<[string, z.ZodType, Kind]> => [
    [`${m}-ratings`, RatingPage, 'ratings'],
    [`${m}-rating`, RatingEnvelope, 'rating'],
    [`${m}-stats`, MetricStatsEnvelope, 'other'],
    [`${m}-histogram`, HistogramEnvelope, 'other'],
    [`${m}-surveys`, SurveyPage, 'surveys'],
    [`${m}-rating-created`, RatingEnvelope, 'rating']
  ]),
  ['customers', CustomerPage, 'customers'],
  ['customers-stats', SubjectStatsPage, 'other'],
  ['customer', CustomerEnvelope, 'customer'],
  ['customer-ratings', RatingPage, 'ratings'],
  ['customer-stats', AllMetricStatsEnvelope, 'other'],
  ['customer-histogram', AllMetricHistogramEnvelope, 'other'],
  ['surveys', SurveyPage, 'surveys'],
  ['surveys-stats', SurveyStatsPage, 'other'],
  ['survey', SurveyEnvelope, 'survey'],
  ['survey-ratings', RatingPage, 'ratings'],
  ['survey-stats-average', MetricStatsEnvelope, 'other'],
  ['survey-stats-nps', MetricStatsEnvelope, 'other'],
  ['survey-histogram', HistogramEnvelope, 'other'],
  ['unsubscribes', UnsubscribePage, 'unsubscribes'],
  ['teams', TeamPage, 'teams'],
  ['teams-stats', SubjectStatsPage, 'other'],
  ['teams-users', TeamUsersPage, 'other'],
  ['team', TeamEnvelope, 'team'],
  ['team-ratings', RatingPage, 'ratings'],
  ['team-stats', AllMetricStatsEnvelope, 'other'],
  ['team-histogram', AllMetricHistogramEnvelope, 'other'],
  ['team-users', UserPage, 'users'],
  ['user-thing-or-action-created', UserEnvelope, 'user'],
  ['user-agent-created', UserEnvelope, 'user'],
  ['users', UserPage, 'users'],
  ['users-stats', SubjectStatsPage, 'other'],
  ['user', UserEnvelope, 'user'],
  ['user-ratings', RatingPage, 'ratings'],
  ['user-stats', AllMetricStatsEnvelope, 'other'],
  ['user-histogram', AllMetricHistogramEnvelope, 'other'],
  ['user-teams', TeamPage, 'teams']
]

/** Maps whatever a fixture holds and checks each result against the unified model's schema. */
function mapAndCheck(kind: Kind, body: { _results: unknown }): number {
  const items = (Array.isArray(body._results) ? body._results : [body._results]) as never[]
  for (const item of items) {
    switch (kind) {
      case 'rating':
      case 'ratings':
        Response.parse(mapRating(item))
        break
      case 'survey':
      case 'surveys':
        Survey.parse(mapSurvey(item))
        break
      case 'customer':
      case 'customers':
        Customer.parse(mapCustomer(item))
        break
      case 'team':
      case 'teams':
        Team.parse(mapTeam(item))
        break
      case 'user':
      case 'users':
        Staff.parse(mapUser(item))
        break
      case 'unsubscribes':
        Unsubscribe.parse(mapUnsubscribe(item))
        break
      case 'other':
        return 0
    }
  }
  return items.length
}

describe('nicereply wire schemas: every example response of the document', () => {
  it('has a fixture for each of the 52 printed examples', () => {
    expect(FIXTURES).toHaveLength(52)
  })

  for (const [name, schema, kind] of FIXTURES) {
    it(`${name}.json parses${kind === 'other' ? '' : ' and maps to the unified model'}`, () => {
      const parsed = schema.safeParse(fixture(name))
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true)
      if (kind !== 'other') expect(mapAndCheck(kind, parsed.data as { _results: unknown })).toBeGreaterThan(0)
    })
  }
})

describe('nicereply mapping', () => {
  const surveys = SurveyPage.parse(fixture('surveys'))._results

  it('maps a CSAT rating with its survey scale, staff, customer, ticket, extra answers and UTC times', () => {
    const wire = RatingEnvelope.parse(fixture('csat-rating'))._results
    const helpdesk = { ...surveys[0]!, id: '510268e5-c708-415b-953e-64f06a017145', scale: 'CSAT10' }
    const r = Response.parse(mapRating(wire, { surveys: new Map([[helpdesk.id, helpdesk]]), baseUrl: 'https://api.nicereply.com' }))
    expect(r).toMatchObject({
      provider: 'nicereply',
      kind: 'nicereply_rating',
      externalId: '904e0950-959b-4a90-93ad-4fdc62a4a14c',
      surveyExternalId: '510268e5-c708-415b-953e-64f06a017145',
      surveyName: 'Helpdesk Survey',
      metric: 'csat',
      score: 5,
      scale: { min: 1, max: 10 },
      comment: 'Nice reply! :)',
      customer: { externalId: '1c8a0177-5d67-48fc-baaa-691567404cdb', name: 'Viktor Magic' },
      staffExternalId: 'c674b3b4-265f-4fcc-bca2-f2df99127a20',
      staffName: 'mr-unclebob',
      properties: { status: 'open', ticket: 'cnv_2841049' },
      links: { reference: 'cnv_2841049', ticketUrl: null, sourceUrl: 'https://api.nicereply.com/v1/csat/ratings/904e0950-959b-4a90-93ad-4fdc62a4a14c' },
      respondedAt: '2017-10-24T11:37:01.000Z',
      updatedAt: '2017-10-24T11:37:01.000Z'
    })
    expect(r.answers).toEqual([{ questionId: '76c88941-7d7e-45e8-95a6-1fe10b77dcfc', question: 'Some extra question is the survey', type: 'thumbs', score: 1, text: null, sentiment: null }])
    expect(mapRating(wire).answers[0]).toMatchObject({ question: null, type: 'rating', score: 1 })
    expect(r.raw).toBe(wire)
  })

  it('uses the survey scale (CSAT3 faces) and falls back to the metric range for a legacy out-of-10 score', () => {
    const wire = RatingEnvelope.parse(fixture('csat-rating'))._results
    const faces = { ...surveys[0]!, id: '510268e5-c708-415b-953e-64f06a017145' } // scale CSAT3
    const ctx = { surveys: new Map([[faces.id, faces]]) }
    expect(mapRating({ ...wire, score: 3 }, ctx).scale).toEqual({ min: 1, max: 3 })
    expect(mapRating({ ...wire, score: 5 }, ctx).scale).toEqual({ min: 1, max: 10 })
    expect(mapRating(RatingEnvelope.parse(fixture('ces-rating'))._results).scale).toEqual({ min: 1, max: 7 })
    expect(mapRating(RatingEnvelope.parse(fixture('nps-rating'))._results)).toMatchObject({ metric: 'nps', scale: { min: 0, max: 10 } })
  })

  it('accepts the shapes the document contradicts itself with: string scores, epoch times, metric or type, links []', () => {
    const base = RatingEnvelope.parse(fixture('csat-rating'))._results
    const variant = WireRating.parse({
      ...base,
      score: '7',
      created_at: 1508845021,
      updated_at: 1508845021000,
      ip_address: 134744072,
      survey: { id: 'df05e734-aed3-4da1-9fcb-730a2415698e', metric: 'NPS' },
      user: null
    })
    const r = Response.parse(mapRating(variant))
    expect(r).toMatchObject({ score: 7, metric: 'nps', respondedAt: '2017-10-24T11:37:01.000Z', updatedAt: '2017-10-24T11:37:01.000Z', staffExternalId: null })

    const emptyLinks = RatingPage.parse({ _results: [], _pagination: { total: '0', count: 0, per_page: 10, current_page: 1, total_pages: 0, links: [] } })
    expect(pageInfo(emptyLinks._pagination, 0, 1)).toMatchObject({ total: 0, next: null, nextPage: null })

    const npsAverage = SubjectStatsPage.parse(fixture('users-stats'))._results[0]!.stats.NPS
    expect(npsAverage).toMatchObject({ average: 0, count: 0 })
    expect(toIsoUtc('2017-10-24T13:37:00-02:00')).toBe('2017-10-24T15:37:00.000Z')
  })

  it('says which field it could not read', () => {
    const bad = RatingEnvelope.safeParse({ _results: { ...(fixture('csat-rating') as { _results: object })._results, created_at: 'yesterday', score: 'five' } })
    expect(bad.success).toBe(false)
    const paths = bad.error!.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['_results.score', '_results.created_at']))
  })

  it('maps pagination, including the next page to fetch', () => {
    const p = page(zod.unknown()).parse(fixture('pagination'))
    expect(pageInfo(p._pagination, 10, 2)).toEqual({ total: 62, count: 10, perPage: 10, currentPage: 2, totalPages: 7, next: '/v1/endpoint?page=3', previous: '/v1/endpoint?page=1', nextPage: 3 })
  })

  it('maps surveys with their main and extra questions', () => {
    const s = Survey.parse(mapSurvey(surveys[2]!))
    expect(s).toMatchObject({ externalId: 'f1975e46-0209-44bc-b145-c1e64b0f8624', metric: 'nps', scale: { min: 0, max: 10 }, kind: 'template' })
    expect(s.questions.map((q) => q.text)).toEqual(['How likely is it that you would recommend Nicereply to a friend or colleague?', 'Some extra question is the survey'])
    expect(mapSurvey(surveys[0]!).scale).toEqual({ min: 1, max: 3 })
  })

  it('maps users to staff (agent vs thing-or-action), teams with members, customers and unsubscribes', () => {
    const agent = Staff.parse(mapUser(UserEnvelope.parse(fixture('user-agent-created'))._results))
    const thing = Staff.parse(mapUser(UserEnvelope.parse(fixture('user-thing-or-action-created'))._results))
    expect(agent).toMatchObject({ kind: 'agent', name: 'Uncle Bob', email: 'unclebob@example.com', username: 'agentBob', active: true })
    expect(thing).toMatchObject({ kind: 'thing_or_action', email: null })

    const teamUsers = TeamUsersPage.parse(fixture('teams-users'))._results
    const team = TeamEnvelope.parse(fixture('team'))._results
    const t = Team.parse(mapTeam(team, { members: teamUsers[0]!.users }))
    expect(t).toMatchObject({ name: 'Team #2', memberExternalIds: ['d0cdf133-0a77-43cb-8c7c-127f8ecf154b'] })
    const withTeams = Staff.parse(mapUser(UserEnvelope.parse(fixture('user'))._results, { teams: [team] }))
    expect(withTeams).toMatchObject({ teamExternalIds: [team.id], teamName: 'Team #2' })

    const customers = CustomerPage.parse(fixture('customers'))._results
    const c = Customer.parse(mapCustomer(customers[1]!, { unsubscribedEmails: new Set(['unclebob@example.com']) }))
    expect(c).toMatchObject({ name: 'Robert C. Martin', optedOut: true, createdAt: '2017-10-24T11:37:01.000Z' })

    const u = Unsubscribe.parse(mapUnsubscribe(UnsubscribePage.parse(fixture('unsubscribes'))._results[0]!))
    expect(u).toMatchObject({ email: 'customer3@example.com', createdAt: '2021-08-23T12:21:02.000Z' })
  })

  it('reads the documented error body into field details', () => {
    const body = WireErrorBody.parse(fixture('errors'))
    const summary = readNicereplyError(body)
    expect(summary.details).toEqual([
      { field: 'per_page', message: 'This value should be 100 or less.' },
      { field: 'page', message: 'This value should be a valid number.' },
      { field: 'survey_id', message: 'This field is missing.' }
    ])
  })
})
