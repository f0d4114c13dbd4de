import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Customer, Site, Staff } from '../src/shared/domain/model'
import { createCache } from '../src/main/store/cache'
import type { ListQuery } from '../src/main/store/cache/manage-core'
import { openDatabase } from '../src/main/store/database'
import { benchRows, fillBenchResponses, fmt, latencyLine, stallMonitor, timeRuns } from './bench-support'
import { makeSite, makeStaff } from '../test/support/reference-entities'
import { BENCH_CONNECTIONS } from './fake-responses'

/**
 * Manage pages (issue 5) at BENCH_ROWS responses (default 1,000,000): p50 / p95 of the sites,
 * staff and customers lists with their last-30-days figures, measured from the main thread through
 * the reader worker as the app calls them, and the main thread's longest stall meanwhile.
 * BENCH_DB=<file> keeps the filled database for the next run.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50)
const CUSTOMERS = 5000

const site = (i: number): Site => makeSite({ externalId: String(i), code: `S-${i}`, name: `Site ${i}`, region: 'North', raw: { id: i } })
const staff = (i: number): Staff =>
  makeStaff({ externalId: String(i), name: `Staff ${i}`, email: `staff${i}@example.com`, code: `ST${i}`, kind: 'staff', teamExternalIds: [String(i % 8)], raw: { id: i } })
const customer = (i: number): Customer => ({
  provider: 'feedbackapi',
  externalId: `c${i}`,
  name: `Customer ${i}`,
  firstName: null,
  lastName: null,
  email: `c${i}@example.com`,
  phone: null,
  optedOut: false,
  invalid: false,
  siteExternalIds: [String(i % 40)],
  createdAt: null,
  raw: { id: `c${i}` }
})

async function fill(file: string, rows: number): Promise<void> {
  const cache = await fillBenchResponses(file, rows)
  for (const connectionId of BENCH_CONNECTIONS.slice(0, 3)) {
    await cache.writer.applyPage({ connectionId, stream: 'sites', entity: 'site', items: Array.from({ length: 40 }, (_, i) => site(i)) })
    await cache.writer.applyPage({ connectionId, stream: 'staff', entity: 'staff', items: Array.from({ length: 120 }, (_, i) => staff(i)) })
  }
  for (let i = 0; i < CUSTOMERS; i += 1000) {
    await cache.writer.applyPage({ connectionId: BENCH_CONNECTIONS[0], stream: 'customers', entity: 'customer', items: Array.from({ length: 1000 }, (_, k) => customer(i + k)) })
  }
  await cache.close()
}

async function main(): Promise<void> {
  const rows = benchRows()
  const dir = mkdtempSync(join(tmpdir(), 'survey-desk-bench-'))
  const file = process.env.BENCH_DB ?? join(dir, 'manage.sqlite3')
  try {
    if (!existsSync(file)) {
      console.log(`manage-lists: filling ${fmt(rows)} responses, 120 sites, 360 staff, ${fmt(CUSTOMERS)} customers...`)
      await fill(file, rows)
    }
    const db = openDatabase(file)
    // The seeded history ends in the past: "the last 30 days" are counted back from its newest response.
    const newest = db.prepare('SELECT max(responded_at) FROM responses').pluck().get() as string
    db.close()
    const cache = createCache({ databaseFile: file, mode: 'worker' })
    const base: ListQuery = { sort: 'name', dir: 'asc', includeInactive: false, limit: 200, offset: 0 }
    const stall = stallMonitor()
    const cases: Array<[string, 'sites' | 'staff' | 'customers', Partial<ListQuery>]> = [
      ['sites with figures, by NPS', 'sites', { sort: 'nps', dir: 'desc' }],
      ['staff with figures, search', 'staff', { search: 'staff 1' }],
      [`customers (${fmt(CUSTOMERS)}), first page by name`, 'customers', {}]
    ]
    for (const [label, kind, q] of cases) {
      const run = () => cache.manage.read({ method: 'list', kind, query: { ...base, ...q }, now: newest })
      console.log(`${label}: ${latencyLine(await timeRuns(ROUNDS, 3, run))}`)
    }
    console.log(`main thread longest stall while listing: ${stall.maxMs().toFixed(1)} ms`)
    stall.histogram.disable()
    await cache.close()
  } finally {
    if (!process.env.BENCH_DB) rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
