import type { EntityLink, LinkKind, LinkSuggestion, OutboxEntry } from '../../shared/domain/manage'
import type { AppErrorShape, FieldError } from '../../shared/errors'
import type { AppContext } from '../ipc/app-context'
import type { ListKind, ListQuery, NewOutboxEntry, RowTable } from '../store/cache/manage-core'

/**
 * Typed calls to manage-core on the cache's worker threads: reads on the reader, every outbox and
 * link change on the writer (one transaction each, committed before the call resolves).
 */
export class ManageStore {
  constructor(private readonly ctx: AppContext) {}

  private read<T>(call: Parameters<ReturnType<AppContext['cache']>['manage']['read']>[0]): Promise<T> {
    return this.ctx.cache().manage.read(call) as Promise<T>
  }
  private write<T>(call: Parameters<ReturnType<AppContext['cache']>['manage']['write']>[0]): Promise<T> {
    return this.ctx.cache().manage.write(call) as Promise<T>
  }

  list<T>(kind: ListKind, query: ListQuery, now?: Date): Promise<{ rows: T[]; total: number }> {
    return this.read({ method: 'list', kind, query, ...(now ? { now: now.toISOString() } : {}) })
  }
  outboxList(connectionIds?: string[]): Promise<{ entries: OutboxEntry[] }> {
    return this.read({ method: 'outboxList', ...(connectionIds ? { connectionIds } : {}) })
  }
  links(kind?: LinkKind): Promise<{ links: EntityLink[] }> {
    return this.read({ method: 'links', ...(kind ? { kind } : {}) })
  }
  suggest(kind: LinkKind): Promise<{ suggestions: LinkSuggestion[] }> {
    return this.read({ method: 'suggest', kind })
  }
  group(ref: string): Promise<{ refs: string[] }> {
    return this.read({ method: 'group', ref })
  }
  rowName(table: RowTable, connectionId: string, externalId: string): Promise<string | null> {
    return this.read({ method: 'rowName', table, connectionId, externalId })
  }

  /** The cached row's columns as stored (JSON columns still text), or null. */
  cachedRow(table: RowTable, connectionId: string, externalId: string): Promise<Record<string, unknown> | null> {
    return this.read({ method: 'cachedRow', table, connectionId, externalId })
  }

  /** Rows the cache held, unchanged, since before `before`: what a write made after that cannot have created. */
  knownBefore(table: RowTable, connectionId: string, before: string): Promise<string[]> {
    return this.read({ method: 'knownBefore', table, connectionId, before })
  }

  enqueue(entry: NewOutboxEntry): Promise<OutboxEntry> {
    return this.write({ method: 'enqueue', entry })
  }
  entry(id: number): Promise<OutboxEntry | null> {
    return this.write({ method: 'entry', id })
  }
  queue(connectionId: string): Promise<OutboxEntry[]> {
    return this.write({ method: 'queue', connectionId })
  }
  pendingConnections(): Promise<string[]> {
    return this.write({ method: 'pendingConnections' })
  }
  markSending(id: number): Promise<OutboxEntry | null> {
    return this.write({ method: 'markSending', id })
  }
  markPending(id: number, error: AppErrorShape | null, uncertain = false): Promise<OutboxEntry | null> {
    return this.write({ method: 'markPending', id, error, uncertain })
  }
  markRejected(id: number, error: AppErrorShape, fieldErrors: FieldError[], settled = false): Promise<OutboxEntry | null> {
    return this.write({ method: 'markRejected', id, error, fieldErrors, settled })
  }
  replaceWrite(id: number, write: unknown, summary: string, targetId: string | null): Promise<OutboxEntry | null> {
    return this.write({ method: 'replaceWrite', id, write, summary, targetId })
  }
  deleteEntry(id: number): Promise<boolean> {
    return this.write({ method: 'deleteEntry', id })
  }
  recoverSending(): Promise<number> {
    return this.write({ method: 'recoverSending' })
  }
  counts(): Promise<{ pending: number; rejected: number }> {
    return this.write({ method: 'counts' })
  }
  setRowState(table: RowTable, connectionId: string, externalId: string, state: 'inactive' | 'removed'): Promise<number> {
    return this.write({ method: 'setRowState', table, connectionId, externalId, state })
  }
  link(kind: LinkKind, leftRef: string, rightRef: string): Promise<EntityLink> {
    return this.write({ method: 'link', kind, leftRef, rightRef })
  }
  unlink(id: number): Promise<boolean> {
    return this.write({ method: 'unlink', id })
  }
  /** A removed connection's queued changes and links go with it. */
  forgetConnection(connectionId: string): Promise<{ outbox: number; links: number }> {
    return this.write({ method: 'forgetConnection', connectionId })
  }
}
