import { COMMENTS, type Lang, type Sentiment } from './fake-comments'
import type { Rng } from './rng'

/**
 * Deterministic, realistic-looking data for simulators, in English, Dutch and French. Everything is
 * drawn from the Rng passed in, so `rngFor(seed, 'customer', i)` always yields the same customer.
 * Nothing here can reach a real person: e-mail domains are example.com/.nl/.fr only, and phone
 * numbers come from ranges reserved for fiction wherever a country has one.
 */

export type { Lang, Sentiment }
export type Country = 'BE' | 'NL' | 'FR' | 'GB' | 'US'

export const COUNTRIES: readonly Country[] = ['BE', 'NL', 'FR', 'GB', 'US']
export const LANGS: readonly Lang[] = ['en', 'nl', 'fr']

const FIRST_NAMES: Record<Lang, readonly string[]> = {
  en: ['Oliver', 'Amelia', 'James', 'Sophie', 'Harry', 'Emily', 'Jack', 'Grace', 'Thomas', 'Chloe', 'Daniel', 'Hannah', 'Samuel', 'Lucy', 'Michael', 'Olivia', 'Ryan', 'Megan', 'David', 'Sarah', 'Ethan', 'Jessica', 'Liam', 'Rachel'],
  nl: ['Daan', 'Sanne', 'Lars', 'Emma', 'Bram', 'Lotte', 'Sem', 'Fleur', 'Thijs', 'Anouk', 'Jeroen', 'Femke', 'Ruben', 'Sophie', 'Pieter', 'Eva', 'Joris', 'Lieke', 'Wouter', 'Noor', 'Koen', 'Inge', 'Stijn', 'Marieke'],
  fr: ['Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Théo', 'Inès', 'Mathieu', 'Élodie', 'Nicolas', 'Juliette', 'Antoine', 'Céline', 'Julien', 'Margaux', 'François', 'Amélie', 'Sébastien', 'Hélène', 'Maxime', 'Zoé', 'Jérôme']
}

const LAST_NAMES: Record<Lang, readonly string[]> = {
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Hughes', 'Edwards', 'Turner'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssens', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Peeters', 'Maes', 'Bos', 'Vos', 'Willems', 'Claes', 'Hendriks', 'van Leeuwen', 'Dekker', 'Goossens', 'Wouters', 'Verhoeven'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Fournier', 'Lambert', 'Girard', 'Bonnet', 'Dupont', 'Rousseau', 'Mercier', 'Lemaire', 'Faure']
}

const EMAIL_DOMAINS: Record<Lang, string> = { en: 'example.com', nl: 'example.nl', fr: 'example.fr' }

const COMPANY_PARTS: Record<Lang, { heads: readonly string[]; tails: readonly string[] }> = {
  en: {
    heads: ['Northwind', 'Bluebell', 'Harbour', 'Oakridge', 'Silverline', 'Kestrel', 'Brightwater', 'Redwood', 'Granite', 'Larkspur', 'Fenwick', 'Summit'],
    tails: ['Logistics', 'Home Energy', 'Outfitters', 'Insurance', 'Telecom', 'Dental Care', 'Motors', 'Software', 'Travel', 'Furniture', 'Bank', 'Pet Supplies']
  },
  nl: {
    heads: ['Zonnebloem', 'De Molen', 'Waterland', 'Polderwind', 'Hollands', 'Vlaamse', 'Noorderlicht', 'Duinzicht', 'Kempen', 'Rivierenland', 'Hanze', 'Lindeboom'],
    tails: ['Energie', 'Verzekeringen', 'Thuiszorg', 'Fietsen', 'Telecom', 'Bouwmarkt', 'Reizen', 'Meubelen', 'Bank', 'Tandartsen', 'Logistiek', 'Dierenwinkel']
  },
  fr: {
    heads: ['Belle Rive', 'Les Tilleuls', 'Horizon', 'Clair Matin', 'Val de Loire', 'Beaulieu', 'Mont Blanc', 'Côte d’Azur', 'Les Érables', 'Prairie', 'Alizé', 'Grand Large'],
    tails: ['Assurances', 'Énergie', 'Télécom', 'Voyages', 'Mobilier', 'Banque', 'Logistique', 'Optique', 'Automobiles', 'Santé', 'Jardinerie', 'Informatique']
  }
}

const COMPANY_SUFFIX: Record<Lang, readonly string[]> = {
  en: ['Ltd', 'plc', 'Group', 'Inc.', ''],
  nl: ['B.V.', 'NV', 'BV', 'Groep', ''],
  fr: ['SA', 'SARL', 'SAS', 'Groupe', '']
}

