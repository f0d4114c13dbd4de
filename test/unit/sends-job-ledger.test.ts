import { afterEach, describe, expect, it } from 'vitest'
import { Ledger, type NewRow } from '../../src/main/sends/ledger/ledger'
import { LEDGER_SCHEMA_VERSION } from '../../src/main/sends/ledger/schema'
import { headerSignature } from '../../src/main/sends/read'
import { customerSureRows } from '../support/send-harness'
import { makeTempDir } from '../support/temp-dir'

const PROTECTION = { overSurveyDays: 30, sendWindow: null }
const JOB = { connectionId: 'c1', connectionLabel: 'Acme', provider: 'customersure' as const, purpose: 'send' as const, fileName: 'a.csv', status: 'running' as const, statusDetail: null, protection: PROTECTION }

function newRows(n: number, jobId: string): NewRow[] {
  return customerSureRows(n).map((row) => ({ rowNumber: row.rowNumber, key: `sd-${jobId}-${row.rowNumber}`, status: 'pending', detail: null, row }))
}

describe('send ledger', () => {
  let tmp: ReturnType<typeof makeTempDir> | undefined
  let ledger: Ledger | undefined
  afterEach(() => {
    ledger?.close()
    tmp?.cleanup()
    tmp = ledger = undefined
  })
  const open = (): Ledger => {
    tmp ??= makeTempDir('sends-ledger-')
    ledger = Ledger.inDataDir(tmp.dir)
    return ledger
  }

  it('is its own file at its own schema version, WAL with synchronous=FULL', () => {
    const l = open()
    expect(l.db.pragma('user_version', { simple: true })).toBe(LEDGER_SCHEMA_VERSION)
    expect(l.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(l.db.pragma('synchronous', { simple: true })).toBe(2)
  })

  it('writes a job and all its rows in one transaction: a bad row leaves nothing behind', () => {
    const l = open()
    const rows = newRows(5, 'j1')
    rows[4] = { ...rows[4]!, key: rows[0]!.key } // a duplicate idempotency key fails the insert
    expect(() => l.createJob({ ...JOB, id: 'j1' }, rows)).toThrow()
    expect(l.job('j1')).toBeUndefined()
    expect(l.db.prepare('SELECT count(*) FROM job_rows').pluck().get()).toBe(0)

    l.createJob({ ...JOB, id: 'j2' }, newRows(5, 'j2'))
    expect(l.counts('j2')).toEqual({ total: 5, pending: 5, inFlight: 0, sent: 0, failed: 0, skipped: 0, unknown: 0 })
  })

  it('moves rows pending -> in_flight -> sent | failed | pending | unknown, and refuses to send a row twice', () => {
    const l = open()
    l.createJob({ ...JOB, id: 'j' }, newRows(4, 'j'))
    l.markInFlight('j', [{ rowNumber: 1, request: { a: 1 } }, { rowNumber: 2, request: { a: 2 } }])
    expect(l.row('j', 1)).toMatchObject({ status: 'in_flight', attempts: 1, request: { a: 1 } })
    expect(() => l.markInFlight('j', [{ rowNumber: 1, request: {} }])).toThrow(/no longer pending/)

    l.markSent({ id: 'j', provider: 'customersure', connectionId: 'c1', purpose: 'send' }, [{ rowNumber: 1, providerRef: '42', answer: '{"id":42}' }])
    l.markOutcome('j', [2], 'pending', 'try again', 5_000)
    expect(l.row('j', 1)).toMatchObject({ status: 'sent', providerRef: '42' })
    expect(l.row('j', 2)).toMatchObject({ status: 'pending', notBefore: 5_000, inFlightAt: null })
    expect(l.nextPending('j', 10, 1_000).map((r) => r.rowNumber)).toEqual([3, 4])
    expect(l.nextPending('j', 10, 5_000).map((r) => r.rowNumber)).toEqual([2, 3, 4])

    l.markInFlight('j', [{ rowNumber: 3, request: {} }])
    l.markOutcome('j', [4], 'failed', 'refused')
    expect(l.inFlightToUnknown('j')).toBe(1)
    expect(l.row('j', 3)!.status).toBe('unknown')
    expect(l.counts('j')).toMatchObject({ sent: 1, pending: 1, failed: 1, unknown: 1, inFlight: 0 })
  })

  it('records send history for surveys sent, not for imported ratings', () => {
    const l = open()
    l.createJob({ ...JOB, id: 's' }, newRows(2, 's'))
    l.createJob({ ...JOB, id: 'r', provider: 'nicereply', purpose: 'import_ratings' }, newRows(2, 'r'))
    l.markInFlight('s', [{ rowNumber: 1, request: {} }])
    l.markInFlight('r', [{ rowNumber: 2, request: {} }])
    l.markSent({ id: 's', provider: 'customersure', connectionId: 'c1', purpose: 'send' }, [{ rowNumber: 1, providerRef: null, answer: null }])
    l.markSent({ id: 'r', provider: 'nicereply', connectionId: 'c1', purpose: 'import_ratings' }, [{ rowNumber: 2, providerRef: null, answer: null }])
    const recent = l.recentlySurveyed(0)
    expect([...recent.emails.keys()]).toEqual(['customer1@example.com'])
  })

  it('keeps what it committed across a reopen (the job, its rows, settings and mappings)', () => {
    const l = open()
    l.createJob({ ...JOB, id: 'k' }, newRows(3, 'k'))
    l.markInFlight('k', [{ rowNumber: 1, request: {} }])
    l.setSetting('protection', { overSurveyDays: 7, sendWindow: null })
    l.saveMapping('c1', headerSignature(['E-mail', 'Name']), ['E-mail', 'Name'], { email: { column: 'E-mail' } })
    l.close()
    const again = open()
    expect(again.row('k', 1)!.status).toBe('in_flight')
    expect(again.setting('protection')).toEqual({ overSurveyDays: 7, sendWindow: null })
    expect(again.mapping('c1', headerSignature([' e-mail', 'NAME ']))).toEqual({ email: { column: 'E-mail' } })
    expect(again.mapping('c1', headerSignature(['Name', 'E-mail']))).toBeNull()
  })
})
