import {
  cesScore,
  COMMENTS,
  companyName,
  csatScore,
  emailFor,
  npsScore,
  NPS_SCALE,
  personName,
  phoneNumber,
  rngFor,
  sentimentFor,
  staffName,
  timestampFor,
  type Country,
  type Lang,
  type Seed
} from '../simulator-kit'

/**
 * Seed data of the CustomerGauge simulator: row i (0-based) is computed from (seed, i) alone, so
 * 1,000,000 responses are served without being held. Row i has internal primary key i + 1 (the
 * cursor counts these) and CGID 52000 + 2i. Its creation date falls in slot i of DATA_PERIOD, so a
 * period filter jumps straight to the rows it can match; the other dates stay within fixed bounds
 * of it. A few cheap attributes (country, touchpoint, score) come from their own stream so an
 * outbound filter can test a row without building all of it.
 */

export const DATA_PERIOD = { start: Date.UTC(2023, 0, 1), end: Date.UTC(2026, 0, 1) }
export type DataPeriod = { start: number; end: number }

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** How far each date can lie from date_creation: [earliest, latest] offsets in ms. */
export const DATE_OFFSETS = {
  date_creation: [0, 0],
  date_order: [-14 * DAY, 0],
  date_sent: [HOUR, 48 * HOUR],
  date_survey_response: [HOUR + 5 * 60_000, 120 * HOUR]
} as const
export type DateField = keyof typeof DATE_OFFSETS

/**
 * DATA_PERIOD's length, ending so that no date of any row (answers come up to 120 h after creation)
 * lies past `anchor` (epoch ms): an anchored history has nothing "from the future".
 */
export function periodEndingAt(anchor: number): DataPeriod {
  const end = anchor - Math.max(...Object.values(DATE_OFFSETS).map(([, latest]) => latest))
  return { start: end - (DATA_PERIOD.end - DATA_PERIOD.start), end }
}

const CGID_BASE = 52_000
export const keyOf = (index: number): number => index + 1
export const cgidOf = (index: number): number => CGID_BASE + index * 2
/** The row index of a CGID, or null when no row can have it. */
export function indexOfCgid(cgid: number): number | null {
  const d = cgid - CGID_BASE
  return d >= 0 && d % 2 === 0 ? d / 2 : null
}

export type Touchpoint = 'Relationship' | 'Support' | 'Onboarding' | 'Delivery' | 'Purchase'
const DIVISION: Record<Country, string> = { BE: 'Benelux', NL: 'Benelux', FR: 'France', GB: 'UK & Ireland', US: 'North America' }

export interface CoreAttrs {
  country: Country
  lang: Lang
  touchpoint: Touchpoint
  nps: number
}

export function coreAttrs(seed: Seed, index: number): CoreAttrs {
  const r = rngFor(seed, 'cg-core', index)
  const country = r.weighted<Country>([['NL', 30], ['BE', 25], ['FR', 20], ['GB', 15], ['US', 10]])
  const lang: Lang = country === 'BE' ? (r.chance(0.4) ? 'fr' : 'nl') : country === 'NL' ? 'nl' : country === 'FR' ? 'fr' : 'en'
  const touchpoint = r.weighted<Touchpoint>([['Relationship', 30], ['Support', 30], ['Onboarding', 10], ['Delivery', 15], ['Purchase', 15]])
  return { country, lang, touchpoint, nps: npsScore(r) }
}

/** Outbound filters set up in the simulated account, by reference (the first is the document's example). */
export const OUTBOUND_FILTERS: Record<string, { label: string; test: (a: CoreAttrs) => boolean }> = {
  '147b3662-cd7e-490c-b865-9be3480ca2fd': { label: 'Country is NL', test: (a) => a.country === 'NL' },
  '5e2f8a91-3c4d-4b6e-8f7a-1d9c0b2e3a45': { label: 'Touchpoint is Support', test: (a) => a.touchpoint === 'Support' },
  'c0a8e5d2-6b1f-4f7e-9d3a-2b5c8e1f4a70': { label: 'Detractors (NPS 0-6)', test: (a) => a.nps <= 6 }
}

