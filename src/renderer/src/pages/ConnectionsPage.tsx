import { useEffect, useRef, useState } from 'react'
import type { Connection } from '../../../shared/domain/connection'
import { PROVIDERS } from '../../../shared/providers'
import { Icon } from '../components/Icon'
import { useAppStore } from '../stores/app-store'
import type { ConnectionTestResult } from '../../../shared/contract'
import { useConnectionsStore, type ConnectionTestState } from '../stores/connections-store'
import { ConnectionForm } from './ConnectionForm'
import { RemoveConnectionDialog } from './RemoveConnectionDialog'
import { RemoveDemoDialog } from './RemoveDemoDialog'

type FormState = { mode: 'add' } | { mode: 'edit'; id: string } | null

function SecretCell({ connection }: { connection: Connection }) {
  // A demo connection's credential is the simulator's own, held in memory, never in the keychain.
  const [icon, text, tone] = connection.isDemo
    ? connection.secret === 'set'
      ? (['key', 'built-in demo credential', 'ok'] as const)
      : (['warning', 'demo providers not running', 'warn'] as const)
    : connection.secret === 'set'
      ? (['key', 'saved in keychain', 'ok'] as const)
      : connection.secret === 'missing'
        ? (['warning', 'missing', 'warn'] as const)
        : (['warning', 'keychain unavailable', 'warn'] as const)
  return (
    <span className={`secret secret--${tone}`}>
      <Icon name={icon} />
      <span>
        <span className="visually-hidden">Secret: </span>
        <span className="secret__text">{text}</span>
      </span>
    </span>
  )
}

const TEST_HEADLINES: Record<ConnectionTestResult['outcome'], string> = {
  works: 'Works',
  credentials_rejected: 'Credentials rejected',
  not_reachable: 'Not reachable',
  unexpected_answer: 'Unexpected answer'
}

/** The latest "Test connection" result, in words first; the icon only repeats them. */
function TestCell({ state }: { state: ConnectionTestState | undefined }) {
  if (!state) return <span className="muted">Not tested yet</span>
  if (state.state === 'running') return <span aria-live="polite">Testing…</span>
  const ok = state.state === 'done' && state.result.outcome === 'works'
  const headline = state.state === 'done' ? TEST_HEADLINES[state.result.outcome] : 'Test failed'
  const message = state.state === 'done' ? state.result.message : state.message
  return (
    <span className={`secret secret--${ok ? 'ok' : 'warn'}`} aria-live="polite">
      <Icon name={ok ? 'check' : 'warning'} />
      <span>
        <strong>{headline}</strong>
        <span className="test-message">{message}</span>
      </span>
    </span>
  )
}

function EndpointCell({ connection }: { connection: Connection }) {
  return (
    <div className="endpoint">
      {connection.region ? (
        <span>
          Region: <strong>{connection.region.toUpperCase()}</strong>
        </span>
      ) : null}
      {connection.baseUrl ? (
        <span>
          <span className="visually-hidden">Base URL override: </span>
          <code className="endpoint__url">{connection.baseUrl}</code>
        </span>
      ) : (
        <span className="muted">Provider default</span>
      )}
    </div>
  )
}

