import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNEL_NAMES } from '../../src/shared/contract'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { makeTempDir } from '../support/temp-dir'

let ctx: AppContext
let cleanup: () => void
beforeEach(() => {
  const t = makeTempDir()
  cleanup = t.cleanup
  ctx = createAppContext({ dataDir: t.dir, secrets: new MemorySecretStore() })
})
afterEach(() => {
  ctx.close()
  cleanup()
})

describe('dispatch', () => {
  it('has a handler for every channel of the contract and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('rejects a bad input before the handler runs, naming the field', async () => {
    let called = false
    const spy = { ...handlers, 'connections.add': async () => { called = true; throw new Error('must not run') } }
    const dispatch = createDispatch(spy, ctx)
    const result = await dispatch('connections.add', { provider: 'customergauge', label: 'x', region: 'mars', clientId: 'c', secret: 's' })
    expect(called).toBe(false)
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', retryable: false } })
    if (result.ok) throw new Error('expected failure')
    expect(result.error.details).toEqual([{ field: 'region', message: 'Region must be eu, us or au' }])
  })

  it('names every unexpected field of a strict schema', async () => {
    const dispatch = createDispatch(handlers, ctx)
    const result = await dispatch('connections.add', { provider: 'enco', label: 'x', secret: 's', companyName: 'Acme', region: 'eu' })
    if (result.ok) throw new Error('expected failure')
    expect(result.error.details.map((d) => d.field).sort()).toEqual(['companyName', 'region'])
  })

  it('answers an unknown channel with not_found', async () => {
    const result = await createDispatch(handlers, ctx)('connections.explode', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('hides an unexpected exception behind a generic internal error and reports it', async () => {
    const seen: unknown[] = []
    const failing = { ...handlers, 'connections.list': async () => { throw new Error('SQLITE_CORRUPT token=abc') } }
    const r2 = await createDispatch(failing, ctx, (e) => seen.push(e))('connections.list', {})
    if (r2.ok) throw new Error('expected failure')
    expect(r2.error.code).toBe('internal')
    expect(r2.error.message).not.toContain('token=abc')
    expect(seen).toHaveLength(1)
  })

  it('refuses output that drifts from the contract', async () => {
    const drifting = { ...handlers, 'connections.list': async () => ({ connections: [{ id: 'nope' }] }) } as unknown as typeof handlers
    const result = await createDispatch(drifting, ctx)('connections.list', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
  })
})
