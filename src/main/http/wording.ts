import { PROVIDERS, type ProviderId } from '../../shared/providers'

export function providerName(provider: ProviderId): string {
  return PROVIDERS[provider].name
}

/** '45 seconds', '1 minute', '3 hours': how long a provider asked us to wait, in words. */
export function durationInWords(ms: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds < 120) return plural(seconds, 'second')
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 120) return plural(minutes, 'minute')
  return plural(Math.ceil(minutes / 60), 'hour')
}

/** "a, b and c" (or "a, b or c") */
export function listInWords(items: readonly unknown[], conjunction: 'and' | 'or' = 'and'): string {
  const words = items.map(String)
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`
}
