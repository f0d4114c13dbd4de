import type { InboxFilters } from '../../../shared/domain/inbox'
import { AppError } from '../../../shared/errors'
import type { AppContext } from '../app-context'

/** The offline inbox: every answer comes from the local cache's reader thread, never the network. */
export const inboxHandlers = {
  'inbox.list': async (input: { filters: InboxFilters; cursor?: string; limit: number }, ctx: AppContext) => ctx.cache().reader.inboxList(input),

  'inbox.count': async (input: { filters: InboxFilters }, ctx: AppContext) => ctx.cache().reader.inboxCount(input.filters),

  'inbox.detail': async (input: { id: number }, ctx: AppContext) => {
    const detail = await ctx.cache().reader.inboxDetail(input.id)
    if (!detail) throw new AppError('not_found', `No response with id ${input.id} in the local cache (it may have been re-synced or removed).`, { details: [{ field: 'id', message: 'No such response' }] })
    return detail
  },

  'inbox.facets': async (input: { connectionIds?: string[] }, ctx: AppContext) => ctx.cache().reader.inboxFacets(input.connectionIds)
}
