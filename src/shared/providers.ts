import { z } from 'zod'

export const ProviderId = z.enum(['customersure', 'enco', 'customergauge', 'feedbackapi', 'nicereply'])
export type ProviderId = z.infer<typeof ProviderId>

export const Region = z.enum(['eu', 'us', 'au'])
export type Region = z.infer<typeof Region>

/** What a person sees for each provider and what its one secret is called, for forms and the CLI. */
export const PROVIDERS: Record<ProviderId, { name: string; secretLabel: string; defaultBaseUrl: string }> = {
  customersure: { name: 'CustomerSure', secretLabel: 'API token', defaultBaseUrl: 'https://api.customersure.com' },
  enco: { name: 'Enco Promoter Survey', secretLabel: 'Bearer token', defaultBaseUrl: 'https://api.enco.io/survey/1.0.0' },
  customergauge: {
    name: 'CustomerGauge',
    secretLabel: 'Client secret',
    defaultBaseUrl: 'https://api.{region}.customergauge.com'
  },
  feedbackapi: { name: 'FeedbackAPI', secretLabel: 'API key', defaultBaseUrl: 'https://api.feedbackapi.com/v1.3' },
  nicereply: { name: 'Nicereply', secretLabel: 'Private key', defaultBaseUrl: 'https://api.nicereply.com' }
}

export const PROVIDER_IDS = ProviderId.options
