import { json, startSimulator, text, type Route, type SimRequest, type SimResult } from '../simulator-kit'
import type { ProviderSimulatorHandle, ProviderSimulatorOptions } from '../types'
import { DATA_PERIOD, indexWindow, periodEndingAt, seedSurveys, seededSend, seededSendCount, type SeedSurvey, type SimSend } from './simulator-data'
import { ENCO_TIME_ZONE } from './mapping'
import { wallClockText } from './time'

/**
 * A loopback Enco Promoter Survey: the endpoints of enco-promoter-survey-1.0.0.txt under the same
 * /survey/1.0.0 base path as https://api.enco.io/survey/1.0.0, Bearer auth, the list newest first
 * (8 before 7, as in the example), reports computed from generated sends plus the ones made here.
 *
 * The document prints no error body. Enco's back end is Java (the report prints LocalDateTime
 * values such as "2020-02-07T16:54:42.179"), so errors are Spring Boot's default body:
 * {timestamp, status, error, message, path} and, for rejected fields, errors: [{field, defaultMessage}].
 */

export const ENCO_BASE_PATH = '/survey/1.0.0'
export const ENCO_SIM_TOKEN = 'enco-sim-bearer-6f2d94c1a87e4b03'
const DEFAULT_VOLUME = 2000
const DAY_MS = 86_400_000

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable'
}

interface FieldProblem {
  field: string
  defaultMessage: string
  rejectedValue?: unknown
}

function springError(req: SimRequest, status: number, message: string, errors?: FieldProblem[]): SimResult {
  return json(status, {
    timestamp: new Date().toISOString(),
    status,
    error: REASONS[status] ?? 'Error',
    message,
    path: req.path,
    ...(errors && errors.length > 0 ? { errors: errors.map((e) => ({ ...e, code: 'NotValid' })) } : {})
  })
}

