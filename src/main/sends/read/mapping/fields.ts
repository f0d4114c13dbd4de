import { DATA_FIELD_PREFIX, type SendFieldDef, type SendProvider } from '../types'

const CUSTOMERSURE: readonly SendFieldDef[] = [
  { id: 'email', label: 'Email', kind: 'email', required: false, requiredNote: 'Required for email sends' },
  { id: 'first_name', label: 'First name', kind: 'text', required: false },
  { id: 'surname', label: 'Surname', kind: 'text', required: false },
  { id: 'reference', label: 'Reference', kind: 'text', required: false },
  { id: 'machine_id', label: 'Machine id', kind: 'text', required: false },
  { id: 'send_at', label: 'Send at', kind: 'datetime', required: false, requiredNote: 'Empty: sent when the job reaches the row' },
  { id: 'survey_id', label: 'Survey', kind: 'id', required: true, constantFirst: true },
  { id: 'channel', label: 'Channel', kind: 'enum', required: false, values: ['email', 'sms'], constantFirst: true, requiredNote: 'Empty: SMS when the row has an SMS number and no email' },
  { id: 'email_template_id', label: 'Email template', kind: 'id', required: false, requiredNote: 'Required for email sends', constantFirst: true },
  { id: 'sms_number', label: 'SMS number', kind: 'phone', required: false, requiredNote: 'Required for SMS sends (a mobile number)' },
  { id: 'text_message_template_id', label: 'SMS template', kind: 'id', required: false, requiredNote: 'Required for SMS sends', constantFirst: true },
  { id: 'reminder_days', label: 'Reminders (days after sending)', kind: 'list', required: false, constantFirst: true },
  { id: 'reminder_template_id', label: 'Reminder template', kind: 'id', required: false, requiredNote: 'Empty: the send’s own template', constantFirst: true },
  { id: 'data.staff_code', label: 'Staff code', kind: 'text', required: false, maxLength: 100 },
  { id: 'data.site_code', label: 'Site code', kind: 'text', required: false, maxLength: 100 }
]

const ENCO: readonly SendFieldDef[] = [
  { id: 'survey_id', label: 'Survey', kind: 'id', required: true, constantFirst: true },
  { id: 'destination', label: 'Phone number', kind: 'phone', required: true },
  { id: 'channel', label: 'Channel', kind: 'enum', required: false, values: ['SMS', 'VOICE'], constantFirst: true, requiredNote: 'Empty: SMS' },
  { id: 'referenceId', label: 'Reference id', kind: 'text', required: false },
  { id: 'language', label: 'Language', kind: 'text', required: false, constantFirst: true },
  { id: 'segments', label: 'Segments', kind: 'list', required: false }
]

const FEEDBACKAPI: readonly SendFieldDef[] = [
  { id: 'email', label: 'Email', kind: 'email', required: false, requiredNote: 'Email or mobile number required' },
  { id: 'mobile_number', label: 'Mobile number', kind: 'phone', required: false, requiredNote: 'Email or mobile number required' },
  { id: 'fname', label: 'First name', kind: 'text', required: false },
  { id: 'sname', label: 'Last name', kind: 'text', required: false },
  { id: 'location', label: 'Location', kind: 'id', required: true, constantFirst: true },
  { id: 'template', label: 'Message template', kind: 'id', required: true, constantFirst: true },
  { id: 'due', label: 'Send at', kind: 'datetime', required: false, requiredNote: 'Empty: sent at once' },
  { id: 'suppress_message', label: 'Only create the link (send nothing)', kind: 'boolean', required: false, constantFirst: true }
]

const NICEREPLY: readonly SendFieldDef[] = [
  { id: 'survey_id', label: 'Survey', kind: 'id', required: true, constantFirst: true },
  { id: 'score', label: 'Score', kind: 'integer', required: true },
  { id: 'user', label: 'Agent (id or username)', kind: 'text', required: true },
  { id: 'from', label: 'Customer name', kind: 'text', required: false },
  { id: 'comment', label: 'Comment', kind: 'text', required: false },
  { id: 'ticket', label: 'Ticket number', kind: 'text', required: false },
  { id: 'customer_id', label: 'Customer id', kind: 'text', required: false },
  { id: 'ip_address', label: 'IP address', kind: 'text', required: false }
]

const FIELDS: Record<SendProvider, readonly SendFieldDef[]> = { customersure: CUSTOMERSURE, enco: ENCO, feedbackapi: FEEDBACKAPI, nicereply: NICEREPLY }

/** A provider's send fields, in form order. */
export function sendFields(provider: SendProvider): readonly SendFieldDef[] {
  return FIELDS[provider]
}

/** CustomerSure's own limit on a data key (the value's is 100). */
export const DATA_KEY_MAX = 30
export const DATA_VALUE_MAX = 100

/** One field by id; any CustomerSure `data.<key>` is a field (its key's length is checked by validation). */
export function fieldDef(provider: SendProvider, id: string): SendFieldDef | undefined {
  const known = FIELDS[provider].find((f) => f.id === id)
  if (known) return known
  if (provider === 'customersure' && id.startsWith(DATA_FIELD_PREFIX) && id.length > DATA_FIELD_PREFIX.length) {
    return { id, label: `Data: ${id.slice(DATA_FIELD_PREFIX.length)}`, kind: 'text', required: false, maxLength: DATA_VALUE_MAX }
  }
  return undefined
}
