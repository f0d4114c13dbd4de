import type { ParsedManageWrite } from '../../shared/domain/manage'
import type { EntityType, EntityTypes } from '../store/cache-api'
import type { RowTable } from '../store/cache/manage-core'
import type { HttpClientOptions } from '../http/types'
import type { ProviderConnectionConfig } from '../providers/types'
import { createCustomerSureClient } from '../providers/customersure/client'
import { mapSite } from '../providers/customersure/mapping'
import { createEncoClient } from '../providers/enco/client'
import { mapSurvey as mapEncoSurvey } from '../providers/enco/mapping'
import { createFeedbackApiClient } from '../providers/feedbackapi/client'
import { mapAccount, mapCustomer, mapLocation, mapUser as mapFeedbackApiUser } from '../providers/feedbackapi/mapping'
import { createNicereplyClient } from '../providers/nicereply/client'
import { mapUser as mapNicereplyUser } from '../providers/nicereply/mapping'

/** What a delivered write changes in the cache: the row as the provider answered it, or a row's state. */
export interface Delivery {
  upsert?: { stream: string; entity: Exclude<EntityType, 'response'>; item: EntityTypes[Exclude<EntityType, 'response'>] }
  rowState?: { table: RowTable; externalId: string; state: 'inactive' | 'removed' }
  /** The provider's id of the row now (a create's new id); null after a delete. */
  externalId: string | null
  message: string
}

type Of<Op extends ParsedManageWrite['op']> = Extract<ParsedManageWrite, { op: Op }>

/** A delivery whose row is `item` as the provider answered it (a create's, an update's, or one a lookup found). */
function upserted<E extends Exclude<EntityType, 'response'>>(stream: string, entity: E, item: EntityTypes[E] & { externalId: string }, message: string): Delivery {
  return { upsert: { stream, entity, item }, externalId: item.externalId, message }
}

/**
 * What looking a create up at the provider, after an attempt whose answer was lost, found: the row
 * that attempt made (delivered without creating again; never one `isNew` refuses, a row the cache
 * held before the write was made), null when the provider has none (send it), or CANNOT_ASK when
 * the provider cannot be asked (the user decides).
 */
export const CANNOT_ASK = 'cannot ask'
export type Lookup = Delivery | null | typeof CANNOT_ASK

/** The writes that make a new row at the provider: sending one twice makes two. */
export const CREATE_OPS: ReadonlySet<string> = new Set(['site.create', 'location.create', 'agent.create', 'thing.create', 'user.invite', 'survey.create', 'customer.create', 'account.create'])

/** The cache table of the rows each create makes, for the rows known before it (outbox.ts). */
export const CREATED_TABLE: Readonly<Record<string, RowTable>> = {
  'site.create': 'sites',
  'location.create': 'sites',
  'agent.create': 'staff',
  'thing.create': 'staff',
  'user.invite': 'staff',
  'survey.create': 'surveys',
  'customer.create': 'customers',
  'account.create': 'client_accounts'
}

const foundMessage = (what: string, provider: string): string =>
  `${what} was already in ${provider}: an earlier attempt made it and its answer was lost, so it was not created again.`

/** The first item of any page that matches, reading pages until one does. */
async function firstMatch<T>(pages: AsyncIterable<{ items: T[] }>, match: (item: T) => boolean): Promise<T | null> {
  for await (const page of pages) {
    const hit = page.items.find(match)
    if (hit !== undefined) return hit
  }
  return null
}

/** Drops undefined keys so an update sends only what the user changed. */
const defined = <T extends Record<string, unknown>>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>

const limits = (f: { maxLocations?: number | null; maxUsers?: number | null; maxCampaigns?: number | null; smsAllowance?: number | null }) =>
  defined({ max_locations: f.maxLocations, max_users: f.maxUsers, max_campaigns: f.maxCampaigns, sms_allowance: f.smsAllowance })

/**
 * Sends one write with the provider's own client (which follows its document) and says what the
 * cache should hold afterwards. One client per delivery run; the caller closes it.
 */
