import {
  comment,
  companyName,
  COUNTRIES,
  csatScore,
  emailFor,
  fakePerson,
  LANG_FOR_COUNTRY,
  npsScore,
  personName,
  rngFor,
  sentimentFor,
  cityName,
  type Country,
  type Lang,
  type Rng,
  type Seed,
  type Sentiment
} from '../simulator-kit'

/**
 * Seed data for the FeedbackAPI simulator, generated per index from `rngFor(seed, kind, index)` so
 * any item is computed alone and nothing is held in memory. Relations hold across lists: a feedback
 * request's subscriber is a seeded customer at one of that customer's locations, half of the
 * stand-alone requests were answered and their feedback is the same item /feedback serves, and the
 * rest of the feedback came from campaigns. Created timestamps never fall as the index rises, so
 * created_after / created_before are answered by binary search.
 *
 * The records are the JSON the simulator sends, exactly the documented attributes; seeded ones
 * carry epoch seconds (like every example in the document), ones created through the API carry
 * ISO 8601 strings (like its text), so a client meets both shapes in one list.
 */

/** The API key the simulator accepts as the Basic username (any password, normally none). */
export const FEEDBACKAPI_SIM_KEY = 'fbapi_sim_key_8d41c07be2f9'

/** Paths are served under the version prefix, like https://api.feedbackapi.com/v1.3/. */
export const API_PREFIX = '/v1.3'

export const DEFAULT_VOLUME = 250

// ---------- ids: six characters like the document's "gd7TdO", decodable to (kind, index) ----------

export const ID_KINDS = ['customer', 'location', 'review', 'feedback', 'request', 'account', 'user', 'template', 'campaign', 'step', 'platform'] as const
export type IdKind = (typeof ID_KINDS)[number]

/** The 62 letters and digits, shuffled once so consecutive indexes do not look consecutive. */
const ALPHABET = '7K0CloF326nVz81OWLMGNSYyBPgxjf5QiqUXDkETJ4apZsARtvHrhum9cdwbIe'
const ID_LENGTH = 6
const SPACE = BigInt(ALPHABET.length) ** BigInt(ID_LENGTH)
const MULT = 2_654_435_761n
const ADD = 1_234_567_891n
const INV = modInverse(MULT, SPACE)

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  return ((oldS % m) + m) % m
}

export function encodeId(kind: IdKind, index: number): string {
  const n = BigInt(index) * BigInt(ID_KINDS.length) + BigInt(ID_KINDS.indexOf(kind))
  let x = (n * MULT + ADD) % SPACE
  const digits: number[] = []
  for (let i = 0; i < ID_LENGTH; i++) {
    digits.unshift(Number(x % 62n))
    x /= 62n
  }
  // Chain each digit to the one after it, so neighbouring indexes differ in every character.
  for (let k = ID_LENGTH - 2; k >= 0; k--) digits[k] = (digits[k]! + 17 * digits[k + 1]!) % 62
  return digits.map((d) => ALPHABET[d]!).join('')
}

export function decodeId(id: string): { kind: IdKind; index: number } | null {
  if (id.length !== ID_LENGTH) return null
  const chained = [...id].map((ch) => ALPHABET.indexOf(ch))
  if (chained.some((d) => d < 0)) return null
  let x = 0n
  for (let k = 0; k < ID_LENGTH; k++) {
    const d = k === ID_LENGTH - 1 ? chained[k]! : (((chained[k]! - 17 * chained[k + 1]!) % 62) + 62) % 62
    x = x * 62n + BigInt(d)
  }
  const n = (((((x - ADD) % SPACE) + SPACE) % SPACE) * INV) % SPACE
  const kind = ID_KINDS[Number(n % BigInt(ID_KINDS.length))]
  const index = Number(n / BigInt(ID_KINDS.length))
  return kind === undefined || !Number.isSafeInteger(index) ? null : { kind, index }
}

// ---------- records (exactly the documented attributes) ----------

export type Ts = number | string