export function ConnectionsPage() {
  const connections = useConnectionsStore((s) => s.connections)
  const loaded = useConnectionsStore((s) => s.loaded)
  const loading = useConnectionsStore((s) => s.loading)
  const loadError = useConnectionsStore((s) => s.loadError)
  const status = useConnectionsStore((s) => s.status)
  const load = useConnectionsStore((s) => s.load)
  const clearStatus = useConnectionsStore((s) => s.clearStatus)
  const tests = useConnectionsStore((s) => s.tests)
  const testConnection = useConnectionsStore((s) => s.test)
  const keychain = useAppStore((s) => s.info?.keychain)
  const [form, setForm] = useState<FormState>(null)
  const [removing, setRemoving] = useState<Connection | null>(null)
  const [removingDemo, setRemovingDemo] = useState(false)
  const demoBusy = useConnectionsStore((s) => s.demoBusy)
  const demoError = useConnectionsStore((s) => s.demoError)
  const startDemo = useConnectionsStore((s) => s.startDemo)
  const demoCount = connections.filter((c) => c.isDemo).length
  const lastTrigger = useRef<HTMLElement | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => () => clearStatus(), [clearStatus])

  const editing = form?.mode === 'edit' ? (connections.find((c) => c.id === form.id) ?? null) : null
  // The connection under edit was removed elsewhere: close the form rather than edit a ghost.
  useEffect(() => {
    if (form?.mode === 'edit' && loaded && !editing) setForm(null)
  }, [form, editing, loaded])

  function restoreFocus(): void {
    // After React has re-rendered: the trigger may be gone (its row removed).
    requestAnimationFrame(() => {
      const t = lastTrigger.current
      if (t && t.isConnected && !(t as HTMLButtonElement).disabled) t.focus()
      else headingRef.current?.focus()
    })
  }

  function openForm(next: FormState, trigger: HTMLElement): void {
    lastTrigger.current = trigger
    clearStatus()
    setForm(next)
  }

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="page__title">
            Connections
          </h1>
          <p className="page__lead">Each connection is one account with a survey provider. Secrets stay in the OS keychain.</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={(e) => openForm({ mode: 'add' }, e.currentTarget)}
          aria-expanded={form?.mode === 'add'}
          aria-controls={form?.mode === 'add' ? 'connection-form' : undefined}
        >
          <Icon name="plus" />
          Add connection
        </button>
      </div>

      {keychain && !keychain.available ? (
        <div className="banner banner--warning">
          <Icon name="warning" />
          <div>
            <p>
              <strong>The OS keychain is not available</strong>, so connections cannot be added or their secrets changed until it is.
              Survey Desk never stores secrets anywhere else.
            </p>
            {keychain.reason ? <p className="banner__detail">{keychain.reason}</p> : null}
          </div>
        </div>
      ) : null}

      <div className="status-region" role="status" aria-live="polite">
        {status ? (
          <div className={`banner banner--${status.tone}`}>
            <Icon name={status.tone === 'success' ? 'check' : 'warning'} />
            <p>{status.text}</p>
          </div>
        ) : null}
      </div>

      {form ? (
        <div id="connection-form">
          <ConnectionForm
            key={form.mode === 'edit' ? form.id : 'add'}
            editing={editing}
            onClose={() => {
              setForm(null)
              restoreFocus()
            }}
          />
        </div>
      ) : null}

      {loadError ? (
        <div className="banner banner--error" role="alert">
          <Icon name="warning" />
          <p>Could not load connections: {loadError.message}</p>
          <button type="button" className="button button--small" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : null}

      {!loaded && loading ? <p className="muted">Loading connections…</p> : null}

      {demoError ? (
        <div className="banner banner--error" role="alert">
          <Icon name="warning" />
          <p>{demoError}</p>
        </div>
      ) : null}

      {loaded && connections.length === 0 ? (
        <div className="empty">
          <Icon name="plug" className="empty__icon" />
          <p className="empty__title">No connections yet</p>
          <p className="muted">Add a connection for each provider account you want Survey Desk to read.</p>
          <p id="demo-explainer" className="muted">
            Or look around first: the demo runs five simulated survey providers on this computer, with realistic made-up feedback. No
            account or internet connection is needed, and you can remove it in one click.
          </p>
          <button
            type="button"
            className="button button--primary"
            aria-describedby="demo-explainer"
            aria-busy={demoBusy === 'starting'}
            disabled={demoBusy !== null}
            onClick={(e) => {
              lastTrigger.current = e.currentTarget
              clearStatus()
              void startDemo().then((ok) => {
                if (ok) restoreFocus()
              })
            }}
          >
            {demoBusy === 'starting' ? 'Starting the demo providers…' : 'Explore with demo data'}
          </button>
        </div>
      ) : null}

      {demoCount > 0 ? (
        <div className="banner">
          <Icon name="info" />
          <p>
            <strong>Demo data.</strong> {demoCount === 1 ? 'One connection reads' : `${demoCount} connections read`} from simulated
            providers running on this computer; nothing leaves it.
          </p>
          <button
            type="button"
            className="button button--small button--danger-quiet"
            disabled={demoBusy !== null}
            onClick={(e) => {
              lastTrigger.current = e.currentTarget
              clearStatus()
              setRemovingDemo(true)
            }}
          >
            Remove demo data
          </button>
        </div>
      ) : null}

      {connections.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Connections</caption>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Provider</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Secret</th>
                <th scope="col">Connection test</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr key={c.id} className={editing?.id === c.id ? 'is-editing' : undefined}>
                  <th scope="row" className="table__label">
                    <span>{c.label}</span>
                    {c.isDemo ? <span className="badge">Demo</span> : null}
                  </th>
                  <td>{PROVIDERS[c.provider].name}</td>
                  <td>
                    <EndpointCell connection={c} />
                  </td>
                  <td>
                    <SecretCell connection={c} />
                  </td>
                  <td>
                    <TestCell state={tests[c.id]} />
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Test ${c.label}`}
                      disabled={tests[c.id]?.state === 'running'}
                      onClick={() => void testConnection(c.id)}
                    >
                      Test
                    </button>
                    {c.isDemo ? null : (
                      // A demo connection's address and credential belong to the simulators; nothing to edit.
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Edit ${c.label}`}
                        onClick={(e) => openForm({ mode: 'edit', id: c.id }, e.currentTarget)}
                      >
                        Edit
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      aria-label={`Remove ${c.label}`}
                      onClick={(e) => {
                        lastTrigger.current = e.currentTarget
                        clearStatus()
                        setRemoving(c)
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {removingDemo ? (
        <RemoveDemoDialog
          count={demoCount}
          onClose={() => {
            setRemovingDemo(false)
            restoreFocus()
          }}
        />
      ) : null}

      {removing ? (
        <RemoveConnectionDialog
          connection={removing}
          onClose={(removed) => {
            if (removed && form?.mode === 'edit' && form.id === removing.id) setForm(null)
            setRemoving(null)
            restoreFocus()
          }}
        />
      ) : null}
    </div>
  )
}
