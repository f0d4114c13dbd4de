import { z } from 'zod'
import { ProviderId, Region } from '../providers'

export const ConnectionId = z.string().uuid({ message: 'Not a connection id' })

const Label = z
  .string({ message: 'Label is required' })
  .trim()
  .min(1, 'Label is required')
  .max(80, 'Label must be at most 80 characters')

/** An override of the provider's base URL (a proxy, a simulator). http(s) only, no credentials inside. */
export const BaseUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v)
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === ''
    } catch {
      return false
    }
  }, 'Base URL must be an http:// or https:// address without a user name or password')
  .transform((v) => v.replace(/\/+$/, ''))

/** The secret only ever travels renderer/CLI -> main, on its way to the keychain; never back. */
export const Secret = z
  .string({ message: 'Secret is required' })
  .trim()
  .min(1, 'Secret is required')
  .max(4096, 'Secret is too long')

const CompanyName = z
  .string({ message: 'Company name is required' })
  .trim()
  .min(1, 'Company name is required (CustomerSure identifies callers by it)')
  .max(200)
const ClientId = z.string({ message: 'Client id is required' }).trim().min(1, 'Client id is required').max(200)
const RegionField = z.enum(Region.options, { message: 'Region must be eu, us or au' })

const common = { label: Label, baseUrl: BaseUrl.nullish() }

/** The fields each provider needs, exactly; the secret is added per use (required on add, optional on edit). */
const fieldsByProvider = {
  customersure: z.object({ provider: z.literal('customersure'), ...common, companyName: CompanyName }).strict(),
  enco: z.object({ provider: z.literal('enco'), ...common }).strict(),
  customergauge: z
    .object({ provider: z.literal('customergauge'), ...common, region: RegionField, clientId: ClientId })
    .strict(),
  feedbackapi: z.object({ provider: z.literal('feedbackapi'), ...common }).strict(),
  nicereply: z.object({ provider: z.literal('nicereply'), ...common }).strict()
}

export const NewConnection = z.discriminatedUnion('provider', [
  fieldsByProvider.customersure.extend({ secret: Secret }),
  fieldsByProvider.enco.extend({ secret: Secret }),
  fieldsByProvider.customergauge.extend({ secret: Secret }),
  fieldsByProvider.feedbackapi.extend({ secret: Secret }),
  fieldsByProvider.nicereply.extend({ secret: Secret })
])
export type NewConnection = z.infer<typeof NewConnection>

/** An edit sends the whole record; an absent secret keeps the one in the keychain. */
export const ConnectionEdit = z.discriminatedUnion('provider', [
  fieldsByProvider.customersure.extend({ id: ConnectionId, secret: Secret.optional() }),
  fieldsByProvider.enco.extend({ id: ConnectionId, secret: Secret.optional() }),
  fieldsByProvider.customergauge.extend({ id: ConnectionId, secret: Secret.optional() }),
  fieldsByProvider.feedbackapi.extend({ id: ConnectionId, secret: Secret.optional() }),
  fieldsByProvider.nicereply.extend({ id: ConnectionId, secret: Secret.optional() })
])
export type ConnectionEdit = z.infer<typeof ConnectionEdit>

/** Non-secret, provider-specific settings kept in the store. */
export const ConnectionSettings = z
  .object({ companyName: z.string().optional(), clientId: z.string().optional() })
  .strict()
export type ConnectionSettings = z.infer<typeof ConnectionSettings>

export const SecretState = z.enum(['set', 'missing', 'unknown'])
export type SecretState = z.infer<typeof SecretState>

export const Connection = z.object({
  id: ConnectionId,
  provider: ProviderId,
  label: z.string(),
  baseUrl: z.string().nullable(),
  region: Region.nullable(),
  settings: ConnectionSettings,
  /** Whether the keychain holds its secret; 'unknown' when the keychain cannot be reached. */
  secret: SecretState,
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type Connection = z.infer<typeof Connection>
