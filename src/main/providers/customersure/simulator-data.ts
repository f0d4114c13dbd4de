import {
  asciiSlug,
  cityName,
  comment,
  companyName,
  emailFor,
  lazyList,
  npsScore,
  NPS_SCALE,
  personName,
  phoneNumber,
  rngFor,
  sentimentFor,
  siteName,
  surveyName,
  teamName,
  timestampFor,
  type Country,
  type Lang,
  type LazyList,
  type Rng,
  type Seed
} from '../simulator-kit'
import { formatCustomerSureTime, type DatePeriod } from './wire'

/**
 * Seed data of the CustomerSure simulator: deterministic per (seed, index), so item N is computed on
 * its own when a page holding it is asked for. Feedback responses are a lazy list (a million of them
 * cost no memory); sites, staff, surveys and templates are small and built once. Times are spread
 * over the 365 days before `anchor`.
 */

const DAY = 86_400_000
const HOUR = 3_600_000

export const RESPONSE_ID_BASE = 16_001
export const FEEDBACK_REQUEST_ID_BASE = 500_001
export const SURVEY_IDS = [277, 1484, 2166, 3021, 3307, 4120] as const
const SURVEY_LANGS: readonly Lang[] = ['en', 'en', 'nl', 'fr', 'en', 'nl']
const SURVEY_WEIGHTS = [30, 20, 15, 15, 10, 10]
export const QUESTION_ID_BASE = 12_345

// ---------- wire-shaped seed objects ----------

export interface SimSite {
  id: string
  site_code: string
  name: string
  city: string | null
  region: string
  site_type: string | null
}

export interface SimStaff {
  id: string
  code: string
  first_name: string
  surname: string
  email: string
  time_zone: string
  /** The document's example prints the string "null" for an empty value; the simulator does the same. */
  deactivated_at: string
  team_id: string
}

export interface SimQuestion {
  id: number
  question: string
  answer_type: 'Rating' | 'Text' | 'Dropdown'
}

export interface SimSurvey {
  id: number
  name: string
  locale: Lang
  questions: SimQuestion[]
}

export interface SimEmailTemplate {
  id: number
  name: string
  body: string
  subject: string
  from_name: string
  from_email: string
  locale: string
  archived: boolean
}

export interface SimTextMessageTemplate {
  id: number
  name: string
  body: string
  locale: string
  archived: boolean
}

/** One generated feedback response and the facts the simulator filters and counts on. */
export interface SimResponse {
  index: number
  id: number
  wire: Record<string, unknown>
  surveyId: number
  siteId: string
  staffId: string
  email: string
  company: string | null
  submittedAt: number
  updatedAt: number
  /** 0-10 answers to the survey's recommend (NPS) and satisfaction (CSAT) questions. */
  nps: number
  satisfaction: number
  /** Whether it came in through a feedback request (a reply, for the response rate). */
  viaRequest: boolean
  /** Feedback requests sent around the same time that got no reply, and how many of them were delivered. */
  unansweredSent: number
  unansweredDelivered: number
}

// ---------- fixed texts ----------

const QUESTIONS: Record<Lang, { nps: string; csat: string; topic: string; comment: string }> = {
  en: {
    nps: 'How likely are you to recommend us to a friend or colleague?',
    csat: 'How satisfied were you with the support you received?',
    topic: 'What was your enquiry about?',
    comment: "Is there anything else you'd like to tell us?"
  },
  nl: {
    nps: 'Hoe waarschijnlijk is het dat u ons aanbeveelt bij vrienden of collega’s?',
    csat: 'Hoe tevreden bent u over de hulp die u kreeg?',
    topic: 'Waarover ging uw vraag?',
    comment: 'Wilt u ons nog iets vertellen?'
  },
  fr: {
    nps: 'Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?',
    csat: 'Êtes-vous satisfait de l’aide que vous avez reçue ?',
    topic: 'Quel était l’objet de votre demande ?',
    comment: 'Souhaitez-vous nous dire autre chose ?'
  }
}