function rejected(req: SimRequest, errors: FieldProblem[]): SimResult {
  const first = errors[0]!
  return springError(req, 400, `Validation failed: ${first.field} ${first.defaultMessage}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, errors)
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === ''
const LANGUAGE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/
const PHONE = /^\+?[1-9]\d{7,14}$/
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

function questionProblems(q: unknown, at: string): FieldProblem[] {
  if (!isRecord(q)) return [{ field: at, defaultMessage: 'must be an object with body and language' }]
  const out: FieldProblem[] = []
  if (blank(q.body)) out.push({ field: `${at}.body`, defaultMessage: 'must not be blank', rejectedValue: q.body ?? null })
  if (blank(q.language)) out.push({ field: `${at}.language`, defaultMessage: 'must not be blank', rejectedValue: q.language ?? null })
  else if (!LANGUAGE.test(String(q.language).trim())) out.push({ field: `${at}.language`, defaultMessage: 'must be a language code such as en-GB, FR or nl-BE', rejectedValue: q.language })
  return out
}

/** A report date: ISO 8601 with an offset; echoed back as the wall-clock time it named, without the offset (as Enco does). */
function readReportDate(raw: string | null): { ms: number; echo: string } | null | 'bad' {
  if (raw === null || raw.trim() === '') return null
  const t = raw.trim()
  if (!OFFSET_DATE_TIME.test(t)) return 'bad'
  const ms = Date.parse(t)
  if (Number.isNaN(ms)) return 'bad'
  const m = /(Z|([+-])(\d{2}):(\d{2}))$/.exec(t)!
  const offsetMin = m[1] === 'Z' ? 0 : (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4]))
  return { ms, echo: new Date(ms + offsetMin * 60_000).toISOString().replace(/Z$/, '') }
}

export interface EncoSimulatorHandle extends ProviderSimulatorHandle {
  /** Every request accepted by POST /surveys/{id}/send, per survey id, in order: the simulator's own record of sends. */
  sends: ReadonlyMap<number, readonly SimSend[]>
}

export async function startEncoSimulator(opts: ProviderSimulatorOptions = {}): Promise<EncoSimulatorHandle> {
  const seed = opts.seed ?? 'enco'
  const volume = Math.max(0, Math.floor(opts.volume ?? DEFAULT_VOLUME))
  const period = opts.anchor === undefined ? DATA_PERIOD : periodEndingAt(opts.anchor)
  const seeded = seedSurveys(seed, volume)
  const seededTotal = seeded.surveys.length
  const surveys = new Map<number, SeedSurvey>(seeded.surveys.map((s) => [s.id, s]))
  const created = new Map<number, SimSend[]>()
  let nextSurveyId = seededTotal + 1
  let nextQuestionId = seeded.nextQuestionId

  const findSurvey = (req: SimRequest): SeedSurvey | SimResult => {
    const raw = req.params.id ?? ''
    const id = /^\d+$/.test(raw) ? Number(raw) : NaN
    if (Number.isNaN(id)) return springError(req, 400, `Failed to convert value of type 'java.lang.String' to required type 'long'; For input string: "${raw}"`)
    return surveys.get(id) ?? springError(req, 404, `Survey ${id} not found`)
  }
  const surveyJson = (s: SeedSurvey) => ({ id: s.id, name: s.name, interactionType: s.interactionType, questions: s.questions.map((q) => ({ ...q })) })

  /** Every send of a survey whose time falls inside the window: seeded ones by index range, then the ones made here. */
  function* sendsOf(survey: SeedSurvey, startMs: number, endMs: number): Generator<SimSend> {
    if (survey.id <= seededTotal) {
      const count = seededSendCount(volume, survey.id - 1, seededTotal)
      const languages = survey.questions.map((q) => q.language)
      const { from, to } = indexWindow(count, startMs, endMs, period)
      for (let i = from; i < to; i++) yield seededSend(seed, survey.id, i, count, languages, period)
    }
    for (const s of created.get(survey.id) ?? []) yield s
  }

  function report(req: SimRequest, scope: SeedSurvey[]): SimResult {
    const problems: FieldProblem[] = []
    const start = readReportDate(req.query.get('startDate'))
    const end = readReportDate(req.query.get('endDate'))
    if (start === 'bad') problems.push({ field: 'startDate', defaultMessage: 'must be an ISO 8601 date-time with an offset, e.g. 2019-11-01T12:12:15.982+01:00', rejectedValue: req.query.get('startDate') })
    if (end === 'bad') problems.push({ field: 'endDate', defaultMessage: 'must be an ISO 8601 date-time with an offset, e.g. 2020-03-31T12:12:15.982+01:00', rejectedValue: req.query.get('endDate') })
    const channel = req.query.get('channel')?.trim() || null
    if (channel !== null && channel !== 'SMS' && channel !== 'VOICE') problems.push({ field: 'channel', defaultMessage: 'must be SMS or VOICE', rejectedValue: channel })
    const mode = req.query.get('segmentMode')?.trim() || 'ALL'
    if (mode !== 'ALL' && mode !== 'ANY') problems.push({ field: 'segmentMode', defaultMessage: 'must be ALL or ANY', rejectedValue: mode })
    if (problems.length > 0) return rejected(req, problems)
    const startMs = start && start !== 'bad' ? start.ms : period.start
    const endMs = end && end !== 'bad' ? end.ms : Date.now()
    if (startMs > endMs) return rejected(req, [{ field: 'endDate', defaultMessage: 'must not be before startDate', rejectedValue: req.query.get('endDate') }])
    const segments = req.query
      .getAll('segments')
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean)

    let totalRequests = 0
    let good = 0
    let bad = 0
    let failed = 0
    let promoters = 0
    let detractors = 0
    for (const survey of scope) {
      for (const send of sendsOf(survey, startMs, endMs)) {
        if (send.sentAt < startMs || send.sentAt > endMs) continue
        if (channel && send.channel !== channel) continue
        if (segments.length > 0) {
          const hit = mode === 'ALL' ? segments.every((s) => send.segments.includes(s)) : segments.some((s) => send.segments.includes(s))
          if (!hit) continue
        }
        totalRequests++
        if (send.outcome === 'failed') failed++
        else if (send.outcome === 'bad') bad++
        else if (send.outcome === 'good') {
          good++
          if (send.score !== null && send.score >= 9) promoters++
          else if (send.score !== null && send.score <= 6) detractors++
        }
      }
    }
    return json(200, {
      date: wallClockText(Date.now(), ENCO_TIME_ZONE),
      from: start && start !== 'bad' ? start.echo : wallClockText(startMs, ENCO_TIME_ZONE),
      to: end && end !== 'bad' ? end.echo : wallClockText(endMs, ENCO_TIME_ZONE),
      segments,
      segmentMode: mode,
      nps: { promoters, detractors, score: good > 0 ? Math.round(((promoters - detractors) / good) * 100) : 0 },
      responseStatistics: { totalRequests, totalResponses: good + bad, goodResponses: good, badResponses: bad, failed }
    })
  }

  const P = ENCO_BASE_PATH
  const routes: Route[] = [
    {
      method: 'POST',
      path: `${P}/surveys`,
      handler: (req) => {
        if (req.bodyError) return springError(req, 400, `JSON parse error: ${req.bodyError.message}`)
        const b = req.body
        if (!isRecord(b)) return springError(req, 400, 'Required request body is missing')
        const problems: FieldProblem[] = []
        if (blank(b.name)) problems.push({ field: 'name', defaultMessage: 'must not be blank', rejectedValue: b.name ?? null })
        if (blank(b.interactionType)) problems.push({ field: 'interactionType', defaultMessage: 'must not be blank', rejectedValue: b.interactionType ?? null })
        if (b.questions !== undefined && b.questions !== null && !Array.isArray(b.questions)) problems.push({ field: 'questions', defaultMessage: 'must be an array' })
        const questions = Array.isArray(b.questions) ? b.questions : []
        questions.forEach((q, i) => problems.push(...questionProblems(q, `questions[${i}]`)))
        if (problems.length > 0) return rejected(req, problems)
        const survey: SeedSurvey = {
          id: nextSurveyId++,
          name: String(b.name).trim(),
          interactionType: String(b.interactionType).trim(),
          questions: questions.map((q) => ({ id: nextQuestionId++, body: String((q as Record<string, unknown>).body), language: String((q as Record<string, unknown>).language) }))
        }
        surveys.set(survey.id, survey)
        return json(200, surveyJson(survey))
      }
    },
    {
      method: 'GET',
      path: `${P}/surveys`,
      handler: () => json(200, [...surveys.values()].sort((a, b) => b.id - a.id).map(surveyJson))
    },
    {
      method: 'DELETE',
      path: `${P}/surveys/:id`,
      handler: (req) => {
        const survey = findSurvey(req)
        if ('status' in survey) return survey
        surveys.delete(survey.id)
        created.delete(survey.id)
        return text(204)
      }
    },
    {
      method: 'POST',
      path: `${P}/surveys/:id/question`,
      handler: (req) => {
        const survey = findSurvey(req)
        if ('status' in survey) return survey
        if (req.bodyError) return springError(req, 400, `JSON parse error: ${req.bodyError.message}`)
        const problems = questionProblems(req.body, 'question').map((p) => ({ ...p, field: p.field.replace(/^question\.?/, '') || 'body' }))
        if (problems.length > 0) return rejected(req, problems)
        const b = req.body as Record<string, unknown>
        const question = { id: nextQuestionId++, body: String(b.body), language: String(b.language) }
        survey.questions.push(question)
        return json(200, question)
      }
    },
    {
      method: 'POST',
      path: `${P}/surveys/:id/send`,
      handler: (req) => {
        const survey = findSurvey(req)
        if ('status' in survey) return survey
        if (req.bodyError) return springError(req, 400, `JSON parse error: ${req.bodyError.message}`)
        const b = req.body
        if (!isRecord(b) || !Array.isArray(b.requests) || b.requests.length === 0) {
          return rejected(req, [{ field: 'requests', defaultMessage: 'must not be empty', rejectedValue: isRecord(b) ? (b.requests ?? null) : null }])
        }
        const languages = survey.questions.map((q) => q.language.trim().toLowerCase())
        if (languages.length === 0) return springError(req, 400, `Survey ${survey.id} has no question to send`)
        const problems: FieldProblem[] = []
        b.requests.forEach((r, i) => {
          const at = `requests[${i}]`
          if (!isRecord(r)) return problems.push({ field: at, defaultMessage: 'must be an object' })
          if (r.channel !== 'SMS' && r.channel !== 'VOICE') problems.push({ field: `${at}.channel`, defaultMessage: 'must be SMS or VOICE', rejectedValue: r.channel ?? null })
          if (blank(r.destination)) problems.push({ field: `${at}.destination`, defaultMessage: 'must not be blank', rejectedValue: r.destination ?? null })
          else if (!PHONE.test(String(r.destination).replace(/[\s.-]/g, ''))) problems.push({ field: `${at}.destination`, defaultMessage: 'must be a phone number in international format, e.g. +32472306705', rejectedValue: r.destination })
          if (r.segments !== undefined && (!Array.isArray(r.segments) || r.segments.some((s) => typeof s !== 'string'))) problems.push({ field: `${at}.segments`, defaultMessage: 'must be a list of strings' })
          if (r.referenceId !== undefined && r.referenceId !== null && typeof r.referenceId !== 'string') problems.push({ field: `${at}.referenceId`, defaultMessage: 'must be a string' })
          if (r.language !== undefined && r.language !== null && (typeof r.language !== 'string' || !languages.includes(r.language.trim().toLowerCase()))) {
            problems.push({ field: `${at}.language`, defaultMessage: `survey ${survey.id} has no question in this language`, rejectedValue: r.language })
          }
          return undefined
        })
        if (problems.length > 0) return rejected(req, problems)
        const list = created.get(survey.id) ?? []
        const now = Date.now()
        for (const r of b.requests as Record<string, unknown>[]) {
          const destination = String(r.destination).replace(/[\s.-]/g, '')
          // "you can't send a survey to the same person in a short amount of time": accepted, counted as failed.
          const recent = list.some((s) => s.destination === destination && now - s.sentAt < DAY_MS)
          list.push({
            channel: r.channel as 'SMS' | 'VOICE',
            segments: Array.isArray(r.segments) ? (r.segments as string[]) : [],
            destination,
            referenceId: typeof r.referenceId === 'string' ? r.referenceId : null,
            language: typeof r.language === 'string' ? r.language : null,
            sentAt: now,
            outcome: recent ? 'failed' : 'none',
            score: null
          })
        }
        created.set(survey.id, list)
        return text(202)
      }
    },
    {
      method: 'GET',
      path: `${P}/surveys/:id/report`,
      handler: (req) => {
        const survey = findSurvey(req)
        if ('status' in survey) return survey
        return report(req, [survey])
      }
    },
    { method: 'GET', path: `${P}/report`, handler: (req) => report(req, [...surveys.values()]) }
  ]

  const sim = await startSimulator({
    name: 'enco',
    seed,
    routes,
    port: opts.port,
    faults: opts.faults,
    log: opts.log,
    guard: (req) => (req.bearer() === ENCO_SIM_TOKEN ? undefined : springError(req, 401, req.auth() ? 'Invalid bearer token' : 'Full authentication is required to access this resource')),
    notFound: (req, allowed) => (allowed.length > 0 ? { ...springError(req, 405, `Request method '${req.method}' is not supported`), headers: { allow: allowed.join(', ') } } : springError(req, 404, 'No message available')),
    onError: (_err, req) => springError(req, 500, 'Unexpected error'),
    renderFault: (fault, req) => springError(req, fault.status, fault.kind === 'rate-limit' ? 'Too many requests, slow down' : 'Simulated failure')
  })

  return {
    provider: 'enco',
    sim,
    baseUrl: `${sim.url}${ENCO_BASE_PATH}`,
    credentials: { secret: ENCO_SIM_TOKEN },
    sends: created,
    close: () => sim.close()
  }
}