export function createExecutor(provider: string, config: ProviderConnectionConfig, httpOptions: Partial<HttpClientOptions>) {
  switch (provider) {
    case 'customersure': {
      const client = createCustomerSureClient(config, { httpOptions })
      return {
        close: () => client.close(),
        // A site code names one site (feedback is linked to sites by it).
        async lookup(w: ParsedManageWrite, isNew: (externalId: string) => boolean): Promise<Lookup> {
          if (w.op !== 'site.create') return CANNOT_ASK
          const f = (w as Of<'site.create'>).fields
          const hit = await firstMatch(client.listSitesPages(), (s) => s.site_code === f.siteCode && isNew(mapSite(s).externalId))
          if (!hit) return null
          const site = mapSite(hit)
          return upserted('sites', 'site', site, foundMessage(`Site ${site.code ?? site.name}`, 'CustomerSure'))
        },
        async run(w: ParsedManageWrite): Promise<Delivery> {
          if (w.op === 'site.create') {
            const f = (w as Of<'site.create'>).fields
            const site = mapSite(await client.createSite({ site_code: f.siteCode, name: f.name, region: f.region, city: f.city, site_type: f.siteType }))
            return upserted('sites', 'site', site, `Site ${site.code ?? site.name} created in CustomerSure.`)
          }
          if (w.op === 'site.update') {
            const { fields: f, externalId } = w as Of<'site.update'>
            const site = mapSite(await client.updateSite(externalId, defined({ site_code: f.siteCode, name: f.name, region: f.region, city: f.city, site_type: f.siteType })))
            return upserted('sites', 'site', site, `Site ${site.code ?? site.name} updated in CustomerSure.`)
          }
          throw unsupported(w.op, provider)
        }
      }
    }
    case 'feedbackapi': {
      const client = createFeedbackApiClient(config, { httpOptions })
      return { close: () => client.close(), lookup: (w: ParsedManageWrite, isNew: (externalId: string) => boolean) => lookupFeedbackApi(client, w, isNew), run: (w: ParsedManageWrite) => runFeedbackApi(client, w) }
    }
    case 'enco': {
      const client = createEncoClient(config, { httpOptions })
      return {
        close: () => client.close(),
        // Enco has no key but the name: a survey of the same name and interaction type is taken as this one.
        async lookup(w: ParsedManageWrite, isNew: (externalId: string) => boolean): Promise<Lookup> {
          if (w.op !== 'survey.create') return CANNOT_ASK
          const f = (w as Of<'survey.create'>).fields
          const hit = (await client.listSurveys()).find((s) => s.name === f.name && s.interactionType === f.interactionType && isNew(mapEncoSurvey(s).externalId))
          if (!hit) return null
          const survey = mapEncoSurvey(hit)
          return upserted('surveys', 'survey', survey, foundMessage(`Survey "${survey.name}"`, 'Enco'))
        },
        async run(w: ParsedManageWrite): Promise<Delivery> {
          if (w.op === 'survey.create') {
            const f = (w as Of<'survey.create'>).fields
            const survey = mapEncoSurvey(await client.createSurvey({ name: f.name, interactionType: f.interactionType, questions: [{ body: f.question, language: f.language }] }))
            return upserted('surveys', 'survey', survey, `Survey "${survey.name}" created in Enco.`)
          }
          if (w.op === 'survey.addQuestion') {
            const { fields: f, externalId } = w as Of<'survey.addQuestion'>
            await client.addQuestion(externalId, { body: f.question, language: f.language })
            // The answer may not show the whole survey: read it again so the cache holds every question.
            const wire = (await client.listSurveys()).find((s) => String(s.id) === externalId)
            const survey = wire ? mapEncoSurvey(wire) : null
            return {
              ...(survey ? { upsert: { stream: 'surveys', entity: 'survey' as const, item: survey } } : {}),
              externalId,
              message: `Question in ${f.language} added to the Enco survey.`
            }
          }
          if (w.op === 'survey.delete') {
            const { externalId } = w as Of<'survey.delete'>
            await client.deleteSurvey(externalId)
            return { rowState: { table: 'surveys', externalId, state: 'removed' }, externalId: null, message: 'Survey deleted in Enco, with all its responses and scores.' }
          }
          throw unsupported(w.op, provider)
        }
      }
    }
    case 'nicereply': {
      const client = createNicereplyClient(config, { httpOptions })
      return {
        close: () => client.close(),
        // A username is an agent's (or thing's) login: one per account.
        async lookup(w: ParsedManageWrite, isNew: (externalId: string) => boolean): Promise<Lookup> {
          if (w.op !== 'agent.create' && w.op !== 'thing.create') return CANNOT_ASK
          const { username } = (w as Of<'agent.create'> | Of<'thing.create'>).fields
          const hit = await firstMatch(client.listUsersPages(), (u) => u.username === username && isNew(mapNicereplyUser(u).externalId))
          if (!hit) return null
          const user = mapNicereplyUser(hit)
          return upserted('users', 'staff', user, foundMessage(user.name, 'Nicereply'))
        },
        async run(w: ParsedManageWrite): Promise<Delivery> {
          if (w.op === 'agent.create' || w.op === 'thing.create') {
            const wire =
              w.op === 'agent.create'
                ? await client.createAgent((w as Of<'agent.create'>).fields)
                : await client.createThingOrAction((w as Of<'thing.create'>).fields)
            const user = mapNicereplyUser(wire)
            return upserted('users', 'staff', user, `${user.name} created in Nicereply.`)
          }
          throw unsupported(w.op, provider)
        }
      }
    }
    default:
      throw unsupported('any write', provider)
  }
}

