import { useEffect } from 'react'
import type { UnpairedReason } from '../api/web-session'
import { PAIR_FRAGMENT_KEY } from '../../../shared/web-protocol'

const WHY: Record<UnpairedReason, string> = {
  'no-link': 'This page was opened without its pairing link.',
  'link-used': 'That pairing link has already been used (each link works once) or belongs to an earlier run.',
  expired: 'Survey Desk no longer accepts this page’s session; it was probably restarted.',
  unreachable: 'Survey Desk did not answer the pairing request. Check that `npm run web` is still running.'
}

/** Shown instead of the app when the web page cannot talk to the host. */
export function PairingRequired({ reason }: { reason: UnpairedReason }) {
  // Pasting the link into this same tab only changes the fragment: start over so it gets paired.
  useEffect(() => {
    const onHash = (): void => {
      if (new URLSearchParams(location.hash.replace(/^#/, '')).has(PAIR_FRAGMENT_KEY)) location.reload()
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return (
    <main className="pairing" id="main">
      <div className="pairing__card">
        <h1>Open Survey Desk from its link</h1>
        <p className="pairing__lead">
          This page needs the link printed by <code>npm run web</code> (also saved to <code>web-host.url</code> in the data
          folder).
        </p>
        <p>{WHY[reason]}</p>
        <p>Copy the whole link, including the part after <code>#pair=</code>, into the address bar.</p>
      </div>
    </main>
  )
}
