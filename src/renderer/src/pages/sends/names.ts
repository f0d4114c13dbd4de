import { PROVIDERS, type ProviderId } from '../../../../shared/providers'

/** "Acme (CustomerSure)", but a label that already names its provider ("CustomerSure (demo)") as it is. */
export function connectionName(label: string, provider: ProviderId): string {
  const name = PROVIDERS[provider].name
  return label.includes(name) ? label : `${label} (${name})`
}
