import { api } from '../../api/client'
import { useInboxStore } from '../../stores/inbox-store'
import { goToSection } from '../reports/drill'
import { errorText } from '../reports/error-text'

/** Shows one cached response in the Inbox's detail pane, whatever the list around it shows. */
export function openResponseInInbox(responseId: number): void {
  useInboxStore.setState({ detailOpen: true, detail: null, detailLoading: true, detailError: null })
  goToSection('inbox')
  api()
    .invoke('inbox.detail', { id: responseId })
    .then((detail) => useInboxStore.setState({ detail, detailLoading: false }))
    .catch((err: unknown) => useInboxStore.setState({ detailLoading: false, detailError: `Could not read this response: ${errorText(err)}` }))
}
