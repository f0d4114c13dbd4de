import type { ChannelOutput, ParsedInput } from '../../../shared/contract'
import type { manageChannels } from '../../../shared/contract/manage'
import type { ListKind, ListQuery } from '../../store/cache/manage-core'
import { manageOutbox } from '../../manage'
import type { AppContext } from '../app-context'

type ManageChannel = keyof typeof manageChannels
type ManageHandlers = { [C in ManageChannel]: (input: ParsedInput<C>, ctx: AppContext) => Promise<ChannelOutput<C>> }

/** Lists come from the cache's reader thread; asking for one also starts the outbox (it delivers what waits). */
function lister<C extends ManageChannel>(kind: ListKind) {
  return async (input: ParsedInput<C>, ctx: AppContext) => manageOutbox(ctx).store.list(kind, input as unknown as ListQuery) as Promise<ChannelOutput<C>>
}

export const manageHandlers: ManageHandlers = {
  'manage.sites.list': lister<'manage.sites.list'>('sites'),
  'manage.staff.list': lister<'manage.staff.list'>('staff'),
  'manage.teams.list': lister<'manage.teams.list'>('teams'),
  'manage.templates.list': lister<'manage.templates.list'>('templates'),
  'manage.surveys.list': lister<'manage.surveys.list'>('surveys'),
  'manage.customers.list': lister<'manage.customers.list'>('customers'),
  'manage.accounts.list': lister<'manage.accounts.list'>('accounts'),

  'manage.write': async (input, ctx) => manageOutbox(ctx).submit(input),
  'manage.outbox.list': async (input, ctx) => manageOutbox(ctx).store.outboxList(input.connectionIds),
  'manage.outbox.retry': async (input, ctx) => manageOutbox(ctx).retry(input.id),
  'manage.outbox.edit': async (input, ctx) => manageOutbox(ctx).edit(input.id, input.write),
  'manage.outbox.discard': async (input, ctx) => manageOutbox(ctx).discard(input.id),

  'manage.links.list': async (input, ctx) => manageOutbox(ctx).store.links(input.kind),
  'manage.links.suggest': async (input, ctx) => manageOutbox(ctx).store.suggest(input.kind),
  'manage.links.create': async (input, ctx) => manageOutbox(ctx).store.link(input.kind, input.leftRef, input.rightRef),
  'manage.links.remove': async (input, ctx) => ({ id: input.id, removed: await manageOutbox(ctx).store.unlink(input.id) }),
  'manage.links.group': async (input, ctx) => manageOutbox(ctx).store.group(input.ref)
}
