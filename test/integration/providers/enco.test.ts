import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Survey } from '../../../src/shared/domain/model'
import { secretForms } from '../../../src/main/http'
import { createEncoClient, EncoReportSummary, mapReport, mapSurvey, startEncoSimulator, type EncoClient } from '../../../src/main/providers/enco'
import type { ProviderSimulatorHandle } from '../../../src/main/providers/types'
import { createProviderTestRecorder } from '../../support/provider-test-kit'

/** Everything the client and simulator wrote, and every error raised, for the secret scan at the end. */
const rec = createProviderTestRecorder()
const { logLines, failure } = rec
const seenErrors = rec.errors
const delays = rec.waits
const WRONG_TOKEN = 'enco-wrong-token-0f9e8d7c6b5a'

let handle: ProviderSimulatorHandle
const clients: EncoClient[] = []

function client(opts: { secret?: string; baseUrl?: string } = {}): EncoClient {
  const c = createEncoClient(
    {
      id: 'enco-test',
      baseUrl: opts.baseUrl ?? handle.baseUrl,
      region: null,
      settings: {},
      secret: opts.secret ?? handle.credentials.secret,
      log: rec.log
    },
    // Waits are recorded (to check Retry-After was honoured) and cut short, so the suite stays fast.
    { httpOptions: rec.httpOptions({}, { realWaitCapMs: 5 }) }
  )
  clients.push(c)
  return c
}

const P = '/survey/1.0.0'

beforeAll(async () => {
  handle = await startEncoSimulator({ seed: 7, volume: 1200, log: (line) => logLines.push(line) })
})
afterEach(() => {
  handle.sim.faults.reset()
  delays.length = 0
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await handle.close()
})