const TOPICS: Record<Lang, readonly string[]> = {
  en: ['Billing', 'Delivery', 'Returns', 'Technical problem', 'Other'],
  nl: ['Facturatie', 'Levering', 'Retourneren', 'Technisch probleem', 'Overig'],
  fr: ['Facturation', 'Livraison', 'Retour', 'Problème technique', 'Autre']
}

const STREETS: Record<Lang, readonly string[]> = {
  en: ['High Street', 'Station Road', 'Church Lane', 'Park Avenue', 'Victoria Road', 'Mill Lane'],
  nl: ['Kerkstraat', 'Stationsweg', 'Dorpsstraat', 'Molenweg', 'Schoolstraat', 'Marktplein'],
  fr: ['rue de la République', 'avenue Victor Hugo', 'rue Pasteur', 'boulevard Voltaire', 'rue des Lilas', 'place de la Gare']
}

const REGION_BY_CITY: Record<string, string> = {
  Antwerpen: 'Antwerpen', Gent: 'Oost-Vlaanderen', Brugge: 'West-Vlaanderen', Leuven: 'Vlaams-Brabant', Mechelen: 'Antwerpen', Hasselt: 'Limburg',
  Bruxelles: 'Bruxelles-Capitale', Liège: 'Liège', Namur: 'Namur', Charleroi: 'Hainaut', Mons: 'Hainaut', Wavre: 'Brabant wallon',
  Amsterdam: 'Noord-Holland', Rotterdam: 'Zuid-Holland', Utrecht: 'Utrecht', 'Den Haag': 'Zuid-Holland', Eindhoven: 'Noord-Brabant', Groningen: 'Groningen',
  Haarlem: 'Noord-Holland', Arnhem: 'Gelderland', Nijmegen: 'Gelderland', Leiden: 'Zuid-Holland', Zwolle: 'Overijssel', Breda: 'Noord-Brabant',
  Paris: 'Île-de-France', Lyon: 'Auvergne-Rhône-Alpes', Marseille: 'Provence-Alpes-Côte d’Azur', Toulouse: 'Occitanie', Nantes: 'Pays de la Loire', Lille: 'Hauts-de-France',
  Bordeaux: 'Nouvelle-Aquitaine', Strasbourg: 'Grand Est', Montpellier: 'Occitanie', Rennes: 'Bretagne', Grenoble: 'Auvergne-Rhône-Alpes', Nice: 'Provence-Alpes-Côte d’Azur',
  London: 'Greater London', Manchester: 'Greater Manchester', Birmingham: 'West Midlands', Leeds: 'West Yorkshire', Bristol: 'South West', Glasgow: 'Scotland',
  Edinburgh: 'Scotland', Liverpool: 'Merseyside', Cardiff: 'Wales', Sheffield: 'South Yorkshire', Nottingham: 'East Midlands', Brighton: 'South East',
  Springfield: 'Illinois', Portland: 'Oregon', Austin: 'Texas', Denver: 'Colorado', Columbus: 'Ohio', Madison: 'Wisconsin',
  Raleigh: 'North Carolina', Boise: 'Idaho', Tucson: 'Arizona', Omaha: 'Nebraska', Albany: 'New York', Savannah: 'Georgia'
}

const TIME_ZONES: Record<Country, string> = { GB: 'London', NL: 'Amsterdam', BE: 'Brussels', FR: 'Paris', US: 'Eastern Time (US & Canada)' }
const SITE_TYPES = ['Store', 'Branch', 'Office', 'Service Centre', 'Clinic', 'Warehouse'] as const

function countryFor(rng: Rng, lang: Lang): Country {
  if (lang === 'en') return rng.chance(0.85) ? 'GB' : 'US'
  if (lang === 'nl') return rng.chance(0.6) ? 'NL' : 'BE'
  return rng.chance(0.8) ? 'FR' : 'BE'
}

function postcode(rng: Rng, country: Country): string {
  const letters = (): string => String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))
  switch (country) {
    case 'GB':
      return `${rng.pick(['NE4', 'M1', 'B3', 'LS1', 'BS8', 'G2', 'EH1', 'L1', 'CF10', 'S1', 'NG1', 'BN1'])} ${rng.int(1, 9)}${letters()}`
    case 'NL':
      return `${rng.int(1000, 9999)} ${letters()}`
    case 'BE':
      return String(rng.int(1000, 9999))
    case 'FR':
      return String(rng.int(1000, 95999)).padStart(5, '0')
    case 'US':
      return String(rng.int(10000, 99999))
  }
}