export type Executor = ReturnType<typeof createExecutor>

async function lookupFeedbackApi(client: ReturnType<typeof createFeedbackApiClient>, w: ParsedManageWrite, isNew: (externalId: string) => boolean): Promise<Lookup> {
  switch (w.op) {
    case 'location.create': {
      // A location of the same name and postcode is taken as this one.
      const f = w.fields
      const hit = await firstMatch(client.listLocationsPages(), (l) => l.name === f.name && (l.postal_code ?? null) === (f.postalCode ?? null) && isNew(mapLocation(l).externalId))
      if (!hit) return null
      const site = mapLocation({ ...hit, review_profile: hit.review_profile ?? (f.reviewProfiles && f.reviewProfiles.length > 0 ? f.reviewProfiles : undefined) })
      return upserted('locations', 'site', site, foundMessage(`Location ${site.name}`, 'FeedbackAPI'))
    }
    case 'account.create': {
      const f = w.fields
      const hit = await firstMatch(client.listAccountsPages(), (a) => a.name === f.name && isNew(mapAccount(a).externalId))
      if (!hit) return null
      const item = mapAccount({ ...hit, verb: hit.verb ?? f.verb })
      return upserted('client_accounts', 'client_account', item, foundMessage(`Client account ${item.name}`, 'FeedbackAPI'))
    }
    case 'customer.create':
      // FeedbackAPI treats a create for a known e-mail or mobile number as an update of that customer: sending it again is safe.
      return null
    default:
      // user.invite: FeedbackAPI lists active users only, not pending invitations.
      return CANNOT_ASK
  }
}

