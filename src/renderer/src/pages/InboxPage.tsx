import { useEffect, useRef } from 'react'
import { api } from '../api/client'
import { Icon } from '../components/Icon'
import { useAppStore } from '../stores/app-store'
import { useConnectionsStore } from '../stores/connections-store'
import { rowCount, useInboxStore } from '../stores/inbox-store'
import { useSyncStore } from '../stores/sync-store'
import { DetailPane } from './inbox/DetailPane'
import { FilterBar, SearchBox } from './inbox/FilterBar'
import { hasActiveFilters } from './inbox/filter-draft'
import { formatCount } from './inbox/format'
import { InboxList } from './inbox/InboxList'
import { SyncPanel } from './inbox/SyncPanel'
import { DrillNotice } from './reports/DrillNotice'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)
}

function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (['BUTTON', 'A', 'SUMMARY'].includes(target.tagName) || target.getAttribute('role') === 'button')
}

/** Committed rows for the list, while the Inbox shows (sync state is followed app-wide in App.tsx). */
function useInboxEvents(): void {
  useEffect(() => {
    let facetsTimer: ReturnType<typeof setTimeout> | null = null
    const offs = [
      api().on('inbox.changed', ({ connectionIds }) => {
        const selected = useAppStore.getState().selectedConnectionId
        if (selected && !connectionIds.includes(selected)) return
        void useInboxStore.getState().refreshAfterChange()
        // New surveys, sites and tags arrive with the rows; facets are cheap but need not follow every page.
        facetsTimer ??= setTimeout(() => {
          facetsTimer = null
          void useInboxStore.getState().loadFacets()
        }, 3000)
      })
    ]
    return () => {
      offs.forEach((off) => off())
      if (facetsTimer) clearTimeout(facetsTimer)
    }
  }, [])
}

function CountLine() {
  const count = useInboxStore((s) => s.count)
  const firstLoading = useInboxStore((s) => s.firstLoading)
  const newerAvailable = useInboxStore((s) => s.newerAvailable)
  const reload = useInboxStore((s) => s.reload)
  if (!count) return <p className="inbox__count muted">{firstLoading ? 'Reading the local copy…' : ''}</p>
  const n = count.capped ? `${formatCount(count.count)}+` : formatCount(count.count)
  return (
    <p className="inbox__count">
      <span aria-live="polite">
        <strong>{n}</strong> {count.count === 1 && !count.capped ? 'response' : 'responses'}
      </span>
      {newerAvailable ? (
        <button type="button" className="button button--small inbox__newer" onClick={() => void reload()}>
          New responses: show newest
        </button>
      ) : null}
    </p>
  )
}

function EmptyList({ onSync }: { onSync: () => void }) {
  const draft = useInboxStore((s) => s.draft)
  const search = useInboxStore((s) => s.search)
  const clearFilters = useInboxStore((s) => s.clearFilters)
  const status = useSyncStore((s) => s.status)
  const connections = useConnectionsStore((s) => s.connections)
  const selected = useAppStore((s) => s.selectedConnectionId)
  const shown = selected ? connections.filter((c) => c.id === selected) : connections
  const states = new Map((status?.connections ?? []).map((c) => [c.connectionId, c]))
  if (hasActiveFilters(draft, search)) {
    return (
      <div className="empty inbox__empty">
        <p className="empty__title">No responses match these filters</p>
        <p className="muted">Try a wider period, another connection, or fewer words in the search.</p>
        <button type="button" className="button" onClick={clearFilters}>
          Clear filters
        </button>
      </div>
    )
  }
  const anySynced = shown.some((c) => states.get(c.id)?.lastSuccessAt)
  const running = shown.some((c) => states.get(c.id)?.running)
  if (running && !anySynced) {
    return (
      <div className="empty inbox__empty">
        <p className="empty__title">The first sync is running</p>
        <p className="muted">Responses appear here as they are saved to this computer.</p>
      </div>
    )
  }
  if (!anySynced) {
    return (
      <div className="empty inbox__empty">
        <p className="empty__title">Not synced yet</p>
        <p className="muted">Sync once to keep a local copy you can read, filter and search offline.</p>
        <button type="button" className="button button--primary" onClick={onSync}>
          Sync now
        </button>
      </div>
    )
  }
  return (
    <div className="empty inbox__empty">
      <p className="empty__title">No responses yet</p>
      <p className="muted">The providers have no feedback for these connections so far.</p>
    </div>
  )
}