function hex(rng: Rng, length: number): string {
  let out = ''
  while (out.length < length) out += rng.next().toString(16).padStart(8, '0')
  return out.slice(0, length)
}

/** A UUID-shaped machine id (the document's example of a machine-readable id is a GUID). */
function guid(rng: Rng): string {
  const h = hex(rng, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n))
const iso = (ms: number): string => formatCustomerSureTime(new Date(ms))

// ---------- the data set ----------

export interface SeedDataOptions {
  seed: Seed
  /** Number of feedback responses. */
  volume: number
  /** Newest possible submission time (epoch ms). */
  anchor: number
}

export interface SeedData {
  readonly volume: number
  readonly start: number
  readonly anchor: number
  sites: SimSite[]
  staff: SimStaff[]
  teams: { id: string; name: string }[]
  surveys: SimSurvey[]
  emailTemplates: SimEmailTemplate[]
  textMessageTemplates: SimTextMessageTemplate[]
  responses: LazyList<SimResponse>
  /** Submission time of response `index` without building the rest of it (for binary searches). */
  submittedAt(index: number): number
  /** The first index submitted at or after `ms` (volume when none). */
  firstIndexAtOrAfter(ms: number): number
  /** The survey and its position of a question id, or undefined. */
  question(id: number): { survey: SimSurvey; question: SimQuestion } | undefined
}

