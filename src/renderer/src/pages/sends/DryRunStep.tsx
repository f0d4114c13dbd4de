import { useId, useState } from 'react'
import { useSendsStore } from '../../stores/sends-store'
import { Pager } from './Pager'

const count = (n: number): string => new Intl.NumberFormat().format(n)

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

/** What would happen to every row, with the exact requests; nothing has left the machine yet. */
export function DryRunStep() {
  const w = useSendsStore((s) => s.wizard)
  const runDryRun = useSendsStore((s) => s.runDryRun)
  const testSend = useSendsStore((s) => s.testSend)
  const createJob = useSendsStore((s) => s.createJob)
  const goTo = useSendsStore((s) => s.goTo)
  const ids = useId()
  const [to, setTo] = useState('')
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string } | null>(null)
  const d = w.dryRun
  const ratings = w.purpose === 'import_ratings'
  if (!d) return <p className="muted">{w.busy ?? 'Working out what would be sent…'}</p>

  return (
    <div className="send-step">
      <p className="banner" role="status">
        Dry run: nothing has been sent. {count(d.totals.send)} of {count(d.totals.rows)} rows would {ratings ? 'become ratings' : 'be sent'};{' '}
        {count(d.totals.skip)} would be skipped.
      </p>
      {d.unsyncedSuppressions.length > 0 ? (
        <p className="banner banner--warning">
          The opt-out lists of {d.unsyncedSuppressions.join(', ')} have not been synced yet: they are synced before the job starts, and anyone on them is skipped.
        </p>
      ) : null}
      <div className="send-dryrun__summary">
        <dl className="send-counts">
          <div className="send-counts--ok">
            <dt>{ratings ? 'Would import' : 'Would send'}</dt>
            <dd>{count(d.totals.send)}</dd>
          </div>
          {Object.entries(d.skipReasons).map(([reason, n]) => (
            <div key={reason} className="send-counts--warn">
              <dt>{reason}</dt>
              <dd>{count(n)}</dd>
            </div>
          ))}
        </dl>
        {d.smsPreview ? (
          <figure className="send-sms">
            <figcaption className="field__label">
              SMS preview{d.smsPreview.templateName ? ` — ${d.smsPreview.templateName}` : ''}
            </figcaption>
            <p className="send-sms__bubble">{d.smsPreview.text}</p>
            <p className="muted">
              {d.smsPreview.characters} characters · {d.smsPreview.encoding} · {d.smsPreview.segments} segment{d.smsPreview.segments === 1 ? '' : 's'}
            </p>
          </figure>
        ) : null}
      </div>

      {!ratings ? (
        <section className="send-test" aria-labelledby={`${ids}-test`}>
          <h3 id={`${ids}-test`} className="send-step__title">
            Test send
          </h3>
          <div className="send-inline">
            <label htmlFor={`${ids}-to`}>Your own e-mail address or mobile number</label>
            <input id={`${ids}-to`} className="input send-inline__input" value={to} onChange={(e) => setTo(e.target.value)} autoComplete="email" />
            <button
              type="button"
              className="button button--small"
              disabled={to.trim().length < 3 || w.busy !== null}
              onClick={() => void testSend(to.trim()).then(setTestResult)}
            >
              Send one test
            </button>
          </div>
          {testResult ? (
            <p className={testResult.ok ? 'banner banner--success' : 'banner banner--error'} role="status">
              {testResult.message}
            </p>
          ) : null}
        </section>
      ) : null}

      <div className="send-toolbar">
        <label className="send-check">
          <input type="checkbox" checked={w.dryRunOnlySkipped} onChange={(e) => void runDryRun(0, e.target.checked)} />
          Show only skipped rows
        </label>
        <Pager offset={d.offset} shown={d.rows.length} total={d.matching} onPage={(o) => void runDryRun(o)} label="Dry run rows" />
      </div>
      <div className="table-wrap">
        <table className="table send-rows">
          <caption className="visually-hidden">Verdict per row</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Verdict</th>
              <th scope="col">Recipient</th>
              <th scope="col">Request or reason</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.rowNumber}>
                <th scope="row">{r.rowNumber}</th>
                <td>
                  <span className={`send-row-status send-row-status--${r.verdict === 'send' ? 'sent' : 'skipped'}`}>
                    {r.verdict === 'send' ? (ratings ? 'Would import' : 'Would send') : 'Skip'}
                  </span>
                </td>
                <td>{r.recipient ?? <span className="muted">—</span>}</td>
                <td className="send-rows__detail">
                  {r.verdict === 'skip' ? (
                    r.reason
                  ) : (
                    <details>
                      <summary>
                        {r.requests.map((q) => `${q.method} ${pathOf(q.url)}`).join(', then ')}
                      </summary>
                      {r.requests.map((q, i) => (
                        <pre key={i} className="send-request">
                          {`${q.method} ${q.url}\n${JSON.stringify(q.body, null, 2)}`}
                        </pre>
                      ))}
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="form-actions">
        <button type="button" className="button" onClick={() => goTo('protection')}>
          Back
        </button>
        <button type="button" className="button button--primary" disabled={d.totals.send === 0 || w.busy !== null} onClick={() => void createJob()}>
          {ratings ? `Import ${count(d.totals.send)} ratings` : `Send ${count(d.totals.send)} surveys`}
        </button>
      </div>
    </div>
  )
}
