import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportResult } from '../../src/shared/domain/reports'
import { runCliProcess } from '../support/cli'
import { makeTempDir } from '../support/temp-dir'

let dir: string
let cleanup: () => void

beforeAll(async () => {
  const t = makeTempDir('survey-desk-report-cli-')
  dir = t.dir
  cleanup = t.cleanup
  const demo = await runCliProcess(['demo', '--json', '--data-dir', dir])
  expect(demo.code, demo.stderr).toBe(0)
}, 180_000)

afterAll(() => cleanup())

describe('survey-desk report', () => {
  it('prints NPS by site and by month from the cache as JSON, totals adding up, every figure with its drill filters', async () => {
    const r = await runCliProcess(['report', 'nps', '--by', 'site,month', '--json', '--data-dir', dir])
    expect(r.code, r.stderr).toBe(0)
    const { report } = JSON.parse(r.stdout) as { report: ReportResult }
    expect(report.metric).toBe('nps')
    expect(report.headline.n).toBeGreaterThan(0)
    expect(report.headline.score).toBeGreaterThanOrEqual(-100)
    expect(report.headline.score).toBeLessThanOrEqual(100)
    const [bySite, byMonth] = report.breakdowns
    expect(bySite!.by).toBe('site')
    expect(byMonth!.by).toBe('month')
    expect(byMonth!.rows.reduce((s, x) => s + x.n, 0)).toBe(report.headline.n)
    for (const row of bySite!.rows) expect(row.drill.metrics).toEqual(['nps'])
  }, 60_000)

  it('prints a table for people, with the period and the previous period', async () => {
    const r = await runCliProcess(['report', 'csat', '--period', '12-months', '--by', 'provider', '--data-dir', dir])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^CSAT: /)
    expect(r.stdout).toContain('Previous period:')
    expect(r.stdout).toMatch(/By provider:\nPROVIDER\s+SCORE\s+N\s+CHANGE/)
  }, 60_000)

  it('refuses an unknown metric, period or breakdown with a usage error', async () => {
    const metric = await runCliProcess(['report', 'happiness', '--data-dir', dir])
    expect(metric.code).toBe(2)
    expect(metric.stderr).toContain('Unknown metric "happiness"')
    const period = await runCliProcess(['report', 'nps', '--period', 'fortnight', '--data-dir', dir])
    expect(period.code).toBe(2)
    expect(period.stderr).toContain('--period must be one of')
    const by = await runCliProcess(['report', 'nps', '--by', 'weather', '--data-dir', dir])
    expect(by.code).toBe(2)
    expect(by.stderr).toContain('--by must be one of')
  }, 60_000)
})
