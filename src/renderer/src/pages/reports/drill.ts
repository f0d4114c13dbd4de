import type { InboxFilters } from '../../../../shared/domain/inbox'
import { useAppStore, type Section } from '../../stores/app-store'
import { useInboxStore } from '../../stores/inbox-store'

/**
 * Moves to another section as the sidebar does, focus included: the control that was clicked is
 * gone with its page, and a keyboard user continues from the top of the new one.
 */
export function goToSection(section: Section): void {
  useAppStore.getState().setSection(section)
  requestAnimationFrame(() => document.getElementById('main')?.focus())
}

/** Opens the Inbox on exactly the responses behind a figure. */
export function openInInbox(filters: InboxFilters, label: string): void {
  useInboxStore.getState().showDrill(filters, label)
  goToSection('inbox')
}
