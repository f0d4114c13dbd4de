import { describe, expect, it } from 'vitest'
import { OnlineState } from '../../src/main/sync/online-state'
import { ChangeNotifier, StreamProgress } from '../../src/main/sync/progress'
import { Scheduler } from '../../src/main/sync/scheduler'
import type { StreamResult } from '../../src/main/sync/stream-runner'
import type { SyncProgress } from '../../src/shared/domain/inbox'
import { AppError } from '../../src/shared/errors'

describe('sync progress', () => {
  it('lets through the first update, then at most one per interval, and always the last', () => {
    let t = 0
    const sent: SyncProgress[] = []
    const p = new StreamProgress('c', 'responses', (x) => sent.push(x), () => t, 200)
    p.started()
    for (let i = 0; i < 1000; i++) {
      t += 10 // a page every 10 ms (a fake clock: nothing here waits)
      p.page(1000, 1_000_000)
    }
    p.ended('done', null)
    // 10 s of pages at 5 updates a second, plus the start and the end.
    expect(sent.length).toBeLessThanOrEqual(52)
    expect(sent.length).toBeGreaterThanOrEqual(45)
    expect(sent.at(-1)).toMatchObject({ phase: 'done', pages: 1000, rows: 1_000_000, totalRows: 1_000_000, rowsPerSecond: 100_000, error: null })
    expect(sent.every((x, i) => i === 0 || x.rows >= sent[i - 1]!.rows)).toBe(true)
  })

  it('inbox.changed carries every connection changed since the last one, and is not sent twice for one change', () => {
    const sent: string[][] = []
    const n = new ChangeNotifier((ids) => sent.push(ids), 1000, () => 0)
    n.changed('a') // the first goes at once
    n.changed('b')
    n.changed('a')
    n.flush()
    n.flush()
    expect(sent).toEqual([['a'], ['b', 'a']])
  })
})

const result = (status: StreamResult['status'], code?: AppError['code']): StreamResult => ({
  stream: 's',
  status,
  pages: 0,
  rows: 0,
  error: code ? new AppError(code, 'x') : null
})

describe('sync online state', () => {
  it('is offline only when every connection failed with network errors alone', () => {
    const s = new OnlineState()
    expect(s.record('a', [result('failed', 'network')], ['a', 'b'])).toBe(false)
    expect(s.online).toBe(true) // b has not failed: maybe only a's provider is down
    expect(s.record('b', [result('failed', 'network'), result('failed', 'network')], ['a', 'b'])).toBe(true)
    expect(s.online).toBe(false)
    // A provider that answers at all (even with an error) means the network is there.
    expect(s.record('a', [result('failed', 'unauthorized')], ['a', 'b'])).toBe(true)
    expect(s.online).toBe(true)
  })

  it('ignores cancelled runs and forgets removed connections', () => {
    const s = new OnlineState()
    s.record('a', [result('failed', 'network')], ['a'])
    expect(s.online).toBe(false)
    expect(s.record('a', [result('cancelled')], ['a'])).toBe(false)
    expect(s.online).toBe(false)
    s.record('b', [result('failed', 'network')], ['b'])
    expect(s.online).toBe(false)
    expect(s.record('c', [result('done')], ['b', 'c'])).toBe(true)
  })
})

describe('sync scheduler', () => {
  it('starts the due connections when online, and every connection while offline', async () => {
    let online = true
    const started: string[][] = []
    const s = new Scheduler({
      dueConnections: async () => ['due'],
      allConnections: () => ['due', 'fresh'],
      isOnline: () => online,
      start: async (ids) => void started.push(ids)
    })
    expect(s.nextTickAt()).toBeNull()
    await s.tick()
    online = false
    await s.tick()
    expect(started).toEqual([['due'], ['due', 'fresh']])
  })

  it('does nothing when nothing is due, and reports when it looks next only while running', async () => {
    const s = new Scheduler({ dueConnections: async () => [], allConnections: () => [], isOnline: () => true, start: async () => expect.unreachable() }, { firstTickMs: 3_600_000 })
    expect(await s.tick()).toEqual([])
    s.start()
    expect(s.nextTickAt()).not.toBeNull()
    s.stop()
    expect(s.nextTickAt()).toBeNull()
  })
})
