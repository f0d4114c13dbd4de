import { randomUUID } from 'node:crypto'
import type { Connection, ConnectionSettings } from '../../shared/domain/connection'
import { PROVIDER_IDS } from '../../shared/providers'
import type { AppContext } from '../ipc/app-context'
import { PROVIDER_MODULES } from '../providers/registry'
import type { ProviderSimulatorHandle } from '../providers/types'
import type { ConnectionRow } from '../store/connections-repo'
import type { DemoWorkspace } from './demo-api'
import { demoAnchor, demoLabel, demoOfflineRequested } from './demo-plan'
import { DemoSimulators } from './demo-simulators'
import { removeConnectionsWithData } from '../ipc/connection-removal'

/**
 * Stands in for the credential while the simulators are deliberately off (SURVEY_DESK_DEMO_OFFLINE):
 * a sync then fails the way it would with the network down (nothing answers on the old port)
 * instead of complaining about a missing secret. It never leaves loopback and opens nothing.
 */
const OFFLINE_CREDENTIAL = 'demo-providers-offline'

export interface DemoWorkspaceOptions {
  env?: NodeJS.ProcessEnv
  now?: () => number
}

function settingsOf(handle: ProviderSimulatorHandle): ConnectionSettings {
  const c = handle.credentials
  return { ...(c.companyName ? { companyName: c.companyName } : {}), ...(c.clientId ? { clientId: c.clientId } : {}) }
}

const sameSettings = (a: ConnectionSettings, b: ConnectionSettings): boolean =>
  a.companyName === b.companyName && a.clientId === b.clientId

class Workspace implements DemoWorkspace {
  private readonly sims: DemoSimulators
  /** connection id -> the running simulator's credential. Memory only, by design. */
  private readonly credentials = new Map<string, string>()
  /** start / resume / remove run one at a time: a double click must not add ten connections. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: DemoWorkspaceOptions
  ) {
    this.sims = new DemoSimulators(ctx.providers ?? PROVIDER_MODULES)
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task)
    this.queue = next.catch(() => undefined)
    return next
  }

  private now(): number {
    return (this.opts.now ?? Date.now)()
  }

  private demoRows(): ConnectionRow[] {
    return this.ctx.connections.list().filter((r) => r.isDemo)
  }

  /** Points an existing demo connection at the running simulator (ports are random) and takes its credential. */
  private attach(row: ConnectionRow): void {
    const handle = this.sims.handle(row.provider)
    if (!handle) return
    const region = handle.credentials.region ?? null
    const settings = settingsOf(handle)
    if (row.baseUrl !== handle.baseUrl || row.region !== region || !sameSettings(row.settings, settings)) {
      this.ctx.connections.update({ ...row, baseUrl: handle.baseUrl, region, settings, updatedAt: new Date(this.now()).toISOString() })
      this.ctx.events.emit('connections.changed', { change: 'updated', id: row.id })
    }
    this.credentials.set(row.id, handle.credentials.secret)
  }

  start(opts: { backgroundSync?: boolean } = {}): Promise<Connection[]> {
    return this.serial(async () => {
      const existing = this.demoRows()
      const now = this.now()
      await this.sims.start(demoAnchor(existing.map((r) => r.createdAt), now))
      for (const row of existing) this.attach(row)

      const at = new Date(now).toISOString()
      for (const provider of PROVIDER_IDS) {
        if (existing.some((r) => r.provider === provider)) continue
        const handle = this.sims.handle(provider)
        if (!handle) continue
        const row: ConnectionRow = {
          id: randomUUID(),
          provider,
          label: demoLabel(provider),
          baseUrl: handle.baseUrl,
          region: handle.credentials.region ?? null,
          settings: settingsOf(handle),
          isDemo: true,
          createdAt: at,
          updatedAt: at
        }
        this.ctx.connections.insert(row)
        this.credentials.set(row.id, handle.credentials.secret)
        this.ctx.events.emit('connections.changed', { change: 'added', id: row.id })
      }

      const rows = this.demoRows()
      if (opts.backgroundSync !== false) {
        // The first sync fills the inbox while the user looks around; its progress arrives as events.
        this.ctx
          .sync()
          .start({ connectionIds: rows.map((r) => r.id) })
          .catch((err: unknown) => console.error('Could not start the demo sync:', err instanceof Error ? err.message : String(err)))
      }
      return rows.map((r) => ({ ...r, secret: this.credentials.has(r.id) ? ('set' as const) : ('missing' as const) }))
    })
  }

  resume(): Promise<void> {
    return this.serial(async () => {
      const rows = this.demoRows()
      if (rows.length === 0) return
      if (demoOfflineRequested(this.opts.env)) {
        for (const row of rows) this.credentials.set(row.id, OFFLINE_CREDENTIAL)
        return
      }
      await this.sims.start(demoAnchor(rows.map((r) => r.createdAt), this.now()))
      for (const row of rows) this.attach(row)
    })
  }

  remove(): Promise<number> {
    return this.serial(async () => {
      const ids = this.demoRows().map((r) => r.id)
      await this.removeRows(ids)
      await this.sims.stop()
      return ids.length
    })
  }

  removeConnection(connectionId: string): Promise<void> {
    return this.serial(async () => {
      const row = this.ctx.connections.get(connectionId)
      if (!row?.isDemo) return
      await this.removeRows([connectionId])
      if (this.demoRows().length === 0) await this.sims.stop()
    })
  }

  secretFor(connectionId: string): string | undefined {
    return this.credentials.get(connectionId)
  }

  shutdown(): Promise<void> {
    return this.serial(() => this.sims.stop())
  }

  private async removeRows(ids: string[]): Promise<void> {
    await removeConnectionsWithData(this.ctx, ids)
    for (const id of ids) this.credentials.delete(id)
  }
}

export function createDemoWorkspace(ctx: AppContext, opts: DemoWorkspaceOptions = {}): DemoWorkspace {
  return new Workspace(ctx, opts)
}