export function createSeedData(opts: SeedDataOptions): SeedData {
  const { seed } = opts
  const volume = Math.max(0, Math.floor(opts.volume))
  const anchor = opts.anchor
  const start = anchor - 365 * DAY

  // ----- teams, sites, staff -----
  const teams = Array.from({ length: 5 }, (_, k) => {
    const lang: Lang = (['en', 'nl', 'fr', 'en', 'nl'] as const)[k]!
    return { id: String(41 + k), name: teamName(rngFor(seed, 'team', k), lang) }
  })

  const siteCount = clamp(Math.ceil(volume / 40), 4, 200)
  const sites: SimSite[] = [{ id: '111', site_code: 'hq', name: 'Head Office', city: 'Newcastle', region: 'Tyne and Wear', site_type: 'Office' }]
  const siteNames = new Set(['Head Office'])
  for (let k = 1; k < siteCount; k++) {
    const r = rngFor(seed, 'site', k)
    const country = r.weighted<Country>([['GB', 3], ['NL', 2], ['BE', 2], ['FR', 2], ['US', 1]])
    let name = siteName(r, country)
    // siteName() is '<city> <kind>'; the city is read back so the region agrees with it.
    const city = Object.keys(REGION_BY_CITY).find((c) => name.startsWith(`${c} `)) ?? cityName(r, country)
    if (siteNames.has(name)) name = `${name} ${k + 1}`
    siteNames.add(name)
    sites.push({
      id: String(111 * (k + 1)),
      site_code: `${asciiSlug(city)}-${String(k).padStart(2, '0')}`,
      name,
      city: r.chance(0.95) ? city : null,
      region: REGION_BY_CITY[city] ?? 'Other',
      site_type: r.chance(0.9) ? r.pick(SITE_TYPES) : null
    })
  }

  const staffCount = clamp(Math.ceil(volume / 15), 6, 600)
  const staff: SimStaff[] = [
    { id: '98723', code: 'rod-magnusson', first_name: 'Rod', surname: 'Magnusson', email: 'rod.magnusson@example.com', time_zone: 'London', deactivated_at: 'null', team_id: 'null' }
  ]
  for (let k = 1; k < staffCount; k++) {
    const r = rngFor(seed, 'staff', k)
    const lang = r.weighted<Lang>([['en', 4], ['nl', 3], ['fr', 3]])
    const country = countryFor(r, lang)
    const name = personName(r, lang)
    const deactivated = r.chance(0.08) ? iso(start + r.int(30, 330) * DAY + r.int(8, 17) * HOUR) : 'null'
    staff.push({
      id: String(98723 + k * 7),
      code: `${asciiSlug(name.first)}-${asciiSlug(name.last)}-${k}`,
      first_name: name.first,
      surname: name.last,
      email: emailFor(name, lang, k),
      time_zone: TIME_ZONES[country],
      deactivated_at: deactivated,
      team_id: r.chance(0.85) ? r.pick(teams).id : 'null'
    })
  }
  const activeStaff = staff.filter((s) => s.deactivated_at === 'null')

  // ----- surveys and templates -----
  const surveyNames = new Set<string>()
  const surveys: SimSurvey[] = SURVEY_IDS.map((id, k) => {
    const lang = SURVEY_LANGS[k]!
    const r = rngFor(seed, 'survey', k)
    let name = surveyName(r, lang)
    for (let tries = 0; surveyNames.has(name) && tries < 20; tries++) name = surveyName(r, lang)
    if (surveyNames.has(name)) name = `${name} ${k + 1}`
    surveyNames.add(name)
    const q = QUESTIONS[lang]
    const qid = (n: number): number => QUESTION_ID_BASE + k * 10 + n
    return {
      id,
      name,
      locale: lang,
      questions: [
        { id: qid(0), question: q.nps, answer_type: 'Rating' },
        { id: qid(1), question: q.csat, answer_type: 'Rating' },
        { id: qid(2), question: q.topic, answer_type: 'Dropdown' },
        { id: qid(3), question: q.comment, answer_type: 'Text' }
      ]
    }
  })
  const questionsById = new Map<number, { survey: SimSurvey; question: SimQuestion }>()
  for (const survey of surveys) for (const question of survey.questions) questionsById.set(question.id, { survey, question })

  const emailTemplates: SimEmailTemplate[] = [
    {
      id: 123456,
      name: 'Post Sale Feedback Email',
      body: 'Hi {{name/there}},\r\n\r\n We’d be really grateful if you’d answer a few questions…',
      subject: '{{name/Hi}}, how did we do?',
      from_name: 'Kate Jones',
      from_email: 'kate.jones@example.com',
      locale: 'en',
      archived: false
    },
    {
      id: 123457,
      name: 'Support Ticket Follow-up',
      body: 'Hi {{name/there}},\r\n\r\nYour ticket was closed recently. How did we do? {{link-to-survey}}',
      subject: '{{name/Hi}}, how did we do with your ticket?',
      from_name: 'Kate Jones',
      from_email: 'kate.jones@example.com',
      locale: 'en',
      archived: false
    },
    {
      id: 123458,
      name: 'Feedback na aankoop',
      body: 'Beste {{name/klant}},\r\n\r\nWe horen graag hoe u uw aankoop ervaren hebt: {{link-to-survey}}',
      subject: '{{name/Hallo}}, hoe hebben we het gedaan?',
      from_name: 'Sanne de Vries',
      from_email: 'sanne.devries@example.nl',
      locale: 'nl',
      archived: false
    },
    {
      id: 123459,
      name: 'Votre avis après achat',
      body: 'Bonjour {{name/}},\r\n\r\nPourriez-vous répondre à quelques questions ? {{link-to-survey}}',
      subject: '{{name/Bonjour}}, comment s’est passée votre expérience ?',
      from_name: 'Camille Martin',
      from_email: 'camille.martin@example.fr',
      locale: 'fr',
      archived: false
    },
    {
      id: 123460,
      name: 'Reminder: one quick question',
      body: 'Hi {{name/there}},\r\n\r\nJust a reminder: it only takes a minute. {{link-to-survey}}',
      subject: 'A quick reminder',
      from_name: 'Kate Jones',
      from_email: 'kate.jones@example.com',
      locale: 'en',
      archived: false
    },
    {
      id: 123461,
      name: 'Christmas Campaign 2022',
      body: 'Season’s greetings! Tell us about your order: {{link-to-survey}}',
      subject: 'How was your Christmas order?',
      from_name: 'Kate Jones',
      from_email: 'kate.jones@example.com',
      locale: 'en',
      archived: true
    }
  ]
  const textMessageTemplates: SimTextMessageTemplate[] = [
    { id: 223456, name: 'Post Sale SMS Template', body: 'Hi, we’d love to hear about your recent experience through a quick, 3 question survey: {{link-to-survey}}', locale: 'en', archived: false },
    { id: 223457, name: 'SMS na aankoop', body: 'Hallo, hoe was uw ervaring? Laat het ons weten in 3 korte vragen: {{link-to-survey}}', locale: 'nl', archived: false },
    { id: 223458, name: 'SMS après achat', body: 'Bonjour, votre avis compte : 3 questions rapides ici {{link-to-survey}}', locale: 'fr', archived: false },
    { id: 223459, name: 'Old SMS reminder', body: 'Reminder: {{link-to-survey}}', locale: 'en', archived: true }
  ]

  // ----- feedback responses (lazy) -----
  const submittedAt = (index: number): number => timestampFor(rngFor(seed, 'response-time', index), index, { start, end: anchor, count: Math.max(1, volume) }).getTime()
  const customerPool = Math.max(1, Math.floor(volume * 0.7))
  const companyPool = Math.max(1, Math.floor(volume / 10))

  const makeResponse = (index: number): SimResponse => {
    const r = rngFor(seed, 'response', index)
    const k = r.weighted(SURVEY_WEIGHTS.map((w, i) => [i, w] as const))
    const survey = surveys[k]!
    const lang = survey.locale

    // The customer (some leave feedback more than once) and their company.
    const customerIdx = r.int(0, customerPool - 1)
    const c = rngFor(seed, 'customer', lang, customerIdx)
    const country = countryFor(c, lang)
    const name = personName(c, lang)
    const email = emailFor(name, lang, customerIdx)
    const phone = phoneNumber(c, country)
    const n = c.int(1, 180)
    const street = c.pick(STREETS[lang])
    const address = lang === 'nl' ? `${street} ${n}` : `${n} ${street}`
    const post = postcode(c, country)
    const companyIdx = c.chance(0.7) ? c.int(0, companyPool - 1) : null
    const company = companyIdx === null ? null : companyName(rngFor(seed, 'company', lang, companyIdx), lang)

    const site = sites[r.int(0, sites.length - 1)]!
    const member = activeStaff[r.int(0, activeStaff.length - 1)] ?? staff[0]!
    const submitted = submittedAt(index)
    const updated = r.chance(0.15) ? Math.min(anchor, submitted + r.int(1, 72) * HOUR) : submitted

    const nps = npsScore(r)
    const satisfaction = clamp(nps + r.weighted([[-2, 10], [-1, 25], [0, 45], [1, 20]]), 0, 10)
    const sentiment = sentimentFor(nps, NPS_SCALE)
    const text = r.chance(0.8) ? comment(r, sentiment, lang) : ''
    const topic = r.pick(TOPICS[lang])

    const reference = r.chance(0.4) ? `#${10000 + index}` : null
    const machineId = reference !== null && r.chance(0.7) ? guid(r) : null
    const viaRequest = r.chance(0.75)
    const unansweredSent = viaRequest ? r.weighted([[0, 30], [1, 40], [2, 20], [3, 10]]) : 0
    let unansweredDelivered = 0
    for (let u = 0; u < unansweredSent; u++) if (r.chance(0.92)) unansweredDelivered++

    const q = survey.questions
    const sendAt = submitted - r.int(1, 96) * HOUR
    const templateId = lang === 'nl' ? 123458 : lang === 'fr' ? 123459 : r.pick([123456, 123457])
    const feedbackRequest = viaRequest
      ? {
          id: FEEDBACK_REQUEST_ID_BASE + index,
          email,
          state: 'sent',
          first_name: name.first,
          surname: name.last,
          survey_id: survey.id,
          email_template_id: templateId,
          reference,
          machine_id: machineId,
          send_at: iso(sendAt),
          sent_at: iso(sendAt + r.int(1, 90) * 1000),
          created_at: iso(sendAt - r.int(1, 48) * HOUR),
          updated_at: iso(sendAt + r.int(1, 90) * 1000),
          deletion_requested_at: null,
          not_sent_reason: null,
          delivery_failure: null
        }
      : null

    const id = RESPONSE_ID_BASE + index
    const wire: Record<string, unknown> = {
      id,
      reference,
      machine_id: machineId,
      fields: {
        email,
        name: name.full,
        first_name: name.first,
        last_name: name.last,
        person_code: `member-${lang}-${customerIdx}`,
        telephone_number: phone,
        address_line_1: address,
        postcode: post,
        company_name: company,
        company_code: companyIdx === null ? null : `company-${lang}-${companyIdx}`,
        staff_code: member.code,
        site_code: site.site_code
      },
      answers: [
        { question_id: q[0]!.id, question: q[0]!.question, answer: String(nps), type: 'Rating' },
        { question_id: q[1]!.id, question: q[1]!.question, answer: String(satisfaction), type: 'Rating' },
        { question_id: q[2]!.id, question: q[2]!.question, answer: topic, type: 'Dropdown' },
        { question_id: q[3]!.id, question: q[3]!.question, answer: text, type: 'Text' }
      ],
      submitted_at: iso(submitted),
      updated_at: iso(updated),
      feedback_request: feedbackRequest,
      survey: { id: survey.id, name: survey.name }
    }
    return {
      index,
      id,
      wire,
      surveyId: survey.id,
      siteId: site.id,
      staffId: member.id,
      email,
      company,
      submittedAt: submitted,
      updatedAt: updated,
      nps,
      satisfaction,
      viaRequest,
      unansweredSent,
      unansweredDelivered
    }
  }

  const firstIndexAtOrAfter = (ms: number): number => {
    let lo = 0
    let hi = volume
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (submittedAt(mid) < ms) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  return {
    volume,
    start,
    anchor,
    sites,
    staff,
    teams,
    surveys,
    emailTemplates,
    textMessageTemplates,
    responses: lazyList(volume, makeResponse),
    submittedAt,
    firstIndexAtOrAfter,
    question: (id) => questionsById.get(id)
  }
}

// ---------- date periods ("Date periods") ----------

const startOfDay = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY)
const addMonths = (d: Date, n: number): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()))
const endOf = (dayStart: Date): Date => new Date(dayStart.getTime() + DAY - 1000)
/** Weeks start on Monday. */
const startOfWeek = (d: Date): Date => addDays(startOfDay(d), -((d.getUTCDay() + 6) % 7))
const startOfMonth = (d: Date, plus = 0): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1))
const startOfQuarter = (d: Date, plus = 0): Date => new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + plus * 3, 1))
const startOfYear = (d: Date, plus = 0): Date => new Date(Date.UTC(d.getUTCFullYear() + plus, 0, 1))

