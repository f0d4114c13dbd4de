import type { Metric, Scale } from '../../../../shared/domain/model'
import { PROVIDERS, type ProviderId } from '../../../../shared/providers'

export const METRIC_LABELS: Record<Metric, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  star: 'Stars',
  happy: 'Happy',
  rating: 'Rating',
  other: 'Other'
}

export type Band = 'good' | 'mid' | 'bad' | 'none'

const BAND_WORDS: Record<Band, string> = { good: 'positive', mid: 'neutral', bad: 'negative', none: 'no score' }
const NPS_WORDS: Record<Band, string> = { good: 'promoter', mid: 'passive', bad: 'detractor', none: 'no score' }

/** Where a score sits on its scale: NPS by its own bands, everything else by its share of the scale. */
export function scoreBand(metric: Metric | null, score: number | null, scale: Scale | null): Band {
  if (score === null) return 'none'
  if (metric === 'nps' && (!scale || (scale.min === 0 && scale.max === 10))) return score >= 9 ? 'good' : score >= 7 ? 'mid' : 'bad'
  const min = scale?.min ?? 0
  const max = scale?.max ?? (metric === 'nps' ? 10 : 5)
  if (max <= min) return 'mid'
  const share = (score - min) / (max - min)
  return share >= 0.75 ? 'good' : share >= 0.45 ? 'mid' : 'bad'
}

function formatNumber(n: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(n)
}

/** "NPS 9/10", "CSAT 4/5", "Stars —": the badge's words (colour only repeats them). */
export function scoreText(metric: Metric | null, score: number | null, scale: Scale | null): { main: string; band: Band; word: string } {
  const band = scoreBand(metric, score, scale)
  const name = metric ? METRIC_LABELS[metric] : 'Score'
  const value = score === null ? '—' : scale ? `${formatNumber(score)}/${formatNumber(scale.max)}` : formatNumber(score)
  return { main: `${name} ${value}`, band, word: metric === 'nps' ? NPS_WORDS[band] : BAND_WORDS[band] }
}

export function providerName(p: ProviderId): string {
  return PROVIDERS[p].name
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateTimeLong = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' })

/** In the user's locale and time zone. */
export function formatDate(iso: string | null, long = false): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return (long ? dateTimeLong : dateTime).format(d)
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** "5 minutes ago", "yesterday". */
export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never'
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return iso
  const seconds = Math.round((t - now) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 45) return 'just now'
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour')
  return relative.format(Math.round(seconds / 86_400), 'day')
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(undefined).format(n)
}

/** Only web links leave the app (never javascript: or file:). */
export function safeHttpUrl(url: string | null): string | null {
  if (!url) return null
  try {
    const u = new URL(url)
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null
  } catch {
    return null
  }
}
