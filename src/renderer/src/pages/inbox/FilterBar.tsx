import { useEffect, useRef, useState, type ReactNode } from 'react'
import { PERIOD_LABELS, type PeriodName } from '../../../../shared/periods'
import { useAppStore } from '../../stores/app-store'
import { ConnectionSelect } from '../../components/ConnectionSelect'
import { useConnectionsStore } from '../../stores/connections-store'
import { useInboxStore } from '../../stores/inbox-store'
import { hasActiveFilters, METRIC_OPTIONS, PERIOD_OPTIONS, PROVIDER_OPTIONS, type DraftField } from './filter-draft'
import { METRIC_LABELS, providerName } from './format'

/** Debounce for the search box: quick enough to feel live, slow enough not to query every keystroke. */
const SEARCH_DEBOUNCE_MS = 200

function FilterField({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? 'filter filter--invalid' : 'filter'}>
      <label className="filter__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </div>
  )
}

function FilterSelect({ field, label, options }: { field: DraftField; label: string; options: Array<{ value: string; label: string }> }) {
  const value = useInboxStore((s) => s.draft[field])
  const error = useInboxStore((s) => s.errors[field])
  const setDraft = useInboxStore((s) => s.setDraft)
  const id = `filter-${field}`
  return (
    <FilterField id={id} label={label} error={error}>
      <select
        id={id}
        className="input select select--compact"
        value={value}
        onChange={(e) => setDraft(field, e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  )
}

function FilterInput({ field, label, type, ...rest }: { field: DraftField; label: string; type: 'number' | 'date'; step?: string; placeholder?: string }) {
  const value = useInboxStore((s) => s.draft[field])
  const error = useInboxStore((s) => s.errors[field])
  const setDraft = useInboxStore((s) => s.setDraft)
  const id = `filter-${field}`
  return (
    <FilterField id={id} label={label} error={error}>
      <input
        {...rest}
        id={id}
        type={type}
        className="input input--compact"
        value={value}
        onChange={(e) => setDraft(field, e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </FilterField>
  )
}

/** Facet names can repeat across connections; the connection label tells them apart. */
function facetOptions(entries: Array<{ ref: string; name: string; connectionId: string }> | undefined, labels: Map<string, string>, many: boolean) {
  return (entries ?? []).map((e) => ({ value: e.ref, label: many ? `${e.name} (${labels.get(e.connectionId) ?? 'unknown'})` : e.name }))
}

export function SearchBox({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const applied = useInboxStore((s) => s.search)
  const setSearch = useInboxStore((s) => s.setSearch)
  const error = useInboxStore((s) => s.searchError)
  const [text, setText] = useState(applied)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  // "Clear filters" empties the store's search: mirror it in the box.
  useEffect(() => {
    setText((t) => (t.trim() === applied.trim() ? t : applied))
  }, [applied])
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current)
  }, [])

  function onChange(value: string): void {
    setText(value)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => setSearch(value), SEARCH_DEBOUNCE_MS)
  }

  return (
    <div className="inbox-search" role="search">
      <label htmlFor="inbox-search" className="visually-hidden">
        Search feedback
      </label>
      <input
        ref={inputRef}
        id="inbox-search"
        type="search"
        className="input"
        placeholder="Search comments, answers and customers  ( / )"
        value={text}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (timer.current) clearTimeout(timer.current)
            setSearch(text)
          }
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'inbox-search-error' : undefined}
        aria-keyshortcuts="/"
      />
      {error ? (
        <p className="field__error" id="inbox-search-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

const MORE_FIELDS: DraftField[] = ['survey', 'minScore', 'maxScore', 'site', 'staff', 'team', 'tag']

export function FilterBar() {
  const connections = useConnectionsStore((s) => s.connections)
  const selectedConnectionId = useAppStore((s) => s.selectedConnectionId)
  const facets = useInboxStore((s) => s.facets)
  const draft = useInboxStore((s) => s.draft)
  const search = useInboxStore((s) => s.search)
  const clearFilters = useInboxStore((s) => s.clearFilters)
  const labels = new Map(connections.map((c) => [c.id, c.label]))
  const many = selectedConnectionId === null && connections.length > 1
  const active = hasActiveFilters(draft, search)
  const errors = useInboxStore((s) => s.errors)
  // The less used filters fold away so the list keeps the height; they open by themselves when set or wrong.
  const moreSet = MORE_FIELDS.filter((f) => draft[f] !== '' || errors[f]).length
  const [moreOpen, setMoreOpen] = useState(false)
  const showMore = moreOpen || moreSet > 0

  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <FilterField id="filter-connection" label="Connection">
        <ConnectionSelect id="filter-connection" />
      </FilterField>
      <FilterSelect field="provider" label="Provider" options={PROVIDER_OPTIONS.map((p) => ({ value: p, label: providerName(p) }))} />
      <FilterSelect field="metric" label="Metric" options={METRIC_OPTIONS.map((m) => ({ value: m, label: METRIC_LABELS[m] }))} />
      <FilterSelect
        field="hasComment"
        label="Comment"
        options={[
          { value: 'yes', label: 'With a comment' },
          { value: 'no', label: 'Without a comment' }
        ]}
      />
      <FilterSelect
        field="period"
        label="Period"
        options={[
          ...PERIOD_OPTIONS.map((p) => ({ value: p, label: PERIOD_LABELS[p as PeriodName] })),
          { value: 'custom', label: 'Custom range…' }
        ]}
      />
      {draft.period === 'custom' ? (
        <div className="filter-pair" role="group" aria-label="Custom range">
          <FilterInput field="from" label="From" type="date" />
          <FilterInput field="to" label="To" type="date" />
        </div>
      ) : null}
      <div className="filter filter--action">
        <button
          type="button"
          className="button button--small"
          aria-expanded={showMore}
          aria-controls="filter-more"
          disabled={moreSet > 0}
          onClick={() => setMoreOpen((o) => !o)}
        >
          {showMore ? 'Fewer filters' : 'More filters'}
          {moreSet > 0 ? ` (${moreSet} set)` : ''}
        </button>
      </div>
      <div className="filter filter--action">
        <button type="button" className="button button--small" onClick={clearFilters} disabled={!active}>
          Clear filters
        </button>
      </div>
      <div id="filter-more" className="filter-bar__more" hidden={!showMore}>
        <FilterSelect field="survey" label="Survey" options={facetOptions(facets?.surveys, labels, many)} />
        <div className="filter-pair" role="group" aria-label="Score range">
          <FilterInput field="minScore" label="Min score" type="number" step="any" />
          <FilterInput field="maxScore" label="Max score" type="number" step="any" />
        </div>
        <FilterSelect field="site" label="Site" options={facetOptions(facets?.sites, labels, many)} />
        <FilterSelect field="staff" label="Staff" options={facetOptions(facets?.staff, labels, many)} />
        <FilterSelect field="team" label="Team" options={facetOptions(facets?.teams, labels, many)} />
        <FilterSelect field="tag" label="Tag or topic" options={(facets?.tags ?? []).map((t) => ({ value: t, label: t }))} />
      </div>
    </form>
  )
}
