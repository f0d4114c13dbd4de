import { z, type ZodType } from 'zod'
import { AppError, zodIssuesToFieldErrors, type FieldError } from '../../../shared/errors'
import { PROVIDERS } from '../../../shared/providers'
import { bearerAuth, createHttpClient, DEFAULT_RATE_LIMITS, encoErrors, type ErrorMapper, type HttpClientOptions } from '../../http'
import { probeFailure, probeSuccess, type ProbeResult, type ProviderConnectionConfig } from '../types'
import {
  EncoCreateSurveyInput,
  EncoQuestion,
  EncoQuestionInput,
  EncoReport,
  EncoReportParams,
  EncoSendInput,
  EncoSurvey,
  EncoSurveyList,
  WireId
} from './wire'

/**
 * Client of the Enco Promoter Survey API (enco-promoter-survey-1.0.0.txt): every endpoint of the
 * document, Bearer auth, through the one HTTP layer. Inputs are checked before anything is sent, so
 * a bad send never reaches (or bills) Enco. POST /surveys/{id}/send is never retried: a second
 * attempt would text the customer twice.
 */

export interface EncoClientDeps {
  httpOptions?: Partial<HttpClientOptions>
}

export type SurveyId = number | string

/** What POST /surveys/{id}/send answered; the document prints no response body. */
export interface EncoSendResult {
  /** Requests in the batch Enco accepted (the whole batch, or the call fails). */
  accepted: number
  status: number
  /** Whatever Enco sent back, unparsed. */
  body: unknown
}

export interface EncoPage<T> {
  items: T[]
  /** GET /surveys is not paged: one page, always the last. */
  page: { number: number; last: boolean }
}

/**
 * Enco documents no error body, so encoErrors reads the status (and a `message` if there is one).
 * Its Java back end also lists rejected fields Spring-style (`errors: [{field, defaultMessage}]`);
 * those become the error's details so a form can point at the field.
 */
export const encoErrorsWithFields: ErrorMapper = (res) => {
  const base = encoErrors(res)
  if (base.details.length > 0) return base
  const body = res.body
  const list = body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors) ? ((body as { errors: unknown[] }).errors) : []
  const details: FieldError[] = []
  for (const e of list) {
    if (!e || typeof e !== 'object') continue
    const rec = e as Record<string, unknown>
    const field = typeof rec.field === 'string' ? rec.field : ''
    const message = typeof rec.defaultMessage === 'string' ? rec.defaultMessage : typeof rec.message === 'string' ? rec.message : 'is not valid'
    details.push({ field, message })
  }
  return details.length > 0 ? new AppError(base.code, base.message, { details, retryable: base.retryable }) : base
}

function check<S extends ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const details = zodIssuesToFieldErrors(parsed.error)
  const first = details[0]
  throw AppError.validation(details, `Survey Desk did not send ${what} to Enco Promoter Survey: ${first ? `${first.field || 'input'}: ${first.message}` : 'it is not valid'}`)
}

const surveyPath = (id: SurveyId, suffix = ''): string => `/surveys/${encodeURIComponent(String(check(WireId, id, 'the survey id')))}${suffix}`

/** startDate/endDate go out as ISO 8601; a Date is written in UTC ('...Z'), a string as given. */
function reportQuery(params: EncoReportParams): Record<string, string | string[] | undefined> {
  const p = check(EncoReportParams, params, 'the report request')
  const iso = (d: string | Date | undefined): string | undefined => (d instanceof Date ? d.toISOString() : d)
  return {
    startDate: iso(p.startDate),
    endDate: iso(p.endDate),
    channel: p.channel,
    segmentMode: p.segmentMode,
    segments: p.segments && p.segments.length > 0 ? p.segments : undefined
  }
}

/** POST /surveys/{id}/question answers a question, the whole survey, or nothing; undocumented, so all three are read. */
const AddQuestionAnswer = z.union([EncoQuestion, EncoSurvey, z.undefined(), z.string()])

