import { connectivity, useAppStore, type Connectivity } from '../stores/app-store'
import { useSyncStore } from '../stores/sync-store'
import { useThemeStore, type ThemeChoice } from '../stores/theme-store'
import { ConnectionSelect } from './ConnectionSelect'
import { Icon, type IconName } from './Icon'

const CONNECTIVITY: Record<Connectivity, { icon: IconName; text: string; title: string }> = {
  online: { icon: 'online', text: 'Online', title: 'This computer is online and Survey Desk is answering.' },
  offline: {
    icon: 'offline',
    text: 'Offline',
    title: 'No provider can be reached. Everything already synced can still be read; sync resumes when the network is back.'
  },
  unreachable: {
    icon: 'unreachable',
    text: 'Survey Desk not responding',
    title: 'The Survey Desk host does not answer. Check that the app (or npm run web) is still running.'
  }
}

function ConnectionSwitcher() {
  return (
    <div className="topbar__switcher">
      <label className="visually-hidden" htmlFor="connection-switcher">
        Connection
      </label>
      <ConnectionSelect id="connection-switcher" />
    </div>
  )
}

function ConnectivityIndicator() {
  // Offline when the browser says so, or when the sync engine cannot reach any provider.
  const providersReachable = useSyncStore((s) => s.status?.online ?? true)
  const state = useAppStore((s) => connectivity(s, providersReachable))
  const c = CONNECTIVITY[state]
  return (
    <div className={`connectivity connectivity--${state}`} role="status" title={c.title}>
      <Icon name={c.icon} />
      <span>{c.text}</span>
    </div>
  )
}

function ThemePicker() {
  const choice = useThemeStore((s) => s.choice)
  const setChoice = useThemeStore((s) => s.setChoice)
  return (
    <div className="topbar__theme">
      <label htmlFor="theme-picker" className="topbar__theme-label">
        Theme
      </label>
      <select
        id="theme-picker"
        className="input select select--compact"
        value={choice}
        onChange={(e) => setChoice(e.target.value as ThemeChoice)}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  )
}

export function TopBar() {
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <Icon name="logo" className="topbar__logo" />
        <span>Survey Desk</span>
      </div>
      <ConnectionSwitcher />
      <div className="topbar__spacer" />
      <ConnectivityIndicator />
      <ThemePicker />
    </header>
  )
}