async function runFeedbackApi(client: ReturnType<typeof createFeedbackApiClient>, w: ParsedManageWrite): Promise<Delivery> {
  switch (w.op) {
    case 'location.create':
    case 'location.update': {
      const f = w.fields
      const body = defined({
        name: f.name,
        address_line_1: f.addressLine1,
        address_line_2: f.addressLine2,
        address_line_3: f.addressLine3,
        postal_code: f.postalCode,
        country_code: f.countryCode,
        review_profile: f.reviewProfiles && f.reviewProfiles.length > 0 ? f.reviewProfiles : undefined
      })
      const wire = w.op === 'location.create' ? await client.createLocation(body as Parameters<typeof client.createLocation>[0]) : await client.updateLocation(w.externalId, body)
      // FeedbackAPI's location object does not echo review_profile: keep the URLs it just accepted.
      const site = mapLocation({ ...wire, review_profile: wire.review_profile ?? body.review_profile })
      return upserted('locations', 'site', site, `Location ${site.name} ${w.op === 'location.create' ? 'created' : 'updated'} in FeedbackAPI.`)
    }
    case 'location.delete':
      await client.deleteLocation(w.externalId)
      return { rowState: { table: 'sites', externalId: w.externalId, state: 'inactive' }, externalId: null, message: 'Location deactivated in FeedbackAPI: its campaigns stopped.' }
    case 'user.invite': {
      const user = mapFeedbackApiUser(await client.createUser({ email: w.fields.email, send_invite: w.fields.sendInvite }))
      return {
        upsert: { stream: 'users', entity: 'staff', item: { ...user, active: false } },
        externalId: user.externalId,
        message: w.fields.sendInvite ? `Invitation e-mailed to ${w.fields.email}.` : `${w.fields.email} invited; no e-mail was sent.`
      }
    }
    case 'user.remove':
      await client.deleteUser(w.externalId)
      return { rowState: { table: 'staff', externalId: w.externalId, state: 'removed' }, externalId: null, message: 'User removed from FeedbackAPI.' }
    case 'customer.create': {
      const f = w.fields
      const { customer, matchedExisting } = await client.createCustomer({
        ...(f.email !== undefined ? { email: f.email } : { mobile_number: f.mobileNumber! }),
        ...defined({ mobile_number: f.email !== undefined ? f.mobileNumber : undefined, fname: f.firstName, sname: f.lastName, country_code: f.countryCode }),
        location: f.location
      })
      const item = mapCustomer(customer)
      return {
        upsert: { stream: 'customers', entity: 'customer', item },
        externalId: item.externalId,
        message: matchedExisting ? `FeedbackAPI already had a customer with that e-mail or mobile number: it was updated.` : `Customer created in FeedbackAPI.`
      }
    }
    case 'customer.update': {
      const f = w.fields
      const item = mapCustomer(
        await client.updateCustomer(
          w.externalId,
          defined({
            email: f.email,
            mobile_number: f.mobileNumber,
            fname: f.firstName,
            sname: f.lastName,
            country_code: f.countryCode,
            opt_out: f.optOut,
            location_add: f.locationAdd.length > 0 ? f.locationAdd : undefined,
            location_remove: f.locationRemove.length > 0 ? f.locationRemove : undefined
          })
        )
      )
      return upserted('customers', 'customer', item, 'Customer updated in FeedbackAPI.')
    }
    case 'customer.delete':
      await client.deleteCustomer(w.externalId)
      return { rowState: { table: 'customers', externalId: w.externalId, state: 'removed' }, externalId: null, message: 'Customer deactivated in FeedbackAPI.' }
    case 'account.create': {
      const f = w.fields
      const wire = await client.createAccount({ name: f.name, active: f.active, verb: f.verb, ...limits(f) })
      // The account object does not echo verb: keep the one it just accepted.
      const item = mapAccount({ ...wire, verb: wire.verb ?? f.verb })
      return upserted('client_accounts', 'client_account', item, `Client account ${item.name} created in FeedbackAPI.`)
    }
    case 'account.update': {
      const f = w.fields
      const item = mapAccount(await client.updateAccount(w.externalId, { ...defined({ name: f.name, active: f.active }), ...limits(f) }))
      return upserted('client_accounts', 'client_account', item, `Client account ${item.name} updated in FeedbackAPI.`)
    }
    case 'account.delete':
      await client.deleteAccount(w.externalId)
      return { rowState: { table: 'client_accounts', externalId: w.externalId, state: 'removed' }, externalId: null, message: 'Client account removed from FeedbackAPI: its campaigns and pages stopped.' }
    default:
      throw unsupported(w.op, 'feedbackapi')
  }
}

function unsupported(op: string, provider: string): Error {
  // The contract ties each op to one provider (OP_PROVIDER), so reaching this is a bug, not user input.
  return new Error(`${op} is not a ${provider} write`)
}
