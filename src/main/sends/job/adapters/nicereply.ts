import { PROVIDERS } from '../../../../shared/providers'
import { createNicereplyClient, type CreateRatingInput } from '../../../providers/nicereply/client'
import type { DescribedRequest, NicereplyRatingRow, SendRow } from '../types'
import { clip, compact, RECONCILE_MARGIN_MS, type AdapterDeps, type SendAdapter } from './adapter'

const ratingBody = (r: NicereplyRatingRow): CreateRatingInput => compact({ ...r.request }) as CreateRatingInput

const asRow = (row: SendRow): NicereplyRatingRow => {
  if (row.provider !== 'nicereply') throw new Error(`a ${row.provider} row reached the Nicereply adapter`)
  return row
}

export function describeNicereply(row: SendRow, _key: string, baseUrl: string | null): DescribedRequest[] {
  const base = (baseUrl ?? PROVIDERS.nicereply.defaultBaseUrl).replace(/\/+$/, '')
  return [{ method: 'POST', url: `${base}/v1/ratings`, body: ratingBody(asRow(row)) }]
}

/**
 * Nicereply "import ratings": POST /v1/ratings per row. A row left unknown is looked up among the
 * survey's ratings created since it went out (GET /v1/surveys/<ID>/ratings with period_start),
 * matched on score, from, comment and ticket.
 */
export function nicereplyAdapter(deps: AdapterDeps): SendAdapter {
  const client = createNicereplyClient(deps.config, { httpOptions: deps.httpOptions })
  return {
    provider: 'nicereply',
    batchSize: 1,
    batchKey: () => '',
    describe: (row, key) => describeNicereply(row, key, deps.config.baseUrl),
    async send(rows) {
      const [one] = rows
      if (!one) return []
      await deps.pace()
      const created = await client.createRating(ratingBody(asRow(one.row)))
      return [{ rowNumber: one.rowNumber, providerRef: String(created.id), answer: clip({ id: created.id, score: created.score }) }]
    },
    async reconcile(rec, signal) {
      const r = asRow(rec.row).request
      const since = new Date((rec.inFlightAt ?? Date.now()) - RECONCILE_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const same = (v: unknown, want: unknown): boolean => (want === undefined || want === null || want === '' ? true : String(v ?? '') === String(want))
      await deps.pace()
      for await (const page of client.listSurveyRatingsPages(r.survey_id, { period_start: since, per_page: 100 }, signal)) {
        const hit = page.items.find((w) => Number(w.score) === r.score && same(w.from, r.from) && same(w.comment, r.comment) && same(w.ticket?.value, r.ticket))
        if (hit) return { found: true, providerRef: String(hit.id), answer: clip({ id: hit.id, found: 'by lookup' }) }
      }
      return { found: false }
    },
    close: () => client.close()
  }
}
