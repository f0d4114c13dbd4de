import type { DateColumnVerdict, SendProvider } from '../types'
import { DateColumnEvidence } from './dates'
import { emailKey } from './email'
import { phoneKey } from './phone'
import { getter, type Getter, type Plan } from './plan'

const KEY_FIELDS: Record<SendProvider, Array<{ field: string; kind: 'email' | 'phone' }>> = {
  customersure: [{ field: 'email', kind: 'email' }, { field: 'sms_number', kind: 'phone' }],
  enco: [{ field: 'destination', kind: 'phone' }],
  feedbackapi: [{ field: 'email', kind: 'email' }, { field: 'mobile_number', kind: 'phone' }],
  // Ratings are not messages: two ratings from one customer are two tickets, not a duplicate.
  nicereply: []
}

/**
 * The rows that reach the same person (same email or phone), collapsed to the first or the last.
 * Only the keys and the dropped rows are kept (not every row), and the second pass looks a row up
 * by its number instead of computing its keys again.
 */
export class DuplicateIndex {
  private readonly kept = new Map<string | number, number>()
  /** Dropped row -> the row kept instead (keep_first) or the key whose last row is kept (keep_last). */
  private readonly dropped = new Map<number, number | { key: string | number }>()
  private resolved = false

  constructor(private readonly keepLast: boolean) {}

  observe(keys: ReadonlyArray<string | number>, rowNumber: number): void {
    if (keys.length === 0) return
    if (!this.keepLast) {
      for (const key of keys) {
        const first = this.kept.get(key)
        if (first !== undefined && first !== rowNumber) {
          this.dropped.set(rowNumber, first)
          return
        }
      }
      for (const key of keys) this.kept.set(key, rowNumber)
      return
    }
    for (const key of keys) {
      const earlier = this.kept.get(key)
      if (earlier !== undefined && earlier !== rowNumber) this.dropped.set(earlier, { key })
      this.kept.set(key, rowNumber)
    }
  }

  /** The row kept instead of this one, or undefined when this row is kept. Call after every row was observed. */
  duplicateOf(rowNumber: number): number | undefined {
    if (!this.resolved) this.resolve()
    return this.dropped.get(rowNumber) as number | undefined
  }

  private resolve(): void {
    this.resolved = true
    if (!this.keepLast) return
    for (const [row, ref] of this.dropped) this.dropped.set(row, this.kept.get((ref as { key: string | number }).key)!)
    // A kept row can itself be dropped by a later row sharing its other key: point at the final one.
    for (const [row, target] of this.dropped) {
      let t = target as number
      for (let hops = 0; this.dropped.has(t) && hops < 1000; hops++) t = this.dropped.get(t) as number
      if (t !== row) this.dropped.set(row, t)
      else this.dropped.delete(row)
    }
  }
}

/**
 * Computes a row's duplicate keys (cheaply: no full phone validation): the addresses the row's
 * message goes to. A CustomerSure row goes by email or by SMS, so only that channel's address
 * counts (two people sharing a landline still both get their email).
 */
export function keyFunction(plan: Plan): (cells: readonly string[]) => Array<string | number> {
  const country = plan.options.defaultCountry
  const parts: Array<{ field: string; get: Getter; kind: 'email' | 'phone' }> = KEY_FIELDS[plan.provider]
    .filter((k) => plan.getters.has(k.field))
    .map((k) => ({ field: k.field, get: getter(plan, k.field), kind: k.kind }))
  const channelOf = plan.provider === 'customersure' ? customerSureChannel(plan) : null
  return (cells) => {
    const keys: Array<string | number> = []
    const channel = channelOf?.(cells)
    for (const p of parts) {
      if (channel && (p.kind === 'email') !== (channel === 'email')) continue
      const text = p.get(cells)
      if (text === '') continue
      const key = p.kind === 'email' ? emailKey(text) : phoneKey(text, country)
      if (key !== null) keys.push(key)
    }
    return keys
  }
}

/** CustomerSure's channel for a row, decided as the validator decides it. */
export function customerSureChannel(plan: Plan): (cells: readonly string[]) => 'email' | 'sms' {
  const channel = getter(plan, 'channel')
  const email = getter(plan, 'email')
  const sms = getter(plan, 'sms_number')
  return (cells) => {
    const chosen = channel(cells).toLowerCase()
    if (chosen === 'sms' || chosen === 'email') return chosen
    return sms(cells) !== '' && email(cells) === '' ? 'sms' : 'email'
  }
}

/**
 * The first pass over every row: what each date column says about day/month order, and which rows
 * reach the same person. Both need the whole file before any row can be judged.
 */
export class FileScan {
  private readonly evidence = new Map<string, { get: Getter; ev: DateColumnEvidence }>()
  readonly duplicates: DuplicateIndex
  private readonly keys: (cells: readonly string[]) => Array<string | number>

  constructor(private readonly plan: Plan) {
    for (const field of plan.dateFields) this.evidence.set(field, { get: getter(plan, field), ev: new DateColumnEvidence() })
    this.duplicates = new DuplicateIndex(plan.options.duplicates === 'keep_last')
    this.keys = keyFunction(plan)
  }

  observe(cells: readonly string[], rowNumber: number): void {
    for (const { get, ev } of this.evidence.values()) ev.observe(get(cells))
    this.duplicates.observe(this.keys(cells), rowNumber)
  }

  dateVerdicts(): DateColumnVerdict[] {
    return [...this.evidence].map(([field, { ev }]) => ev.verdict(field, this.plan.options.dateOrders[field]))
  }
}
