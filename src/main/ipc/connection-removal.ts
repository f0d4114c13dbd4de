import type { SyncStatus } from '../../shared/domain/inbox'
import type { AppContext } from './app-context'

// A sync that cannot be stopped within this time is abandoned: its connection's rows are removed
// anyway, and a late page would only be written for a connection id that no longer exists.
const SYNC_STOP_WAIT_MS = 15_000

/**
 * Removes connections together with everything cached for them: their sync is cancelled and
 * awaited (so no late page lands afterwards), the cached rows go in chunks on the writer worker,
 * then the connection row. Cached data first: a crash in between leaves a connection the user can
 * remove again, never orphaned rows.
 */
export async function removeConnectionsWithData(ctx: AppContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  ctx.sync().cancel(ids)
  await untilSyncStopped(ctx, ids)
  const writer = ctx.cache().writer
  for (const id of ids) {
    await writer.removeConnectionData(id)
    ctx.connections.remove(id)
    ctx.events.emit('connections.changed', { change: 'removed', id })
  }
}

/** Resolves once no sync of these connections runs. */
async function untilSyncStopped(ctx: AppContext, ids: string[]): Promise<void> {
  const busy = (s: SyncStatus): boolean => s.connections.some((c) => c.running && ids.includes(c.connectionId))
  let unsubscribe: () => void = () => undefined
  let timer: NodeJS.Timeout | undefined
  try {
    await new Promise<void>((resolve, reject) => {
      unsubscribe = ctx.events.subscribe((event, payload) => {
        if (event === 'sync.status' && !busy(payload as SyncStatus)) resolve()
      })
      timer = setTimeout(resolve, SYNC_STOP_WAIT_MS)
      ctx
        .sync()
        .status()
        .then((s) => (busy(s) ? undefined : resolve()), reject)
    })
  } finally {
    unsubscribe()
    clearTimeout(timer)
  }
}
