/**
 * CustomerSure template placeholders, as its API document shows them: `{{name/there}}` is the
 * customer's value for `name`, or the fallback after the first slash when the customer has none
 * ("Hi {{name/there}}" greets a nameless customer with "Hi there"); `{{link-to-survey}}` has no
 * fallback. Rendering keeps each placeholder as its own part so a preview can mark what was filled in.
 */

export type TemplateValues = Readonly<Record<string, string | null | undefined>>

export type RenderedPart =
  | { kind: 'text'; text: string }
  | {
      kind: 'placeholder'
      /** The placeholder as written, braces included. */
      source: string
      key: string
      fallback: string | null
      text: string
      /** Where the text came from; 'missing' = no value and no fallback, rendered empty. */
      from: 'value' | 'fallback' | 'missing'
    }

export interface RenderedTemplate {
  text: string
  parts: RenderedPart[]
  /** Keys used without a value or a fallback: the customer would see a gap. */
  missing: string[]
}

/** A made-up customer the template previews are rendered for. */
export const SAMPLE_CUSTOMER: TemplateValues = {
  name: 'Alex',
  first_name: 'Alex',
  surname: 'Morgan',
  email: 'alex.morgan@example.com',
  reference: '#1234',
  'link-to-survey': 'https://survey.example.com/s/abc123'
}

/** The same customer without a name on record, to show the fallbacks. */
export const SAMPLE_CUSTOMER_NAMELESS: TemplateValues = { ...SAMPLE_CUSTOMER, name: null, first_name: null, surname: null }

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g

function lookup(values: TemplateValues, key: string): string | null {
  const direct = values[key]
  if (direct != null && direct.trim() !== '') return direct
  // Keys are matched without regard to case: "{{Name/there}}" means the same field.
  const lower = key.toLowerCase()
  for (const [k, v] of Object.entries(values)) {
    if (k.toLowerCase() === lower && v != null && v.trim() !== '') return v
  }
  return null
}

export function renderTemplate(template: string, values: TemplateValues = SAMPLE_CUSTOMER): RenderedTemplate {
  const parts: RenderedPart[] = []
  const missing: string[] = []
  let last = 0
  for (const m of template.matchAll(PLACEHOLDER)) {
    const at = m.index
    if (at > last) parts.push({ kind: 'text', text: template.slice(last, at) })
    const inner = m[1] ?? ''
    const slash = inner.indexOf('/')
    const key = (slash === -1 ? inner : inner.slice(0, slash)).trim()
    const fallback = slash === -1 ? null : inner.slice(slash + 1).trim()
    const value = key === '' ? null : lookup(values, key)
    if (value !== null) parts.push({ kind: 'placeholder', source: m[0], key, fallback, text: value, from: 'value' })
    else if (fallback !== null) parts.push({ kind: 'placeholder', source: m[0], key, fallback, text: fallback, from: 'fallback' })
    else {
      parts.push({ kind: 'placeholder', source: m[0], key, fallback, text: '', from: 'missing' })
      if (!missing.includes(key)) missing.push(key)
    }
    last = at + m[0].length
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) })
  return { text: parts.map((p) => p.text).join(''), parts, missing }
}
