import { describe, expect, it } from 'vitest'
import type { ClientAccount, Site } from '../../src/shared/domain/model'
import { createCache } from '../../src/main/store/cache'
import { openDatabase } from '../../src/main/store/database'
import { cacheFiles } from '../support/cache-file'
import { makeSite } from '../support/reference-entities'

/**
 * FeedbackAPI's account and location objects never carry verb and review_profile: a sync's copy of
 * them, or an update's answer, must not blank what was sent when they were created (entity-tables.ts keep).
 */

const CONN = '33333333-3333-4333-8333-333333333333'
const files = cacheFiles()

const account = (verb: string | null, name = 'Acme', provider: ClientAccount['provider'] = 'feedbackapi'): ClientAccount => ({
  provider,
  externalId: 'acc-1',
  name,
  active: true,
  verb,
  limits: {},
  raw: { id: 'acc-1', name, active: true, ...(verb !== null ? { verb } : {}) }
})

const location = (reviewUrls: Record<string, string>, name = 'Ghent'): Site =>
  makeSite({
    provider: 'feedbackapi',
    externalId: 'loc-1',
    name,
    reviewUrls,
    raw: { id: 'loc-1', name, ...(Object.keys(reviewUrls).length > 0 ? { review_profile: Object.values(reviewUrls) } : {}) }
  })

function stored(file: string, sql: string): unknown {
  const db = openDatabase(file)
  try {
    return db.prepare(sql).get()
  } finally {
    db.close()
  }
}

describe('columns a provider does not send', () => {
  it('a synced FeedbackAPI account without its verb keeps the stored verb, and takes every field it carries', async () => {
    const file = files.file(CONN)
    const cache = files.keep(createCache({ databaseFile: file, mode: 'inline' }))
    const write = (item: ClientAccount) => cache.writer.applyPage({ connectionId: CONN, stream: 'accounts', entity: 'client_account', items: [item] })
    await write(account('visit'))
    expect(await write(account(null, 'Acme Ltd'))).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    expect(stored(file, 'SELECT name, verb FROM client_accounts')).toEqual({ name: 'Acme Ltd', verb: 'visit' })
    // The same sync copy again is unchanged; a verb the provider does send replaces the stored one.
    expect(await write(account(null, 'Acme Ltd'))).toEqual({ inserted: 0, updated: 0, unchanged: 1 })
    await write(account('use', 'Acme Ltd'))
    expect(stored(file, 'SELECT verb FROM client_accounts')).toEqual({ verb: 'use' })
  })

  it('a synced FeedbackAPI location without its review profile keeps the stored review URLs', async () => {
    const file = files.file(CONN)
    const cache = files.keep(createCache({ databaseFile: file, mode: 'inline' }))
    const write = (item: Site) => cache.writer.applyPage({ connectionId: CONN, stream: 'locations', entity: 'site', items: [item] })
    await write(location({ 'google.com': 'https://g.page/acme-ghent' }))
    await write(location({}, 'Ghent centre'))
    expect(stored(file, 'SELECT name, review_urls FROM sites')).toEqual({ name: 'Ghent centre', review_urls: '{"google.com":"https://g.page/acme-ghent"}' })
  })

  it('another provider that sends no value clears it', async () => {
    const file = files.file(CONN)
    const cache = files.keep(createCache({ databaseFile: file, mode: 'inline' }))
    const write = (item: ClientAccount) => cache.writer.applyPage({ connectionId: CONN, stream: 'accounts', entity: 'client_account', items: [item] })
    await write(account('visit', 'Acme', 'customersure'))
    await write(account(null, 'Acme', 'customersure'))
    expect(stored(file, 'SELECT verb FROM client_accounts')).toEqual({ verb: null })
  })
})
