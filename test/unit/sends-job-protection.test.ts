import { describe, expect, it } from 'vitest'
import { insideWindow, nextWindowOpening, verdictFor, type ProtectionContext } from '../../src/main/sends/protect/protection'
import { normalisePhone } from '../../src/main/sends/protect/contact'
import { customerSureRows, encoRows } from '../support/send-harness'

const NOW = Date.parse('2026-06-15T12:00:00Z')
const DAY = 86_400_000

function ctx(patch: Partial<ProtectionContext> = {}): ProtectionContext {
  return {
    purpose: 'send',
    settings: { overSurveyDays: 30, sendWindow: null },
    suppressions: { emails: new Map(), phones: new Map() },
    doNotContact: new Set(),
    recentlySurveyed: { emails: new Map(), phones: new Map() },
    now: NOW,
    ...patch
  }
}

describe('protection verdicts', () => {
  const [row] = customerSureRows(1)
  const [sms] = encoRows(1)

  it('sends a row nothing stops', () => {
    expect(verdictFor(row!, ctx())).toEqual({ action: 'send' })
  })

  it('skips provider opt-outs, invalid contacts and unsubscribes, naming where', () => {
    const v = verdictFor(row!, ctx({ suppressions: { emails: new Map([['customer1@example.com', { reason: 'opted_out', detail: 'opted out at FeedbackAPI (Acme)' }]]), phones: new Map() } }))
    expect(v).toEqual({ action: 'skip', reason: 'opted_out', detail: 'customer1@example.com opted out at FeedbackAPI (Acme).' })
    const p = verdictFor(sms!, ctx({ suppressions: { emails: new Map(), phones: new Map([[sms!.phone!, { reason: 'invalid_contact', detail: 'marked invalid' }]]) } }))
    expect(p).toMatchObject({ action: 'skip', reason: 'invalid_contact' })
  })

  it('skips the local do-not-contact list', () => {
    expect(verdictFor(sms!, ctx({ doNotContact: new Set([sms!.phone!]) }))).toMatchObject({ action: 'skip', reason: 'do_not_contact' })
  })

  it('over-survey: skips within N days, sends after, and the rule can be turned off', () => {
    const recent = (at: number) => ({ emails: new Map([['customer1@example.com', at]]), phones: new Map() })
    expect(verdictFor(row!, ctx({ recentlySurveyed: recent(NOW - 29 * DAY) }))).toMatchObject({ action: 'skip', reason: 'over_survey' })
    expect(verdictFor(row!, ctx({ recentlySurveyed: recent(NOW - 31 * DAY) }))).toEqual({ action: 'send' })
    expect(verdictFor(row!, ctx({ recentlySurveyed: recent(NOW - DAY), settings: { overSurveyDays: 0, sendWindow: null } }))).toEqual({ action: 'send' })
  })

  it('applies no rule to imported ratings, and skips a send row with no contact at all', () => {
    const dnc = new Set(['customer1@example.com'])
    expect(verdictFor(row!, ctx({ purpose: 'import_ratings', doNotContact: dnc }))).toEqual({ action: 'send' })
    expect(verdictFor({ ...row!, email: null, phone: null }, ctx())).toMatchObject({ action: 'skip', reason: 'no_contact' })
  })
})

describe('quiet hours', () => {
  const day = { start: '09:00', end: '20:00' }
  const night = { start: '22:00', end: '06:00' }

  it('reads the window on the given zone’s clock, wrapping midnight', () => {
    // 12:00 UTC is 14:00 in Brussels (summer), 08:00 in New York.
    expect(insideWindow(NOW, day, 'Europe/Brussels')).toBe(true)
    expect(insideWindow(NOW, day, 'America/New_York')).toBe(false)
    expect(insideWindow(Date.parse('2026-06-15T23:30:00Z'), night, 'UTC')).toBe(true)
    expect(insideWindow(Date.parse('2026-06-15T05:59:00Z'), night, 'UTC')).toBe(true)
    expect(insideWindow(Date.parse('2026-06-15T06:00:00Z'), night, 'UTC')).toBe(false)
  })

  it('finds the next opening: 09:00 New York is 13:00 UTC', () => {
    expect(new Date(nextWindowOpening(NOW, day, 'America/New_York')).toISOString()).toBe('2026-06-15T13:00:00.000Z')
    expect(nextWindowOpening(NOW, day, 'Europe/Brussels')).toBe(NOW)
  })
})

describe('contacts', () => {
  it('normalises phone numbers to E.164 with the default country, and rejects what is not one', () => {
    expect(normalisePhone('0472 30 67 05', 'BE')).toBe('+32472306705')
    expect(normalisePhone('+32 472 30 67 05', null)).toBe('+32472306705')
    expect(normalisePhone('12', 'BE')).toBeNull()
  })
})
