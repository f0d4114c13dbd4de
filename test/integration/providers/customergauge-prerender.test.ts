import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCustomerGaugeSimulator, type CustomerGaugeSimulatorHandle } from '../../../src/main/providers/customergauge'

/**
 * The bench's prerendered simulator must answer exactly what the on-the-fly one answers: same seed,
 * same volume, the same bytes for every page, across its 4,096-row chunks, past the seeded rows
 * once responses are added, and for the requests it does not serve ahead (filters, other with[]).
 */

const VOLUME = 9_000
const PATH = '/v7/rest/sync/responses'
const ALL_WITH = 'with[]=selected_drivers&with[]=tags&with[]=questions&with[]=properties'

let live: CustomerGaugeSimulatorHandle
let ahead: CustomerGaugeSimulatorHandle

async function token(h: CustomerGaugeSimulatorHandle): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: h.credentials.clientId!, client_secret: h.credentials.secret })
  const res = await fetch(`${h.baseUrl}/oauth2/token`, { method: 'POST', body: form })
  return ((await res.json()) as { access_token: string }).access_token
}

async function page(h: CustomerGaugeSimulatorHandle, query: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`${h.baseUrl}${PATH}?${query}`, { headers: { authorization: `Bearer ${await token(h)}` } })
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() }
}

beforeAll(async () => {
  live = await startCustomerGaugeSimulator({ seed: 5, volume: VOLUME })
  ahead = await startCustomerGaugeSimulator({ seed: 5, volume: VOLUME, prerender: true })
})

afterAll(async () => {
  await live.close()
  await ahead.close()
})

describe('CustomerGauge simulator, prerendered', () => {
  it('serves every page of a whole pass byte for byte as the on-the-fly simulator does', async () => {
    let cursor = ''
    let pages = 0
    for (;;) {
      const query = `per_page=1000&${ALL_WITH}${cursor}`
      const [a, b] = await Promise.all([page(live, query), page(ahead, query)])
      expect(b.status).toBe(200)
      expect(b.type).toBe(a.type)
      expect(b.body).toBe(a.body)
      const doc = JSON.parse(b.body) as { data: unknown[]; cursor: { next: number | null } }
      if (doc.data.length === 0) break
      cursor = `&cursor=${doc.cursor.next}`
      pages++
    }
    expect(pages).toBe(9)
  })

  it('answers pages that run past the seeded rows, and requests it has not rendered, on the fly', async () => {
    live.addResponses(30)
    ahead.addResponses(30)
    for (const query of [`per_page=1000&cursor=8500&${ALL_WITH}`, `per_page=100&cursor=9000&${ALL_WITH}`, 'per_page=50&with[]=tags', `per_page=20&filter=5e2f8a91-3c4d-4b6e-8f7a-1d9c0b2e3a45&${ALL_WITH}`]) {
      const [a, b] = await Promise.all([page(live, query), page(ahead, query)])
      expect(b.status, query).toBe(200)
      expect(b.body, query).toBe(a.body)
    }
    expect((JSON.parse((await page(ahead, `per_page=1000&cursor=8500&${ALL_WITH}`)).body) as { data: unknown[] }).data).toHaveLength(530)
  })
})
