import { create } from 'zustand'
import type { ConnectionTestResult } from '../../../shared/contract'
import type { Connection } from '../../../shared/domain/connection'
import { ConnectionEdit, NewConnection } from '../../../shared/domain/connection'
import { AppError, zodIssuesToFieldErrors, type FieldError } from '../../../shared/errors'
import { PROVIDERS, type ProviderId } from '../../../shared/providers'
import { api } from '../api/client'
import { useAppStore } from './app-store'

/** Messages per form field (label, secret, companyName, region, clientId, baseUrl, provider). */
export type FieldErrors = Partial<Record<string, string>>

export interface FormFailure {
  code: AppError['code'] | 'client'
  message: string
}

export type ConnectionTestState =
  | { state: 'running' }
  | { state: 'done'; result: ConnectionTestResult }
  | { state: 'failed'; message: string }

export interface StatusMessage {
  text: string
  tone: 'success' | 'warning'
}

interface ConnectionsState {
  connections: Connection[]
  loaded: boolean
  loading: boolean
  loadError: AppError | null
  saving: boolean
  removingId: string | null
  fieldErrors: FieldErrors
  formError: FormFailure | null
  status: StatusMessage | null
  /** The latest "Test connection" per connection id, kept for this session only. */
  tests: Record<string, ConnectionTestState>
  /** The demo workspace being started or removed (one click each; the buttons wait on it). */
  demoBusy: 'starting' | 'removing' | null
  demoError: string | null

  load(): Promise<void>
  test(id: string): Promise<void>
  /** Validates against the contract, then sends; true when saved. Errors land in fieldErrors/formError. */
  add(input: unknown): Promise<Connection | null>
  update(input: unknown): Promise<Connection | null>
  remove(id: string): Promise<{ secretRemoved: boolean } | AppError>
  /** Starts the simulated providers and adds a demo connection for each; true when it worked. */
  startDemo(): Promise<boolean>
  /** Removes every demo connection and its synced data; the number removed, or the error. */
  removeDemo(): Promise<number | AppError>
  clearFormErrors(): void
  clearFieldError(field: string): void
  clearStatus(): void
}

const FORM_FIELDS = new Set(['label', 'secret', 'companyName', 'region', 'clientId', 'baseUrl', 'provider'])

function toAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err))
}

/** The contract calls the secret "Secret"; the form calls it what the provider calls it. */
function fieldMessage(field: string, message: string, provider: ProviderId | undefined): string {
  if (field === 'secret' && provider) return message.replace(/^Secret\b/, PROVIDERS[provider].secretLabel)
  return message
}

function splitErrors(details: FieldError[], provider: ProviderId | undefined): { fields: FieldErrors; rest: FieldError[] } {
  const fields: FieldErrors = {}
  const rest: FieldError[] = []
  for (const d of details) {
    const top = d.field.split('.')[0] ?? ''
    if (FORM_FIELDS.has(top)) fields[top] ??= fieldMessage(top, d.message, provider)
    else rest.push(d)
  }
  return { fields, rest }
}

function providerOf(input: unknown): ProviderId | undefined {
  const p = (input as { provider?: unknown } | null)?.provider
  return typeof p === 'string' && p in PROVIDERS ? (p as ProviderId) : undefined
}

function failureText(err: AppError): string {
  if (err.code === 'keychain_unavailable') {
    // Main's message may already say so; say it once.
    return /not saved|nothing was saved/i.test(err.message) ? err.message : `${err.message.replace(/\s*$/, '')} Nothing was saved.`
  }
  return err.message
}

let loadSeq = 0

/** The order main lists them in (label, case-insensitive), so merged lists do not jump. */
const byLabel = (a: Connection, b: Connection): number => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.createdAt.localeCompare(b.createdAt)

