import { Icon } from '../components/Icon'
import { useAppStore } from '../stores/app-store'

/** app.info as a doctor view: what a support lead (or we) need to know when something is off. */
export function AboutPage() {
  const info = useAppStore((s) => s.info)
  const error = useAppStore((s) => s.infoError)
  const loading = useAppStore((s) => s.infoLoading)
  const loadInfo = useAppStore((s) => s.loadInfo)

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">About</h1>
          <p className="page__lead">Version, where your data lives, and whether Survey Desk can reach what it needs.</p>
        </div>
        <button type="button" className="button" onClick={() => void loadInfo()} disabled={loading}>
          {loading ? 'Checking…' : 'Check again'}
        </button>
      </div>

      {error ? (
        <div className="banner banner--error" role="alert">
          <Icon name="warning" />
          <p>Could not read the app status: {error.message}</p>
        </div>
      ) : null}

      {info ? (
        <>
          <section className="panel" aria-labelledby="about-app">
            <h2 id="about-app" className="panel__title">
              {info.name}
            </h2>
            <dl className="facts">
              <dt>Version</dt>
              <dd>{info.version}</dd>
              <dt>Data folder</dt>
              <dd>
                <code>{info.dataDir}</code>
              </dd>
              <dt>Database file</dt>
              <dd>
                <code>{info.databaseFile}</code>
              </dd>
              <dt>Database schema version</dt>
              <dd>
                {info.schemaVersion}
                {info.schemaVersion === info.latestSchemaVersion ? (
                  <span className="muted"> (up to date)</span>
                ) : (
                  <span className="warn-text"> (latest is {info.latestSchemaVersion})</span>
                )}
              </dd>
              <dt>Keychain</dt>
              <dd>
                {info.keychain.available ? (
                  <span className="secret secret--ok">
                    <Icon name="check" />
                    <span>Available</span>
                  </span>
                ) : (
                  <span className="keychain-down">
                    <span className="secret secret--warn">
                      <Icon name="warning" />
                      <span>Not available</span>
                    </span>
                    {info.keychain.reason ? <span className="keychain-down__reason">{info.keychain.reason}</span> : null}
                  </span>
                )}
              </dd>
            </dl>
          </section>

          <section className="panel" aria-labelledby="about-runtime">
            <h2 id="about-runtime" className="panel__title">
              Runtime
            </h2>
            <dl className="facts">
              <dt>Platform</dt>
              <dd>
                {info.runtime.platform} ({info.runtime.arch})
              </dd>
              <dt>Node.js</dt>
              <dd>{info.runtime.node}</dd>
              <dt>Electron</dt>
              <dd>{info.runtime.electron ?? <span className="muted">not running in Electron (web host)</span>}</dd>
              <dt>Chrome</dt>
              <dd>{info.runtime.chrome ?? <span className="muted">—</span>}</dd>
              <dt>SQLite</dt>
              <dd>{info.runtime.sqlite}</dd>
            </dl>
          </section>
        </>
      ) : !error ? (
        <p className="muted">Loading…</p>
      ) : null}
    </div>
  )
}
