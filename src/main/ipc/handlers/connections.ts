import { randomUUID } from 'node:crypto'
import type { Connection, ConnectionEdit, NewConnection, SecretState } from '../../../shared/domain/connection'
import { AppError } from '../../../shared/errors'
import type { ConnectionRow } from '../../store/connections-repo'
import type { AppContext } from '../app-context'
import { removeConnectionsWithData } from '../connection-removal'

type Fields = NewConnection | ConnectionEdit

/** Maps the per-provider form fields onto the stored columns; only the fields that provider has. */
function storedFields(input: Fields): Pick<ConnectionRow, 'label' | 'baseUrl' | 'region' | 'settings'> {
  const base = { label: input.label, baseUrl: input.baseUrl ?? null }
  switch (input.provider) {
    case 'customersure':
      return { ...base, region: null, settings: { companyName: input.companyName } }
    case 'customergauge':
      return { ...base, region: input.region, settings: { clientId: input.clientId } }
    default:
      return { ...base, region: null, settings: {} }
  }
}

export function toConnection(row: ConnectionRow, secret: SecretState): Connection {
  return { ...row, secret }
}

async function secretIds(ctx: AppContext): Promise<Set<string> | null> {
  try {
    return await ctx.secrets.ids()
  } catch {
    return null // listed as 'unknown': the list still shows while the keychain is away
  }
}

/** A demo connection's credential is the demo workspace's, in memory; any other's is in the keychain. */
function secretState(ctx: AppContext, row: ConnectionRow, keychainIds: Set<string> | null): SecretState {
  if (row.isDemo) return ctx.demo().secretFor(row.id) !== undefined ? 'set' : 'missing'
  return keychainIds ? (keychainIds.has(row.id) ? 'set' : 'missing') : 'unknown'
}

async function saveSecret(ctx: AppContext, id: string, secret: string, consequence: string): Promise<void> {
  try {
    await ctx.secrets.set(id, secret)
  } catch (err) {
    if (err instanceof AppError && err.code === 'keychain_unavailable') {
      throw new AppError('keychain_unavailable', `${err.message} ${consequence}`, { details: [{ field: 'secret', message: 'Cannot be stored: the OS keychain is not available' }] })
    }
    throw err
  }
}

function mustGet(ctx: AppContext, id: string): ConnectionRow {
  const row = ctx.connections.get(id)
  if (!row) throw new AppError('not_found', `No connection with id ${id}`, { details: [{ field: 'id', message: 'No such connection' }] })
  return row
}

export const connectionHandlers = {
  'connections.list': async (_: Record<string, never>, ctx: AppContext) => {
    const ids = await secretIds(ctx)
    const connections = ctx.connections.list().map((r) => toConnection(r, secretState(ctx, r, ids)))
    return { connections }
  },

  'connections.get': async (input: { id: string }, ctx: AppContext) => {
    const row = mustGet(ctx, input.id)
    const ids = await secretIds(ctx)
    return toConnection(row, secretState(ctx, row, ids))
  },

  'connections.add': async (input: NewConnection, ctx: AppContext) => {
    const now = new Date().toISOString()
    const row: ConnectionRow = {
      id: randomUUID(),
      provider: input.provider,
      ...storedFields(input),
      isDemo: false,
      createdAt: now,
      updatedAt: now
    }
    // Keychain first: if it is unavailable nothing is saved at all (no connection without its secret).
    await saveSecret(ctx, row.id, input.secret, 'The connection was not saved.')
    try {
      ctx.connections.insert(row)
    } catch (err) {
      await ctx.secrets.delete(row.id).catch(() => false)
      throw err
    }
    ctx.events.emit('connections.changed', { change: 'added', id: row.id })
    return toConnection(row, 'set')
  },

  'connections.update': async (input: ConnectionEdit, ctx: AppContext) => {
    const existing = mustGet(ctx, input.id)
    if (existing.provider !== input.provider) {
      throw AppError.validation([{ field: 'provider', message: `This connection is for ${existing.provider}; the provider cannot be changed` }])
    }
    if (input.secret !== undefined) await saveSecret(ctx, existing.id, input.secret, 'Nothing was changed.')
    const row: ConnectionRow = { ...existing, ...storedFields(input), updatedAt: new Date().toISOString() }
    ctx.connections.update(row)
    ctx.events.emit('connections.changed', { change: 'updated', id: row.id })
    const ids = await secretIds(ctx)
    return toConnection(row, secretState(ctx, row, ids))
  },

  'connections.remove': async (input: { id: string }, ctx: AppContext) => {
    const existing = mustGet(ctx, input.id)
    if (existing.isDemo) {
      // No keychain entry to delete (the demo credential is only in memory); the workspace also
      // cancels its sync and drops its cached data.
      await ctx.demo().removeConnection(existing.id)
      return { id: input.id, secretRemoved: true }
    }
    // The row goes even when the keychain is away; the caller is told the secret may remain.
    let secretRemoved = false
    try {
      await ctx.secrets.delete(input.id)
      secretRemoved = true
    } catch {
      secretRemoved = false
    }
    await removeConnectionsWithData(ctx, [input.id])
    return { id: input.id, secretRemoved }
  }
}
