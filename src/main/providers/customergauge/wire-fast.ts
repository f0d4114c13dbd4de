import type { FastSchema } from '../../http'
import { CgResponsesPage, type CgResponse } from './wire'

/**
 * CgResponsesPage read without zod, for the shape CustomerGauge sends: what zod's parse gives (the
 * same values, the same keys in the same order: a shape's keys first, in the schema's order, then
 * the extra keys passed through), or null for anything else (a numeric string, a wrong type, a
 * missing field), and the caller lets the schema read the page and word the error.
 * test/unit/customergauge-wire-fast.test.ts checks both against each other on the simulator's rows
 * and on arbitrary ones.
 *
 * Why: zod's parse allocated ~10.6 KB a response (each field's result and issue list, each union's
 * attempts), nearly half of all the sync thread allocated for a page, so the young generation filled twice
 * as often and the pages read ahead were copied, promoted and collected as old objects that much
 * more often (bench/sync-1m).
 */

/** The answer "not the common shape: let zod read it". */
const NO: unique symbol = Symbol('not read')
type Out<T> = T | typeof NO

type Obj = Record<string, unknown>

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A looseObject's keys not in its shape, in input order; NO when one would need care to copy. */
function extras(input: Obj, out: Obj, shape: ReadonlySet<string>): Out<Obj> {
  for (const key of Object.keys(input)) {
    if (shape.has(key)) continue
    if (key === '__proto__') return NO
    out[key] = input[key]
  }
  return out
}

/** z.string().nullish(): absent stays absent. */
function text(input: Obj, out: Obj, key: string): boolean {
  const v = input[key]
  if (v === undefined) return true
  if (v !== null && typeof v !== 'string') return false
  out[key] = v
  return true
}

/** WireRef: a string, a number read as its text, else null (set even when absent). */
function ref(input: Obj, out: Obj, key: string): boolean {
  const v = input[key]
  if (v === undefined || v === null) out[key] = null
  else if (typeof v === 'string') out[key] = v
  else if (typeof v === 'number') out[key] = String(v)
  else return false
  return true
}

/** WireDate: a string or a number, or null; absent stays absent. */
function date(input: Obj, out: Obj, key: string): boolean {
  const v = input[key]
  if (v === undefined) return true
  if (v !== null && typeof v !== 'string' && typeof v !== 'number') return false
  out[key] = v
  return true
}

/** A string, number or boolean, or null; absent stays absent. */
function scalar(input: Obj, out: Obj, key: string): boolean {
  const v = input[key]
  if (v === undefined) return true
  if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false
  out[key] = v
  return true
}

/** A nullish value: absent stays absent, null stays null, anything else is `read`. */
function nullish(input: Obj, out: Obj, key: string, read: (v: unknown) => Out<unknown>): boolean {
  const v = input[key]
  if (v === undefined) return true
  const r = v === null ? null : read(v)
  if (r === NO) return false
  out[key] = r
  return true
}

/** An array of what `item` reads. */
const arrayOf =
  (item: (v: unknown) => Out<Obj>) =>
  (v: unknown): Out<Obj[]> => {
    if (!Array.isArray(v)) return NO
    const items: Obj[] = new Array<Obj>(v.length)
    for (let i = 0; i < v.length; i++) {
      const read = item(v[i])
      if (read === NO) return NO
      items[i] = read
    }
    return items
  }

/** A looseObject read by `read`. */
const objectOf =
  (read: (v: Obj) => Out<Obj>) =>
  (v: unknown): Out<Obj> =>
    isObject(v) ? read(v) : NO

const TAG = new Set(['label', 'type', 'sentiment'])
function tag(v: unknown): Out<Obj> {
  if (!isObject(v) || typeof v.label !== 'string') return NO
  const out: Obj = { label: v.label }
  if (!text(v, out, 'type') || !text(v, out, 'sentiment')) return NO
  return extras(v, out, TAG)
}

const QUESTION = new Set(['title', 'answer'])
function question(v: unknown): Out<Obj> {
  if (!isObject(v) || typeof v.title !== 'string') return NO
  const out: Obj = { title: v.title }
  const a = v.answer
  if (Array.isArray(a)) {
    for (const x of a) if (typeof x !== 'string' && typeof x !== 'number') return NO
    out.answer = a.slice()
  } else if (!scalar(v, out, 'answer')) return NO
  return extras(v, out, QUESTION)
}

const DRIVER = new Set(['primary', 'secondary'])
function driver(v: unknown): Out<Obj> {
  if (!isObject(v) || typeof v.primary !== 'string') return NO
  const s = v.secondary
  let secondary: string[]
  if (s === undefined || s === null) secondary = []
  else if (Array.isArray(s)) {
    for (const x of s) if (typeof x !== 'string') return NO
    secondary = s.slice() as string[]
  } else return NO
  return extras(v, { primary: v.primary, secondary }, DRIVER)
}

