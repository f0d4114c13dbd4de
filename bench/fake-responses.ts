import type { Response } from '../src/shared/domain/model'
import { mapResponse } from '../src/main/providers/customergauge/mapping'
import { makeRow, rowJson } from '../src/main/providers/customergauge/simulator-data'
import type { CgResponse } from '../src/main/providers/customergauge/wire'
import type { Db } from '../src/main/store/database'

/**
 * Realistic responses for the store benches, fast: the CustomerGauge simulator's seeded rows
 * (EN/NL/FR comments, tags, drivers, properties, ~1,300-byte raw JSON) mapped by the real mapping,
 * spread over five connections, three of which also carry a survey, site, staff member and team
 * the way CustomerSure and FeedbackAPI responses do.
 */

export const BENCH_CONNECTIONS = [
  'b0000000-0000-4000-8000-000000000001',
  'b0000000-0000-4000-8000-000000000002',
  'b0000000-0000-4000-8000-000000000003',
  'b0000000-0000-4000-8000-000000000004',
  'b0000000-0000-4000-8000-000000000005'
] as const

const WITH = new Set(['tags', 'questions', 'selected_drivers', 'properties'])

export function fakeResponse(index: number, volume: number, version = 0): { connectionId: string; response: Response } {
  const row = makeRow(42, index, volume)
  const wire = rowJson(row, WITH)
  // As the sync's client maps them: with each item's own text from the page's body (rawJson).
  const mapped = mapResponse(wire as CgResponse, JSON.stringify(wire))
  const c = index % BENCH_CONNECTIONS.length
  // Rows given a survey, site, staff member and team here are no longer the mapping's own output:
  // they drop rawMapping, so their hash is taken from their fields, as CustomerSure's rows are.
  const { rawMapping: _notTheMappingsOutput, ...enriched } = mapped
  const response: Response =
    c < 3
      ? {
          ...enriched,
          surveyExternalId: String(100 + (index % 10)),
          surveyName: `Survey ${index % 10}`,
          siteExternalId: String(index % 40),
          siteName: `Site ${index % 40}`,
          staffExternalId: String(index % 120),
          staffName: `Staff ${index % 120}`,
          teamExternalId: String(index % 8),
          teamName: `Team ${index % 8}`
        }
      : mapped
  if (version > 0) {
    response.comment = `${response.comment ?? ''} (edited ${version})`
    delete response.rawMapping
  }
  return { connectionId: BENCH_CONNECTIONS[c]!, response }
}

export function insertBenchConnections(db: Db): void {
  const now = new Date().toISOString()
  const stmt = db.prepare(
    `INSERT OR IGNORE INTO connections (id, provider, label, base_url, region, settings, created_at, updated_at) VALUES (?, 'customergauge', ?, NULL, 'eu', '{}', ?, ?)`
  )
  BENCH_CONNECTIONS.forEach((id, i) => stmt.run(id, `Bench ${i + 1}`, now, now))
}

/** Pages of up to `size` rows, one connection each (a page belongs to one connection's stream). */
export function* benchPages(volume: number, size = 1000, version = 0): Generator<{ connectionId: string; items: Response[] }> {
  const perConnection = new Map<string, Response[]>()
  for (let i = 0; i < volume; i++) {
    const { connectionId, response } = fakeResponse(i, volume, version)
    let list = perConnection.get(connectionId)
    if (!list) perConnection.set(connectionId, (list = []))
    list.push(response)
    if (list.length === size) {
      yield { connectionId, items: list }
      perConnection.set(connectionId, [])
    }
  }
  for (const [connectionId, items] of perConnection) if (items.length > 0) yield { connectionId, items }
}
