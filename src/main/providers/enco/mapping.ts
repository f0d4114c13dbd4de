import { z } from 'zod'
import type { Question, Survey } from '../../../shared/domain/model'
import { toIsoUtc } from './time'
import type { EncoQuestion, EncoReport, EncoSurvey } from './wire'

/**
 * Enco wire -> unified model. Pure functions. Surveys become Survey (+ Question with its language);
 * a report has no counterpart in the unified model (it is Enco's own arithmetic over data Enco keeps
 * and never hands out), so it maps to EncoReportSummary: provider-side figures, typed.
 */

/** Enco is a Belgian service; its reports print local times without a zone. */
export const ENCO_TIME_ZONE = 'Europe/Brussels'

/** The list example pads values (" en-GB ", " On a scale ..."); the raw object keeps them as sent. */
const tidy = (s: string): string => s.trim().replace(/\s+/g, ' ')

/** 'en-GB', 'FR' -> 'fr', 'nl_BE' -> 'nl-BE': BCP 47 casing, whatever the document's spelling. */
export function normaliseLanguage(language: string): string | null {
  const parts = language.trim().split(/[-_]/).filter(Boolean)
  if (parts.length === 0) return null
  const [head, ...rest] = parts
  return [head!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p))].join('-')
}

export function mapQuestion(q: EncoQuestion, position: number | null = null): Question {
  return {
    externalId: String(q.id),
    text: tidy(q.body),
    // Every Enco question is the NPS question (0-10), asked in one language.
    type: 'nps',
    language: normaliseLanguage(q.language),
    position
  }
}

export function mapSurvey(s: EncoSurvey): Survey {
  return {
    provider: 'enco',
    externalId: String(s.id),
    name: tidy(s.name),
    metric: 'nps',
    scale: { min: 0, max: 10 },
    kind: s.interactionType ? tidy(s.interactionType) : null,
    active: null,
    questions: s.questions.map((q, i) => mapQuestion(q, i)),
    createdAt: null,
    raw: s
  }
}

export const EncoReportSummary = z.object({
  provider: z.literal('enco'),
  /** The survey the report is about, or null for the global report. */
  surveyExternalId: z.string().nullable(),
  generatedAt: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  channel: z.enum(['SMS', 'VOICE']).nullable(),
  segments: z.array(z.string()),
  segmentMode: z.enum(['ALL', 'ANY']).nullable(),
  metric: z.literal('nps'),
  /** -100..100; null when there were no good responses to score. */
  score: z.number().nullable(),
  scale: z.object({ min: z.literal(-100), max: z.literal(100) }),
  promoters: z.number(),
  detractors: z.number(),
  /** Good responses that were neither (7-8); null when the figures do not add up. */
  passives: z.number().nullable(),
  requests: z.number(),
  responses: z.number(),
  goodResponses: z.number(),
  badResponses: z.number(),
  failed: z.number(),
  /** responses / requests, 0..1; null without requests. */
  responseRate: z.number().nullable(),
  /** Fields of the answer that could not be read, e.g. ['date']; empty when all was understood. */
  unreadable: z.array(z.string()),
  raw: z.unknown()
})
export type EncoReportSummary = z.infer<typeof EncoReportSummary>

export interface ReportContext {
  surveyId?: string | number | null
  /** What was asked; preferred over the echoed from/to, which lose the offset that was sent. */
  requested?: { startDate?: string | Date; endDate?: string | Date }
  timeZone?: string
}

const asIso = (v: string | Date | undefined): string | null => (v === undefined ? null : v instanceof Date ? v.toISOString() : toIsoUtc(v))

export function mapReport(r: EncoReport, ctx: ReportContext = {}): EncoReportSummary {
  const zone = ctx.timeZone ?? ENCO_TIME_ZONE
  const unreadable: string[] = []
  const time = (field: 'date' | 'from' | 'to', requested?: string | Date): string | null => {
    const fromRequest = asIso(requested)
    if (fromRequest) return fromRequest
    const value = r[field]
    const iso = toIsoUtc(value, zone)
    if (iso === null && value !== null && value !== undefined) unreadable.push(field)
    return iso
  }
  const mode = r.segmentMode?.trim().toUpperCase()
  const channel = r.channel?.trim().toUpperCase()
  const stats = r.responseStatistics
  const passives = stats.goodResponses - r.nps.promoters - r.nps.detractors
  if (mode && mode !== 'ALL' && mode !== 'ANY') unreadable.push('segmentMode')
  if (channel && channel !== 'SMS' && channel !== 'VOICE') unreadable.push('channel')
  return {
    provider: 'enco',
    surveyExternalId: ctx.surveyId === undefined || ctx.surveyId === null ? null : String(ctx.surveyId),
    generatedAt: time('date'),
    from: time('from', ctx.requested?.startDate),
    to: time('to', ctx.requested?.endDate),
    channel: channel === 'SMS' || channel === 'VOICE' ? channel : null,
    segments: r.segments.map(tidy),
    segmentMode: mode === 'ALL' || mode === 'ANY' ? mode : null,
    metric: 'nps',
    // Enco sends a score even when nobody answered; 0 from no answers is no score at all.
    score: stats.goodResponses > 0 && r.nps.score !== null ? r.nps.score : null,
    scale: { min: -100, max: 100 },
    promoters: r.nps.promoters,
    detractors: r.nps.detractors,
    passives: passives >= 0 ? passives : null,
    requests: stats.totalRequests,
    responses: stats.totalResponses,
    goodResponses: stats.goodResponses,
    badResponses: stats.badResponses,
    failed: stats.failed,
    responseRate: stats.totalRequests > 0 ? stats.totalResponses / stats.totalRequests : null,
    unreadable,
    raw: r
  }
}
