import { PAIR_FRAGMENT_KEY, PAIRING_HEADER, SESSION_STORAGE_KEY } from '../../../shared/web-protocol'

export type UnpairedReason = 'no-link' | 'link-used' | 'expired' | 'unreachable'

export type WebSession = { kind: 'paired'; token: string } | { kind: 'unpaired'; reason: UnpairedReason }

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(SESSION_STORAGE_KEY)
  } catch {
    return null
  }
}

export function storeToken(token: string): void {
  try {
    sessionStorage.setItem(SESSION_STORAGE_KEY, token)
  } catch {
    // storage disabled: the session lasts until reload
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(SESSION_STORAGE_KEY)
  } catch {
    // nothing stored
  }
}

/** Takes the one-time pairing code out of the address (so it is not bookmarked or shared). */
function takePairingCode(): string | null {
  const hash = location.hash.replace(/^#/, '')
  if (!hash) return null
  const code = new URLSearchParams(hash).get(PAIR_FRAGMENT_KEY)
  if (code !== null) history.replaceState(history.state, '', location.pathname + location.search)
  return code && code.trim() !== '' ? code.trim() : null
}

/**
 * Pairs this page with the web host: a `#pair=<code>` fragment is exchanged once for a token kept in
 * sessionStorage, so a reload keeps working without the (already spent) code.
 */
export async function startWebSession(): Promise<WebSession> {
  const code = takePairingCode()
  const stored = readStoredToken()
  if (code) {
    let res: Response
    try {
      res = await fetch('/api/session', { method: 'POST', headers: { [PAIRING_HEADER]: code }, cache: 'no-store' })
    } catch {
      return { kind: 'unpaired', reason: 'unreachable' }
    }
    if (res.ok) {
      const body = (await res.json().catch(() => null)) as { token?: unknown } | null
      if (body && typeof body.token === 'string' && body.token !== '') {
        storeToken(body.token)
        return { kind: 'paired', token: body.token }
      }
      return { kind: 'unpaired', reason: 'unreachable' }
    }
    // A spent code after a reload: the token it gave earlier may still be good.
    if (stored) return { kind: 'paired', token: stored }
    return { kind: 'unpaired', reason: 'link-used' }
  }
  if (stored) return { kind: 'paired', token: stored }
  return { kind: 'unpaired', reason: 'no-link' }
}
