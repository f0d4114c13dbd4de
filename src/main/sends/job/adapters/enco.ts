import { PROVIDERS } from '../../../../shared/providers'
import { createEncoClient } from '../../../providers/enco/client'
import type { DescribedRequest, EncoSendRow, SendRow } from '../types'
import { clip, compact, type AdapterDeps, type SendAdapter } from './adapter'

/**
 * Enco's document sets no batch limit; 50 keeps one rejected batch (Enco accepts or refuses a batch
 * whole) cheap to split and retry, while cutting 5,000 rows to 100 calls.
 */
export const DEFAULT_ENCO_BATCH = 50

export function encoItem(row: EncoSendRow, key: string): Record<string, unknown> {
  return compact({ ...row.request, referenceId: row.request.referenceId ?? key })
}

const asRow = (row: SendRow): EncoSendRow => {
  if (row.provider !== 'enco') throw new Error(`a ${row.provider} row reached the Enco adapter`)
  return row
}

export function describeEnco(row: SendRow, key: string, baseUrl: string | null): DescribedRequest[] {
  const base = (baseUrl ?? PROVIDERS.enco.defaultBaseUrl).replace(/\/+$/, '')
  const r = asRow(row)
  return [{ method: 'POST', url: `${base}/surveys/${encodeURIComponent(String(r.surveyId))}/send`, body: { requests: [encoItem(r, key)] } }]
}

/**
 * Enco POST /surveys/{id}/send with `requests` in batches of one survey's rows; referenceId carries
 * the key. Enco documents no way to read a send back, so a batch left unknown is the user's call.
 */
export function encoAdapter(deps: AdapterDeps): SendAdapter {
  const client = createEncoClient(deps.config, { httpOptions: deps.httpOptions })
  return {
    provider: 'enco',
    batchSize: Math.max(1, deps.encoBatchSize ?? DEFAULT_ENCO_BATCH),
    batchKey: (row) => String(asRow(row).surveyId),
    describe: (row, key) => describeEnco(row, key, deps.config.baseUrl),
    async send(rows) {
      const first = rows[0]
      if (!first) return []
      const surveyId = asRow(first.row).surveyId
      const items = rows.map((r) => encoItem(asRow(r.row), r.key))
      await deps.pace()
      const result = await client.sendSurvey(surveyId, { requests: items as never })
      return rows.map((r, i) => ({ rowNumber: r.rowNumber, providerRef: String(items[i]!.referenceId), answer: clip(`status ${result.status}, batch of ${rows.length}`) }))
    },
    close: () => client.close()
  }
}
