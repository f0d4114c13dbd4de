import { npsScore, phoneNumber, rngFor, timestampFor, type Country, type Rng, type Seed } from '../simulator-kit'

/**
 * Seed data of the Enco simulator. Surveys are few and held in memory; the sends ("requests") that
 * reports count are generated on demand from (seed, survey, index), so a report over a large volume
 * never holds them. Send i of a survey falls in slot i of DATA_PERIOD, which lets a report jump
 * straight to the indices its date range covers.
 */

export const DATA_PERIOD = { start: Date.UTC(2024, 0, 1), end: Date.UTC(2026, 0, 1) }
export type DataPeriod = { start: number; end: number }
/** DATA_PERIOD's length, ending at `anchor` (epoch ms) instead. */
export const periodEndingAt = (anchor: number): DataPeriod => ({ start: anchor - (DATA_PERIOD.end - DATA_PERIOD.start), end: anchor })

export interface SeedQuestion {
  id: number
  body: string
  language: string
}

export interface SeedSurvey {
  id: number
  name: string
  interactionType: string
  questions: SeedQuestion[]
}

/** One survey request sent over SMS or VOICE, and what became of it. */
export interface SimSend {
  channel: 'SMS' | 'VOICE'
  segments: string[]
  destination: string
  referenceId: string | null
  language: string | null
  sentAt: number
  /** good: a 0-10 answer; bad: a reply that was not a score (eliminated); none: no reply yet. */
  outcome: 'good' | 'bad' | 'none' | 'failed'
  score: number | null
}

/** What a survey is about, as the question names it in each language (the document's "our waffles" / "nos gauffres"). */
const SUBJECTS: ReadonlyArray<{ name: string; en: string; fr: string; nl: string }> = [
  { name: 'support team', en: 'support team', fr: 'notre équipe support', nl: 'ons supportteam' },
  { name: 'waffles', en: 'waffles', fr: 'nos gaufres', nl: 'onze wafels' },
  { name: 'biscuits', en: 'biscuits', fr: 'nos biscuits', nl: 'onze koekjes' },
  { name: 'billing desk', en: 'billing desk', fr: 'notre service facturation', nl: 'onze facturatiedienst' },
  { name: 'installers', en: 'installers', fr: 'nos installateurs', nl: 'onze installateurs' },
  { name: 'webshop', en: 'webshop', fr: 'notre boutique en ligne', nl: 'onze webshop' },
  { name: 'call centre', en: 'call centre', fr: 'notre centre d’appels', nl: 'ons callcenter' },
  { name: 'showroom', en: 'showroom', fr: 'notre showroom', nl: 'onze showroom' },
  { name: 'delivery crew', en: 'delivery service', fr: 'notre service de livraison', nl: 'onze bezorgdienst' },
  { name: 'onboarding team', en: 'onboarding team', fr: 'notre équipe d’accueil', nl: 'ons onboardingteam' },
  { name: 'repairs', en: 'repair service', fr: 'notre service de réparation', nl: 'onze herstellingsdienst' },
  { name: 'chocolates', en: 'chocolates', fr: 'nos pralines', nl: 'onze pralines' }
]
const INTERACTIONS = ['general', 'technical issue', 'service cancellation', 'payment', 'sales inquiry', 'service delivery', 'customer care', 'billing']
export const SEGMENTS = ['male', 'female', 'customer', 'prospect', 'vip', 'b2b', 'b2c', 'antwerpen', 'brussel', 'gent', 'liege', 'online']

const QUESTION: Record<'en-GB' | 'FR' | 'nl-BE', (subject: (typeof SUBJECTS)[number]) => string> = {
  'en-GB': (s) => `On a scale from 0-10 , how likely are you to recommend our ${s.en} to a friend or colleague?`,
  FR: (s) => `Quelle est la probabilité, sur une échelle de 0-10, que vous recommandiez ${s.fr} à un ami ou un collègue?`,
  'nl-BE': (s) => `Hoe waarschijnlijk is het, op een schaal van 0 tot 10, dat u ${s.nl} zou aanbevelen aan een vriend of collega?`
}

