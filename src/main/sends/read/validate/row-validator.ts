import { DATA_VALUE_MAX } from '../mapping/fields'
import { DATA_FIELD_PREFIX, type DateColumnVerdict, type DateOrder, type KnownIds, type NormalizedSend, type RowReason, type ValidatedRow } from '../types'
import { resolveDate } from './dates'
import { normalizeEmail } from './email'
import { normalizePhone } from './phone'
import type { Plan } from './plan'
import type { DuplicateIndex } from './scan'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i
const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'ja', 'j', 'oui', 'o', 'vrai', 'waar'])
const FALSE = new Set(['false', 'no', 'n', '0', 'nee', 'non', 'faux', 'onwaar', ''])
const SCORE_RANGE = { csat: [1, 10], ces: [1, 7], nps: [0, 10] } as const

/** One row's reading: the mapped values, the reasons it fails, and typed helpers that add to them. */
class Row {
  readonly reasons: RowReason[] = []
  constructor(
    readonly values: Record<string, string>,
    private readonly v: RowValidator
  ) {}

  fail(field: string, message: string): undefined {
    this.reasons.push({ field, message })
    return undefined
  }

  text(field: string): string | undefined {
    const value = this.values[field]
    if (value === undefined || value === '') return undefined
    const max = this.v.plan.defs.get(field)?.maxLength
    if (max !== undefined && value.length > max) return this.fail(field, `Longer than ${max} characters (${value.length})`)
    return value
  }

  required(field: string, what: string): string | undefined {
    return this.text(field) ?? (this.values[field] === undefined || this.values[field] === '' ? this.fail(field, `${what} is missing`) : undefined)
  }

  email(field: string): string | undefined {
    const value = this.text(field)
    if (value === undefined) return undefined
    const r = normalizeEmail(value)
    return r.ok ? r.email : this.fail(field, r.message)
  }

  phone(field: string, mobileOnly: boolean): string | undefined {
    const value = this.text(field)
    if (value === undefined) return undefined
    const r = normalizePhone(value, this.v.plan.options.defaultCountry, mobileOnly)
    return r.ok ? r.e164 : this.fail(field, r.message)
  }

  /** A date in the future, as ISO 8601 UTC. */
  date(field: string): string | undefined {
    const value = this.text(field)
    if (value === undefined) return undefined
    const r = resolveDate(value, this.v.dateOrder(field), this.v.plan.options.timeZone)
    if (!r.ok) return this.fail(field, r.message)
    if (r.ms <= this.v.plan.now) return this.fail(field, `${value} is in the past (in ${this.v.plan.options.timeZone})`)
    return new Date(r.ms).toISOString()
  }

  id(field: string, what: string, known: ReadonlySet<string> | undefined, required: boolean): string | undefined {
    const value = required ? this.required(field, what) : this.text(field)
    if (value === undefined) return undefined
    if (known && !known.has(value)) return this.fail(field, `No ${what.toLowerCase()} with id "${value}" in this connection (sync it, or check the id)`)
    return value
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.text(field)
    if (value === undefined) return undefined
    const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase())
    return found ?? this.fail(field, `"${value}" is not one of ${allowed.join(', ')}`)
  }

  bool(field: string): boolean {
    const value = (this.values[field] ?? '').toLowerCase()
    if (TRUE.has(value)) return true
    if (!FALSE.has(value)) this.fail(field, `"${this.values[field]}" is not yes or no`)
    return false
  }

  list(field: string): string[] {
    const value = this.text(field)
    return value === undefined ? [] : value.split(/[,;|]/).map((s) => s.trim()).filter((s) => s !== '')
  }

  integer(field: string, what: string, min: number, max: number): number | undefined {
    const value = this.required(field, what)
    if (value === undefined) return undefined
    const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN
    if (!Number.isInteger(n) || n < min || n > max) return this.fail(field, `${what} must be a whole number from ${min} to ${max} (got "${value}")`)
    return n
  }
}

/**
 * The second pass: one row at a time, with the column verdicts and duplicate index from the first.
 * Everything a row needs is checked and every problem is reported (not only the first), so a user
 * can fix a row in one go.
 */
export class RowValidator {
  private readonly orders = new Map<string, DateOrder | null>()
  private readonly fields: Array<[string, (cells: readonly string[]) => string]>

