import type { Site, Staff } from '../../src/shared/domain/model'

/**
 * Reference entities as a provider mapping would produce them, every field filled with its empty
 * value; a test or bench names only what it is about.
 */
export function makeSite(fields: Pick<Site, 'externalId' | 'name'> & Partial<Site>): Site {
  return {
    provider: 'customersure',
    code: null,
    region: null,
    city: null,
    siteType: null,
    countryCode: null,
    address: [],
    postalCode: null,
    active: null,
    reviewUrls: {},
    raw: { id: fields.externalId },
    ...fields
  }
}

export function makeStaff(fields: Pick<Staff, 'externalId' | 'name'> & Partial<Staff>): Staff {
  return {
    provider: 'customersure',
    email: null,
    code: null,
    username: null,
    kind: null,
    teamExternalIds: [],
    teamName: null,
    active: true,
    raw: { id: fields.externalId },
    ...fields
  }
}
