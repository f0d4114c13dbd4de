import type { EntityType, EntityTypes } from '../../store/cache-api'
import { createFeedbackApiClient, MAX_LIMIT, type FeedbackApiPage } from '../../providers/feedbackapi/client'
import { mapAccount, mapCustomer, mapFeedback, mapFeedbackRequest, mapLocation, mapReview, mapUser } from '../../providers/feedbackapi/mapping'
import { readTimestamp, type WireTimestamp } from '../../providers/feedbackapi/wire'
import type { ProviderStreams, StreamSpec } from '../stream-types'
import { fullList, keysetAfterPage, keysetCompleted, readKeyset, walkPages, type Paged } from './common'

/**
 * FeedbackAPI: feedback and reviews by created_after, feedback requests by updated_after, each a
 * keyset over that timestamp sorted ascending (sort_by 'created-asc' / 'updated-asc'; the bound is
 * inclusive, see common.ts). Newest-first pages shift while rows arrive; oldest-first with a moving
 * bound does not. Customers, locations, client accounts and users are small lists: full refresh.
 */

const paged = <T>(p: FeedbackApiPage<T>): Paged<T> => ({ items: p.items, nextPage: p.nextPage, totalRows: p.totalCount })

/** The one keyset loop, for any of the three lists. */
function keysetStream<E extends EntityType, W>(opts: {
  name: string
  entity: E
  sortField: 'created' | 'updated'
  fetch: (params: { limit: number; page: number; sort_by: string; after?: string }, signal: AbortSignal) => Promise<FeedbackApiPage<W>>
  timeOf: (w: W) => WireTimestamp | false | null | undefined
  map: (w: W) => EntityTypes[E]
}): StreamSpec<E> {
  return {
    name: opts.name,
    entity: opts.entity,
    mode: 'incremental',
    async *pages(run) {
      const startedAt = run.now()
      let cursor = readKeyset(run.cursor)
      for (;;) {
        run.where = `page ${cursor.page}${cursor.after ? ` of ${opts.sortField} from ${cursor.after}` : ''}`
        const page = await opts.fetch({ limit: MAX_LIMIT, page: cursor.page, sort_by: `${opts.sortField}-asc`, ...(cursor.after ? { after: cursor.after } : {}) }, run.signal)
        const items = page.items.map(opts.map)
        const last = page.items.length < MAX_LIMIT || page.nextPage === null
        const next = keysetAfterPage(cursor, page.items.map((w) => readTimestamp(opts.timeOf(w))))
        yield { items, cursor: last ? keysetCompleted(next, startedAt) : next, totalRows: null }
        if (last) return
        cursor = next
      }
    }
  }
}

export const feedbackApiStreams: ProviderStreams = {
  provider: 'feedbackapi',
  names: ['feedback', 'reviews', 'feedback_requests', 'customers', 'locations', 'client_accounts', 'users'],
  create(config) {
    const client = createFeedbackApiClient(config)
    const streams = [
      keysetStream({
        name: 'feedback',
        entity: 'response',
        sortField: 'created',
        fetch: (p, signal) => client.listFeedback({ limit: p.limit, page: p.page, sort_by: p.sort_by, created_after: p.after }, { signal }),
        timeOf: (w) => w.created,
        map: mapFeedback
      }),
      keysetStream({
        name: 'reviews',
        entity: 'response',
        sortField: 'created',
        fetch: (p, signal) => client.listReviews({ limit: p.limit, page: p.page, sort_by: p.sort_by, created_after: p.after }, { signal }),
        timeOf: (w) => w.created,
        map: mapReview
      }),
      keysetStream({
        name: 'feedback_requests',
        entity: 'feedback_request',
        sortField: 'updated',
        fetch: (p, signal) => client.listFeedbackRequests({ limit: p.limit, page: p.page, sort_by: p.sort_by, updated_after: p.after }, { signal }),
        timeOf: (w) => w.updated ?? w.created,
        map: (w) => mapFeedbackRequest(w)
      }),
      fullList('customers', 'customer', (run) => walkPages(run, 0, async (page) => paged(await client.listCustomers({ limit: MAX_LIMIT, page }, { signal: run.signal }))), mapCustomer),
      fullList('locations', 'site', (run) => walkPages(run, 0, async (page) => paged(await client.listLocations({ limit: MAX_LIMIT, page }, { signal: run.signal }))), mapLocation),
      fullList('client_accounts', 'client_account', (run) => walkPages(run, 0, async (page) => paged(await client.listAccounts({ limit: MAX_LIMIT, page }, { signal: run.signal }))), mapAccount),
      fullList('users', 'staff', (run) => walkPages(run, 0, async (page) => paged(await client.listActiveUsers({ limit: MAX_LIMIT, page }, { signal: run.signal }))), mapUser)
    ] as StreamSpec[]
    return { streams, close: () => client.close() }
  }
}
