import { PROVIDERS } from '../../../../shared/providers'
import { createCustomerSureClient, type CreateFeedbackRequestParams } from '../../../providers/customersure/client'
import type { CustomerSureSendRow, DescribedRequest, SendRow } from '../types'
import { clip, compact, type AdapterDeps, type SendAdapter } from './adapter'

/**
 * CustomerSure requires send_at "in the future": a row without one is stamped a minute ahead of the
 * moment it is sent, not of the moment the job was made, so a job that waited (quiet hours, a pause,
 * a rate limit) never sends a time already past.
 */
const SEND_SOON_MS = 60_000

/** machine_id is at most 36 characters (customersure-v1.txt, example error); keys are shorter. */
export function customerSureBody(row: CustomerSureSendRow, key: string, now = Date.now()): CreateFeedbackRequestParams {
  const r = { ...row.request, send_at: row.request.send_at ?? new Date(now + SEND_SOON_MS).toISOString() }
  // The key rides in machine_id, or in reference when the file already fills machine_id.
  const machineId = r.machine_id ?? key
  const reference = r.reference ?? (r.machine_id !== undefined ? key : undefined)
  return compact({ ...r, machine_id: machineId, reference }) as CreateFeedbackRequestParams
}

export function describeCustomerSure(row: SendRow, key: string, baseUrl: string | null): DescribedRequest[] {
  const base = (baseUrl ?? PROVIDERS.customersure.defaultBaseUrl).replace(/\/+$/, '')
  return [{ method: 'POST', url: `${base}/feedback_requests`, body: customerSureBody(asRow(row), key) }]
}

const asRow = (row: SendRow): CustomerSureSendRow => {
  if (row.provider !== 'customersure') throw new Error(`a ${row.provider} row reached the CustomerSure adapter`)
  return row
}

/**
 * CustomerSure "Create a feedback request", one call per row. The document has no way to look a
 * feedback request up (no GET /feedback_requests), so a row left unknown is the user's call.
 */
export function customerSureAdapter(deps: AdapterDeps): SendAdapter {
  const client = createCustomerSureClient(deps.config, { httpOptions: deps.httpOptions })
  return {
    provider: 'customersure',
    batchSize: 1,
    batchKey: () => '',
    describe: (row, key) => describeCustomerSure(row, key, deps.config.baseUrl),
    async send(rows) {
      const [one] = rows
      if (!one) return []
      await deps.pace()
      const created = await client.createFeedbackRequest(customerSureBody(asRow(one.row), one.key))
      return [{ rowNumber: one.rowNumber, providerRef: String(created.id), answer: clip({ id: created.id, state: created.state }) }]
    },
    close: () => client.close()
  }
}
