import type { ConnectionSettings } from '../../shared/domain/connection'
import { AppError } from '../../shared/errors'
import { PROVIDERS, type ProviderId, type Region } from '../../shared/providers'
import type { RateLimit } from '../http/types'
import type { FaultConfig, Simulator } from './simulator-kit'

/** What a provider client needs to be built: the stored connection plus its secret from the keychain. */
export interface ProviderConnectionConfig {
  /** Connection id (for logs); never a secret. */
  id: string
  /** Override of the documented base URL (a proxy or a simulator); null = the provider's own. */
  baseUrl: string | null
  region: Region | null
  settings: ConnectionSettings
  /** Token, key or OAuth client secret, fresh from the keychain. */
  secret: string
  rateLimit?: RateLimit
  log?: (line: string) => void
}

/** "Test connection": one cheap authenticated call, reported in words a support lead understands. */
export type ProbeOutcome = 'works' | 'credentials_rejected' | 'not_reachable' | 'unexpected_answer'
export interface ProbeResult {
  outcome: ProbeOutcome
  message: string
}

/** Classifies a failed probe call; every provider's probe uses this so the wording is the same everywhere. */
export function probeFailure(provider: ProviderId, err: unknown): ProbeResult {
  const name = PROVIDERS[provider].name
  if (err instanceof AppError) {
    if (err.code === 'unauthorized' || err.code === 'forbidden') {
      return { outcome: 'credentials_rejected', message: `${name} rejected the credentials. Check the ${PROVIDERS[provider].secretLabel.toLowerCase()}${provider === 'customersure' ? ' and the company name' : provider === 'customergauge' ? ', the client id and the region' : ''}.` }
    }
    if (err.code === 'network') return { outcome: 'not_reachable', message: `Could not reach ${name}: ${err.message}` }
  }
  const detail = err instanceof Error ? err.message : String(err)
  return { outcome: 'unexpected_answer', message: `${name} answered, but not as expected: ${detail}` }
}

export function probeSuccess(provider: ProviderId, what: string): ProbeResult {
  return { outcome: 'works', message: `Connected to ${PROVIDERS[provider].name}: ${what}.` }
}

/** Options every provider simulator accepts (tests, the demo workspace, `survey-desk simulate`). */
export interface ProviderSimulatorOptions {
  port?: number
  seed?: number | string
  /** How many feedback items (responses/ratings/feedback) to serve; reference lists scale with it. */
  volume?: number
  /**
   * Epoch ms the seeded history ends at (the newest seeded item); absent = each simulator's own
   * default. The demo workspace sets it so "last 30 days" of demo data is never empty.
   */
  anchor?: number
  faults?: Partial<FaultConfig>
  log?: (line: string) => void
  /**
   * Render the seeded feedback items before serving (benches: the simulator then costs the
   * machine next to nothing while the app syncs). Only CustomerGauge uses it; others ignore it.
   */
  prerender?: boolean
}

/** A running simulator plus the credentials it accepts, ready to become a connection. */
export interface ProviderSimulatorHandle {
  provider: ProviderId
  sim: Simulator
  /** Base URL to put in the connection's override. */
  baseUrl: string
  credentials: { secret: string; companyName?: string; clientId?: string; region?: Region }
  close(): Promise<void>
}
