import { AppError } from '../../../shared/errors'
import type { Answer, Response } from '../../../shared/domain/model'
import type { CgDriver, CgResponse } from './wire'

/**
 * CustomerGauge wire -> unified model. Pure functions. A response becomes a Response of kind
 * customergauge_response: its NPS answer (0-10), comment, contact and account, drivers, tags and
 * topics, additional questions as answers, and properties (segments) as properties.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?$/

/**
 * "2022-03-30 12:34:56" -> "2022-03-30T12:34:56.000Z". The document prints no zone; CustomerGauge
 * keeps its dates in UTC, so a zone-less time is read as UTC. ISO 8601 with a zone and epoch
 * numbers (seconds or milliseconds) are read too; anything else is null.
 */
export function cgDateToIso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const epoch = (n: number): string | null => {
    const d = new Date(Math.abs(n) < 1e11 ? n * 1000 : n)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  if (typeof value === 'number') return epoch(value)
  const text = value.trim()
  if (text === '' || text.startsWith('0000-00-00')) return null
  if (/^\d+$/.test(text)) return epoch(Number(text))
  const m = WALL.exec(text)
  if (m) {
    const n = (i: number): number => Number(m[i] ?? 0)
    const ms = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), m[7] ? Math.floor(Number(m[7]) * 1000) : 0)
    const d = new Date(ms)
    return Number.isNaN(ms) || d.getUTCDate() !== n(3) ? null : d.toISOString()
  }
  // Any other form is read as UTC unless it names its zone: never in this machine's zone, so the
  // mapping stays a function of the text alone (CG_RESPONSE_MAPPING).
  const d = new Date(/(?:Z|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT))$/i.test(text) ? text : `${text} UTC`)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

const clean = (s: string | null | undefined): string | null => {
  const t = s?.trim()
  return t ? t : null
}

/** 'Ordering' with secondaries ['Ease of Ordering'] -> ['Ordering / Ease of Ordering']; without -> ['Ordering']. */
export function driverLabels(drivers: readonly CgDriver[]): string[] {
  return drivers.flatMap((d) => (d.secondary.length === 0 ? [d.primary.trim()] : d.secondary.map((s) => `${d.primary.trim()} / ${s.trim()}`)))
}

function answerOf(q: NonNullable<CgResponse['questions']>[number]): Answer {
  const a = q.answer
  const textValue = a === null || a === undefined ? null : Array.isArray(a) ? a.map(String).join(', ') : String(a)
  const numeric = typeof a === 'number' ? a : typeof a === 'string' && /^-?\d+(\.\d+)?$/.test(a.trim()) ? Number(a) : null
  return {
    questionId: null,
    question: q.title.trim(),
    type: Array.isArray(a) ? 'multiple_choice' : numeric !== null ? 'rating' : typeof a === 'boolean' ? 'boolean' : 'text',
    score: numeric,
    text: textValue,
    sentiment: null
  }
}

/** 'EN' / 'en_GB' -> 'en' / 'en-GB'. */
function languageOf(r: CgResponse): string | null {
  const locale = clean(r.locale)
  if (locale) {
    const [lang, region] = locale.split(/[-_]/)
    return region ? `${lang!.toLowerCase()}-${region.toUpperCase()}` : lang!.toLowerCase()
  }
  return clean(r.language)?.toLowerCase() ?? null
}

/**
 * The name and version of mapResponse as a pure function of one item's text. Bump it whenever the
 * mapping's output changes (test/unit/customergauge-mapping-version.test.ts fails until you do):
 * a stored row's hash is taken from this and the text, so rows mapped the old way are rewritten by
 * the next sync that reads them again.
 */
export const CG_RESPONSE_MAPPING = 'customergauge/response@1'

/**
 * `rawJson`: the item's own text in the body (the sync's pages), kept as the stored raw JSON. Every
 * field comes from the item alone (dates are read as UTC, never in the machine's zone), so with
 * rawJson the response carries rawMapping.
 */
export function mapResponse(r: CgResponse, rawJson?: string): Response {
  const id = String(r.number_customergauge)
  // The moment of the answer; a record without one (sent, not answered) is placed at when it was sent or created.
  const respondedAt = cgDateToIso(r.date_survey_response) ?? cgDateToIso(r.date_sent) ?? cgDateToIso(r.date_creation)
  if (respondedAt === null) {
    throw new AppError('provider', `CustomerGauge response ${id} has no date Survey Desk could read (date_survey_response: ${JSON.stringify(r.date_survey_response ?? null)}).`, {
      details: [{ field: 'date_survey_response', message: 'no readable date' }]
    })
  }
  const comment = typeof r.comment === 'string' ? clean(r.comment) : clean(r.comment?.original) ?? clean(r.comment?.translation)
  const first = clean(r.contact?.first_name)
  const last = clean(r.contact?.last_name)
  const name = [first, last].filter(Boolean).join(' ') || null
  const properties: Record<string, string> = {}
  for (const p of r.properties ?? []) {
    // A segment without a value says nothing; the raw JSON keeps it.
    if (p.reference !== null && p.reference !== undefined && String(p.reference).trim() !== '') properties[p.field.trim()] = String(p.reference)
  }
  const translation = typeof r.comment === 'object' && r.comment !== null ? clean(r.comment.translation) : null
  if (translation && translation !== comment) properties['comment_translation'] = translation
  return {
    provider: 'customergauge',
    kind: 'customergauge_response',
    externalId: id,
    surveyExternalId: null,
    surveyName: null,
    metric: 'nps',
    score: r.nps ?? null,
    scale: { min: 0, max: 10 },
    sentiment: null,
    comment,
    customer: {
      externalId: r.number_customer,
      name,
      email: clean(r.email),
      phone: clean(r.phone),
      company: clean(r.account?.name),
      reference: r.account?.number ?? null
    },
    siteExternalId: null,
    siteName: null,
    staffExternalId: null,
    staffName: null,
    teamExternalId: null,
    teamName: null,
    tags: [...new Set((r.tags ?? []).map((t) => t.label.trim()).filter(Boolean))],
    drivers: driverLabels(r.selected_drivers ?? []),
    answers: (r.questions ?? []).map(answerOf),
    properties,
    channel: null,
    language: languageOf(r),
    links: { reference: r.number_order, machineId: null, ticketUrl: null, sourceUrl: null },
    respondedAt,
    updatedAt: null,
    raw: r,
    ...(rawJson !== undefined ? { rawJson, rawMapping: CG_RESPONSE_MAPPING } : {})
  }
}