export const useConnectionsStore = create<ConnectionsState>()((set, get) => {
  /** Shared by add and update: validate, send, map errors back onto fields. */
  async function save(kind: 'add' | 'update', raw: unknown): Promise<Connection | null> {
    const provider = providerOf(raw)
    const parsed = kind === 'add' ? NewConnection.safeParse(raw) : ConnectionEdit.safeParse(raw)
    if (!parsed.success) {
      const { fields, rest } = splitErrors(zodIssuesToFieldErrors(parsed.error), provider)
      set({
        fieldErrors: fields,
        formError:
          rest.length > 0 || Object.keys(fields).length === 0
            ? { code: 'client', message: rest.map((r) => r.message).join(' ') || 'Some fields need attention.' }
            : null,
        status: null
      })
      return null
    }
    set({ saving: true, fieldErrors: {}, formError: null, status: null })
    try {
      const saved =
        kind === 'add'
          ? await api().invoke('connections.add', parsed.data as NewConnection)
          : await api().invoke('connections.update', parsed.data as ConnectionEdit)
      set((s) => ({
        saving: false,
        connections: kind === 'add' ? [...s.connections.filter((c) => c.id !== saved.id), saved] : s.connections.map((c) => (c.id === saved.id ? saved : c)),
        status: { text: kind === 'add' ? `Connection “${saved.label}” added.` : `Connection “${saved.label}” saved.`, tone: 'success' }
      }))
      return saved
    } catch (e) {
      const err = toAppError(e)
      const { fields, rest } = splitErrors(err.details, provider)
      const hasFields = Object.keys(fields).length > 0
      set({
        saving: false,
        fieldErrors: fields,
        formError: !hasFields || rest.length > 0 || err.code !== 'validation' ? { code: err.code, message: failureText(err) } : null
      })
      if (err.code === 'keychain_unavailable') void useAppStore.getState().loadInfo()
      return null
    }
  }

  return {
    connections: [],
    loaded: false,
    loading: false,
    loadError: null,
    saving: false,
    removingId: null,
    fieldErrors: {},
    formError: null,
    status: null,
    tests: {},
    demoBusy: null,
    demoError: null,

    async test(id) {
      set((s) => ({ tests: { ...s.tests, [id]: { state: 'running' } } }))
      try {
        const result = await api().invoke('connections.test', { id })
        set((s) => ({ tests: { ...s.tests, [id]: { state: 'done', result } } }))
      } catch (e) {
        set((s) => ({ tests: { ...s.tests, [id]: { state: 'failed', message: toAppError(e).message } } }))
      }
    },

    async load() {
      const seq = ++loadSeq
      set({ loading: true })
      try {
        const { connections } = await api().invoke('connections.list', {})
        if (seq !== loadSeq) return // a newer load is on its way
        set({ connections, loaded: true, loading: false, loadError: null })
        const selected = useAppStore.getState().selectedConnectionId
        if (selected && !connections.some((c) => c.id === selected)) useAppStore.getState().selectConnection(null)
      } catch (err) {
        if (seq !== loadSeq) return
        set({ loading: false, loadError: toAppError(err) })
      }
    },

    add: (input) => save('add', input),
    update: (input) => save('update', input),

    async remove(id) {
      const existing = get().connections.find((c) => c.id === id)
      const label = existing?.label ?? 'the connection'
      set({ removingId: id, status: null })
      try {
        const { secretRemoved } = await api().invoke('connections.remove', { id })
        set((s) => ({
          removingId: null,
          connections: s.connections.filter((c) => c.id !== id),
          status: secretRemoved
            ? { text: `Connection “${label}” removed, with its keychain entry.`, tone: 'success' }
            : {
                text: `Connection “${label}” removed, but its keychain entry could not be removed. Delete the “survey-desk” entry for it in your OS keychain when the keychain is available.`,
                tone: 'warning'
              }
        }))
        if (useAppStore.getState().selectedConnectionId === id) useAppStore.getState().selectConnection(null)
        return { secretRemoved }
      } catch (e) {
        set({ removingId: null })
        return toAppError(e)
      }
    },

    async startDemo() {
      if (get().demoBusy) return false
      set({ demoBusy: 'starting', demoError: null, status: null })
      try {
        const { connections: demo } = await api().invoke('demo.start', {})
        set((s) => ({
          demoBusy: null,
          connections: [...s.connections.filter((c) => !demo.some((d) => d.id === c.id)), ...demo].sort(byLabel),
          loaded: true,
          status: { text: `Demo data added: ${demo.length} simulated providers are syncing their feedback into Survey Desk.`, tone: 'success' }
        }))
        return true
      } catch (e) {
        set({ demoBusy: null, demoError: `The demo could not start: ${toAppError(e).message}` })
        return false
      }
    },

    async removeDemo() {
      if (get().demoBusy) return new AppError('conflict', 'The demo is being started or removed already.')
      set({ demoBusy: 'removing', demoError: null, status: null })
      try {
        const { removed } = await api().invoke('demo.remove', {})
        const gone = new Set(get().connections.filter((c) => c.isDemo).map((c) => c.id))
        set((s) => ({
          demoBusy: null,
          connections: s.connections.filter((c) => !c.isDemo),
          status: { text: `Demo data removed: ${removed} demo connection${removed === 1 ? '' : 's'} and their synced feedback.`, tone: 'success' }
        }))
        const selected = useAppStore.getState().selectedConnectionId
        if (selected && gone.has(selected)) useAppStore.getState().selectConnection(null)
        return removed
      } catch (e) {
        set({ demoBusy: null })
        return toAppError(e)
      }
    },

    clearFormErrors: () => set({ fieldErrors: {}, formError: null }),
    clearFieldError: (field) =>
      set((s) => {
        if (!(field in s.fieldErrors)) return s
        const { [field]: _gone, ...fieldErrors } = s.fieldErrors
        return { fieldErrors }
      }),
    clearStatus: () => set({ status: null })
  }
})
