import type { AppContext } from '../ipc/app-context'
import { ManageOutbox, type OutboxOptions } from './outbox'

const outboxes = new WeakMap<AppContext, ManageOutbox>()

/**
 * The context's outbox, started on first use: it then re-queues what a crash left mid-send and
 * delivers what is pending. The app should call this once at start-up so writes queued before a
 * restart go out without the user opening a manage page.
 */
export function manageOutbox(ctx: AppContext, opts?: OutboxOptions): ManageOutbox {
  let outbox = outboxes.get(ctx)
  if (!outbox) {
    outbox = new ManageOutbox(ctx, opts)
    outboxes.set(ctx, outbox)
  }
  return outbox
}

/** Stops the context's outbox (timers, event subscription) and waits for a delivery in flight. */
export async function stopManageOutbox(ctx: AppContext): Promise<void> {
  const outbox = outboxes.get(ctx)
  outboxes.delete(ctx)
  await outbox?.stop()
}

export { ManageOutbox, type OutboxOptions } from './outbox'