function NoConnections() {
  const setSection = useAppStore((s) => s.setSection)
  return (
    <div className="empty">
      <Icon name="plug" className="empty__icon" />
      <p className="empty__title">No connections yet</p>
      <p className="muted">Add a connection or explore with demo data.</p>
      <button type="button" className="button button--primary" onClick={() => setSection('connections')}>
        Go to Connections
      </button>
    </div>
  )
}

export function InboxPage() {
  const connections = useConnectionsStore((s) => s.connections)
  const connectionsLoaded = useConnectionsStore((s) => s.loaded)
  const selectedConnectionId = useAppStore((s) => s.selectedConnectionId)
  const pages = useInboxStore((s) => s.pages)
  const firstLoading = useInboxStore((s) => s.firstLoading)
  const listError = useInboxStore((s) => s.listError)
  const detailOpen = useInboxStore((s) => s.detailOpen)
  const detail = useInboxStore((s) => s.detail)
  const search = useInboxStore((s) => s.applied?.search ?? '')
  const startSync = useSyncStore((s) => s.start)
  const listRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)

  useInboxEvents()

  // The top bar's connection switcher (and the filter bar's) decide what the list shows.
  useEffect(() => {
    const inbox = useInboxStore.getState()
    void inbox.reload({ keepSelection: inbox.applied !== null })
    void inbox.loadFacets()
  }, [selectedConnectionId])

  function closeDetail(): void {
    useInboxStore.getState().closeDetail()
    listRef.current?.focus({ preventScroll: true })
  }

  // Page-wide shortcuts; the list handles its own keys when it has focus.
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return
      const inList = e.target instanceof Node && listRef.current?.contains(e.target)
      if (e.key === 'Escape') {
        if (e.target === searchRef.current) {
          searchRef.current?.blur()
          listRef.current?.focus({ preventScroll: true })
          e.preventDefault()
        } else if (useInboxStore.getState().detailOpen && !(e.target instanceof HTMLElement && e.target.closest('dialog'))) {
          closeDetail()
          e.preventDefault()
        }
        return
      }
      if (isEditable(e.target)) return
      if (e.key === '/') {
        e.preventDefault()
        searchRef.current?.focus()
        searchRef.current?.select()
      } else if (inList) {
        // The list's own handler has the other keys.
      } else if ((e.key === 'j' || e.key === 'k') && rowCount(useInboxStore.getState().pages) > 0) {
        e.preventDefault()
        const list = listRef.current
        list?.focus({ preventScroll: true })
        list?.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, bubbles: true, cancelable: true }))
      } else if (e.key === 'Enter' && !isActivatable(e.target) && useInboxStore.getState().selectedIndex >= 0) {
        e.preventDefault()
        useInboxStore.getState().open()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  if (connectionsLoaded && connections.length === 0) {
    return (
      <div className="page">
        <h1 className="page__title">Inbox</h1>
        <NoConnections />
      </div>
    )
  }

  const total = rowCount(pages)
  const empty = total === 0 && !firstLoading && !listError
  const searchTerms = detail && detail.matchTerms.length > 0 ? detail.matchTerms : search.split(/\s+/).filter(Boolean)

  return (
    <div className="inbox">
      <div className="inbox__header">
        <div>
          <h1 className="page__title">Inbox</h1>
          <CountLine />
        </div>
        <SyncPanel connections={connections} selectedId={selectedConnectionId} />
      </div>
      <DrillNotice />
      <SearchBox inputRef={searchRef} />
      <FilterBar />
      <p className="visually-hidden" id="inbox-keys">
        Keys: j and k move, Enter opens, slash searches, Escape closes.
      </p>
      {listError ? (
        <p className="banner banner--error" role="alert">
          {listError}
        </p>
      ) : null}
      <div className={detailOpen ? 'inbox__body inbox__body--detail' : 'inbox__body'}>
        <div className="inbox__list-wrap">
          {empty ? <EmptyList onSync={() => void startSync(selectedConnectionId ? [selectedConnectionId] : undefined)} /> : null}
          <div className={empty ? 'inbox__list-frame is-hidden' : 'inbox__list-frame'}>
            <InboxList listRef={listRef} />
          </div>
        </div>
        {detailOpen ? <DetailPane onClose={closeDetail} terms={searchTerms} /> : null}
      </div>
    </div>
  )
}