export interface SimCustomer {
  id: string
  created: Ts
  email: string | null
  mobile_number: string | null
  fname: string | null
  sname: string | null
  last_sms: Ts | null
  last_email: Ts | null
  country_code: string | null
  invalid: boolean
  opt_out: boolean
  locations: string[]
}

export interface SimLocation {
  id: string
  created: Ts
  name: string
  address_line_1: string | null
  address_line_2: string | null
  address_line_3: string | null
  postal_code: string | null
  country_code: string
}

export interface SimReview {
  id: string
  created: Ts
  title: string | null
  description: string | null
  location: string
  platform: string
  platform_name: string
  rating: number
  url: string | null
  reviewer_name: string | null
  reviewer_image: string | null
  reviewer_url: string | null
}

export interface SimFeedback {
  id: string
  created: Ts
  type: string
  'nps-score': number | null
  'star-rating': number | null
  happy: boolean | null
  comments: string | null
  platform_name: string | null
  subscriber: string | null
  subscriber_name: string | null
  subscriber_email: string | null
  location: string | null
  campaign: string | null
  campaign_step: string | null
}

export interface SimFeedbackRequest {
  id: string
  created: Ts
  due: Ts
  updated: Ts
  subscriber: string
  template: string
  location: string
  type: string
  message_opened: boolean
  message_clicked: boolean
  message_bounced: boolean
  bounce_reason: string | null
  spam_complaint: boolean
  full_url: string
  branded_url: string
  feedback: SimFeedback | null
}

export interface SimAccount {
  id: string
  created: Ts
  name: string
  active: boolean
  max_locations: number | null
  max_users: number | null
  max_campaigns: number | null
  sms_allowance: number | null
  active_locations: number
  active_users: number
}

export interface SimUser {
  id: string
  created: Ts
  name: string | null
  email: string
  type: 'standard' | 'restricted'
  status: 'active' | 'pending'
  last_access: Ts | false
}

// ---------- the plan: how many of each, over which period ----------

export interface SeedPlan {
  seed: Seed
  /** Epoch ms: the seeded history covers the 365 days before `endMs` (midnight UTC of the start day). */
  startMs: number
  endMs: number
  counts: { locations: number; customers: number; requests: number; feedback: number; reviews: number; accounts: number; users: number }
}

const DAY_MS = 86_400_000
const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n))

export function planFor(seed: Seed, volume: number, now: number = Date.now()): SeedPlan {
  if (!Number.isInteger(volume) || volume < 0) throw new RangeError(`volume must be a whole number from 0 up, got ${volume}`)
  const endMs = Math.floor(now / DAY_MS) * DAY_MS
  return {
    seed,
    startMs: endMs - 365 * DAY_MS,
    endMs,
    counts: {
      locations: clamp(Math.ceil(volume / 40), 3, 60),
      customers: Math.max(20, Math.ceil(volume / 2)),
      // Feedback i with i % 8 < 4 answers stand-alone request i; the rest came from campaigns.
      requests: volume,
      feedback: volume,
      reviews: Math.ceil(volume / 3),
      accounts: clamp(Math.ceil(volume / 100), 3, 20),
      users: clamp(Math.ceil(volume / 40), 4, 40)
    }
  }
}

export const ANSWERED_PER_BLOCK = 4
export const BLOCK = 8
export const isAnsweredRequest = (r: number): boolean => r % BLOCK < ANSWERED_PER_BLOCK

/**
 * Created time of item `index` of `count`, in whole seconds: within slot `index + offset` of the
 * period cut into count + 2 slots, so it never falls as the index rises and stays before the end.
 */
function slotSeconds(plan: SeedPlan, rng: Rng, index: number, count: number, offset = 0, spread = 1): number {
  const slot = (plan.endMs - plan.startMs) / (count + 2)
  return Math.floor((plan.startMs + slot * (index + offset) + rng.float() * slot * spread) / 1000)
}

const COUNTRY_WEIGHTS: ReadonlyArray<readonly [Country, number]> = [['BE', 25], ['NL', 25], ['FR', 20], ['GB', 20], ['US', 10]]

