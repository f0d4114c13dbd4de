import type { ConnectionSettings } from '../../shared/domain/connection'
import type { ProviderId, Region } from '../../shared/providers'
import type { Db } from './database'

/** A connection as stored: everything but the secret, which lives only in the OS keychain. */
export interface ConnectionRow {
  id: string
  provider: ProviderId
  label: string
  baseUrl: string | null
  region: Region | null
  settings: ConnectionSettings
  isDemo: boolean
  createdAt: string
  updatedAt: string
}

interface RawRow {
  id: string
  provider: ProviderId
  label: string
  base_url: string | null
  region: Region | null
  settings: string
  is_demo: number
  created_at: string
  updated_at: string
}

function fromRaw(r: RawRow): ConnectionRow {
  return {
    id: r.id,
    provider: r.provider,
    label: r.label,
    baseUrl: r.base_url,
    region: r.region,
    settings: JSON.parse(r.settings) as ConnectionSettings,
    isDemo: r.is_demo === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

export class ConnectionsRepo {
  constructor(private readonly db: Db) {}

  list(): ConnectionRow[] {
    const rows = this.db.prepare('SELECT * FROM connections ORDER BY label COLLATE NOCASE, created_at').all() as RawRow[]
    return rows.map(fromRaw)
  }

  get(id: string): ConnectionRow | undefined {
    const r = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as RawRow | undefined
    return r ? fromRaw(r) : undefined
  }

  insert(row: ConnectionRow): void {
    this.db
      .prepare(
        `INSERT INTO connections (id, provider, label, base_url, region, settings, is_demo, created_at, updated_at)
         VALUES (@id, @provider, @label, @baseUrl, @region, @settings, @isDemo, @createdAt, @updatedAt)`
      )
      .run({ ...row, settings: JSON.stringify(row.settings), isDemo: row.isDemo ? 1 : 0 })
  }

  update(row: ConnectionRow): void {
    this.db
      .prepare(
        `UPDATE connections SET label = @label, base_url = @baseUrl, region = @region, settings = @settings,
         updated_at = @updatedAt WHERE id = @id`
      )
      .run({ id: row.id, label: row.label, baseUrl: row.baseUrl, region: row.region, settings: JSON.stringify(row.settings), updatedAt: row.updatedAt })
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0
  }
}