  constructor(
    readonly plan: Plan,
    private readonly known: KnownIds,
    verdicts: readonly DateColumnVerdict[],
    private readonly duplicates: DuplicateIndex
  ) {
    for (const v of verdicts) this.orders.set(v.field, v.order)
    this.fields = [...plan.getters]
  }

  dateOrder(field: string): DateOrder | null {
    return this.orders.get(field) ?? null
  }

  validate(cells: readonly string[], rowNumber: number): ValidatedRow {
    const values: Record<string, string> = {}
    for (const [field, get] of this.fields) values[field] = get(cells)
    const row = new Row(values, this)
    for (const r of this.plan.mappingErrors) row.reasons.push(r)
    const send = this.build(row)
    if (row.reasons.length > 0 || !send) return { rowNumber, status: 'invalid', reasons: row.reasons, values }
    const duplicateOf = this.duplicates.duplicateOf(rowNumber)
    if (duplicateOf !== undefined) {
      return { rowNumber, status: 'duplicate', duplicateOf, reasons: [{ field: '', message: `Same recipient as row ${duplicateOf}` }], send, values }
    }
    return { rowNumber, status: 'valid', reasons: [], send, values }
  }

  private build(row: Row): NormalizedSend | undefined {
    switch (this.plan.provider) {
      case 'customersure':
        return this.customerSure(row)
      case 'enco':
        return this.enco(row)
      case 'feedbackapi':
        return this.feedbackApi(row)
      case 'nicereply':
        return this.nicereply(row)
    }
  }

  private customerSure(row: Row): NormalizedSend | undefined {
    const k = this.known
    const hasSmsNumber = (row.values.sms_number ?? '') !== ''
    const hasEmail = (row.values.email ?? '') !== ''
    const channel = row.oneOf('channel', ['email', 'sms'] as const) ?? (hasSmsNumber && !hasEmail ? 'sms' : 'email')
    const survey_id = row.id('survey_id', 'Survey', k.surveys, true)
    const email = hasEmail ? row.email('email') : channel === 'email' ? row.fail('email', 'Email is missing (needed for an email send)') : undefined
    let sms: { number: string; text_message_template_id: string } | undefined
    let email_template_id: string | undefined
    if (channel === 'sms') {
      const number = hasSmsNumber ? row.phone('sms_number', true) : row.fail('sms_number', 'SMS number is missing (needed for an SMS send)')
      const template = row.id('text_message_template_id', 'SMS template', k.smsTemplates, true)
      if (number && template) sms = { number, text_message_template_id: template }
    } else {
      email_template_id = row.id('email_template_id', 'Email template', k.emailTemplates, true)
    }
    const send_at = row.date('send_at')
    const reminders = this.reminders(row, channel, send_at, email_template_id ?? sms?.text_message_template_id)
    const data: Array<{ key: string; value: string }> = []
    for (const [field, value] of Object.entries(row.values)) {
      if (!field.startsWith(DATA_FIELD_PREFIX) || value === '') continue
      if (value.length > DATA_VALUE_MAX) row.fail(field, `A data value may have at most ${DATA_VALUE_MAX} characters (this one has ${value.length})`)
      else data.push({ key: field.slice(DATA_FIELD_PREFIX.length), value })
    }
    const first_name = row.text('first_name')
    const surname = row.text('surname')
    const reference = row.text('reference')
    const machine_id = row.text('machine_id')
    if (!survey_id || row.reasons.length > 0) return undefined
    return {
      provider: 'customersure',
      channel,
      ...(email ? { email } : {}),
      ...(first_name ? { first_name } : {}),
      ...(surname ? { surname } : {}),
      ...(reference ? { reference } : {}),
      ...(machine_id ? { machine_id } : {}),
      ...(send_at ? { send_at } : {}),
      survey_id,
      ...(email_template_id ? { email_template_id } : {}),
      ...(sms ? { sms } : {}),
      data,
      reminders
    }
  }