const STREETS: Record<Lang, readonly string[]> = {
  en: ['High Street', 'Station Road', 'Market Square', 'Church Lane', 'Mill Road', 'Victoria Street', 'Park Avenue', 'Queen Street'],
  nl: ['Kerkstraat', 'Stationsplein', 'Grote Markt', 'Dorpsstraat', 'Molenweg', 'Nieuwstraat', 'Hoogstraat', 'Lindelaan'],
  fr: ['Rue de la Gare', 'Place du Marché', 'Avenue Jean Jaurès', 'Rue Victor Hugo', 'Boulevard Pasteur', 'Rue de la République', 'Grand-Rue', 'Rue des Écoles']
}
const SITE_KINDS: Record<Lang, readonly string[]> = {
  en: ['Store', 'Branch', 'Service Centre', 'Clinic', 'Showroom', 'Office'],
  nl: ['Winkel', 'Filiaal', 'Servicepunt', 'Praktijk', 'Showroom', 'Kantoor'],
  fr: ['Magasin', 'Agence', 'Centre de service', 'Cabinet', 'Showroom', 'Bureau']
}
const US_STATES = ['OR', 'TX', 'CO', 'OH', 'WI', 'NC', 'ID', 'AZ', 'NE', 'NY', 'GA', 'IL']

function street(rng: Rng, lang: Lang): string {
  const name = rng.pick(STREETS[lang])
  const number = rng.int(1, 240)
  return lang === 'nl' ? `${name} ${number}` : `${number} ${name}`
}

function postalCode(rng: Rng, country: Country): string {
  const d = (n: number): string => Array.from({ length: n }, () => String(rng.int(0, 9))).join('')
  const letter = (): string => String.fromCharCode(65 + rng.int(0, 25))
  switch (country) {
    case 'BE':
      return `${rng.int(1, 9)}${d(3)}`
    case 'NL':
      return `${rng.int(1, 9)}${d(3)} ${letter()}${letter()}`
    case 'FR':
      return `${String(rng.int(1, 95)).padStart(2, '0')}${d(3)}`
    case 'GB':
      return `${letter()}${letter()}${rng.int(1, 20)} ${rng.int(1, 9)}${letter()}${letter()}`
    case 'US':
      return `${rng.int(1, 9)}${d(4)}`
  }
}

export function seededLocation(plan: SeedPlan, i: number): SimLocation {
  const r = rngFor(plan.seed, 'location', i)
  const created = slotSeconds(plan, r, i, plan.counts.locations)
  const country = r.weighted(COUNTRY_WEIGHTS)
  const lang = LANG_FOR_COUNTRY[country]
  const city = cityName(r, country)
  return {
    id: encodeId('location', i),
    created,
    name: `${city} ${r.pick(SITE_KINDS[lang])}`,
    address_line_1: street(r, lang),
    address_line_2: city,
    address_line_3: country === 'US' ? r.pick(US_STATES) : null,
    postal_code: postalCode(r, country),
    country_code: country
  }
}

/** The country of a location, without generating the rest of it. */
export function locationCountry(plan: SeedPlan, i: number): Country {
  const r = rngFor(plan.seed, 'location', i)
  r.float()
  return r.weighted(COUNTRY_WEIGHTS)
}

export function seededCustomer(plan: SeedPlan, i: number): SimCustomer {
  const r = rngFor(plan.seed, 'customer', i)
  const created = slotSeconds(plan, r, i, plan.counts.customers)
  const home = r.int(0, plan.counts.locations - 1)
  // Customers mostly live where their location is; some travel.
  const country = r.chance(0.85) ? locationCountry(plan, home) : r.pick(COUNTRIES)
  const person = fakePerson(r, country, i + 1)
  let hasEmail = r.chance(0.85)
  const hasMobile = r.chance(0.8)
  if (!hasEmail && !hasMobile) hasEmail = true
  const locations = [encodeId('location', home)]
  if (plan.counts.locations > 1 && r.chance(0.2)) {
    const other = (home + r.int(1, plan.counts.locations - 1)) % plan.counts.locations
    locations.push(encodeId('location', other))
  }
  const endSec = Math.floor(plan.endMs / 1000)
  const later = (): number => created + Math.floor(r.float() * (endSec - created))
  return {
    id: encodeId('customer', i),
    created,
    email: hasEmail ? person.email : null,
    mobile_number: hasMobile ? person.phone : null,
    fname: r.chance(0.95) ? person.first : null,
    sname: r.chance(0.9) ? person.last : null,
    last_sms: hasMobile && r.chance(0.6) ? later() : null,
    last_email: hasEmail && r.chance(0.7) ? later() : null,
    country_code: country,
    invalid: r.chance(0.03),
    opt_out: r.chance(0.05),
    locations
  }
}