/** Every date of row i, as epoch ms. Rows past the seeded volume (added while running) come one a minute after the period. */
export function datesOf(seed: Seed, index: number, volume: number, period: DataPeriod = DATA_PERIOD): Record<DateField, number> {
  const r = rngFor(seed, 'cg-time', index)
  const creation =
    index < volume ? timestampFor(r, index, { ...period, count: Math.max(1, volume) }).getTime() : period.end + (index - volume + 1) * 60_000
  const order = creation - r.int(0, 14 * 24) * HOUR
  const sent = creation + r.int(1, 48) * HOUR
  const response = sent + r.int(5, 72 * 60) * 60_000
  return { date_creation: creation, date_order: order, date_sent: sent, date_survey_response: response }
}

/** Indices [from, to) of seeded rows whose `field` date can fall in [startMs, endMs]. */
export function indexWindow(volume: number, field: DateField, startMs: number, endMs: number, period: DataPeriod = DATA_PERIOD): { from: number; to: number } {
  if (volume === 0) return { from: 0, to: 0 }
  const [minOff, maxOff] = DATE_OFFSETS[field]
  const slot = (period.end - period.start) / volume
  const from = Math.max(0, Math.floor((startMs - maxOff - period.start) / slot) - 1)
  const to = Math.min(volume, Math.ceil((endMs - minOff - period.start) / slot) + 1)
  return { from, to: Math.max(from, to) }
}

/** "2022-03-30 12:34:56", as the document prints dates. */
export function cgDateText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

const LOCALE: Record<Country, Partial<Record<Lang, string>>> = {
  BE: { nl: 'nl_BE', fr: 'fr_BE' },
  NL: { nl: 'nl_NL' },
  FR: { fr: 'fr_FR' },
  GB: { en: 'en_GB' },
  US: { en: 'en_US' }
}

const DRIVERS: Record<string, readonly string[]> = {
  Ordering: ['Ease of Ordering', 'Product Information', 'Invoicing/Payments', 'Order Tracking'],
  Product: ['Ease of Use', 'Capabilities', 'Return on Investment', 'Reliability'],
  Support: ['Response Time', 'Knowledge of Staff', 'Friendliness', 'First Contact Resolution'],
  Delivery: ['On-time Delivery', 'Condition on Arrival', 'Communication'],
  Price: ['Value for Money', 'Transparency', 'Discounts']
}
const TOPICS = ['Product', 'Support', 'Delivery', 'Price', 'Billing', 'Website', 'Staff', 'Communication']
const MANUAL_TAGS = ['Escalated', 'VIP', 'Callback done', 'Churn risk', 'Upsell opportunity']
const SEGMENT_A = ['Enterprise', 'Mid-market', 'SMB']

export interface CgRow {
  key: number
  core: CoreAttrs
  dates: Record<DateField, number>
  base: Record<string, unknown>
  tags: Array<{ label: string; type: string; sentiment?: string }>
  questions: Array<{ title: string; answer: string }>
  selected_drivers: Array<{ primary: string; secondary: string[] }>
  properties: Array<{ field: string; reference: string | null }>
}

/** The account behind a response: B2B customers answer more than once, so accounts repeat. */
function accountOf(seed: Seed, accountIndex: number, lang: Lang): { name: string; number: string } {
  return { name: companyName(rngFor(seed, 'cg-account', accountIndex), lang), number: String(100 + accountIndex) }
}

