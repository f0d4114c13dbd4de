import { z } from 'zod'
import { abortReason } from './sleep'
import type { AuthStrategy, HttpClient } from './types'

/** A fixed credential sent in one header, e.g. `tokenAuth(key, (k) => \`Bearer ${k}\`)`. */
export function tokenAuth(secret: string, headerValue: (secret: string) => string, header = 'authorization'): AuthStrategy {
  const value = headerValue(secret)
  return {
    headers: async () => ({ [header]: value }),
    secrets: () => [secret, value].filter((s) => s !== '')
  }
}

/** CustomerSure: `Authorization: Token token="<token>"` (customersure-v1.txt "Authentication"). */
export function customerSureAuth(token: string): AuthStrategy {
  return tokenAuth(token, (t) => `Token token="${t}"`)
}

/** Enco Promoter Survey (and any Bearer token): `Authorization: Bearer <token>`. */
export function bearerAuth(token: string): AuthStrategy {
  return tokenAuth(token, (t) => `Bearer ${t}`)
}

/** HTTP Basic. The secrets include 'user:pass', so its base64 form is redacted too. */
export function basicAuth(username: string, password: string): AuthStrategy {
  const pair = `${username}:${password}`
  const value = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`
  return {
    headers: async () => ({ authorization: value }),
    secrets: () => [username, password, pair].filter((s) => s !== '' && s !== ':')
  }
}

/** FeedbackAPI: the API key as the Basic username, no password (feedbackapi-v1.3.txt "Authentication"). */
export function feedbackApiAuth(apiKey: string): AuthStrategy {
  return basicAuth(apiKey, '')
}

/** Nicereply: blank username, the private key as the Basic password (nicereply-v1.txt "Authentication"). */
export function nicereplyAuth(privateKey: string): AuthStrategy {
  return basicAuth('', privateKey)
}

/** No credentials, e.g. for the client that fetches OAuth tokens; `secrets` still lets the layer redact them. */
export function noAuth(secrets: readonly string[] = []): AuthStrategy {
  return { headers: async () => ({}), secrets: () => [...secrets] }
}

/** RFC 6749 section 5.1; expires_in is sometimes sent as a string. */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional()
})

export interface OAuthClientCredentialsOptions {
  /** An HttpClient whose base URL is the token endpoint's origin (CustomerGauge: https://auth.{region}.customergauge.com). */
  client: HttpClient
  /** Path of the token endpoint on that client, e.g. '/oauth2/token'. */
  tokenPath: string
  clientId: string
  clientSecret: string
  /** Refresh this long before expiry (default 60 s, at most half the token's lifetime). */
  refreshMarginMs?: number
  /** Lifetime assumed when the answer has no expires_in (default 1 hour). */
  defaultLifetimeMs?: number
  now?: () => number
}

export interface OAuthAuthStrategy extends AuthStrategy {
  /** Forgets the cached token; the next request fetches a new one. */
  invalidate(): void
}

/**
 * OAuth2 client credentials (customergauge-v7-sync-responses.txt "Authentication": a form POST of
 * grant_type=client_credentials, client_id and client_secret to /oauth2/token, then
 * `Authorization: Bearer <access_token>`). The token is cached until shortly before it expires,
 * concurrent requests share one refresh, and a 401 drops the cache so the layer retries once.
 */
export function oauthClientCredentials(opts: OAuthClientCredentialsOptions): OAuthAuthStrategy {
  const now = opts.now ?? Date.now
  let cached: { token: string; refreshAt: number } | null = null
  let inflight: Promise<string> | null = null
  // Tokens issued to this connection, newest last, so one echoed in an error is redacted too.
  const issued: string[] = []

  const fetchToken = async (): Promise<string> => {
    const res = await opts.client.request(
      {
        method: 'POST',
        path: opts.tokenPath,
        form: { grant_type: 'client_credentials', client_id: opts.clientId, client_secret: opts.clientSecret },
        skipAuth: true,
        // Asking for a token twice has no effect beyond a second token, so a retry is safe.
        idempotent: true,
        operation: 'get an access token'
      },
      TokenResponse
    )
    const lifetimeMs = res.body.expires_in !== undefined ? res.body.expires_in * 1000 : (opts.defaultLifetimeMs ?? 3_600_000)
    const margin = Math.min(opts.refreshMarginMs ?? 60_000, lifetimeMs / 2)
    cached = { token: res.body.access_token, refreshAt: now() + lifetimeMs - margin }
    issued.push(res.body.access_token)
    if (issued.length > 5) issued.shift()
    return res.body.access_token
  }

  const token = (): Promise<string> => {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token)
    if (!inflight) {
      inflight = fetchToken().finally(() => {
        inflight = null
      })
    }
    return inflight
  }

  return {
    async headers(signal) {
      // The refresh is shared, so one caller's cancellation must not cancel it for the others.
      const shared = token()
      const value = signal ? await raceAbort(shared, signal) : await shared
      return { authorization: `Bearer ${value}` }
    },
    onUnauthorized() {
      cached = null
      return true
    },
    invalidate() {
      cached = null
    },
    secrets: () => [opts.clientSecret, ...issued]
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(e instanceof Error ? e : new Error(String(e)))
      }
    )
  })
}