const PROPERTY = new Set(['field', 'reference'])
function property(v: unknown): Out<Obj> {
  if (!isObject(v) || typeof v.field !== 'string') return NO
  const out: Obj = { field: v.field }
  return scalar(v, out, 'reference') ? extras(v, out, PROPERTY) : NO
}

const CONTACT = new Set(['first_name', 'last_name'])
const contact = (v: Obj): Out<Obj> => {
  const out: Obj = {}
  return text(v, out, 'first_name') && text(v, out, 'last_name') ? extras(v, out, CONTACT) : NO
}

const ACCOUNT = new Set(['name', 'number'])
const account = (v: Obj): Out<Obj> => {
  const out: Obj = {}
  return text(v, out, 'name') && ref(v, out, 'number') ? extras(v, out, ACCOUNT) : NO
}

const FOLLOW_UP = new Set(['requested', 'details'])
const followUp = (v: Obj): Out<Obj> => {
  const out: Obj = {}
  return scalar(v, out, 'requested') && ref(v, out, 'details') ? extras(v, out, FOLLOW_UP) : NO
}

const COMMENT = new Set(['original', 'translation'])

const CONTACT_OF = objectOf(contact)
const ACCOUNT_OF = objectOf(account)
const FOLLOW_UP_OF = objectOf(followUp)
const TAGS = arrayOf(tag)
const QUESTIONS = arrayOf(question)
const DRIVERS = arrayOf(driver)
const PROPERTIES = arrayOf(property)

const RESPONSE = new Set([
  'status',
  'contact',
  'account',
  'number_customergauge',
  'number_customer',
  'number_order',
  'email',
  'phone',
  'nps',
  'comment',
  'date_creation',
  'date_order',
  'date_sent',
  'date_survey_response',
  'language',
  'locale',
  'follow_up',
  'tags',
  'questions',
  'selected_drivers',
  'properties'
])

/** One response, in CgResponse's key order. */
export function readCgResponse(v: unknown): CgResponse | null {
  if (!isObject(v)) return null
  const out: Obj = {}
  if (!text(v, out, 'status') || !nullish(v, out, 'contact', CONTACT_OF) || !nullish(v, out, 'account', ACCOUNT_OF)) return null
  const cgid = v.number_customergauge
  if (typeof cgid !== 'number' || !Number.isSafeInteger(cgid)) return null
  out.number_customergauge = cgid
  if (!ref(v, out, 'number_customer') || !ref(v, out, 'number_order') || !text(v, out, 'email') || !ref(v, out, 'phone')) return null
  const nps = v.nps
  if (nps === undefined || nps === null || nps === '') out.nps = null
  else if (typeof nps === 'number') out.nps = nps
  else return null
  const comment = v.comment
  if (comment !== undefined) {
    if (comment === null || typeof comment === 'string') out.comment = comment
    else if (isObject(comment)) {
      const c: Obj = {}
      if (!text(comment, c, 'original') || !text(comment, c, 'translation') || extras(comment, c, COMMENT) === NO) return null
      out.comment = c
    } else return null
  }
  if (!date(v, out, 'date_creation') || !date(v, out, 'date_order') || !date(v, out, 'date_sent') || !date(v, out, 'date_survey_response')) return null
  if (!text(v, out, 'language') || !text(v, out, 'locale') || !nullish(v, out, 'follow_up', FOLLOW_UP_OF)) return null
  if (!nullish(v, out, 'tags', TAGS) || !nullish(v, out, 'questions', QUESTIONS) || !nullish(v, out, 'selected_drivers', DRIVERS) || !nullish(v, out, 'properties', PROPERTIES)) return null
  return extras(v, out, RESPONSE) === NO ? null : (out as CgResponse)
}

/** The page: its envelope (cursor) read by zod with the items set aside, each item read above. */
function readPage(body: unknown): CgResponsesPage | null {
  if (!isObject(body) || !Array.isArray(body.data)) return null
  const data: CgResponse[] = new Array<CgResponse>(body.data.length)
  for (let i = 0; i < data.length; i++) {
    const read = readCgResponse(body.data[i])
    if (read === null) return null
    data[i] = read
  }
  const envelope = CgResponsesPage.safeParse({ ...body, data: [] })
  if (!envelope.success) return null
  envelope.data.data = data
  return envelope.data
}

export const CG_RESPONSES_PAGE: FastSchema<CgResponsesPage> = { schema: CgResponsesPage, fastRead: readPage }
