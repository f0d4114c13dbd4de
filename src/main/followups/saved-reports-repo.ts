import { ReportDefinition, type SavedReport } from '../../shared/contract/reports-saved'
import { AppError } from '../../shared/errors'
import type { Db } from '../store/database'

interface Row {
  id: number
  name: string
  definition: string
  created_at: string
  updated_at: string
  last_run_at: string | null
}

/**
 * Parses a stored definition. One written by another version that no longer fits is left in the
 * table untouched (nothing stored is lost) and reported, instead of breaking the whole list.
 */
function toSaved(r: Row): SavedReport | { unreadable: string } {
  let json: unknown
  try {
    json = JSON.parse(r.definition)
  } catch {
    return { unreadable: r.name }
  }
  const parsed = ReportDefinition.safeParse(json)
  if (!parsed.success) return { unreadable: r.name }
  return { id: r.id, name: r.name, definition: parsed.data, createdAt: r.created_at, updatedAt: r.updated_at, lastRunAt: r.last_run_at }
}

function isSaved(x: SavedReport | { unreadable: string }): x is SavedReport {
  return !('unreadable' in x)
}

export class SavedReportsRepo {
  constructor(private readonly db: Db) {}

  list(): { reports: SavedReport[]; unreadable: string[] } {
    const all = (this.db.prepare('SELECT * FROM saved_reports ORDER BY coalesce(last_run_at, updated_at) DESC, name').all() as Row[]).map(toSaved)
    return { reports: all.filter(isSaved), unreadable: all.filter((x) => !isSaved(x)).map((x) => (x as { unreadable: string }).unreadable) }
  }

  get(id: number): SavedReport {
    const row = this.db.prepare('SELECT * FROM saved_reports WHERE id = ?').get(id) as Row | undefined
    if (!row) throw new AppError('not_found', `No saved report with id ${id}`, { details: [{ field: 'id', message: 'No such saved report' }] })
    const saved = toSaved(row)
    if (!isSaved(saved)) {
      throw new AppError('unsupported', `The saved report "${row.name}" was made by another version of Survey Desk and cannot be read here; it was left as it is.`)
    }
    return saved
  }

  save(name: string, definition: ReportDefinition, replace: boolean, now: string): SavedReport {
    const json = JSON.stringify(definition)
    const id = this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id FROM saved_reports WHERE name = ? COLLATE NOCASE').get(name) as { id: number } | undefined
      if (existing && !replace) {
        throw new AppError('conflict', `A saved report is already called "${name}". Choose another name or replace it.`, {
          details: [{ field: 'name', message: 'Already used by another saved report' }]
        })
      }
      if (existing) {
        this.db.prepare('UPDATE saved_reports SET name = ?, definition = ?, updated_at = ? WHERE id = ?').run(name, json, now, existing.id)
        return existing.id
      }
      return Number(
        this.db.prepare('INSERT INTO saved_reports (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)').run(name, json, now, now).lastInsertRowid
      )
    })()
    return this.get(id)
  }

  markRun(id: number, now: string): SavedReport {
    const saved = this.get(id)
    this.db.prepare('UPDATE saved_reports SET last_run_at = ? WHERE id = ?').run(now, id)
    return { ...saved, lastRunAt: now }
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM saved_reports WHERE id = ?').run(id).changes > 0
  }
}
