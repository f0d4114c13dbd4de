import { describe, expect, it } from 'vitest'
import { StreamProgress } from '../../src/main/sync/progress'
import { runStream } from '../../src/main/sync/stream-runner'
import type { StreamSpec } from '../../src/main/sync/stream-types'
import type { Survey } from '../../src/shared/domain/model'
import { AppError } from '../../src/shared/errors'
import { FakeCacheWriter } from '../support/fake-cache'

const survey = (id: string): Survey => ({ provider: 'enco', externalId: id, name: id, metric: null, scale: null, kind: null, active: null, questions: [], createdAt: null, raw: {} })

/** A stream over pages of ids; `failAt` (1-based) throws a provider error when that page is asked for. */
function stream(pages: string[][], opts: { mode?: 'incremental' | 'full'; failAt?: number } = {}): StreamSpec<'survey'> & { asked: number[] } {
  const asked: number[] = []
  return {
    name: 'surveys',
    entity: 'survey',
    mode: opts.mode ?? 'incremental',
    asked,
    async *pages(run) {
      const start = typeof run.cursor === 'number' ? run.cursor : 0
      for (let i = start; i < pages.length; i++) {
        run.where = `page ${i + 1}`
        asked.push(i + 1)
        if (opts.failAt === i + 1) throw new AppError('provider', 'Enco sent an answer Survey Desk could not read: it is not valid JSON.')
        yield { items: pages[i]!.map(survey), ...(opts.mode === 'full' ? {} : { cursor: i + 1 }) }
      }
    }
  }
}

function deps(writer: FakeCacheWriter, signal = new AbortController().signal) {
  return { writer, connectionId: 'c1', provider: 'enco' as const, signal, progress: new StreamProgress('c1', 'surveys', () => undefined), onCommitted: () => undefined, now: () => new Date('2025-01-01T00:00:00Z') }
}

describe('sync stream runner', () => {
  it('commits pages in order, each with its own cursor, and records success', async () => {
    const w = new FakeCacheWriter()
    const r = await runStream(stream([['a', 'b'], ['c'], ['d']]), deps(w))
    expect(r).toMatchObject({ status: 'done', pages: 3, rows: 4, error: null })
    expect(w.pages.map((p) => [p.items.map((i) => i.externalId), p.cursor])).toEqual([
      [['a', 'b'], 1],
      [['c'], 2],
      [['d'], 3]
    ])
    expect(w.outcomes).toEqual([{ stream: 'surveys', outcome: { ok: true, at: '2025-01-01T00:00:00.000Z' } }])
  })

  it('a failing page fails the stream naming provider, stream and page; earlier pages stay committed and the cursor points at it', async () => {
    const w = new FakeCacheWriter()
    const r = await runStream(stream([['a'], ['b'], ['c'], ['d']], { failAt: 3 }), deps(w))
    expect(r.status).toBe('failed')
    expect(r.error).toBeInstanceOf(AppError)
    expect(r.error!.code).toBe('provider')
    expect(r.error!.message).toBe('Enco Promoter Survey surveys, page 3: Enco sent an answer Survey Desk could not read: it is not valid JSON.')
    expect(w.pages.map((p) => p.cursor)).toEqual([1, 2])
    expect(w.outcomes[0]!.outcome).toMatchObject({ ok: false, error: r.error!.message })

    // The next run resumes at the failed page, nothing before it is read again.
    const again = stream([['a'], ['b'], ['c'], ['d']])
    expect(await runStream(again, deps(w))).toMatchObject({ status: 'done', rows: 2 })
    expect(again.asked).toEqual([3, 4])
  })

  it('a write that fails names the page it was writing, not the one being read ahead', async () => {
    const w = new FakeCacheWriter()
    w.failOnPage = 2
    const r = await runStream(stream([['a'], ['b'], ['c']]), deps(w))
    expect(r.status).toBe('failed')
    expect(r.error!.message).toMatch(/^Enco Promoter Survey surveys, page 2: disk full$/)
    expect(w.pages).toHaveLength(1)
  })

  it('a full refresh that fails midway is not finished, so nothing is marked removed', async () => {
    const w = new FakeCacheWriter()
    expect((await runStream(stream([['a'], ['b']], { mode: 'full', failAt: 2 }), deps(w))).status).toBe('failed')
    expect(w.finished).toEqual([])
    expect((await runStream(stream([['a'], ['b']], { mode: 'full' }), deps(w))).status).toBe('done')
    expect(w.finished).toEqual([{ stream: 'surveys', generation: 2 }])
    expect(w.pages.every((p) => p.generation !== undefined)).toBe(true)
  })

  it('a cancelled stream stops without writing further pages and records no failure', async () => {
    const w = new FakeCacheWriter()
    const controller = new AbortController()
    const spec = stream([['a'], ['b'], ['c']])
    const inner = spec.pages.bind(spec)
    spec.pages = async function* (run) {
      for await (const p of inner(run)) {
        yield p
        controller.abort()
      }
    }
    const r = await runStream(spec, deps(w, controller.signal))
    expect(r.status).toBe('cancelled')
    expect(w.pages.length).toBeLessThanOrEqual(1)
    expect(w.outcomes).toEqual([])
  })
})
