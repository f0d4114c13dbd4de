import { useAppStore, type Section } from '../stores/app-store'
import { Icon, type IconName } from './Icon'

const SECTIONS: Array<{ id: Section; name: string; icon: IconName }> = [
  { id: 'inbox', name: 'Inbox', icon: 'inbox' },
  { id: 'sends', name: 'Sends', icon: 'send' },
  { id: 'reports', name: 'Reports', icon: 'chart' },
  { id: 'followups', name: 'To follow up', icon: 'flag' },
  { id: 'sites', name: 'Sites', icon: 'map-pin' },
  { id: 'staff', name: 'Staff & teams', icon: 'users' },
  { id: 'templates', name: 'Templates', icon: 'mail' },
  { id: 'surveys', name: 'Surveys', icon: 'clipboard' },
  { id: 'customers', name: 'Customers', icon: 'contact' },
  { id: 'accounts', name: 'Client accounts', icon: 'briefcase' },
  { id: 'connections', name: 'Connections', icon: 'plug' },
  { id: 'about', name: 'About', icon: 'info' }
]

export function Sidebar({ onNavigate }: { onNavigate: () => void }) {
  const section = useAppStore((s) => s.section)
  const setSection = useAppStore((s) => s.setSection)
  return (
    <nav className="sidebar" aria-label="Sections">
      <ul className="sidebar__list">
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="sidebar__item"
              aria-current={section === s.id ? 'page' : undefined}
              onClick={() => {
                setSection(s.id)
                onNavigate()
              }}
            >
              <Icon name={s.icon} />
              <span>{s.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
