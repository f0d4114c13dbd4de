import type { StreamResult } from './stream-runner'

/**
 * "Offline" means: the last attempt of EVERY connection failed to reach its provider at all (each
 * stream that ran ended with a network error, not a cancel). One provider being down is that
 * provider's error, not the user's network; any answer from any provider means online again.
 */
export class OnlineState {
  online = true
  private readonly unreachable = new Set<string>()

  /** Records a connection's run; returns true when the online flag changed. */
  record(connectionId: string, results: readonly StreamResult[], allConnectionIds: readonly string[]): boolean {
    const ended = results.filter((r) => r.status !== 'cancelled')
    if (ended.length === 0) return false
    const networkOnly = ended.every((r) => r.status === 'failed' && r.error?.code === 'network')
    if (networkOnly) this.unreachable.add(connectionId)
    else this.unreachable.delete(connectionId)
    for (const id of this.unreachable) if (!allConnectionIds.includes(id)) this.unreachable.delete(id)
    const online = !(allConnectionIds.length > 0 && allConnectionIds.every((id) => this.unreachable.has(id)))
    const changed = online !== this.online
    this.online = online
    return changed
  }
}
