import type { SendRow } from '../job/types'
import type { NormalizedSend, ValidatedRow as ReadRow } from '../read'

/**
 * The reader's normalised send (fields named as the provider documents name them) to the engine's
 * row (the request it makes, plus the contact it protects). The two libraries were written side by
 * side; this is the one place that knows both shapes.
 */
export function toSendRow(rowNumber: number, send: NormalizedSend, cells: Record<string, string>): SendRow {
  switch (send.provider) {
    case 'customersure': {
      const request: Extract<SendRow, { provider: 'customersure' }>['request'] = {
        // Left empty, the adapter stamps it when the job reaches the row.
        ...(send.send_at !== undefined ? { send_at: send.send_at } : {}),
        survey_id: send.survey_id,
        ...(send.email !== undefined && send.channel === 'email' ? { email: send.email } : {}),
        ...(send.email_template_id !== undefined && send.channel === 'email' ? { email_template_id: send.email_template_id } : {}),
        ...(send.first_name !== undefined ? { first_name: send.first_name } : {}),
        ...(send.surname !== undefined ? { surname: send.surname } : {}),
        ...(send.reference !== undefined ? { reference: send.reference } : {}),
        ...(send.machine_id !== undefined ? { machine_id: send.machine_id } : {}),
        ...(send.data.length > 0 ? { data: send.data } : {}),
        ...(send.sms && send.channel === 'sms' ? { sms: send.sms } : {}),
        ...(send.reminders.length > 0 ? { reminders: send.reminders } : {})
      }
      return {
        provider: 'customersure',
        rowNumber,
        email: send.email?.toLowerCase() ?? null,
        phone: send.sms?.number ?? null,
        cells,
        request
      }
    }
    case 'enco':
      return {
        provider: 'enco',
        rowNumber,
        email: null,
        phone: send.destination,
        cells,
        surveyId: send.survey_id,
        request: {
          channel: send.channel,
          destination: send.destination,
          ...(send.segments.length > 0 ? { segments: send.segments } : {}),
          ...(send.referenceId !== undefined ? { referenceId: send.referenceId } : {}),
          ...(send.language !== undefined ? { language: send.language } : {})
        }
      }
    case 'feedbackapi':
      return {
        provider: 'feedbackapi',
        rowNumber,
        email: send.email?.toLowerCase() ?? null,
        phone: send.mobile_number ?? null,
        cells,
        customer: {
          ...(send.email !== undefined ? { email: send.email } : {}),
          ...(send.mobile_number !== undefined ? { mobile_number: send.mobile_number } : {}),
          ...(send.fname !== undefined ? { fname: send.fname } : {}),
          ...(send.sname !== undefined ? { sname: send.sname } : {})
        },
        request: {
          template: send.template,
          location: send.location,
          ...(send.due !== undefined ? { due: send.due } : {}),
          suppress_message: send.suppress_message
        }
      }
    case 'nicereply':
      return {
        provider: 'nicereply',
        rowNumber,
        // Nicereply's `from` is a name, not an address: ratings imported carry no contact to protect.
        email: null,
        phone: null,
        cells,
        request: {
          survey_id: send.survey_id,
          score: send.score,
          user: send.user,
          ...(send.from !== undefined ? { from: send.from } : {}),
          ...(send.comment !== undefined ? { comment: send.comment } : {}),
          ...(send.ticket !== undefined ? { ticket: send.ticket } : {}),
          ...(send.customer_id !== undefined ? { customer_id: send.customer_id } : {}),
          ...(send.ip_address !== undefined ? { ip_address: send.ip_address } : {})
        }
      }
  }
}

/** The row's mapped cells by header (what the grid showed), kept in the ledger for the failed-rows export. */
export function cellsOf(row: ReadRow, headerOf: ReadonlyMap<string, string>): Record<string, string> {
  const cells: Record<string, string> = {}
  for (const [field, header] of headerOf) cells[header] = row.values[field] ?? ''
  return cells
}

/** The contact that decides duplicates: one key per address or number, as the reader compares them. */
export function contactKeys(send: NormalizedSend | undefined): string[] {
  if (!send) return []
  switch (send.provider) {
    case 'customersure':
      return [send.email?.toLowerCase(), send.sms?.number].filter((k): k is string => !!k)
    case 'enco':
      return [send.destination]
    case 'feedbackapi':
      return [send.email?.toLowerCase(), send.mobile_number].filter((k): k is string => !!k)
    case 'nicereply':
      return []
  }
}