describe('Enco client against its simulator', () => {
  it('listSurveys: the seeded surveys, newest first, with Bearer auth and JSON headers', async () => {
    const surveys = await client().listSurveys()
    expect(surveys.length).toBeGreaterThanOrEqual(3)
    expect(surveys.map((s) => s.id)).toEqual([...surveys.map((s) => s.id)].sort((a, b) => b - a))
    for (const s of surveys) Survey.parse(mapSurvey(s))
    const last = handle.sim.requests.last()!
    expect(last.path).toBe(`${P}/surveys`)
    expect(last.headers.authorization).toBe('Bearer')
    expect(last.headers.accept).toContain('application/json')
  })

  it('listSurveysPages: one page holding every survey', async () => {
    const pages = []
    for await (const page of client().listSurveysPages()) pages.push(page)
    expect(pages).toHaveLength(1)
    expect(pages[0]!.page).toEqual({ number: 1, last: true })
    expect(pages[0]!.items.length).toBe((await client().listSurveys()).length)
  })

  it('createSurvey then listSurveys: the new survey is listed with its question and language', async () => {
    const c = client()
    const created = await c.createSurvey({
      name: 'waffles',
      interactionType: 'general',
      questions: [{ body: 'On a scale from 0-10 , how likely are you to recommend our waffles to a friend or colleague?', language: 'en-GB' }]
    })
    expect(created.questions).toHaveLength(1)
    expect(handle.sim.requests.last()!.headers['content-type']).toContain('application/json')
    const listed = (await c.listSurveys()).find((s) => s.id === created.id)
    expect(listed).toMatchObject({ name: 'waffles', interactionType: 'general' })
    expect(Survey.parse(mapSurvey(listed!)).questions[0]!.language).toBe('en-GB')
  })

  it('addQuestion: a question in another language is added and listed', async () => {
    const c = client()
    const survey = await c.createSurvey({ name: 'support team', interactionType: 'technical issue', questions: [{ body: 'How likely ...?', language: 'en-GB' }] })
    const q = await c.addQuestion(survey.id, { body: 'Hoe was jou ervaring met ons support team? Stuur ons je score tussen 0 en 10 door te antwoorden op dit bericht', language: 'nl-BE' })
    expect(q).toMatchObject({ language: 'nl-BE' })
    const listed = (await c.listSurveys()).find((s) => s.id === survey.id)!
    expect(mapSurvey(listed).questions.map((x) => x.language)).toEqual(['en-GB', 'nl-BE'])
  })

  it('deleteSurvey: gone from the list, and its report is not found', async () => {
    const c = client()
    const survey = await c.createSurvey({ name: 'biscuits', interactionType: 'general', questions: [] })
    await c.deleteSurvey(survey.id)
    expect((await c.listSurveys()).some((s) => s.id === survey.id)).toBe(false)
    expect((await failure(c.getSurveyReport(survey.id))).code).toBe('not_found')
    expect((await failure(c.deleteSurvey(survey.id))).code).toBe('not_found')
  })

  it('sendSurvey: the batch is sent once, as documented, and counted in the survey report', async () => {
    const c = client()
    const survey = await c.createSurvey({ name: 'installers', interactionType: 'service delivery', questions: [{ body: 'Score 0-10?', language: 'en-GB' }, { body: 'Score 0-10?', language: 'FR' }] })
    const before = await c.getSurveyReport(survey.id)
    expect(before.responseStatistics.totalRequests).toBe(0)
    const result = await c.sendSurvey(survey.id, {
      requests: [
        { channel: 'SMS', segments: ['male', 'customer'], destination: '+32472306705', referenceId: 'my-customer-reference', language: 'en-GB' },
        { channel: 'VOICE', segments: ['female'], destination: '+32472306706', language: 'FR' }
      ]
    })
    expect(result.accepted).toBe(2)
    const sent = handle.sim.requests.find({ method: 'POST', path: `${P}/surveys/${survey.id}/send` })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.body).toEqual({
      requests: [
        { channel: 'SMS', segments: ['male', 'customer'], destination: '+32472306705', referenceId: 'my-customer-reference', language: 'en-GB' },
        { channel: 'VOICE', segments: ['female'], destination: '+32472306706', language: 'FR' }
      ]
    })
    const after = await c.getSurveyReport(survey.id)
    expect(after.responseStatistics.totalRequests).toBe(2)
    expect((await c.getSurveyReport(survey.id, { channel: 'VOICE' })).responseStatistics.totalRequests).toBe(1)
  })

  it('getSurveyReport: dates, channel, segments and segmentMode are sent as documented and applied', async () => {
    const c = client()
    const id = (await c.listSurveys()).find((s) => s.id === 1)!.id
    const all = await c.getSurveyReport(id)
    const sms = await c.getSurveyReport(id, { channel: 'SMS' })
    const voice = await c.getSurveyReport(id, { channel: 'VOICE' })
    expect(sms.responseStatistics.totalRequests + voice.responseStatistics.totalRequests).toBe(all.responseStatistics.totalRequests)
    expect(sms.responseStatistics.totalRequests).toBeGreaterThan(voice.responseStatistics.totalRequests)

    const any = await c.getSurveyReport(id, { segments: ['male', 'vip'], segmentMode: 'ANY' })
    const both = await c.getSurveyReport(id, { segments: ['male', 'vip'], segmentMode: 'ALL' })
    const q = new URLSearchParams(handle.sim.requests.last()!.query)
    expect(q.get('segments')).toBe('male,vip')
    expect(q.get('segmentMode')).toBe('ALL')
    expect(any.responseStatistics.totalRequests).toBeGreaterThan(both.responseStatistics.totalRequests)
    expect(both.segments).toEqual(['male', 'vip'])

    const startDate = '2024-01-01T00:00:00.000+01:00'
    const endDate = '2024-06-30T23:59:59.999+02:00'
    const half = await c.getSurveyReport(id, { startDate, endDate, channel: 'SMS', segments: ['customer'], segmentMode: 'ANY' })
    expect(new URLSearchParams(handle.sim.requests.last()!.query).get('startDate')).toBe(startDate)
    expect(half.from).toBe('2024-01-01T00:00:00.000')
    expect(half.responseStatistics.totalRequests).toBeGreaterThan(0)
    expect(half.responseStatistics.totalRequests).toBeLessThan(sms.responseStatistics.totalRequests)
    const summary = EncoReportSummary.parse(mapReport(half, { surveyId: id, requested: { startDate, endDate } }))
    expect(summary.from).toBe('2023-12-31T23:00:00.000Z')
    expect(summary.promoters + summary.detractors + (summary.passives ?? 0)).toBe(summary.goodResponses)
    expect(summary.score).toBe(Math.round(((summary.promoters - summary.detractors) / summary.goodResponses) * 100))
  })

  it('getGlobalReport: the sum over every survey', async () => {
    const c = client()
    const params = { startDate: new Date(Date.UTC(2024, 0, 1)), endDate: new Date(Date.UTC(2025, 0, 1)) }
    const global = await c.getGlobalReport(params)
    let total = 0
    let good = 0
    for (const s of await c.listSurveys()) {
      const r = await c.getSurveyReport(s.id, params)
      total += r.responseStatistics.totalRequests
      good += r.responseStatistics.goodResponses
    }
    expect(global.responseStatistics.totalRequests).toBe(total)
    expect(global.responseStatistics.goodResponses).toBe(good)
    expect(handle.sim.requests.find({ path: `${P}/report` }).length).toBeGreaterThan(0)
  })

  it('probe: works with the right token', async () => {
    expect(await client().probe()).toMatchObject({ outcome: 'works' })
  })
})