export function createEncoClient(config: ProviderConnectionConfig, deps: EncoClientDeps = {}) {
  const http = createHttpClient({
    provider: 'enco',
    baseUrl: (config.baseUrl ?? PROVIDERS.enco.defaultBaseUrl).replace(/\/+$/, ''),
    auth: bearerAuth(config.secret),
    mapError: encoErrorsWithFields,
    rateLimit: config.rateLimit ?? DEFAULT_RATE_LIMITS.enco,
    log: config.log,
    ...deps.httpOptions
  })

  /** GET /surveys */
  async function listSurveys(opts: { signal?: AbortSignal } = {}): Promise<EncoSurvey[]> {
    const res = await http.request({ method: 'GET', path: '/surveys', signal: opts.signal, operation: 'list surveys' }, EncoSurveyList)
    return res.body
  }

  return {
    /** POST /surveys: name, interactionType and the question in one or more languages. */
    async createSurvey(input: EncoCreateSurveyInput, opts: { signal?: AbortSignal } = {}): Promise<EncoSurvey> {
      const body = check(EncoCreateSurveyInput, input, 'the new survey')
      const res = await http.request({ method: 'POST', path: '/surveys', json: body, signal: opts.signal, operation: 'create a survey' }, EncoSurvey)
      return res.body
    },

    listSurveys,

    /** GET /surveys as a pager, for a sync that checkpoints per page (Enco answers everything at once). */
    async *listSurveysPages(opts: { signal?: AbortSignal } = {}): AsyncGenerator<EncoPage<EncoSurvey>> {
      yield { items: await listSurveys(opts), page: { number: 1, last: true } }
    },

    /** DELETE /surveys/{id}: also deletes every response and score of the survey at Enco. */
    async deleteSurvey(id: SurveyId, opts: { signal?: AbortSignal } = {}): Promise<void> {
      await http.request({ method: 'DELETE', path: surveyPath(id), signal: opts.signal, operation: `delete survey ${id}` })
    },

    /**
     * POST /surveys/{id}/question: the survey's question in another language (or another tone).
     * Returns the question as Enco stored it, or null when Enco's answer does not show it.
     */
    async addQuestion(id: SurveyId, input: EncoQuestionInput, opts: { signal?: AbortSignal } = {}): Promise<EncoQuestion | null> {
      const body = check(EncoQuestionInput, input, 'the question')
      const res = await http.request(
        { method: 'POST', path: surveyPath(id, '/question'), json: body, signal: opts.signal, operation: `add a question to survey ${id}` },
        AddQuestionAnswer
      )
      const answer = res.body
      if (answer === undefined || typeof answer === 'string') return null
      const survey = EncoSurvey.safeParse(answer)
      if (survey.success && Array.isArray((answer as { questions?: unknown }).questions)) {
        const same = survey.data.questions.filter((q) => q.body.trim() === body.body && q.language.trim().toLowerCase() === body.language.toLowerCase())
        return same[same.length - 1] ?? null
      }
      return EncoQuestion.parse(answer)
    },

    /**
     * POST /surveys/{id}/send: a batch of `requests` (channel SMS or VOICE, destination, segments,
     * referenceId, language). Billed per message, so never retried: a failure is reported, and the
     * caller decides.
     */
    async sendSurvey(id: SurveyId, input: EncoSendInput, opts: { signal?: AbortSignal } = {}): Promise<EncoSendResult> {
      const body = check(EncoSendInput, input, 'the survey invitations')
      const res = await http.request({
        method: 'POST',
        path: surveyPath(id, '/send'),
        json: body,
        idempotent: false,
        signal: opts.signal,
        operation: `send survey ${id} (${body.requests.length} ${body.requests.length === 1 ? 'request' : 'requests'})`
      })
      return { accepted: body.requests.length, status: res.status, body: res.body }
    },

    /** GET /surveys/{id}/report: startDate, endDate, channel, segments (comma-joined), segmentMode ALL / ANY. */
    async getSurveyReport(id: SurveyId, params: EncoReportParams = {}, opts: { signal?: AbortSignal } = {}): Promise<EncoReport> {
      const res = await http.request(
        { method: 'GET', path: surveyPath(id, '/report'), query: reportQuery(params), arrayFormat: 'comma', signal: opts.signal, operation: `report of survey ${id}` },
        EncoReport
      )
      return res.body
    },

    /** GET /report: the same figures over all surveys. */
    async getGlobalReport(params: EncoReportParams = {}, opts: { signal?: AbortSignal } = {}): Promise<EncoReport> {
      const res = await http.request(
        { method: 'GET', path: '/report', query: reportQuery(params), arrayFormat: 'comma', signal: opts.signal, operation: 'global report' },
        EncoReport
      )
      return res.body
    },

    /** "Test connection": GET /surveys, the cheapest authenticated call Enco has. */
    async probe(): Promise<ProbeResult> {
      try {
        const surveys = await listSurveys()
        return probeSuccess('enco', `the bearer token works and the account has ${surveys.length} ${surveys.length === 1 ? 'survey' : 'surveys'}`)
      } catch (err) {
        return probeFailure('enco', err)
      }
    },

    close: (): Promise<void> => http.close()
  }
}

export type EncoClient = ReturnType<typeof createEncoClient>