export function customerLang(c: Pick<SimCustomer, 'country_code'>): Lang {
  const country = (c.country_code ?? 'GB').toUpperCase() as Country
  return LANG_FOR_COUNTRY[country] ?? 'en'
}

// ---------- templates, campaigns, review platforms (reference data behind the ids) ----------

export interface SimTemplate {
  id: string
  name: string
  channel: 'email' | 'sms'
}

/** Message templates ("Campaigns > Message Templates" in the app); the API only takes their ids. */
export const SIM_TEMPLATES: readonly SimTemplate[] = [
  { id: encodeId('template', 0), name: 'Thank you for visiting (email)', channel: 'email' },
  { id: encodeId('template', 1), name: 'Thank you for visiting (SMS)', channel: 'sms' },
  { id: encodeId('template', 2), name: 'How did we do? (email)', channel: 'email' },
  { id: encodeId('template', 3), name: 'Quick question (SMS)', channel: 'sms' }
]

const CAMPAIGNS = 3
const STEPS_PER_CAMPAIGN = 2

export const SIM_PLATFORMS: readonly { id: string; name: string; slug: string }[] = [
  { id: encodeId('platform', 0), name: 'Google', slug: 'google' },
  { id: encodeId('platform', 1), name: 'Trustpilot', slug: 'trustpilot' },
  { id: encodeId('platform', 2), name: 'Tripadvisor', slug: 'tripadvisor' },
  { id: encodeId('platform', 3), name: 'Facebook', slug: 'facebook' },
  { id: encodeId('platform', 4), name: 'Yelp', slug: 'yelp' }
]

function requestCode(id: string): string {
  return `${id.slice(0, 3)}${id.length}${id.slice(3)}`
}

export function feedbackUrls(id: string): { full_url: string; branded_url: string } {
  const code = requestCode(id)
  return { full_url: `https://feedback.example.com/${code}/`, branded_url: `https://reviews.example.net/fb/${code}/` }
}

// ---------- feedback and stand-alone feedback requests ----------

interface RequestBasics {
  customerIndex: number
  customer: SimCustomer
  location: string
  template: SimTemplate
  created: number
  due: number
}

function requestBasics(plan: SeedPlan, r: number): RequestBasics {
  const rng = rngFor(plan.seed, 'request', r)
  const created = slotSeconds(plan, rng, r, plan.counts.requests, 0, 0.5)
  const slotSec = (plan.endMs - plan.startMs) / (plan.counts.requests + 2) / 1000
  const due = rng.chance(0.2) ? created + Math.floor(rng.float() * slotSec * 0.4) : created
  const customerIndex = rng.int(0, plan.counts.customers - 1)
  const customer = seededCustomer(plan, customerIndex)
  const channel: 'email' | 'sms' = customer.email === null ? 'sms' : customer.mobile_number === null ? 'email' : rng.chance(0.65) ? 'email' : 'sms'
  const options = SIM_TEMPLATES.filter((t) => t.channel === channel)
  return { customerIndex, customer, location: customer.locations[0] ?? encodeId('location', 0), template: rng.pick(options), created, due }
}

const FEEDBACK_TYPES: ReadonlyArray<readonly ['nps' | 'star-rating' | 'happy', number]> = [['nps', 45], ['star-rating', 35], ['happy', 20]]

