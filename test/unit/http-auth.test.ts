import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { basicAuth, bearerAuth, customerSureAuth, feedbackApiAuth, nicereplyAuth, oauthClientCredentials } from '../../src/main/http/auth'
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/main/http/types'

describe('static auth strategies', () => {
  it('writes the documented headers', async () => {
    expect(await customerSureAuth('abc123').headers()).toEqual({ authorization: 'Token token="abc123"' })
    expect(await bearerAuth('t0k3n').headers()).toEqual({ authorization: 'Bearer t0k3n' })
    expect(await feedbackApiAuth('key1').headers()).toEqual({ authorization: `Basic ${Buffer.from('key1:').toString('base64')}` })
    expect(await nicereplyAuth('key2').headers()).toEqual({ authorization: `Basic ${Buffer.from(':key2').toString('base64')}` })
    expect(await basicAuth('u', 'p').headers()).toEqual({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` })
  })

  it('lists its secrets for redaction', () => {
    expect(customerSureAuth('abc123').secrets()).toContain('abc123')
    expect(nicereplyAuth('key2').secrets()).toEqual(['key2', ':key2'])
    expect(feedbackApiAuth('key1').secrets()).toEqual(['key1', 'key1:'])
  })
})

/** An HttpClient stand-in that answers token requests from a script. */
function tokenClient(answers: Array<{ access_token: string; expires_in?: number } | Error>): HttpClient & { calls: HttpRequest[]; gate?: Promise<void> } {
  const calls: HttpRequest[] = []
  const client = {
    calls,
    gate: undefined as Promise<void> | undefined,
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      calls.push(req)
      if (client.gate) await client.gate
      const next = answers.shift()
      if (!next) throw new Error('no more answers')
      if (next instanceof Error) throw next
      return { status: 200, headers: {}, body: { ...next, expires_in: typeof next.expires_in === 'string' ? Number(next.expires_in) : next.expires_in } as T, text: '', url: '' }
    },
    async close() {}
  }
  return client
}

describe('oauthClientCredentials', () => {
  it('posts the documented form and caches the token until shortly before it expires', async () => {
    let t = 0
    const client = tokenClient([{ access_token: 'a1', expires_in: 3600 }, { access_token: 'a2', expires_in: 3600 }])
    const auth = oauthClientCredentials({ client, tokenPath: '/oauth2/token', clientId: 'id', clientSecret: 'sec', now: () => t })
    expect(await auth.headers()).toEqual({ authorization: 'Bearer a1' })
    expect(client.calls[0]).toMatchObject({ method: 'POST', path: '/oauth2/token', skipAuth: true, form: { grant_type: 'client_credentials', client_id: 'id', client_secret: 'sec' } })
    t = 3_600_000 - 61_000
    expect(await auth.headers()).toEqual({ authorization: 'Bearer a1' })
    t = 3_600_000 - 59_000
    expect(await auth.headers()).toEqual({ authorization: 'Bearer a2' })
    expect(client.calls).toHaveLength(2)
    expect(auth.secrets()).toEqual(['sec', 'a1', 'a2'])
  })

  it('shares one refresh between concurrent callers', async () => {
    const client = tokenClient([{ access_token: 'only', expires_in: 60 }])
    let open!: () => void
    client.gate = new Promise((r) => (open = r))
    const auth = oauthClientCredentials({ client, tokenPath: '/oauth2/token', clientId: 'id', clientSecret: 'sec' })
    const all = Promise.all([auth.headers(), auth.headers(), auth.headers()])
    open()
    expect(await all).toEqual(Array(3).fill({ authorization: 'Bearer only' }))
    expect(client.calls).toHaveLength(1)
  })

  it('onUnauthorized drops the cache and asks for a retry', async () => {
    const client = tokenClient([{ access_token: 'x1' }, { access_token: 'x2' }])
    const auth = oauthClientCredentials({ client, tokenPath: '/oauth2/token', clientId: 'id', clientSecret: 'sec' })
    expect(await auth.headers()).toEqual({ authorization: 'Bearer x1' })
    expect(await auth.onUnauthorized!()).toBe(true)
    expect(await auth.headers()).toEqual({ authorization: 'Bearer x2' })
  })

  it('a failed refresh is not cached: the next call tries again', async () => {
    const client = tokenClient([new AppError('network', 'down', { retryable: true }), { access_token: 'ok' }])
    const auth = oauthClientCredentials({ client, tokenPath: '/oauth2/token', clientId: 'id', clientSecret: 'sec' })
    await expect(auth.headers()).rejects.toThrow('down')
    expect(await auth.headers()).toEqual({ authorization: 'Bearer ok' })
  })

  it("one caller's abort does not cancel the shared refresh", async () => {
    const client = tokenClient([{ access_token: 'shared' }])
    let open!: () => void
    client.gate = new Promise((r) => (open = r))
    const auth = oauthClientCredentials({ client, tokenPath: '/oauth2/token', clientId: 'id', clientSecret: 'sec' })
    const ac = new AbortController()
    const first = auth.headers(ac.signal)
    const second = auth.headers()
    ac.abort(new Error('gone'))
    await expect(first).rejects.toThrow('gone')
    open()
    expect(await second).toEqual({ authorization: 'Bearer shared' })
  })
})
