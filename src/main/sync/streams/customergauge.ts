import { z } from 'zod'
import { createCustomerGaugeClient } from '../../providers/customergauge/client'
import { mapResponse } from '../../providers/customergauge/mapping'
import type { ProviderStreams, StreamSpec } from '../stream-types'

/**
 * CustomerGauge has one list, the response sync, and it is built for exactly this: a cursor over
 * its internal keys, oldest first, up to 1,000 a page, "done when data is empty" — and the empty
 * page hands back the cursor to keep for the next periodic call ("keep it up to date with any new
 * responses"). The document offers no way to ask for responses changed behind the cursor, so
 * `sync --full` (cursor forgotten, everything re-read, unchanged rows skipped) is how to refresh them.
 *
 * Cursor: { next: number | null } — the cursor CustomerGauge returned with the last stored page.
 * It is stored in the same transaction as that page's rows, so a kill at any instant resumes at
 * the first page not yet stored.
 */

const Cursor = z.object({ next: z.number().int().min(0).nullable() })
const WITH = ['selected_drivers', 'tags', 'questions', 'properties'] as const
export const CG_PAGE_SIZE = 1000

export const customerGaugeStreams: ProviderStreams = {
  provider: 'customergauge',
  names: ['responses'],
  create(config) {
    const client = createCustomerGaugeClient(config)
    const responses: StreamSpec<'response'> = {
      name: 'responses',
      entity: 'response',
      mode: 'incremental',
      async *pages(run) {
        const stored = Cursor.safeParse(run.cursor)
        let cursor = stored.success ? stored.data.next : null
        const pages = client.listResponsesPages({ per_page: CG_PAGE_SIZE, cursor: cursor ?? undefined, with: [...WITH] }, { signal: run.signal })
        for (;;) {
          run.where = cursor === null ? 'the first page' : `the page after cursor ${cursor}`
          const r = await pages.next()
          if (r.done) return
          const page = r.value
          yield { items: page.items.map((item, k) => mapResponse(item, page.itemTexts?.[k])), cursor: { next: page.cursor } }
          cursor = page.cursor
        }
      }
    }
    return { streams: [responses], close: () => client.close() }
  }
}