/** How many surveys a volume gets: a handful, a few more for big volumes. */
export function surveyCount(volume: number): number {
  return Math.max(3, Math.min(12, Math.ceil(volume / 1000) + 2))
}

/**
 * The seeded surveys, ids 1..n, with question ids numbered after them. Some values carry the stray
 * spaces the document's list example shows (" en-GB "), as the real service returns them.
 */
export function seedSurveys(seed: Seed, volume: number): { surveys: SeedSurvey[]; nextQuestionId: number } {
  const surveys: SeedSurvey[] = []
  let questionId = 1
  const n = surveyCount(volume)
  for (let i = 0; i < n; i++) {
    const r = rngFor(seed, 'enco-survey', i)
    const subject = SUBJECTS[i % SUBJECTS.length]!
    const languages = (['en-GB', 'FR', 'nl-BE'] as const).filter((l, k) => k === 0 || r.chance(0.7))
    const padded = r.chance(0.4)
    surveys.push({
      id: i + 1,
      name: subject.name,
      interactionType: r.pick(INTERACTIONS),
      questions: languages.map((lang) => ({
        id: questionId++,
        body: padded ? ` ${QUESTION[lang](subject)} ` : QUESTION[lang](subject),
        language: padded && lang === 'en-GB' ? ' en-GB ' : lang
      }))
    })
  }
  return { surveys, nextQuestionId: questionId }
}

/** Seeded sends per survey: the volume shared out, the first surveys taking the remainder. */
export function seededSendCount(volume: number, surveyIndex: number, surveys: number): number {
  const base = Math.floor(volume / surveys)
  return base + (surveyIndex < volume % surveys ? 1 : 0)
}

function pickSegments(r: Rng): string[] {
  const out = [r.pick(['male', 'female']), r.pick(['customer', 'customer', 'prospect'])]
  if (r.chance(0.3)) out.push(r.pick(['vip', 'b2b', 'b2c', 'online']))
  if (r.chance(0.5)) out.push(r.pick(['antwerpen', 'brussel', 'gent', 'liege']))
  return out
}

/** Send `index` of survey `surveyId` (one of `count`), computed alone. */
export function seededSend(seed: Seed, surveyId: number, index: number, count: number, languages: readonly string[], period: DataPeriod = DATA_PERIOD): SimSend {
  const r = rngFor(seed, 'enco-send', surveyId, index)
  const channel = r.chance(0.85) ? 'SMS' : 'VOICE'
  const country: Country = 'BE'
  const roll = r.float()
  const outcome: SimSend['outcome'] = roll < 0.03 ? 'failed' : roll < 0.48 ? 'none' : roll < 0.52 ? 'bad' : 'good'
  return {
    channel,
    segments: pickSegments(r),
    destination: phoneNumber(r, country),
    referenceId: `crm-${surveyId}-${100000 + index}`,
    language: languages.length > 0 ? r.pick(languages).trim() : null,
    sentAt: timestampFor(r, index, { ...period, count: Math.max(1, count) }).getTime(),
    outcome,
    score: outcome === 'good' ? npsScore(r) : null
  }
}

/** Indices [from, to) of seeded sends that can fall inside [startMs, endMs], from their time slots. */
export function indexWindow(count: number, startMs: number, endMs: number, period: DataPeriod = DATA_PERIOD): { from: number; to: number } {
  if (count === 0) return { from: 0, to: 0 }
  const slot = (period.end - period.start) / count
  const from = Math.max(0, Math.floor((startMs - period.start) / slot) - 1)
  const to = Math.min(count, Math.ceil((endMs - period.start) / slot) + 1)
  return { from, to: Math.max(from, to) }
}
