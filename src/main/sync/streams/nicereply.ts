import type { RatingMetric, WireRating, WireSurvey, WireTeam, WireUser } from '../../providers/nicereply/wire'
import { createNicereplyClient, type Page } from '../../providers/nicereply/client'
import { idOf, mapCustomer, mapRating, mapSurvey, mapTeam, mapUnsubscribe, mapUser } from '../../providers/nicereply/mapping'
import type { ProviderStreams, StreamSpec } from '../stream-types'
import { beginSincePass, collectPages, fullList, inPages, once, orEmpty, walkPages, type Paged } from './common'

/**
 * Nicereply: CSAT, CES and NPS ratings as three incremental streams by updated_period_start (a
 * "since" pass, see common.ts), asked oldest first (sort_order asc) so new ratings land after the
 * pages already read; surveys, teams, users, customers and unsubscribes by full refresh. Surveys,
 * users, teams and team members are fetched once per run and shared: the ratings use them for
 * the survey's name and scale and the agent's name, users and teams for their memberships.
 */

const MAX_PER_PAGE = 100

const paged = <T>(p: Page<T>): Paged<T> => ({ items: p.items, nextPage: p.page.nextPage, totalRows: p.page.total })

export const nicereplyStreams: ProviderStreams = {
  provider: 'nicereply',
  names: ['csat_ratings', 'ces_ratings', 'nps_ratings', 'surveys', 'teams', 'users', 'customers', 'unsubscribes'],
  create(config, signal) {
    const client = createNicereplyClient(config)
    const list = { per_page: MAX_PER_PAGE, sort_order: 'asc' as const }
    const surveys = once(() => collectPages(1, async (page) => paged(await client.listSurveys({ ...list, page }, signal))))
    const users = once(() => collectPages(1, async (page) => paged(await client.listUsers({ ...list, page }, signal))))
    const teams = once(() => collectPages(1, async (page) => paged(await client.listTeams({ ...list, page }, signal))))
    const teamMembers = once(() => collectPages(1, async (page) => paged(await client.listUsersForAllTeams({ ...list, page }, signal))))
    const unsubscribes = once(() => collectPages(1, async (page) => paged(await client.listUnsubscribes({ ...list, page }, signal))))

    const ratingContext = once(async () => {
      const [s, u] = await Promise.all([orEmpty(surveys), orEmpty(users)])
      return {
        surveys: new Map<string, WireSurvey>(s.map((x) => [idOf(x.id), x])),
        users: new Map<string, WireUser>(u.map((x) => [idOf(x.id), x])),
        baseUrl: config.baseUrl ?? undefined
      }
    })

    const ratings = (metric: RatingMetric): StreamSpec<'response'> => {
      const listPage = { csat: client.listCsatRatings, ces: client.listCesRatings, nps: client.listNpsRatings }[metric]
      return {
        name: `${metric}_ratings`,
        entity: 'response',
        mode: 'incremental',
        async *pages(run) {
          const pass = beginSincePass(run.cursor, run.now(), 1)
          run.where = 'the surveys and users it refers to'
          const ctx = { ...(await ratingContext()), metric }
          const params = { ...list, ...(pass.since ? { updated_period_start: new Date(pass.since) } : {}) }
          for await (const page of walkPages(run, pass.page, async (n) => paged<WireRating>(await listPage({ ...params, page: n }, run.signal)))) {
            yield { items: page.items.map((w) => mapRating(w, ctx)), cursor: pass.cursorAfter(page.nextPage), totalRows: page.totalRows }
          }
        }
      }
    }

    // Memberships come from "get users for all teams": team id -> its users.
    const membership = once(async () => {
      const [t, m] = await Promise.all([orEmpty(teams), orEmpty(teamMembers)])
      const teamById = new Map<string, WireTeam>(t.map((x) => [idOf(x.id), x]))
      const membersOf = new Map<string, WireUser[]>()
      const teamsOf = new Map<string, WireTeam[]>()
      for (const entry of m) {
        const teamId = idOf(entry.id)
        membersOf.set(teamId, entry.users)
        const team = teamById.get(teamId)
        if (team) for (const u of entry.users) teamsOf.set(idOf(u.id), [...(teamsOf.get(idOf(u.id)) ?? []), team])
      }
      return { membersOf, teamsOf }
    })

    const streams = [
      ratings('csat'),
      ratings('ces'),
      ratings('nps'),
      fullList('surveys', 'survey', (run) => inPages(run, surveys), mapSurvey),
      {
        name: 'teams',
        entity: 'team',
        mode: 'full',
        async *pages(run) {
          const { membersOf } = await membership()
          for await (const p of inPages(run, teams)) yield { items: p.items.map((w) => mapTeam(w, { members: membersOf.get(idOf(w.id)) ?? [] })), totalRows: p.totalRows }
        }
      } satisfies StreamSpec<'team'>,
      {
        name: 'users',
        entity: 'staff',
        mode: 'full',
        async *pages(run) {
          const { teamsOf } = await membership()
          for await (const p of inPages(run, users)) yield { items: p.items.map((w) => mapUser(w, { teams: teamsOf.get(idOf(w.id)) ?? [] })), totalRows: p.totalRows }
        }
      } satisfies StreamSpec<'staff'>,
      {
        name: 'customers',
        entity: 'customer',
        mode: 'full',
        async *pages(run) {
          run.where = 'the unsubscribes'
          const unsubscribedEmails = new Set((await orEmpty(unsubscribes)).flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])))
          for await (const p of walkPages(run, 1, async (page) => paged(await client.listCustomers({ ...list, page }, run.signal)))) {
            yield { items: p.items.map((w) => mapCustomer(w, { unsubscribedEmails })), totalRows: p.totalRows }
          }
        }
      } satisfies StreamSpec<'customer'>,
      fullList('unsubscribes', 'unsubscribe', (run) => inPages(run, unsubscribes), mapUnsubscribe)
    ] as StreamSpec[]
    return { streams, close: () => client.close() }
  }
}
