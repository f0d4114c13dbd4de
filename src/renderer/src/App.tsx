import { useRef, type MouseEvent } from 'react'
import { PairingRequired } from './components/PairingRequired'
import { Sidebar } from './components/Sidebar'
import { TopBar } from './components/TopBar'
import { AboutPage } from './pages/AboutPage'
import { ConnectionsPage } from './pages/ConnectionsPage'
import { useAppStore } from './stores/app-store'

export function App() {
  const unpaired = useAppStore((s) => s.unpaired)
  const section = useAppStore((s) => s.section)
  const mainRef = useRef<HTMLElement>(null)

  if (unpaired) return <PairingRequired reason={unpaired} />

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
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          {section === 'connections' ? <ConnectionsPage /> : <AboutPage />}
        </main>
      </div>
    </>
  )
}
