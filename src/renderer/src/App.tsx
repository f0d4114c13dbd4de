import { useEffect, useRef, type ComponentType, type MouseEvent } from 'react'
import { PairingRequired } from './components/PairingRequired'
import { Sidebar } from './components/Sidebar'
import { TopBar } from './components/TopBar'
import { AboutPage } from './pages/AboutPage'
import { ConnectionsPage } from './pages/ConnectionsPage'
import { InboxPage } from './pages/InboxPage'
import { SendsPage } from './pages/SendsPage'
import { ReportsPage } from './pages/ReportsPage'
import { FollowUpPage } from './pages/FollowUpPage'
import { SitesPage } from './pages/SitesPage'
import { StaffPage } from './pages/StaffPage'
import { TemplatesPage } from './pages/TemplatesPage'
import { SurveysPage } from './pages/SurveysPage'
import { CustomersPage } from './pages/CustomersPage'
import { AccountsPage } from './pages/AccountsPage'
import { useAppStore } from './stores/app-store'
import { useConnectionsStore } from './stores/connections-store'
import { useSyncStore } from './stores/sync-store'
import { api } from './api/client'
import type { Section } from './stores/app-store'

/** One page per sidebar section; a new section adds its line here and in Sidebar's SECTIONS. */
const PAGES: Record<Section, ComponentType> = {
  inbox: InboxPage,
  sends: SendsPage,
  reports: ReportsPage,
  followups: FollowUpPage,
  connections: ConnectionsPage,
  sites: SitesPage,
  staff: StaffPage,
  templates: TemplatesPage,
  surveys: SurveysPage,
  customers: CustomersPage,
  accounts: AccountsPage,
  about: AboutPage
}

/** Pages that fill the main area themselves (their own scrolling panes) instead of scrolling as one. */
const FILL_SECTIONS: ReadonlySet<Section> = new Set<Section>(['inbox'])

export function App() {
  const unpaired = useAppStore((s) => s.unpaired)
  const section = useAppStore((s) => s.section)
  const mainRef = useRef<HTMLElement>(null)
  const connectionsLoaded = useConnectionsStore((s) => s.loaded)
  const hasConnections = useConnectionsStore((s) => s.connections.length > 0)

  // Once the connections are known: the Inbox is home when there is something to read.
  useEffect(() => {
    if (connectionsLoaded) useAppStore.getState().applyDefaultSection(hasConnections)
  }, [connectionsLoaded, hasConnections])

  // Sync state is app-wide (the top bar's online state, the Inbox's sync panel): follow it from the start.
  useEffect(() => {
    if (unpaired) return
    void useSyncStore.getState().load()
    const offs = [
      api().on('sync.status', (s) => useSyncStore.getState().applyStatus(s)),
      api().on('sync.progress', (p) => useSyncStore.getState().applyProgress(p))
    ]
    return () => offs.forEach((off) => off())
  }, [unpaired])

  if (unpaired) return <PairingRequired reason={unpaired} />
  const Page = PAGES[section]

  function focusMain(e?: MouseEvent): void {
    // No hash change: the fragment is reserved for the pairing code.
    e?.preventDefault()
    mainRef.current?.focus()
  }

  return (
    <>
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to content
      </a>
      <div className="app">
        <TopBar />
        <Sidebar onNavigate={() => focusMain()} />
        <main id="main" ref={mainRef} tabIndex={-1} className={FILL_SECTIONS.has(section) ? 'main main--fill' : 'main'}>
          <Page />
        </main>
      </div>
    </>
  )
}
