import type { FieldError } from '../../shared/errors'

/** Provider field names that are not simply the snake_case of the form's camelCase name. */
const RENAMED: Record<string, string> = {
  fname: 'firstName',
  sname: 'lastName',
  review_profile: 'reviewProfiles',
  // Enco: the survey's first question is questions[0] on the wire, one "question" field on the form.
  body: 'question',
  questions: 'question',
  'questions.0.body': 'question',
  'questions[0].body': 'question',
  'questions.0.language': 'language',
  'questions[0].language': 'language'
}

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/**
 * A provider's field errors (site_code, country_code, questions[0].body, ...) on the form's own
 * names (`fields.siteCode`), so the renderer puts each message under its input. A field the form
 * does not have stays on the whole form ('').
 */
export function toFormFieldErrors(details: readonly FieldError[], formFields: readonly string[]): FieldError[] {
  return details.map((d) => {
    const wire = d.field.trim()
    const name = RENAMED[wire] ?? camel(wire.replace(/\[(\d+)\]/g, '.$1').split('.')[0]!)
    return { field: formFields.includes(name) ? `fields.${name}` : '', message: d.message }
  })
}