export const CITIES: Record<Country, readonly string[]> = {
  BE: ['Antwerpen', 'Gent', 'Brugge', 'Leuven', 'Mechelen', 'Hasselt', 'Bruxelles', 'Liège', 'Namur', 'Charleroi', 'Mons', 'Wavre'],
  NL: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag', 'Eindhoven', 'Groningen', 'Haarlem', 'Arnhem', 'Nijmegen', 'Leiden', 'Zwolle', 'Breda'],
  FR: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Lille', 'Bordeaux', 'Strasbourg', 'Montpellier', 'Rennes', 'Grenoble', 'Nice'],
  GB: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Bristol', 'Glasgow', 'Edinburgh', 'Liverpool', 'Cardiff', 'Sheffield', 'Nottingham', 'Brighton'],
  US: ['Springfield', 'Portland', 'Austin', 'Denver', 'Columbus', 'Madison', 'Raleigh', 'Boise', 'Tucson', 'Omaha', 'Albany', 'Savannah']
}

const SITE_KINDS: Record<Lang, readonly string[]> = {
  en: ['Store', 'Branch', 'Service Centre', 'Call Centre', 'Warehouse', 'Clinic', 'Showroom', 'Head Office'],
  nl: ['Winkel', 'Filiaal', 'Servicepunt', 'Klantencontactcentrum', 'Magazijn', 'Showroom', 'Hoofdkantoor', 'Centrum'],
  fr: ['Magasin', 'Agence', 'Centre de service', 'Centre d’appels', 'Entrepôt', 'Cabinet', 'Showroom', 'Siège']
}

const TEAMS: Record<Lang, readonly string[]> = {
  en: ['Billing', 'Returns', 'Onboarding', 'Technical Support', 'Customer Success', 'Deliveries', 'Sales', 'Complaints', 'Accounts', 'Field Service'],
  nl: ['Facturatie', 'Retours', 'Onboarding', 'Technische dienst', 'Klantenservice', 'Bezorging', 'Verkoop', 'Klachten', 'Debiteuren', 'Buitendienst'],
  fr: ['Service client', 'Facturation', 'Retours', 'Intégration', 'Support technique', 'Livraisons', 'Ventes', 'Réclamations', 'Comptabilité', 'Interventions']
}

const SURVEYS: Record<Lang, readonly string[]> = {
  en: ['Post-purchase survey', 'Support ticket follow-up', 'Quarterly NPS', 'Delivery feedback', 'Onboarding check-in', 'Store visit survey', 'Annual relationship survey', 'Returns experience', 'Technician visit feedback', 'Call centre CSAT'],
  nl: ['Enquête na aankoop', 'Opvolging supportticket', 'Kwartaal-NPS', 'Feedback levering', 'Onboarding evaluatie', 'Winkelbezoek enquête', 'Jaarlijkse klantenquête', 'Ervaring met retourneren', 'Feedback monteursbezoek', 'Klanttevredenheid callcenter'],
  fr: ['Enquête après achat', 'Suivi de ticket', 'NPS trimestriel', 'Avis sur la livraison', 'Bilan d’intégration', 'Enquête visite en magasin', 'Enquête de satisfaction annuelle', 'Expérience de retour', 'Avis sur l’intervention', 'Satisfaction centre d’appels']
}

export const LANG_FOR_COUNTRY: Record<Country, Lang> = { BE: 'nl', NL: 'nl', FR: 'fr', GB: 'en', US: 'en' }

export interface PersonName {
  first: string
  last: string
  /** "first last" */
  full: string
}

export function personName(rng: Rng, lang: Lang): PersonName {
  const first = rng.pick(FIRST_NAMES[lang])
  const last = rng.pick(LAST_NAMES[lang])
  return { first, last, full: `${first} ${last}` }
}

/** A staff member's display name (same pools as customers). */
export function staffName(rng: Rng, lang: Lang): string {
  return personName(rng, lang).full
}

/** ASCII e-mail on the language's example domain: 'Chloé Lefèvre', 'fr', 7 -> 'chloe.lefevre7@example.fr'. */
export function emailFor(name: PersonName, lang: Lang, suffix?: number | string): string {
  const local = [name.first, name.last].map(asciiSlug).filter(Boolean).join('.')
  return `${local || 'customer'}${suffix ?? ''}@${EMAIL_DOMAINS[lang]}`
}

/** Lower-case ASCII letters and digits only ('van den Berg' -> 'vandenberg', 'Lefèvre' -> 'lefevre'). */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/**
 * A mobile number in E.164. GB uses Ofcom's drama range 07700 900000-900999, US the 555-0100..0199
 * fiction block, FR ARCEP's fiction block 06 39 98 xx xx; BE (04xx) and NL (06) have none, so
 * those are shaped like real mobiles.
 */