/**
 * The from/to times a named period stands for, in UTC, to the second ("ending 11:59 today" read as
 * the end of today). Rolling windows include today.
 */
export function periodRange(period: DatePeriod, nowMs: number): { from: number; to: number } {
  const now = new Date(nowMs)
  const today = startOfDay(now)
  const endToday = endOf(today).getTime()
  const span = (from: Date, toExclusive: Date): { from: number; to: number } => ({ from: from.getTime(), to: toExclusive.getTime() - 1000 })
  switch (period) {
    case '7-days':
      return { from: addDays(today, -6).getTime(), to: endToday }
    case '30-days':
      return { from: addDays(today, -29).getTime(), to: endToday }
    case '3-months':
      return { from: addDays(addMonths(today, -3), 1).getTime(), to: endToday }
    case '6-months':
      return { from: addDays(addMonths(today, -6), 1).getTime(), to: endToday }
    case '12-months':
      return { from: addDays(addMonths(today, -12), 1).getTime(), to: endToday }
    case 'current_week':
      return { from: startOfWeek(now).getTime(), to: endToday }
    case 'current_month':
      return { from: startOfMonth(now).getTime(), to: endToday }
    case 'current_quarter':
      return { from: startOfQuarter(now).getTime(), to: endToday }
    case 'current_year':
      return { from: startOfYear(now).getTime(), to: endToday }
    case 'last_week':
      return span(addDays(startOfWeek(now), -7), startOfWeek(now))
    case 'last_month':
      return span(startOfMonth(now, -1), startOfMonth(now))
    case 'last_quarter':
      return span(startOfQuarter(now, -1), startOfQuarter(now))
    case 'last_year':
      return span(startOfYear(now, -1), startOfYear(now))
    case 'yesterday':
      return span(addDays(today, -1), today)
    case 'day_before_yesterday':
      return span(addDays(today, -2), addDays(today, -1))
    case 'week_before_last':
      return span(addDays(startOfWeek(now), -14), addDays(startOfWeek(now), -7))
    case 'month_before_last':
      return span(startOfMonth(now, -2), startOfMonth(now, -1))
    case 'year_before_last':
      return span(startOfYear(now, -2), startOfYear(now, -1))
  }
}

