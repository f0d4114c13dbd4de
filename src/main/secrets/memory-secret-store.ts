import type { KeychainStatus } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { SecretStore } from './secret-store'

/** In-memory stand-in for unit tests of handler logic; `available: false` mimics a missing keychain. */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>()
  constructor(private readonly available = true) {}

  private check(): void {
    if (!this.available) throw new AppError('keychain_unavailable', 'The OS keychain is not available: test keychain switched off.')
  }
  async status(): Promise<KeychainStatus> {
    return this.available ? { available: true } : { available: false, reason: 'test keychain switched off' }
  }
  async get(id: string): Promise<string | null> {
    this.check()
    return this.entries.get(id) ?? null
  }
  async set(id: string, secret: string): Promise<void> {
    this.check()
    this.entries.set(id, secret)
  }
  async delete(id: string): Promise<boolean> {
    this.check()
    return this.entries.delete(id)
  }
  async ids(): Promise<Set<string>> {
    this.check()
    return new Set(this.entries.keys())
  }
}