export function phoneNumber(rng: Rng, country: Country): string {
  const digits = (n: number): string => Array.from({ length: n }, () => String(rng.int(0, 9))).join('')
  switch (country) {
    case 'GB':
      return `+447700900${digits(3)}`
    case 'US':
      return `+1${rng.pick(['212', '312', '415', '503', '617', '720'])}55501${digits(2)}`
    case 'FR':
      return `+3363998${digits(4)}`
    case 'BE':
      return `+324${rng.pick(['70', '75', '77', '78', '79', '84', '86', '94', '95', '96'])}${digits(6)}`
    case 'NL':
      return `+316${digits(8)}`
  }
}

export function companyName(rng: Rng, lang: Lang): string {
  const parts = COMPANY_PARTS[lang]
  return [rng.pick(parts.heads), rng.pick(parts.tails), rng.pick(COMPANY_SUFFIX[lang])].filter(Boolean).join(' ')
}

export function cityName(rng: Rng, country: Country): string {
  return rng.pick(CITIES[country])
}

/** A site/location name such as 'Gent Filiaal' or 'Lyon Agence'. */
export function siteName(rng: Rng, country: Country): string {
  return `${cityName(rng, country)} ${rng.pick(SITE_KINDS[LANG_FOR_COUNTRY[country]])}`
}

export function teamName(rng: Rng, lang: Lang): string {
  return rng.pick(TEAMS[lang])
}

export function surveyName(rng: Rng, lang: Lang): string {
  return rng.pick(SURVEYS[lang])
}

/** A customer comment in the language with the given sentiment. */
export function comment(rng: Rng, sentiment: Sentiment, lang: Lang): string {
  return rng.pick(COMMENTS[lang][sentiment])
}

/** A whole fake customer for a country. */
export interface FakePerson extends PersonName {
  email: string
  phone: string
  country: Country
  lang: Lang
}

export function fakePerson(rng: Rng, country: Country, emailSuffix?: number | string): FakePerson {
  const lang = LANG_FOR_COUNTRY[country]
  const name = personName(rng, lang)
  return { ...name, email: emailFor(name, lang, emailSuffix), phone: phoneNumber(rng, country), country, lang }
}

// ---- scores ----

/** 0-10, shaped like real NPS answers: about 55% promoters (9-10), 25% passives, 20% detractors. */
export function npsScore(rng: Rng): number {
  return rng.weighted([
    [10, 30], [9, 25],
    [8, 14], [7, 11],
    [6, 6], [5, 5], [4, 3], [3, 2], [2, 1.5], [1, 1], [0, 1.5]
  ])
}

/** 1..max (default 5), skewed to satisfied the way CSAT answers are (about 75% in the top two fifths). */
export function csatScore(rng: Rng, max = 5): number {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`csatScore: max must be an integer >= 2, got ${max}`)
  const fifth = rng.weighted([[0, 7], [1, 6], [2, 12], [3, 30], [4, 45]])
  return Math.min(max, 1 + Math.floor(((fifth + rng.float()) * max) / 5))
}

/** 1-7 customer effort ("it was easy to ...", 7 = strongly agree), mostly easy. */
export function cesScore(rng: Rng): number {
  return rng.weighted([[7, 30], [6, 28], [5, 15], [4, 10], [3, 7], [2, 5], [1, 5]])
}

export interface Scale {
  min: number
  max: number
}
export const NPS_SCALE: Scale = { min: 0, max: 10 }
export const CES_SCALE: Scale = { min: 1, max: 7 }
export const CSAT5_SCALE: Scale = { min: 1, max: 5 }

/** Sentiment a score suggests on its scale (so generated comments agree with their scores). */
export function sentimentFor(score: number, scale: Scale): Sentiment {
  const ratio = scale.max === scale.min ? 1 : (score - scale.min) / (scale.max - scale.min)
  if (ratio < 0.2) return 'very_negative'
  if (ratio < 0.45) return 'negative'
  if (ratio < 0.65) return 'neutral'
  if (ratio < 0.85) return 'positive'
  return 'very_positive'
}

// ---- time ----

export interface Period {
  start: Date | number | string
  end: Date | number | string
  /** How many items share the period. */
  count: number
}

/**
 * When item `index` of `count` happened: the period is cut into `count` equal slots and the item
 * falls at a random point of its own slot, so timestamps never fall as the index rises (natural cursor and
 * date order) and any item can be computed alone. Whole seconds when slots are a second or wider.
 */
export function timestampFor(rng: Rng, index: number, period: Period): Date {
  const start = new Date(period.start).getTime()
  const end = new Date(period.end).getTime()
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) throw new RangeError('timestampFor: need start < end')
  if (!Number.isInteger(period.count) || period.count < 1) throw new RangeError(`timestampFor: bad count ${period.count}`)
  const slot = (end - start) / period.count
  const from = start + slot * index
  const at = from + rng.float() * slot
  const unit = slot >= 2000 ? 1000 : 1
  return new Date(Math.max(Math.ceil(from / unit) * unit, Math.floor(at / unit) * unit))
}
