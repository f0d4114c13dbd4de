import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { Connection } from '../../../shared/domain/connection'
import { PROVIDER_IDS, PROVIDERS, Region, type ProviderId } from '../../../shared/providers'
import { Icon } from '../components/Icon'
import { SelectField, TextField } from '../components/Field'
import { draftFromConnection, draftToEdit, draftToNew, emptyDraft, providerFields, type ConnectionDraft } from '../forms/connection-draft'
import { useConnectionsStore } from '../stores/connections-store'

const REGION_NAMES: Record<Region, string> = { eu: 'Europe (eu)', us: 'United States (us)', au: 'Australia (au)' }

function baseUrlHelp(provider: ProviderId): string {
  const def = PROVIDERS[provider].defaultBaseUrl
  if (provider === 'customergauge') {
    return `Leave empty to use ${def} for the region. An override is one address serving both /oauth2/token and /v7/rest/sync/responses.`
  }
  return `Leave empty to use ${def}. Set it to reach a proxy or a simulator.`
}

interface Props {
  /** The connection being edited; null to add a new one. */
  editing: Connection | null
  onClose: (saved: Connection | null) => void
}

export function ConnectionForm({ editing, onClose }: Props) {
  const [draft, setDraft] = useState<ConnectionDraft>(() => (editing ? draftFromConnection(editing) : emptyDraft()))
  const [attempt, setAttempt] = useState(0)
  const fieldErrors = useConnectionsStore((s) => s.fieldErrors)
  const formError = useConnectionsStore((s) => s.formError)
  const saving = useConnectionsStore((s) => s.saving)
  const add = useConnectionsStore((s) => s.add)
  const update = useConnectionsStore((s) => s.update)
  const clearFormErrors = useConnectionsStore((s) => s.clearFormErrors)
  const clearFieldError = useConnectionsStore((s) => s.clearFieldError)
  const formRef = useRef<HTMLFormElement>(null)
  const firstRef = useRef<HTMLSelectElement & HTMLInputElement>(null)
  const alertRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    clearFormErrors()
    firstRef.current?.focus()
    return () => clearFormErrors()
  }, [clearFormErrors])

  // After a failed attempt, take the user to the first field that needs attention.
  useEffect(() => {
    if (attempt === 0) return
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (invalid) invalid.focus()
    else if (useConnectionsStore.getState().formError) alertRef.current?.focus()
  }, [attempt])

  const provider = draft.provider
  const meta = PROVIDERS[provider]
  const extra = providerFields(provider)
  const headingId = editing ? 'connection-form-title-edit' : 'connection-form-title-add'

  function set<K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]): void {
    setDraft((d) => ({ ...d, [key]: value }))
    clearFieldError(key)
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault()
    if (saving) return
    const saved = editing ? await update(draftToEdit(draft, editing.id)) : await add(draftToNew(draft))
    if (saved) onClose(saved)
    else setAttempt((n) => n + 1)
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>): void {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault()
      onClose(null)
    }
  }

  return (
    <section className="panel form-panel" aria-labelledby={headingId}>
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} aria-labelledby={headingId} aria-busy={saving}>
        <h2 id={headingId} className="panel__title">
          {editing ? `Edit “${editing.label}”` : 'New connection'}
        </h2>
        {editing ? (
          <p className="form-panel__meta">
            Provider: <strong>{meta.name}</strong> (a connection’s provider cannot be changed)
          </p>
        ) : null}

        <div ref={alertRef} tabIndex={-1} className="form-alert-slot" role="alert">
          {formError ? (
            <div className="banner banner--error">
              <Icon name="warning" />
              <p>{formError.message}</p>
            </div>
          ) : null}
        </div>

        <div className="form-grid">
          {editing ? null : (
            <SelectField
              id="cf-provider"
              label="Provider"
              value={provider}
              selectRef={firstRef}
              error={fieldErrors.provider}
              help="Each connection is one account with one provider."
              onValue={(v) => {
                setDraft((d) => ({ ...d, provider: v as ProviderId, secret: '' }))
                clearFormErrors()
              }}
            >
              {PROVIDER_IDS.map((p) => (
                <option key={p} value={p}>
                  {PROVIDERS[p].name}
                </option>
              ))}
            </SelectField>
          )}

          <TextField
            id="cf-label"
            label="Label"
            value={draft.label}
            inputRef={editing ? firstRef : undefined}
            onValue={(v) => set('label', v)}
            error={fieldErrors.label}
            help="A name you will recognise, e.g. “EU support desk”."
            required
            maxLength={80}
            autoComplete="off"
          />

          {extra.includes('companyName') ? (
            <TextField
              id="cf-company"
              label="Company name"
              value={draft.companyName}
              onValue={(v) => set('companyName', v)}
              error={fieldErrors.companyName}
              help="Sent to CustomerSure as the User-Agent of every request; CustomerSure refuses calls without it."
              required
              autoComplete="organization"
            />
          ) : null}

          {extra.includes('region') ? (
            <SelectField
              id="cf-region"
              label="Region"
              value={draft.region}
              onValue={(v) => set('region', v)}
              error={fieldErrors.region}
              help="The CustomerGauge data centre your account lives in."
              required
            >
              <option value="">Choose a region…</option>
              {Region.options.map((r) => (
                <option key={r} value={r}>
                  {REGION_NAMES[r]}
                </option>
              ))}
            </SelectField>
          ) : null}

          {extra.includes('clientId') ? (
            <TextField
              id="cf-client-id"
              label="Client id"
              value={draft.clientId}
              onValue={(v) => set('clientId', v)}
              error={fieldErrors.clientId}
              help="The OAuth2 client id CustomerGauge issued for this account."
              required
              autoComplete="off"
              spellCheck={false}
            />
          ) : null}

          <TextField
            id="cf-secret"
            key={`secret-${provider}`}
            label={meta.secretLabel}
            type="password"
            value={draft.secret}
            onValue={(v) => set('secret', v)}
            error={fieldErrors.secret}
            help={editing ? 'Leave empty to keep the saved secret.' : 'Kept in the OS keychain only, never in the Survey Desk database.'}
            required={!editing}
            autoComplete="off"
            spellCheck={false}
          />

          <TextField
            id="cf-base-url"
            label="Base URL (optional)"
            type="url"
            inputMode="url"
            value={draft.baseUrl}
            placeholder={meta.defaultBaseUrl}
            onValue={(v) => set('baseUrl', v)}
            error={fieldErrors.baseUrl}
            help={baseUrlHelp(provider)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>

        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button" onClick={() => onClose(null)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
