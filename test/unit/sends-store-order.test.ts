import { beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../../src/shared/contract'
import type { JobSummary } from '../../src/shared/domain/sends'
import { setApi } from '../../src/renderer/src/api/client'
import { useSendsStore } from '../../src/renderer/src/stores/sends-store'

/** A job's summary at some revision: running with its rows to go, or done with them sent. */
function summary(revision: number, status: JobSummary['status']): JobSummary {
  const done = status === 'done'
  return {
    id: 'job-1',
    connectionId: 'c1',
    connectionLabel: 'CustomerSure (demo)',
    provider: 'customersure',
    purpose: 'send',
    fileName: 'gesloten tickets.csv',
    status,
    statusDetail: null,
    counts: { total: 4, pending: done ? 0 : 3, inFlight: 0, sent: done ? 3 : 0, failed: 0, skipped: 1, unknown: 0 },
    ratePerMinute: 0,
    etaSeconds: null,
    createdAt: '2026-11-23T05:22:00.000Z',
    finishedAt: done ? '2026-11-23T05:22:01.000Z' : null,
    revision
  }
}

/** Answers each call when the test says so, as a slow transport would. */
function slowApi(): { api: Api; answer(channel: string, value: unknown): void } {
  const waiting = new Map<string, (value: unknown) => void>()
  const api = {
    invoke: (channel: string) => new Promise((resolve) => waiting.set(channel, resolve)),
    on: () => () => undefined
  } as unknown as Api
  return {
    api,
    answer(channel, value) {
      const resolve = waiting.get(channel)
      if (!resolve) throw new Error(`nothing asked ${channel}`)
      waiting.delete(channel)
      resolve(value)
    }
  }
}

const shown = (): JobSummary | undefined => useSendsStore.getState().jobs.find((j) => j.id === 'job-1')

describe('the Sends view keeps the newest summary of a job, whatever order they arrive in', () => {
  beforeEach(() => useSendsStore.setState({ jobs: [], selectedJobId: null }))

  it('a job done before the answer to its creation arrived stays done', async () => {
    const t = slowApi()
    setApi(t.api)
    useSendsStore.setState({ wizard: { ...useSendsStore.getState().wizard, preview: { uploadId: 'u1' } as never } })
    const creating = useSendsStore.getState().createJob()
    // The job ran and finished; its events came over the event stream first.
    useSendsStore.getState().applyProgress(summary(5, 'done'))
    t.answer('sends.create', summary(1, 'running'))
    await creating
    expect(shown()?.status).toBe('done')
    expect(shown()?.counts.sent).toBe(3)
    expect(useSendsStore.getState().selectedJobId).toBe('job-1')
  })

  it('an older event after a newer one changes nothing; a newer one still applies', () => {
    useSendsStore.getState().applyProgress(summary(7, 'done'))
    useSendsStore.getState().applyProgress(summary(6, 'running'))
    expect(shown()?.status).toBe('done')
    useSendsStore.getState().applyProgress(summary(8, 'paused'))
    expect(shown()?.status).toBe('paused')
  })

  it('the job list, answered after newer events, keeps those events', async () => {
    const t = slowApi()
    setApi(t.api)
    const loading = useSendsStore.getState().loadJobs()
    useSendsStore.getState().applyProgress(summary(9, 'done'))
    t.answer('sends.jobs.list', { jobs: [summary(4, 'running')] })
    await loading
    expect(shown()?.revision).toBe(9)
    expect(useSendsStore.getState().jobs).toHaveLength(1)
  })
})
