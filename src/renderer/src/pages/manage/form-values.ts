import type { z } from 'zod'
import { zodIssuesToFieldErrors, type FieldError } from '../../../../shared/errors'

/**
 * A manage form is described by its fields; the form holds every value as text (or a tick), and
 * `valuesToInput` shapes them into the contract's input, which the contract's zod schema then checks
 * before anything leaves the renderer. Dotted names (`limits.responses`) build nested objects.
 */
export type FieldKind = 'text' | 'email' | 'url' | 'tel' | 'number' | 'select' | 'checkbox' | 'textarea' | 'lines'

export interface FieldSpec {
  name: string
  label: string
  kind: FieldKind
  required?: boolean
  help?: string
  placeholder?: string
  options?: ReadonlyArray<{ value: string; label: string }>
  /** Shown but not editable (e.g. a code the provider does not let you change). */
  readOnly?: boolean
  /** Kept as '' -> null instead of being left out, so an edit can clear it. */
  nullable?: boolean
  autoComplete?: string
  /** A select whose one choice is sent as a list of one (or an empty list). */
  asList?: boolean
}

export type FormValues = Record<string, string | boolean>

export function emptyValues(fields: readonly FieldSpec[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'checkbox' ? false : '']))
}

/** Form values from an existing object (dotted names read nested keys; arrays become one line each). */
export function valuesFrom(fields: readonly FieldSpec[], source: Record<string, unknown>): FormValues {
  const out = emptyValues(fields)
  for (const f of fields) {
    const v = f.name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), source)
    if (f.kind === 'checkbox') out[f.name] = v === true
    else if (Array.isArray(v)) out[f.name] = v.map(String).join('\n')
    else if (v !== null && v !== undefined) out[f.name] = String(v)
  }
  return out
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  let o = target
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {}
    o = o[k] as Record<string, unknown>
  }
  o[keys[keys.length - 1] as string] = value
}

/** Empty text is left out (or null when the field is nullable); numbers that do not parse are passed on for the schema to reject. */
export function valuesToInput(fields: readonly FieldSpec[], values: FormValues, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base)
  for (const f of fields) {
    if (f.readOnly) continue
    const v = values[f.name]
    if (f.kind === 'checkbox') {
      setPath(out, f.name, v === true)
      continue
    }
    const text = typeof v === 'string' ? v.trim() : ''
    if (f.kind === 'lines') {
      setPath(out, f.name, text === '' ? [] : text.split('\n').map((l) => l.trim()).filter((l) => l !== ''))
    } else if (f.asList) {
      setPath(out, f.name, text === '' ? [] : [text])
    } else if (text === '') {
      if (f.nullable) setPath(out, f.name, null)
    } else if (f.kind === 'number') {
      setPath(out, f.name, Number.isFinite(Number(text)) ? Number(text) : text)
    } else setPath(out, f.name, text)
  }
  return out
}

/** Puts each error on the form field it names (the longest field name that is a prefix of its path); the rest are for the whole form. */
export function errorsByField(fields: readonly FieldSpec[], details: readonly FieldError[]): { byField: Record<string, string>; rest: string[] } {
  const names = fields.map((f) => f.name).sort((a, b) => b.length - a.length)
  const byField: Record<string, string> = {}
  const rest: string[] = []
  for (const d of details) {
    // A write's form sits under `fields` (main names `fields.siteCode`); the form calls it `siteCode`.
    const path = d.field.replace(/^fields\./, '')
    const name = names.find((n) => path === n || path.startsWith(`${n}.`))
    if (name && !(name in byField)) byField[name] = d.message
    else if (!name) rest.push(path ? `${path}: ${d.message}` : d.message)
  }
  return { byField, rest }
}

export type Checked<T> = { ok: true; data: T } | { ok: false; details: FieldError[] }

/** The renderer-side check with the contract's own schema: the same rules main applies again. */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const r = schema.safeParse(input)
  return r.success ? { ok: true, data: r.data } : { ok: false, details: zodIssuesToFieldErrors(r.error) }
}
