import type { Connection } from '../../../shared/domain/connection'
import type { ProviderId } from '../../../shared/providers'

/** What the form holds: every field as text, whatever the provider; only the provider's own are sent. */
export interface ConnectionDraft {
  provider: ProviderId
  label: string
  secret: string
  companyName: string
  region: string
  clientId: string
  baseUrl: string
}

export function emptyDraft(provider: ProviderId = 'customersure'): ConnectionDraft {
  return { provider, label: '', secret: '', companyName: '', region: '', clientId: '', baseUrl: '' }
}

export function draftFromConnection(c: Connection): ConnectionDraft {
  return {
    provider: c.provider,
    label: c.label,
    secret: '', // never known to the renderer; empty keeps the saved one
    companyName: c.settings.companyName ?? '',
    region: c.region ?? '',
    clientId: c.settings.clientId ?? '',
    baseUrl: c.baseUrl ?? ''
  }
}

/** Which extra fields a provider needs besides label, secret and base URL. */
export function providerFields(provider: ProviderId): Array<'companyName' | 'region' | 'clientId'> {
  switch (provider) {
    case 'customersure':
      return ['companyName']
    case 'customergauge':
      return ['region', 'clientId']
    default:
      return []
  }
}

function providerPart(d: ConnectionDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { provider: d.provider, label: d.label }
  for (const f of providerFields(d.provider)) out[f] = d[f]
  return out
}

/** The input for connections.add, shaped for the strict contract schema (validated by the store). */
export function draftToNew(d: ConnectionDraft): Record<string, unknown> {
  const out = { ...providerPart(d), secret: d.secret }
  return d.baseUrl.trim() === '' ? out : { ...out, baseUrl: d.baseUrl }
}

/** The input for connections.update: the whole record; an empty base URL clears the override, an empty secret keeps the saved one. */
export function draftToEdit(d: ConnectionDraft, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id, ...providerPart(d), baseUrl: d.baseUrl.trim() === '' ? null : d.baseUrl }
  if (d.secret.trim() !== '') out.secret = d.secret
  return out
}
