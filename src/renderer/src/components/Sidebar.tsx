import { useAppStore, type Section } from '../stores/app-store'
import { Icon, type IconName } from './Icon'

const SECTIONS: Array<{ id: Section; name: string; icon: IconName }> = [
  { id: 'inbox', name: 'Inbox', icon: 'inbox' },
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