describe('Enco errors', () => {
  it('a bad input is refused before sending, with details naming the field', async () => {
    const c = client()
    const before = handle.sim.requests.total
    const noName = await failure(c.createSurvey({ name: ' ', interactionType: 'general' }))
    expect(noName.code).toBe('validation')
    expect(noName.details[0]!.field).toBe('name')
    const badChannel = await failure(c.sendSurvey(1, { requests: [{ channel: 'EMAIL' as 'SMS', destination: '+32472306705' }] }))
    expect(badChannel.code).toBe('validation')
    expect(badChannel.details).toEqual([{ field: 'requests.0.channel', message: 'must be SMS or VOICE' }])
    const badDate = await failure(c.getGlobalReport({ startDate: '2019-11-01' }))
    expect(badDate.details[0]!.field).toBe('startDate')
    expect(handle.sim.requests.total).toBe(before)
  })

  it('a validation error from Enco becomes AppError validation with details naming the field', async () => {
    const err = await failure(client().sendSurvey(1, { requests: [{ channel: 'SMS', destination: 'call me maybe' }] }))
    expect(err.code).toBe('validation')
    expect(err.details).toEqual([{ field: 'requests[0].destination', message: 'must be a phone number in international format, e.g. +32472306705' }])
    expect(err.message).toContain('Enco Promoter Survey did not accept the request')
  })

  it('a wrong token is unauthorized, and probe says the credentials were rejected', async () => {
    const c = client({ secret: WRONG_TOKEN })
    const err = await failure(c.listSurveys())
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('bearer token')
    expect(await c.probe()).toMatchObject({ outcome: 'credentials_rejected' })
  })

  it('a stopped simulator is not reachable', async () => {
    const other = await startEncoSimulator({ seed: 1, volume: 10 })
    const c = client({ baseUrl: other.baseUrl })
    expect((await c.probe()).outcome).toBe('works')
    await other.close()
    const probe = await c.probe()
    expect(probe.outcome).toBe('not_reachable')
    expect(probe.message).toContain('Could not reach Enco Promoter Survey')
  })

  it('429 with Retry-After on a GET is waited out and retried', async () => {
    const c = client()
    handle.sim.faults.set({ rateLimitBurst: { every: 1, count: 1, retryAfterSeconds: 1 } })
    await c.listSurveys()
    const surveys = await c.listSurveys()
    expect(surveys.length).toBeGreaterThan(0)
    expect(handle.sim.requests.count({ fault: 'rate-limit' })).toBeGreaterThanOrEqual(1)
    expect(delays.some((d) => d >= 1000)).toBe(true)
  })

  it('5xx on GETs are retried until they succeed', async () => {
    const c = client()
    handle.sim.faults.set({ errorRate: 0.3 })
    const startSeq = handle.sim.requests.total
    for (let i = 0; i < 6; i++) expect((await c.getGlobalReport()).nps).toBeDefined()
    const errors = handle.sim.requests.find((e) => e.seq > startSeq && e.fault === 'error')
    expect(errors.length).toBeGreaterThan(0)
  })

  it('a POST that creates or sends is NOT retried on 5xx', async () => {
    const c = client()
    const survey = await c.createSurvey({ name: 'webshop', interactionType: 'payment', questions: [{ body: 'Score?', language: 'en-GB' }] })
    handle.sim.faults.set({ errorRate: 1 })
    const seq = handle.sim.requests.total
    const sendErr = await failure(c.sendSurvey(survey.id, { requests: [{ channel: 'SMS', destination: '+32470000001' }] }))
    expect(sendErr.code).toBe('provider')
    expect(sendErr.retryable).toBe(true)
    expect(handle.sim.requests.find((e) => e.seq > seq && e.method === 'POST' && e.path === `${P}/surveys/${survey.id}/send`)).toHaveLength(1)
    const createErr = await failure(c.createSurvey({ name: 'x', interactionType: 'y' }))
    expect(createErr.code).toBe('provider')
    expect(handle.sim.requests.find((e) => e.seq > seq && e.method === 'POST' && e.path === `${P}/surveys`)).toHaveLength(1)
  })

  it('a dropped connection on a GET is recovered', async () => {
    const c = client()
    handle.sim.faults.set({ dropRate: 0.4 })
    const seq = handle.sim.requests.total
    for (let i = 0; i < 6; i++) expect((await c.listSurveys()).length).toBeGreaterThan(0)
    expect(handle.sim.requests.find((e) => e.seq > seq && e.fault === 'drop').length).toBeGreaterThan(0)
  })

  it('a malformed answer is an AppError provider naming the operation', async () => {
    const c = client()
    handle.sim.faults.set({ malformed: { path: `${P}/surveys`, times: 1 } })
    const err = await failure(c.listSurveys())
    expect(err.code).toBe('provider')
    expect(err.message).toContain('(list surveys)')
    expect((await c.listSurveys()).length).toBeGreaterThan(0)
  })

  it('a redirect to another host is followed without sending the token there', async () => {
    const seenAuth: (string | undefined)[] = []
    const mover = createServer((req, res) => {
      seenAuth.push(req.headers.authorization)
      res.writeHead(307, { location: `${handle.sim.url}${req.url ?? '/'}` }).end()
    })
    await new Promise<void>((resolve) => mover.listen(0, '127.0.0.1', resolve))
    try {
      const c = client({ baseUrl: `http://127.0.0.1:${(mover.address() as AddressInfo).port}${P}` })
      const seq = handle.sim.requests.total
      const err = await failure(c.listSurveys())
      expect(err.code).toBe('unauthorized')
      expect(seenAuth[0]).toMatch(/^Bearer /)
      const arrived = handle.sim.requests.find((e) => e.seq > seq)
      expect(arrived).toHaveLength(1)
      expect(arrived[0]).toMatchObject({ path: `${P}/surveys`, status: 401 })
      expect(arrived[0]!.headers.authorization).toBeUndefined()
    } finally {
      mover.closeAllConnections()
      await new Promise<void>((resolve) => mover.close(() => resolve()))
    }
  })

  it('latency is survived', async () => {
    handle.sim.faults.set({ latencyMs: 30 })
    expect((await client().probe()).outcome).toBe('works')
  })

  it('an id that is not a number is refused before sending', async () => {
    const err = await failure(client().deleteSurvey('8; DROP'))
    expect(err.code).toBe('validation')
  })
})