export function seededFeedback(plan: SeedPlan, i: number): SimFeedback {
  const rng = rngFor(plan.seed, 'feedback', i)
  const created = slotSeconds(plan, rng, i, plan.counts.feedback, 1)
  let customer: SimCustomer
  let location: string | null
  let campaign: string | null = null
  let step: string | null = null
  if (isAnsweredRequest(i) && i < plan.counts.requests) {
    const basics = requestBasics(plan, i)
    customer = basics.customer
    location = basics.location
  } else {
    customer = seededCustomer(plan, rng.int(0, plan.counts.customers - 1))
    location = customer.locations[0] ?? null
    const c = rng.int(0, CAMPAIGNS - 1)
    campaign = encodeId('campaign', c)
    step = encodeId('step', c * STEPS_PER_CAMPAIGN + rng.int(0, STEPS_PER_CAMPAIGN - 1))
  }
  const type = rng.weighted(FEEDBACK_TYPES)
  let nps: number | null = null
  let stars: number | null = null
  let happy: boolean | null = null
  let sentiment: Sentiment
  if (type === 'nps') {
    nps = npsScore(rng)
    sentiment = sentimentFor(nps, { min: 0, max: 10 })
  } else if (type === 'star-rating') {
    stars = csatScore(rng, 5)
    sentiment = sentimentFor(stars, { min: 1, max: 5 })
  } else {
    happy = rng.chance(0.8)
    sentiment = happy ? 'positive' : 'negative'
  }
  const negative = sentiment === 'very_negative' || sentiment === 'negative'
  const commentChance = negative ? 0.85 : sentiment === 'neutral' ? 0.5 : 0.35
  const name = [customer.fname, customer.sname].filter(Boolean).join(' ')
  return {
    id: encodeId('feedback', i),
    created,
    type,
    'nps-score': nps,
    'star-rating': stars,
    happy,
    comments: rng.chance(commentChance) ? comment(rng, sentiment, customerLang(customer)) : null,
    // "The platform link that was clicked": happy customers are sent on to a review site.
    platform_name: !negative && sentiment !== 'neutral' && rng.chance(0.45) ? rng.pick(SIM_PLATFORMS).name : null,
    subscriber: customer.id,
    subscriber_name: name === '' ? null : name,
    subscriber_email: customer.email,
    location,
    campaign,
    campaign_step: step
  }
}

export function seededFeedbackRequest(plan: SeedPlan, r: number): SimFeedbackRequest {
  const b = requestBasics(plan, r)
  const rng = rngFor(plan.seed, 'request-state', r)
  const id = encodeId('request', r)
  const feedback = isAnsweredRequest(r) && r < plan.counts.feedback ? seededFeedback(plan, r) : null
  const email = b.template.channel === 'email'
  const bounced = email && feedback === null && rng.chance(0.04)
  const opened = feedback !== null || (!bounced && rng.chance(0.45))
  const clicked = feedback !== null || (opened && rng.chance(0.3))
  const openedAt = b.due + rng.int(60, 6 * 3600)
  return {
    id,
    created: b.created,
    due: b.due,
    updated: feedback ? feedback.created : opened ? Math.min(openedAt, Math.floor(plan.endMs / 1000)) : b.due,
    subscriber: b.customer.id,
    template: b.template.id,
    location: b.location,
    type: b.template.channel,
    // "open tracking is not available for SMS text messages"
    message_opened: email && opened,
    message_clicked: clicked,
    message_bounced: bounced,
    bounce_reason: bounced ? rng.pick(['Mailbox does not exist', 'Mailbox full', 'Message rejected as spam']) : null,
    spam_complaint: email && !bounced && feedback === null && rng.chance(0.005),
    ...feedbackUrls(id),
    feedback
  }
}

// ---------- reviews ----------

