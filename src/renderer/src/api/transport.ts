import { BRIDGE_GLOBAL, type Bridge } from '../../../shared/bridge'
import { createWebBridge } from './web-bridge'
import { forgetToken, startWebSession, type UnpairedReason } from './web-session'

export type Transport =
  | { kind: 'electron' | 'web'; bridge: Bridge }
  | { kind: 'unpaired'; reason: UnpairedReason }

export interface TransportHooks {
  onUnauthorized: () => void
  onStreamState: (connected: boolean) => void
}

function preloadBridge(): Bridge | null {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as Partial<Bridge> | undefined
  if (candidate && typeof candidate.invoke === 'function' && typeof candidate.on === 'function') return candidate as Bridge
  return null
}

/** Electron's preload bridge when there is one, else the loopback web host. */
export async function pickTransport(hooks: TransportHooks): Promise<Transport> {
  const preload = preloadBridge()
  if (preload) return { kind: 'electron', bridge: preload }
  const session = await startWebSession()
  if (session.kind === 'unpaired') return session
  const bridge = createWebBridge({
    token: session.token,
    onUnauthorized: () => {
      forgetToken()
      hooks.onUnauthorized()
    },
    onStreamState: hooks.onStreamState
  })
  return { kind: 'web', bridge }
}