export function makeRow(seed: Seed, index: number, volume: number, period: DataPeriod = DATA_PERIOD): CgRow {
  const core = coreAttrs(seed, index)
  const dates = datesOf(seed, index, volume, period)
  const r = rngFor(seed, 'cg-response', index)
  const name = personName(r, core.lang)
  const accounts = Math.max(20, Math.floor(Math.max(volume, 1) / 25))
  const account = accountOf(seed, r.int(0, accounts - 1), core.lang)
  const sentiment = sentimentFor(core.nps, NPS_SCALE)
  let original = ''
  let translation = ''
  if (r.chance(0.65)) {
    const pool = COMMENTS[core.lang][sentiment]
    const k = r.int(0, pool.length - 1)
    original = pool[k]!
    const en = COMMENTS.en[sentiment]
    translation = core.lang === 'en' ? original : (en[k % en.length] ?? original)
  }
  const phone = phoneNumber(r, core.country)
  const base: Record<string, unknown> = {
    status: 'response',
    contact: { first_name: name.first, last_name: name.last },
    account,
    number_customergauge: cgidOf(index),
    number_customer: String(10_000 + index),
    number_order: core.touchpoint === 'Relationship' ? null : String(700_000 + index),
    email: emailFor(name, core.lang, index),
    phone,
    nps: core.nps,
    comment: { original, translation },
    date_creation: cgDateText(dates.date_creation),
    date_order: cgDateText(dates.date_order),
    date_sent: cgDateText(dates.date_sent),
    date_survey_response: cgDateText(dates.date_survey_response),
    language: core.lang.toUpperCase(),
    locale: LOCALE[core.country][core.lang] ?? `${core.lang}_${core.country}`,
    follow_up: { requested: core.nps <= 6 && r.chance(0.5), details: phone.replace(/^\+/, '') }
  }

  const tagSentiment = core.nps >= 9 ? 'positive' : core.nps >= 7 ? r.pick(['neutral', 'mixed']) : r.pick(['negative', 'mixed'])
  const tags: CgRow['tags'] = []
  if (original !== '') {
    const topics = new Set<string>()
    for (let t = r.int(1, 2); t > 0; t--) topics.add(r.pick(TOPICS))
    for (const label of topics) tags.push({ label, type: 'topic', sentiment: tagSentiment })
  }
  if (r.chance(0.25)) tags.push({ label: r.pick(core.nps <= 6 ? MANUAL_TAGS : MANUAL_TAGS.slice(1)), type: 'tag' })

  const questions: CgRow['questions'] = []
  if (core.touchpoint === 'Support') questions.push({ title: 'We made it easy to solve your support issue.', answer: String(cesScore(r)) })
  if (r.chance(0.6)) questions.push({ title: 'How satisfied are you with the service you received?', answer: String(csatScore(r, 5)) })
  if (core.touchpoint === 'Delivery') questions.push({ title: 'Did your order arrive on the promised day?', answer: r.chance(0.8) ? 'Yes' : 'No' })

  const selected_drivers: CgRow['selected_drivers'] = []
  if (r.chance(0.85)) {
    const primaries = new Set<string>()
    for (let d = r.int(1, 2); d > 0; d--) primaries.add(r.pick(Object.keys(DRIVERS)))
    for (const primary of primaries) {
      const options = DRIVERS[primary]!
      const secondary = new Set<string>()
      for (let s = r.int(1, 3); s > 0; s--) secondary.add(r.pick(options))
      selected_drivers.push({ primary, secondary: [...secondary] })
    }
  }

  const properties: CgRow['properties'] = [
    { field: 'Country', reference: core.country },
    { field: 'Division', reference: DIVISION[core.country] },
    { field: 'Touchpoint', reference: core.touchpoint },
    { field: 'Key Contact', reference: r.chance(0.5) ? name.full : null },
    { field: 'Segment A', reference: r.chance(0.7) ? r.pick(SEGMENT_A) : null },
    { field: 'Account Manager', reference: r.chance(0.6) ? staffName(rngFor(seed, 'cg-manager', Number(account.number) % 12), core.lang) : null }
  ]

  return { key: keyOf(index), core, dates, base, tags, questions, selected_drivers, properties }
}

/** The JSON of a row with the blocks asked for through with[]. */
export function rowJson(row: CgRow, include: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row.base }
  if (include.has('tags')) out.tags = row.tags
  if (include.has('questions')) out.questions = row.questions
  if (include.has('selected_drivers')) out.selected_drivers = row.selected_drivers
  if (include.has('properties')) out.properties = row.properties
  return out
}