// ---------- the figures CustomerSure computes ----------

export interface BandCounts {
  very_negative_count: number
  negative_count: number
  neutral_count: number
  positive_count: number
  very_positive_count: number
}

const BAND_KEYS = ['very_negative_count', 'negative_count', 'neutral_count', 'positive_count', 'very_positive_count'] as const

/** 0-10 ratings in CustomerSure's five bands: 0-1, 2-4, 5-6, 7-8, 9-10. */
export function bandOf(score: number): (typeof BAND_KEYS)[number] {
  return BAND_KEYS[['very_negative', 'negative', 'neutral', 'positive', 'very_positive'].indexOf(sentimentFor(score, NPS_SCALE))]!
}

export function bandCounts(tally: ReadonlyMap<number, number>): BandCounts {
  const out: BandCounts = { very_negative_count: 0, negative_count: 0, neutral_count: 0, positive_count: 0, very_positive_count: 0 }
  for (const [score, n] of tally) out[bandOf(score)] += n
  return out
}

/** Up to 8 decimals, trailing zeros dropped, as a string: CustomerSure's "70.58823529" and "7". */
export function decimalString(n: number): string {
  return String(Number(n.toFixed(8)))
}

/**
 * "Show rating question" from a tally of ratings (score -> count). The standardised score weighs the
 * five bands 0, 25, 50, 75, 100; the document's example (444/87/138/207/1266 of 2142) gives exactly its
 * "70.58823529", and the tally {0: 444, 3: 87, 5: 138, 8: 207, 9: 273, 10: 993} its average "7".
 */