  private reminders(row: Row, channel: 'email' | 'sms', sendAt: string | undefined, ownTemplate: string | undefined) {
    const days = row.list('reminder_days')
    if (days.length === 0) return []
    const known = channel === 'sms' ? this.known.smsTemplates : this.known.emailTemplates
    const template = row.id('reminder_template_id', 'Reminder template', known, false) ?? ownTemplate
    const base = sendAt ? Date.parse(sendAt) : this.plan.now
    const out: Array<{ send_at: string; email_template_id?: string; text_message_template_id?: string }> = []
    for (const d of days) {
      const n = /^\d+$/.test(d) ? Number(d) : NaN
      if (!(n >= 1 && n <= 365)) {
        row.fail('reminder_days', `"${d}" is not a number of days from 1 to 365`)
        continue
      }
      if (!template) continue
      const send_at = new Date(base + n * 86_400_000).toISOString()
      out.push(channel === 'sms' ? { send_at, text_message_template_id: template } : { send_at, email_template_id: template })
    }
    return out
  }

  private enco(row: Row): NormalizedSend | undefined {
    const survey_id = row.id('survey_id', 'Survey', this.known.surveys, true)
    const channel = row.oneOf('channel', ['SMS', 'VOICE'] as const) ?? 'SMS'
    const destination = (row.values.destination ?? '') === '' ? row.fail('destination', 'Phone number is missing') : row.phone('destination', channel === 'SMS')
    const referenceId = row.text('referenceId')
    const language = row.text('language')
    if (language !== undefined && !LANGUAGE_TAG.test(language)) row.fail('language', `"${language}" is not a language code such as nl-BE or en-GB`)
    const segments = row.list('segments')
    if (!survey_id || !destination || row.reasons.length > 0) return undefined
    return { provider: 'enco', survey_id, channel, destination, ...(referenceId ? { referenceId } : {}), ...(language ? { language } : {}), segments }
  }

  private feedbackApi(row: Row): NormalizedSend | undefined {
    const k = this.known
    const email = row.email('email')
    const mobile_number = row.phone('mobile_number', true)
    if ((row.values.email ?? '') === '' && (row.values.mobile_number ?? '') === '') row.fail('email', 'Email or mobile number is needed')
    const location = row.id('location', 'Location', k.locations, true)
    const template = row.id('template', 'Template', k.templates, true)
    const due = row.date('due')
    const suppress_message = row.bool('suppress_message')
    const fname = row.text('fname')
    const sname = row.text('sname')
    if (!location || !template || row.reasons.length > 0) return undefined
    return {
      provider: 'feedbackapi',
      ...(email ? { email } : {}),
      ...(mobile_number ? { mobile_number } : {}),
      ...(fname ? { fname } : {}),
      ...(sname ? { sname } : {}),
      location,
      template,
      ...(due ? { due } : {}),
      suppress_message
    }
  }

  private nicereply(row: Row): NormalizedSend | undefined {
    const k = this.known
    const survey_id = row.id('survey_id', 'Survey', k.surveys, true)
    const metric = survey_id ? k.surveyMetrics?.get(survey_id) : undefined
    const scale = survey_id ? k.surveyScales?.get(survey_id) : undefined
    const [min, max] = scale ?? (metric ? SCORE_RANGE[metric] : [0, 10])
    const score = row.integer('score', `Score${metric ? ` (${metric.toUpperCase()})` : ''}`, min, max)
    const userText = row.required('user', 'Agent')
    if (userText !== undefined && k.users && !k.users.has(userText)) row.fail('user', `No agent "${userText}" in this connection (sync it, or check the name)`)
    const customer_id = row.text('customer_id')
    if (customer_id !== undefined && !UUID.test(customer_id)) row.fail('customer_id', `"${customer_id}" is not a Nicereply customer id (a UUID)`)
    const ip_address = row.text('ip_address')
    if (ip_address !== undefined && !IPV4.test(ip_address)) row.fail('ip_address', `"${ip_address}" is not an IPv4 address`)
    const from = row.text('from')
    const comment = row.text('comment')
    const ticket = row.text('ticket')
    if (!survey_id || score === undefined || userText === undefined || row.reasons.length > 0) return undefined
    return {
      provider: 'nicereply',
      ...(metric ? { metric } : {}),
      survey_id,
      score,
      user: UUID.test(userText) ? { id: userText } : { username: userText },
      ...(from ? { from } : {}),
      ...(comment ? { comment } : {}),
      ...(ticket ? { ticket } : {}),
      ...(customer_id ? { customer_id } : {}),
      ...(ip_address ? { ip_address } : {})
    }
  }
}