const REVIEW_TITLES: Record<Lang, Record<'good' | 'mixed' | 'bad', readonly string[]>> = {
  en: {
    good: ['Excellent service', 'Highly recommended', 'Friendly and helpful staff', 'Quick and easy'],
    mixed: ['Decent, but room for improvement', 'OK experience', 'Average visit'],
    bad: ['Disappointing', 'Would not recommend', 'Long wait and no answers']
  },
  nl: {
    good: ['Uitstekende service', 'Echt een aanrader', 'Vriendelijk personeel', 'Snel geholpen'],
    mixed: ['Redelijk, maar kan beter', 'Gemiddelde ervaring', 'Prima, niet meer dan dat'],
    bad: ['Teleurstellend', 'Geen aanrader', 'Lang gewacht, niets opgelost']
  },
  fr: {
    good: ['Service excellent', 'Je recommande vivement', 'Personnel accueillant', 'Rapide et efficace'],
    mixed: ['Correct, sans plus', 'Expérience moyenne', 'Peut mieux faire'],
    bad: ['Décevant', 'Je ne recommande pas', 'Longue attente, aucune solution']
  }
}

const REVIEW_RATINGS: ReadonlyArray<readonly [number, number]> = [[5, 44], [4.5, 8], [4, 20], [3.5, 3], [3, 9], [2, 6], [1, 10]]

export function seededReview(plan: SeedPlan, i: number): SimReview {
  const rng = rngFor(plan.seed, 'review', i)
  const created = slotSeconds(plan, rng, i, plan.counts.reviews)
  const locationIndex = rng.int(0, plan.counts.locations - 1)
  const lang = LANG_FOR_COUNTRY[locationCountry(plan, locationIndex)]
  const platform = rng.pick(SIM_PLATFORMS)
  const rating = rng.weighted(REVIEW_RATINGS)
  const sentiment = sentimentFor(rating, { min: 1, max: 5 })
  const band = rating >= 4 ? 'good' : rating >= 3 ? 'mixed' : 'bad'
  const named = rng.chance(0.9)
  const reviewer = personName(rng, lang)
  const id = encodeId('review', i)
  return {
    id,
    created,
    title: rng.chance(0.6) ? rng.pick(REVIEW_TITLES[lang][band]) : null,
    description: comment(rng, sentiment, lang),
    location: encodeId('location', locationIndex),
    platform: platform.id,
    platform_name: platform.name,
    rating,
    url: `https://reviews.example.com/${platform.slug}/${id}`,
    reviewer_name: named ? (rng.chance(0.5) ? reviewer.full : `${reviewer.first} ${reviewer.last.charAt(0)}.`) : null,
    reviewer_image: null,
    reviewer_url: named && rng.chance(0.3) ? `https://reviews.example.com/${platform.slug}/profile/${encodeId('customer', 100_000 + i)}` : null
  }
}

// ---------- client accounts and users ----------

export function seededAccount(plan: SeedPlan, i: number): SimAccount {
  const rng = rngFor(plan.seed, 'account', i)
  const created = slotSeconds(plan, rng, i, plan.counts.accounts)
  const lang = rng.pick<Lang>(['en', 'nl', 'fr'])
  const maxLocations = rng.pick([null, 1, 5, 10, 25])
  const maxUsers = rng.pick([null, 3, 5, 10])
  return {
    id: encodeId('account', i),
    created,
    name: companyName(rng, lang),
    active: rng.chance(0.85),
    max_locations: maxLocations,
    max_users: maxUsers,
    max_campaigns: rng.pick([null, 1, 3, 5]),
    sms_allowance: rng.pick([null, 100, 500, 2000, 5000]),
    active_locations: rng.int(0, maxLocations ?? 12),
    active_users: rng.int(1, maxUsers ?? 8)
  }
}

export function seededUser(plan: SeedPlan, i: number): SimUser {
  const rng = rngFor(plan.seed, 'user', i)
  const created = slotSeconds(plan, rng, i, plan.counts.users)
  const lang = rng.pick<Lang>(['en', 'nl', 'nl', 'fr'])
  const name = personName(rng, lang)
  const endSec = Math.floor(plan.endMs / 1000)
  return {
    id: encodeId('user', i),
    created,
    name: name.full,
    email: emailFor(name, lang, i + 1),
    type: rng.chance(0.75) ? 'standard' : 'restricted',
    status: 'active',
    // A user who never signed in shows false, as in the document's list example.
    last_access: rng.chance(0.8) ? created + Math.floor(rng.float() * (endSec - created)) : false
  }
}
