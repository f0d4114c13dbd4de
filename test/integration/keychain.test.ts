import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../src/main/secrets/keytar-secret-store'
import { explainKeychainSkip, keychainTestsEnabled } from '../support/keychain'

explainKeychainSkip('OS keychain (keytar)')

// A service name of its own per run, so nothing collides with a real Survey Desk keychain.
const service = `survey-desk-test-${randomUUID()}`
const store = new KeytarSecretStore(service)

describe.runIf(keychainTestsEnabled)('OS keychain through keytar', () => {
  afterAll(async () => {
    for (const id of await store.ids()) await store.delete(id)
  })

  it('is available in the private session', async () => {
    expect(await store.status()).toEqual({ available: true })
  })

  it('stores, reads, lists and deletes secrets by connection id', async () => {
    const a = randomUUID()
    const b = randomUUID()
    await store.set(a, 'tök€n-ä with spaces')
    await store.set(b, 'second')
    expect(await store.get(a)).toBe('tök€n-ä with spaces')
    expect(await store.ids()).toEqual(new Set([a, b]))
    await store.set(a, 'replaced')
    expect(await store.get(a)).toBe('replaced')
    expect(await store.delete(a)).toBe(true)
    expect(await store.delete(a)).toBe(false)
    expect(await store.get(a)).toBeNull()
    expect(await store.ids()).toEqual(new Set([b]))
  })
})
