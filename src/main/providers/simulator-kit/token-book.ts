import { randomBytes } from 'node:crypto'

/**
 * Access tokens for simulators whose auth issues them (CustomerGauge OAuth2 client credentials).
 * The book counts each use so the `tokenExpiryAfter` fault can expire a token after N requests,
 * which is how a test drives a client through "401, re-authenticate, retry" without waiting an hour.
 * Tokens are random (not seeded): they stand in for secrets and must not be guessable.
 */

export type TokenStatus = 'valid' | 'expired' | 'unknown'

export interface IssuedToken {
  token: string
  /** Lifetime in seconds, for an OAuth `expires_in`. */
  expiresIn: number
  /** Whatever the issuer wants to remember (e.g. the client_id). */
  subject: string | undefined
}

export interface TokenBook {
  /** A fresh random token, valid for ttlSeconds (default 3600) or until the use limit. */
  issue(opts?: { subject?: string; ttlSeconds?: number }): IssuedToken
  /** Counts one use of the token and says whether it is still good. Call once per authenticated request. */
  use(token: string | null | undefined): TokenStatus
  /** The status without counting a use. */
  status(token: string | null | undefined): TokenStatus
  /** Uses counted so far (0 for unknown tokens). */
  uses(token: string): number
  subjectOf(token: string): string | undefined
  revoke(token: string): void
  clear(): void
}

export interface TokenBookOptions {
  /** Read at each use, so a fault switched on at run time applies to tokens already issued. */
  expireAfterUses?: () => number | null
  now?: () => number
  /** Most tokens kept; the oldest are forgotten beyond it (a long sync re-authenticates often). */
  capacity?: number
}

interface Entry {
  subject: string | undefined
  expiresAt: number
  uses: number
  revoked: boolean
}

export function createTokenBook(opts: TokenBookOptions = {}): TokenBook {
  const expireAfterUses = opts.expireAfterUses ?? (() => null)
  const now = opts.now ?? Date.now
  const capacity = opts.capacity ?? 10_000
  const entries = new Map<string, Entry>()

  const statusOf = (entry: Entry | undefined, usesAfter: number): TokenStatus => {
    if (!entry) return 'unknown'
    if (entry.revoked || now() >= entry.expiresAt) return 'expired'
    const limit = expireAfterUses()
    return limit !== null && usesAfter > limit ? 'expired' : 'valid'
  }

  return {
    issue({ subject, ttlSeconds = 3600 } = {}) {
      const token = randomBytes(20).toString('hex')
      entries.set(token, { subject, expiresAt: now() + ttlSeconds * 1000, uses: 0, revoked: false })
      while (entries.size > capacity) {
        const oldest = entries.keys().next().value
        if (oldest === undefined) break
        entries.delete(oldest)
      }
      return { token, expiresIn: ttlSeconds, subject }
    },
    use(token) {
      const entry = token ? entries.get(token) : undefined
      if (entry) entry.uses += 1
      return statusOf(entry, entry?.uses ?? 0)
    },
    status(token) {
      const entry = token ? entries.get(token) : undefined
      return statusOf(entry, entry?.uses ?? 0)
    },
    uses(token) {
      return entries.get(token)?.uses ?? 0
    },
    subjectOf(token) {
      return entries.get(token)?.subject
    },
    revoke(token) {
      const entry = entries.get(token)
      if (entry) entry.revoked = true
    },
    clear() {
      entries.clear()
    }
  }
}
