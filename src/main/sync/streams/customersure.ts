import { createCustomerSureClient, type CustomerSurePage } from '../../providers/customersure/client'
import {
  mapEmailTemplate,
  mapFeedbackResponse,
  mapSite,
  mapStaffMember,
  mapSurvey,
  mapTextMessageTemplate,
  type ResponseContext
} from '../../providers/customersure/mapping'
import type { ProviderStreams, StreamSpec } from '../stream-types'
import { beginSincePass, collectPages, fullList, inPages, once, orEmpty, walkPages, type Paged } from './common'

/**
 * CustomerSure: feedback responses incrementally by updated_since (a "since" pass, see common.ts;
 * CustomerSure lists newest first, so rows arriving during a pass push later pages down and are
 * at worst read twice), and full refreshes of surveys, sites, staff and both template lists.
 * Sites, staff and surveys are fetched once per run and shared: their own streams store them, and
 * the responses stream uses them to name each response's site, staff member and language.
 */

const MAX_PER_PAGE = 100

const paged = <T>(p: CustomerSurePage<T>): Paged<T> => ({ items: p.items, nextPage: p.nextPage, totalRows: p.totalCount })

export const customerSureStreams: ProviderStreams = {
  provider: 'customersure',
  names: ['responses', 'surveys', 'sites', 'staff', 'email_templates', 'sms_templates'],
  create(config, signal) {
    const client = createCustomerSureClient(config)
    const opts = { signal }
    const sites = once(() => collectPages(1, async (page) => paged(await client.listSites({ page, per_page: MAX_PER_PAGE }, opts))))
    const staff = once(() => collectPages(1, async (page) => paged(await client.listStaff({ page, per_page: MAX_PER_PAGE }, opts))))
    const surveys = once(() => collectPages(1, async (page) => paged(await client.listSurveys({ page, per_page: MAX_PER_PAGE }, opts))))

    async function responseContext(): Promise<ResponseContext> {
      const [s, st, sv] = await Promise.all([orEmpty(sites), orEmpty(staff), orEmpty(surveys)])
      const sitesByCode = new Map<string, { id: string; name: string }>()
      for (const w of s) {
        const site = mapSite(w)
        if (site.code) sitesByCode.set(site.code, { id: site.externalId, name: site.name })
      }
      const staffByCode = new Map<string, { id: string; name: string; teamId: string | null }>()
      for (const w of st) {
        const member = mapStaffMember(w)
        if (member.code) staffByCode.set(member.code, { id: member.externalId, name: member.name, teamId: member.teamExternalIds[0] ?? null })
      }
      const surveyLocales = new Map<string, string>()
      for (const w of sv) if (w.locale) surveyLocales.set(String(w.id), w.locale)
      return { sitesByCode, staffByCode, surveyLocales }
    }

    const responses: StreamSpec<'response'> = {
      name: 'responses',
      entity: 'response',
      mode: 'incremental',
      async *pages(run) {
        const pass = beginSincePass(run.cursor, run.now(), 1)
        run.where = 'the sites, staff and surveys it refers to'
        const ctx = await responseContext()
        const params = { per_page: MAX_PER_PAGE, ...(pass.since ? { updated_since: new Date(pass.since) } : {}) }
        for await (const page of walkPages(run, pass.page, async (n) => paged(await client.listFeedbackResponses({ ...params, page: n }, { signal: run.signal })))) {
          yield {
            items: page.items.map((w) => mapFeedbackResponse(w, ctx)),
            cursor: pass.cursorAfter(page.nextPage),
            totalRows: page.totalRows
          }
        }
      }
    }

    const streams = [
      responses,
      fullList('surveys', 'survey', (run) => inPages(run, surveys), mapSurvey),
      fullList('sites', 'site', (run) => inPages(run, sites), mapSite),
      fullList('staff', 'staff', (run) => inPages(run, staff), mapStaffMember),
      fullList(
        'email_templates',
        'template',
        (run) => walkPages(run, 1, async (n) => paged(await client.listEmailTemplates({ page: n, per_page: MAX_PER_PAGE }, { signal: run.signal }))),
        mapEmailTemplate
      ),
      fullList(
        'sms_templates',
        'template',
        (run) => walkPages(run, 1, async (n) => paged(await client.listTextMessageTemplates({ page: n, per_page: MAX_PER_PAGE }, { signal: run.signal }))),
        mapTextMessageTemplate
      )
    ] as StreamSpec[]
    return { streams, close: () => client.close() }
  }
}
