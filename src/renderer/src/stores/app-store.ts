import { create } from 'zustand'
import type { AppInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { api } from '../api/client'
import type { UnpairedReason } from '../api/web-session'

export type Section = 'inbox' | 'sends' | 'reports' | 'followups' | 'connections' | 'about' | 'sites' | 'staff' | 'templates' | 'surveys' | 'customers' | 'accounts'

export type Connectivity = 'online' | 'offline' | 'unreachable'

interface AppState {
  info: AppInfo | null
  infoError: AppError | null
  infoLoading: boolean
  /** navigator.onLine: whether this machine has a network at all. */
  browserOnline: boolean
  /** Whether the transport (preload or web host) answered the last call. */
  hostReachable: boolean
  /** Set when the web page has no valid pairing: the whole app is replaced by an explanation. */
  unpaired: UnpairedReason | null
  section: Section
  /** Set once the user picked a section: the automatic default (Inbox when connections exist) no longer applies. */
  sectionChosen: boolean
  /** The connection later sections filter by; null = all connections. */
  selectedConnectionId: string | null

  loadInfo(): Promise<void>
  setBrowserOnline(online: boolean): void
  setHostReachable(reachable: boolean): void
  setUnpaired(reason: UnpairedReason | null): void
  setSection(section: Section): void
  /** Opens the Inbox at start-up when connections exist, unless the user already navigated. */
  applyDefaultSection(hasConnections: boolean): void
  selectConnection(id: string | null): void
}

function toAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err))
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  infoError: null,
  infoLoading: false,
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  hostReachable: true,
  unpaired: null,
  section: 'connections',
  sectionChosen: false,
  selectedConnectionId: null,

  async loadInfo() {
    set({ infoLoading: true })
    try {
      const info = await api().invoke('app.info', {})
      set({ info, infoError: null, infoLoading: false })
    } catch (err) {
      set({ infoError: toAppError(err), infoLoading: false })
    }
  },
  setBrowserOnline: (browserOnline) => set({ browserOnline }),
  setHostReachable: (hostReachable) => set((s) => (s.hostReachable === hostReachable ? s : { hostReachable })),
  setUnpaired: (unpaired) => set({ unpaired }),
  setSection: (section) => set({ section, sectionChosen: true }),
  applyDefaultSection: (hasConnections) => set((s) => (s.sectionChosen ? s : { section: hasConnections ? 'inbox' : 'connections', sectionChosen: true })),
  selectConnection: (selectedConnectionId) => set({ selectedConnectionId })
}))

export function connectivity(s: Pick<AppState, 'browserOnline' | 'hostReachable'>, providersReachable = true): Connectivity {
  if (!s.hostReachable) return 'unreachable'
  return s.browserOnline && providersReachable ? 'online' : 'offline'
}