export function ratingQuestionStats(questionText: string, tally: ReadonlyMap<number, number>): Record<string, unknown> {
  const bands = bandCounts(tally)
  let total = 0
  let sum = 0
  for (const [score, n] of tally) {
    total += n
    sum += score * n
  }
  const weighted = bands.negative_count * 25 + bands.neutral_count * 50 + bands.positive_count * 75 + bands.very_positive_count * 100
  return {
    question_text: questionText,
    standardised_score: total > 0 ? decimalString(weighted / total) : null,
    average_rating: total > 0 ? decimalString(sum / total) : null,
    ...bands,
    total_number_of_ratings: total
  }
}

/** NPS from 0-10 recommend ratings: % promoters (9-10) minus % detractors (0-6), rounded. */
export function netPromoterScore(scores: Iterable<number>): Record<string, number | null> {
  let promoters = 0
  let passives = 0
  let detractors = 0
  for (const s of scores) {
    if (s >= 9) promoters++
    else if (s >= 7) passives++
    else detractors++
  }
  const total = promoters + passives + detractors
  return {
    net_promoter_score: total > 0 ? Math.round(((promoters - detractors) / total) * 100) : null,
    promoter_count: promoters,
    passive_count: passives,
    detractor_count: detractors,
    total_number_of_ratings: total
  }
}

/** CSAT: the share of satisfaction ratings in the positive and very positive bands, rounded. */
export function csatScore(scores: Iterable<number>): Record<string, number | null> {
  const tally = new Map<number, number>()
  for (const s of scores) tally.set(s, (tally.get(s) ?? 0) + 1)
  const bands = bandCounts(tally)
  const total = BAND_KEYS.reduce((acc, k) => acc + bands[k], 0)
  return {
    csat: total > 0 ? Math.round(((bands.positive_count + bands.very_positive_count) / total) * 100) : null,
    ...bands,
    total_number_of_ratings: total
  }
}
