import { describe, expect, it } from 'vitest'
import { beginSincePass, keysetAfterPage, keysetCompleted, readKeyset, SAFETY_MARGIN_MS } from '../../src/main/sync/streams/common'

describe('sync cursors: "since" passes', () => {
  const now = new Date('2025-06-01T12:00:00.000Z')

  it('a first pass reads everything from the first page; its cursor names the next page of the SAME pass', () => {
    const pass = beginSincePass(undefined, now, 1)
    expect(pass).toMatchObject({ since: null, startedAt: now.toISOString(), page: 1 })
    expect(pass.cursorAfter(2)).toEqual({ pass: { since: null, startedAt: now.toISOString(), nextPage: 2 }, nextSince: null })
  })

  it('a completed pass hands the next one its start time minus the safety margin', () => {
    const done = beginSincePass(undefined, now, 1).cursorAfter(null)
    expect(done).toEqual({ pass: null, nextSince: new Date(now.getTime() - SAFETY_MARGIN_MS).toISOString() })
    const later = new Date('2025-06-02T00:00:00.000Z')
    const next = beginSincePass(done, later, 1)
    expect(next).toMatchObject({ since: done.nextSince, startedAt: later.toISOString(), page: 1 })
  })

  it('after a kill mid-pass, the next run resumes that pass: same since, same start, next page', () => {
    const first = beginSincePass({ pass: null, nextSince: '2025-05-01T00:00:00.000Z' }, now, 1)
    const stored = JSON.parse(JSON.stringify(first.cursorAfter(7))) as unknown
    const resumed = beginSincePass(stored, new Date('2025-06-03T00:00:00.000Z'), 1)
    expect(resumed).toMatchObject({ since: '2025-05-01T00:00:00.000Z', startedAt: now.toISOString(), page: 7 })
    // Until the resumed pass completes, the previous high-water mark is kept.
    expect(resumed.cursorAfter(8).nextSince).toBe('2025-05-01T00:00:00.000Z')
  })

  it('a cursor this version cannot read starts over from the beginning rather than guessing', () => {
    expect(beginSincePass({ page: 'x' }, now, 0)).toMatchObject({ since: null, page: 0 })
    expect(beginSincePass(42, now, 1)).toMatchObject({ since: null, page: 1 })
  })
})

describe('sync cursors: ascending keyset', () => {
  it('moves the inclusive bound to the newest timestamp of the page and restarts at page 0', () => {
    const next = keysetAfterPage({ after: null, page: 0 }, ['2025-01-01T00:00:01.000Z', '2025-01-01T00:00:03.000Z', null, '2025-01-01T00:00:02.000Z'])
    expect(next).toEqual({ after: '2025-01-01T00:00:03.000Z', page: 0 })
  })

  it('steps through pages when a whole page shares the bound (never loops on the same page)', () => {
    const t = '2025-01-01T00:00:05.000Z'
    expect(keysetAfterPage({ after: t, page: 0 }, [t, t, t])).toEqual({ after: t, page: 1 })
    expect(keysetAfterPage({ after: t, page: 1 }, [t, t])).toEqual({ after: t, page: 2 })
    expect(keysetAfterPage({ after: t, page: 2 }, [t, '2025-01-01T00:00:06.000Z'])).toEqual({ after: '2025-01-01T00:00:06.000Z', page: 0 })
  })

  it('a completed pass keeps its bound, moved back by the margin when it is recent, never forward', () => {
    const started = new Date('2025-06-01T12:00:00.000Z')
    expect(keysetCompleted({ after: '2025-06-01T11:59:00.000Z', page: 3 }, started)).toEqual({ after: new Date(started.getTime() - SAFETY_MARGIN_MS).toISOString(), page: 0 })
    expect(keysetCompleted({ after: '2025-01-01T00:00:00.000Z', page: 0 }, started)).toEqual({ after: '2025-01-01T00:00:00.000Z', page: 0 })
    expect(keysetCompleted({ after: null, page: 0 }, started)).toEqual({ after: null, page: 0 })
  })

  it('reads only a well-formed stored cursor', () => {
    expect(readKeyset({ after: '2025-01-01T00:00:00.000Z', page: 2 })).toEqual({ after: '2025-01-01T00:00:00.000Z', page: 2 })
    expect(readKeyset({ after: 'yesterday', page: 2 })).toEqual({ after: null, page: 0 })
    expect(readKeyset(null)).toEqual({ after: null, page: 0 })
  })
})
