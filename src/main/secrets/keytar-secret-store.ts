import { createRequire } from 'node:module'
import type { KeychainStatus } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store'

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

// A locked or absent Secret Service can leave a call pending; a user must get an answer instead.
const KEYCHAIN_TIMEOUT_MS = 10_000

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s (${what})`)), KEYCHAIN_TIMEOUT_MS)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

/** Explains a keytar failure in words a user can act on. The native message never holds the secret. */
export function describeKeychainFailure(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err)
  const hint =
    process.platform === 'linux'
      ? ' On Linux, Survey Desk needs a Secret Service (GNOME Keyring or KWallet) running in your session.'
      : ''
  return `The OS keychain is not available: ${raw}.${hint}`
}

export class KeytarSecretStore implements SecretStore {
  private keytar: Keytar | undefined
  private loadError: unknown

  constructor(private readonly service: string = KEYCHAIN_SERVICE) {
    try {
      const require = createRequire(__filename)
      this.keytar = require('keytar') as Keytar
    } catch (err) {
      this.loadError = err
    }
  }

  private lib(): Keytar {
    if (!this.keytar) throw new AppError('keychain_unavailable', describeKeychainFailure(this.loadError))
    return this.keytar
  }

  private async call<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
    const k = this.lib()
    try {
      return await withTimeout(fn(k), what)
    } catch (err) {
      if (err instanceof AppError) throw err
      throw new AppError('keychain_unavailable', describeKeychainFailure(err))
    }
  }

  async status(): Promise<KeychainStatus> {
    try {
      await this.call('status', (k) => k.findCredentials(this.service))
      return { available: true }
    } catch (err) {
      return { available: false, reason: err instanceof Error ? err.message : String(err) }
    }
  }

  get(id: string): Promise<string | null> {
    return this.call('read', (k) => k.getPassword(this.service, id))
  }

  set(id: string, secret: string): Promise<void> {
    return this.call('save', (k) => k.setPassword(this.service, id, secret))
  }

  delete(id: string): Promise<boolean> {
    return this.call('delete', (k) => k.deletePassword(this.service, id))
  }

  async ids(): Promise<Set<string>> {
    const creds = await this.call('list', (k) => k.findCredentials(this.service))
    return new Set(creds.map((c) => c.account))
  }
}
