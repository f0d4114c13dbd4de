import { useEffect, useState, type FormEvent } from 'react'
import type { SavedReport } from '../../../../shared/contract/reports-saved'
import { api } from '../../api/client'
import { useAppStore } from '../../stores/app-store'
import { useInboxStore } from '../../stores/inbox-store'
import { useReportsStore } from '../../stores/reports-store'
import { draftFromFilters } from './draft-from-filters'
import { errorText } from './error-text'


/** Name the report on screen to run it again later; re-open or delete saved ones. */
export function SavedReports() {
  const [reports, setReports] = useState<SavedReport[]>([])
  const [chosen, setChosen] = useState('')
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const canSave = useReportsStore((s) => s.filters !== null)

  async function refresh(): Promise<void> {
    try {
      setReports((await api().invoke('reports.saved.list', {})).reports)
    } catch (err) {
      setError(`Could not read the saved reports: ${errorText(err)}`)
    }
  }
  useEffect(() => {
    void refresh()
  }, [])

  async function save(e: FormEvent, replace = false): Promise<void> {
    e.preventDefault()
    const s = useReportsStore.getState()
    if (!s.filters) return
    try {
      const saved = await api().invoke('reports.saved.save', { name, definition: { filters: s.filters, metric: s.metric, trend: s.trend }, replace })
      s.setSavedName(saved.name)
      setNaming(false)
      setError(null)
      setNotice(`Saved as “${saved.name}”.`)
      await refresh()
      setChosen(String(saved.id))
    } catch (err) {
      setError(errorText(err))
    }
  }

  async function open(id: number): Promise<void> {
    try {
      const saved = await api().invoke('reports.saved.open', { id })
      const { draft, search, connectionId } = draftFromFilters(saved.definition.filters)
      const reports = useReportsStore.getState()
      useReportsStore.setState({ metric: saved.definition.metric, trend: saved.definition.trend })
      useAppStore.getState().selectConnection(connectionId)
      useInboxStore.getState().replaceFilters(draft, search)
      reports.setSavedName(saved.name)
      setNotice(`Showing “${saved.name}”.`)
      void refresh()
      await useReportsStore.getState().run()
    } catch (err) {
      setError(errorText(err))
    }
  }

  async function remove(id: number): Promise<void> {
    try {
      await api().invoke('reports.saved.remove', { id })
      setChosen('')
      setNotice('Saved report deleted.')
      await refresh()
    } catch (err) {
      setError(errorText(err))
    }
  }

  const clash = error !== null && reports.some((r) => r.name.toLowerCase() === name.trim().toLowerCase())

  return (
    <div className="saved-reports">
      <div className="saved-reports__row">
        <div className="filter">
          <label className="filter__label" htmlFor="saved-report">
            Saved reports
          </label>
          <select id="saved-report" className="input select select--compact" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{reports.length === 0 ? 'None saved yet' : 'Choose…'}</option>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--small" disabled={!chosen} onClick={() => void open(Number(chosen))}>
          Open
        </button>
        <button type="button" className="button button--small button--danger-quiet" disabled={!chosen} onClick={() => void remove(Number(chosen))}>
          Delete
        </button>
        <button type="button" className="button button--small" disabled={!canSave} aria-expanded={naming} onClick={() => setNaming((n) => !n)}>
          Save report…
        </button>
      </div>
      {naming ? (
        <form className="saved-reports__form" onSubmit={(e) => void save(e)} aria-label="Save this report">
          <div className={error ? 'filter filter--invalid' : 'filter'}>
            <label className="filter__label" htmlFor="saved-report-name">
              Name
            </label>
            <input
              id="saved-report-name"
              className="input input--compact"
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'saved-report-error' : undefined}
              autoFocus
            />
          </div>
          <button type="submit" className="button button--small button--primary">
            Save
          </button>
          {clash ? (
            <button type="button" className="button button--small" onClick={(e) => void save(e, true)}>
              Replace it
            </button>
          ) : null}
          <button type="button" className="button button--small" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="field__error" id="saved-report-error" role="alert">
          {error}
        </p>
      ) : notice ? (
        <p className="muted" role="status">
          {notice}
        </p>
      ) : null}
    </div>
  )
}
