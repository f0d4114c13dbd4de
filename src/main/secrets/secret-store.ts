import type { KeychainStatus } from '../../shared/contract'

/**
 * Where connection secrets live, keyed by connection id. The only implementation the app uses is
 * the OS keychain (keytar); there is deliberately no plain-text fallback. Tests may use the
 * in-memory fake for handler logic, and the real keychain for the store itself.
 */
export interface SecretStore {
  status(): Promise<KeychainStatus>
  get(connectionId: string): Promise<string | null>
  set(connectionId: string, secret: string): Promise<void>
  /** Resolves true when an entry existed and was removed. */
  delete(connectionId: string): Promise<boolean>
  /** The connection ids that have a secret, in one keychain round trip. */
  ids(): Promise<Set<string>>
}

export const KEYCHAIN_SERVICE = 'survey-desk'
