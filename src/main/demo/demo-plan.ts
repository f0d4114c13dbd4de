import { PROVIDERS, type ProviderId } from '../../shared/providers'

/**
 * What the demo workspace serves. One fixed seed so every demo shows the same people and comments
 * (and a restarted simulator serves exactly the rows already cached). Volumes are modest so the
 * first sync takes seconds, not minutes, yet every list and filter has something to show.
 */
export const DEMO_SEED = 20_240_601

export const DEMO_VOLUMES: Record<ProviderId, number> = {
  customersure: 1_500,
  enco: 1_000,
  customergauge: 5_000,
  feedbackapi: 1_000,
  nicereply: 1_500
}

/** The bound on the whole demo's feedback items, checked by a test so nobody grows it by accident. */
export const DEMO_MAX_TOTAL_VOLUME = 12_000

export const demoLabel = (provider: ProviderId): string => `${PROVIDERS[provider].name} (demo)`

const HOUR_MS = 3_600_000

/**
 * The seeded history ends at the hour the demo was created, so "last 30 days" has data on day one.
 * Kept at that hour afterwards (it is read back from the oldest demo connection's createdAt) so a
 * restarted simulator serves the very rows the cache already holds, not a shifted copy of them.
 */
export function demoAnchor(createdAt: readonly string[], nowMs: number): number {
  const times = createdAt.map((t) => Date.parse(t)).filter((t) => Number.isFinite(t))
  const from = times.length > 0 ? Math.min(...times) : nowMs
  return Math.floor(from / HOUR_MS) * HOUR_MS
}

/**
 * SURVEY_DESK_DEMO_OFFLINE=1: at start-up, leave the demo simulators off. It is how an end-to-end
 * test (and anyone curious) browses the demo cache "with the network off": the connections stay,
 * their cached feedback stays readable, and a sync reports that the providers cannot be reached.
 */
export function demoOfflineRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SURVEY_DESK_DEMO_OFFLINE === '1'
}
