import { AppError, zodIssuesToFieldErrors } from '../../../../shared/errors'
import { TimeZone } from '../../../../shared/periods'
import { fieldDef } from '../mapping/fields'
import { DATA_KEY_MAX } from '../mapping/fields'
import { DATA_FIELD_PREFIX, ValidateOptions, type ParsedValidateOptions, type RowReason, type SendFieldDef, type SendProvider } from '../types'
import { isKnownCountry } from './phone'

/** Reads one field's text from a record: a column's trimmed cell or the mapping's constant; '' when unmapped. */
export type Getter = (cells: readonly string[]) => string

/** A mapping compiled against a provider's fields: getters per field, and what is wrong with it as a whole. */
export interface Plan {
  provider: SendProvider
  options: ParsedValidateOptions
  now: number
  getters: Map<string, Getter>
  defs: Map<string, SendFieldDef>
  /** Date fields, for the column scan. */
  dateFields: string[]
  mappingErrors: RowReason[]
}

const EMPTY: Getter = () => ''

const REQUIRED_ANY: Record<SendProvider, string[][]> = {
  customersure: [['survey_id'], ['email', 'sms_number']],
  enco: [['survey_id'], ['destination']],
  feedbackapi: [['location'], ['template'], ['email', 'mobile_number']],
  nicereply: [['survey_id'], ['score'], ['user']]
}

/** Checks the options (zod) and compiles the mapping; throws AppError('validation') naming the bad option. */
export function compilePlan(input: ValidateOptions): Plan {
  const parsed = ValidateOptions.safeParse(input)
  if (!parsed.success) throw AppError.validation(zodIssuesToFieldErrors(parsed.error))
  const options = parsed.data
  const problems = []
  if (!TimeZone.safeParse(options.timeZone).success) problems.push({ field: 'timeZone', message: `"${options.timeZone}" is not a time zone this computer knows` })
  if (!isKnownCountry(options.defaultCountry)) problems.push({ field: 'defaultCountry', message: `"${options.defaultCountry}" is not a country code with phone numbers` })
  if (problems.length > 0) throw AppError.validation(problems)

  const provider = options.mapping.provider
  const getters = new Map<string, Getter>()
  const defs = new Map<string, SendFieldDef>()
  const mappingErrors: RowReason[] = []
  for (const [field, source] of Object.entries(options.mapping.fields)) {
    const def = fieldDef(provider, field)
    if (!def) {
      mappingErrors.push({ field, message: `"${field}" is not a field of this provider's sends` })
      continue
    }
    if (field.startsWith(DATA_FIELD_PREFIX) && field.length - DATA_FIELD_PREFIX.length > DATA_KEY_MAX) {
      mappingErrors.push({ field, message: `The data key "${field.slice(DATA_FIELD_PREFIX.length)}" is longer than ${DATA_KEY_MAX} characters` })
      continue
    }
    defs.set(field, def)
    if ('constant' in source) {
      const value = source.constant.trim()
      getters.set(field, () => value)
    } else {
      const column = source.column
      getters.set(field, (cells) => {
        const cell = cells[column]
        return cell === undefined ? '' : cell.trim()
      })
    }
  }
  for (const group of REQUIRED_ANY[provider]) {
    if (!group.some((f) => getters.has(f))) {
      const labels = group.map((f) => fieldDef(provider, f)?.label ?? f)
      mappingErrors.push({ field: group[0]!, message: `${labels.join(' or ')} must be mapped to a column or given a value` })
    }
  }
  const now = options.now ? Date.parse(options.now) : Date.now()
  const dateFields = [...defs.values()].filter((d) => d.kind === 'datetime').map((d) => d.id)
  return { provider, options, now, getters, defs, dateFields, mappingErrors }
}

export function getter(plan: Plan, field: string): Getter {
  return plan.getters.get(field) ?? EMPTY
}
