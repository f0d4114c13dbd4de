import { useEffect, useId, useState } from 'react'
import { useSendsStore } from '../../stores/sends-store'

const userZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

/** Who must not be surveyed, and when sending may happen. Settings are the app's, not this file's. */
export function ProtectionStep() {
  const w = useSendsStore((s) => s.wizard)
  const loadProtection = useSendsStore((s) => s.loadProtection)
  const saveProtection = useSendsStore((s) => s.saveProtection)
  const importDnc = useSendsStore((s) => s.importDnc)
  const runDryRun = useSendsStore((s) => s.runDryRun)
  const goTo = useSendsStore((s) => s.goTo)
  const ids = useId()
  const [days, setDays] = useState('30')
  const [windowOn, setWindowOn] = useState(false)
  const [start, setStart] = useState('09:00')
  const [end, setEnd] = useState('20:00')
  const [zone, setZone] = useState(userZone())
  const [dncText, setDncText] = useState('')
  const [dncResult, setDncResult] = useState('')
  const [daysError, setDaysError] = useState<string | null>(null)
  const p = w.protection

  useEffect(() => {
    void loadProtection()
  }, [loadProtection])
  useEffect(() => {
    if (!p) return
    setDays(String(p.settings.overSurveyDays))
    setWindowOn(p.settings.sendWindow !== null)
    if (p.settings.sendWindow) {
      setStart(p.settings.sendWindow.start)
      setEnd(p.settings.sendWindow.end)
      setZone(p.settings.sendWindow.timeZone)
    }
  }, [p])

  async function next(): Promise<void> {
    const n = Number(days)
    if (!Number.isInteger(n) || n < 0 || n > 365) {
      setDaysError('A whole number of days from 0 to 365')
      return
    }
    setDaysError(null)
    const ok = await saveProtection({ overSurveyDays: n, sendWindow: windowOn ? { start, end, timeZone: zone } : null })
    if (!ok) return
    goTo('dryrun')
    await runDryRun(0, false)
  }

  return (
    <div className="send-step">
      <p className="muted">
        Anyone who opted out or unsubscribed in any connected provider is always skipped. These rules apply to every send from this app.
      </p>
      <div className="form-grid">
        <div className={daysError ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${ids}-days`}>
            Skip anyone surveyed in the last (days)
          </label>
          <input
            id={`${ids}-days`}
            className="input"
            inputMode="numeric"
            value={days}
            aria-invalid={daysError ? true : undefined}
            aria-describedby={`${ids}-days-help${daysError ? ` ${ids}-days-error` : ''}`}
            onChange={(e) => setDays(e.target.value)}
          />
          {daysError ? (
            <p className="field__error" id={`${ids}-days-error`}>
              {daysError}
            </p>
          ) : null}
          <p className="field__help" id={`${ids}-days-help`}>
            Across all providers, from what this app sent. 0 turns the rule off.
          </p>
        </div>
        <fieldset className="field send-fieldset">
          <legend className="field__label">Send window</legend>
          <label className="send-check">
            <input type="checkbox" checked={windowOn} onChange={(e) => setWindowOn(e.target.checked)} />
            Only send between these hours (the job waits outside them)
          </label>
          {windowOn ? (
            <div className="send-window">
              <label>
                From <input className="input" type="time" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label>
                until <input className="input" type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
              <label>
                Time zone <input className="input" value={zone} onChange={(e) => setZone(e.target.value)} />
              </label>
            </div>
          ) : null}
        </fieldset>
      </div>

      <section className="send-dnc" aria-labelledby={`${ids}-dnc`}>
        <h3 id={`${ids}-dnc`} className="send-step__title">
          Do-not-contact list
        </h3>
        <p className="muted">
          {p ? `${new Intl.NumberFormat().format(p.doNotContactCount)} e-mail addresses and numbers on the list.` : ''} Add more: one per line, or a CSV whose
          first column holds them.
        </p>
        <div className="send-dnc__inputs">
          <label className="field__label" htmlFor={`${ids}-dnc-file`}>
            From a file
          </label>
          <input
            id={`${ids}-dnc-file`}
            className="input send-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0]
              if (file) void file.text().then(setDncText)
            }}
          />
          <label className="field__label" htmlFor={`${ids}-dnc-text`}>
            Or paste
          </label>
          <textarea id={`${ids}-dnc-text`} className="input send-dnc__text" rows={4} value={dncText} onChange={(e) => setDncText(e.target.value)} />
        </div>
        <div className="send-inline">
          <button
            type="button"
            className="button button--small"
            disabled={dncText.trim() === '' || w.busy !== null}
            onClick={() =>
              void importDnc(dncText).then((msg) => {
                if (msg) {
                  setDncResult(msg)
                  setDncText('')
                }
              })
            }
          >
            Add to the list
          </button>
          <span role="status" className="muted">
            {dncResult}
          </span>
        </div>
      </section>

      <div className="form-actions">
        <button type="button" className="button" onClick={() => goTo('validation')}>
          Back
        </button>
        <button type="button" className="button button--primary" disabled={w.busy !== null} onClick={() => void next()}>
          Next: dry run
        </button>
      </div>
    </div>
  )
}
