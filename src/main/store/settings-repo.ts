import { z } from 'zod'
import type { Db } from './database'

/**
 * App-wide settings in `app_settings` (key -> JSON value). Each known key has a schema with its
 * default: a value written by another version, or edited by hand, that no longer fits is read as
 * the default rather than breaking the app.
 */
const SETTINGS = {
  'sync.intervalMinutes': z.number().int().min(5).max(24 * 60).default(60)
} as const

export type SettingKey = keyof typeof SETTINGS
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>

export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.db.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as { value: string } | undefined
    const schema = SETTINGS[key]
    if (row) {
      try {
        const parsed = schema.safeParse(JSON.parse(row.value))
        if (parsed.success) return parsed.data as SettingValue<K>
      } catch {
        // unreadable JSON: fall through to the default
      }
    }
    return schema.parse(undefined) as SettingValue<K>
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
    const checked = SETTINGS[key].parse(value)
    this.db
      .prepare(
        `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
      )
      .run(key, JSON.stringify(checked), new Date().toISOString())
  }
}