describe('Enco simulator speaks Enco', () => {
  it('answers raw requests with 401 without a token and Spring-style field errors', async () => {
    const noToken = await fetch(`${handle.baseUrl}/surveys`)
    expect(noToken.status).toBe(401)
    expect(await noToken.json()).toMatchObject({ status: 401, error: 'Unauthorized', path: `${P}/surveys` })
    const bad = await fetch(`${handle.baseUrl}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${handle.credentials.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', questions: [{ body: 'Score?' }] })
    })
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as { errors: { field: string }[] }
    expect(body.errors.map((e) => e.field)).toEqual(['interactionType', 'questions[0].language'])
    const unknown = await fetch(`${handle.baseUrl}/nowhere`, { headers: { authorization: `Bearer ${handle.credentials.secret}` } })
    expect(unknown.status).toBe(404)
  })
})

describe('Enco secrets', () => {
  it('no log line, error message or error detail contains the token', () => {
    expect(logLines.length).toBeGreaterThan(20)
    expect(seenErrors.length).toBeGreaterThan(5)
    const texts = [...logLines, ...seenErrors.flatMap((e) => [e.message, ...e.details.flatMap((d) => [d.field, d.message])])]
    for (const secret of [handle.credentials.secret, WRONG_TOKEN]) {
      for (const form of secretForms(secret)) {
        expect(texts.filter((t) => t.includes(form))).toEqual([])
      }
    }
  })
})
