import type { DryRunRow, ProtectionSettings, SmsPreview } from '../../../shared/domain/sends'
import { countSms } from '../../../shared/sms'
import { renderTemplate } from '../../../shared/template-render'
import type { Db } from '../../store/database'
import type { RowVerdict, SendEngine, SendRow, SkipReason } from '../job/types'
import type { NormalizedSend } from '../read'
import { sendableRows, type DraftValidation } from './draft'
import { mapInSlices } from './slices'
import { cellsOf, toSendRow } from './to-send-row'

/** Every row's verdict, without the requests (described only for the page shown: 100,000 bodies would be large). */
export interface DryRunPlan {
  version: string
  rows: Array<Omit<DryRunRow, 'requests'> & { sendRow: SendRow | null }>
  send: number
  skip: number
  skipReasons: Record<string, number>
}

const REASON_WORDS: Record<SkipReason | 'invalid' | 'duplicate', string> = {
  opted_out: 'Opted out',
  invalid_contact: 'Contact marked invalid',
  unsubscribed: 'Unsubscribed',
  do_not_contact: 'On the do-not-contact list',
  over_survey: 'Surveyed recently',
  no_contact: 'No contact',
  invalid: 'Invalid row',
  duplicate: 'Duplicate in the file'
}

/** field id -> header of its column, in the file's column order (the export keeps the file's layout). */
export function headerMap(v: DraftValidation): Map<string, string> {
  const columns = Object.entries(v.mapping.fields).flatMap(([f, s]) => ('column' in s ? [{ f, column: s.column, header: s.header }] : []))
  return new Map(columns.sort((a, b) => a.column - b.column).map((c) => [c.f, c.header]))
}

export async function planDryRun(v: DraftValidation, engine: SendEngine, protection: ProtectionSettings, version: string): Promise<DryRunPlan> {
  const headers = headerMap(v)
  const sendable = sendableRows(v)
  const sendRows = await mapInSlices(sendable, (r) => toSendRow(r.rowNumber, r.send!, cellsOf(r, headers)))
  const verdicts = await engine.verdicts(sendRows, protection)
  const verdictOf = new Map<number, { verdict: RowVerdict; row: SendRow }>()
  sendRows.forEach((row, i) => verdictOf.set(row.rowNumber, { verdict: verdicts[i]!, row }))
  const skipReasons: Record<string, number> = {}
  const count = (key: keyof typeof REASON_WORDS): void => {
    skipReasons[REASON_WORDS[key]] = (skipReasons[REASON_WORDS[key]] ?? 0) + 1
  }
  let send = 0
  const rows: DryRunPlan['rows'] = await mapInSlices(v.rows, (r) => {
    const planned = verdictOf.get(r.rowNumber)
    if (!planned) {
      count(r.status === 'duplicate' ? 'duplicate' : 'invalid')
      const reason =
        r.status === 'duplicate' ? `Duplicate of row ${r.duplicateOf ?? '?'}` : `Invalid: ${r.reasons.map((x) => (x.field ? `${x.field}: ${x.message}` : x.message)).join('; ')}`
      return { rowNumber: r.rowNumber, verdict: 'skip', reason, recipient: recipientOf(r.send), sendRow: null }
    }
    if (planned.verdict.action === 'skip') {
      count(planned.verdict.reason)
      return { rowNumber: r.rowNumber, verdict: 'skip', reason: planned.verdict.detail, recipient: recipientOf(r.send), sendRow: planned.row }
    }
    send++
    return { rowNumber: r.rowNumber, verdict: 'send', reason: null, recipient: recipientOf(r.send), sendRow: planned.row }
  })
  return { version, rows, send, skip: rows.length - send, skipReasons }
}

export function recipientOf(send: NormalizedSend | undefined): string | null {
  if (!send) return null
  switch (send.provider) {
    case 'customersure':
      return send.channel === 'sms' ? (send.sms?.number ?? null) : (send.email ?? null)
    case 'enco':
      return send.destination
    case 'feedbackapi':
      return send.email ?? send.mobile_number ?? null
    case 'nicereply':
      return send.from ?? null
  }
}

/**
 * What the first SMS of the job would say, rendered for that row's customer, with its length as
 * the network counts it. CustomerSure SMS templates and Enco survey questions are in the cache;
 * FeedbackAPI's message templates are not readable through its API, so it has no preview.
 */
export function smsPreview(db: Db, v: DraftValidation, plan: DryRunPlan): SmsPreview | null {
  const first = plan.rows.find((r) => r.verdict === 'send' && r.sendRow)?.sendRow
  if (!first) return null
  let name: string | null = null
  let body: string | null = null
  let values: Record<string, string | undefined> = {}
  if (first.provider === 'customersure' && first.request.sms) {
    const t = db
      .prepare(`SELECT name, body FROM templates WHERE connection_id = ? AND channel = 'sms' AND external_id = ?`)
      .get(v.connectionId, String(first.request.sms.text_message_template_id)) as { name: string; body: string | null } | undefined
    if (!t?.body) return null
    name = t.name
    body = t.body
    values = {
      name: first.request.first_name,
      first_name: first.request.first_name,
      surname: first.request.surname,
      reference: first.request.reference,
      email: first.request.email,
      // The real link is made by CustomerSure; a link of typical length keeps the count honest.
      'link-to-survey': 'https://survey.customersure.com/s/XXXXXXXXXXXX'
    }
  } else if (first.provider === 'enco' && first.request.channel === 'SMS') {
    const s = db.prepare(`SELECT name, questions FROM surveys WHERE connection_id = ? AND external_id = ?`).get(v.connectionId, String(first.surveyId)) as
      | { name: string; questions: string }
      | undefined
    if (!s) return null
    const questions = JSON.parse(s.questions) as Array<{ text: string; language: string | null }>
    const q = questions.find((x) => x.language === first.request.language) ?? questions[0]
    if (!q) return null
    name = s.name
    body = q.text
  } else {
    return null
  }
  const text = renderTemplate(body, values).text
  const count = countSms(text)
  return { templateName: name, text, characters: count.characters, segments: count.segments, encoding: count.encoding }
}
