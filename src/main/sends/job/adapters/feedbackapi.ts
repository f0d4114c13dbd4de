import { PROVIDERS } from '../../../../shared/providers'
import { createFeedbackApiClient, type CreateCustomerParams } from '../../../providers/feedbackapi/client'
import type { DescribedRequest, FeedbackApiSendRow, SendRow } from '../types'
import { clip, compact, RECONCILE_MARGIN_MS, type AdapterDeps, type SendAdapter } from './adapter'

const customerBody = (r: FeedbackApiSendRow): CreateCustomerParams => compact({ ...r.customer, location: r.request.location }) as CreateCustomerParams
const requestBody = (r: FeedbackApiSendRow, subscriber: string): Record<string, unknown> => compact({ subscriber, ...r.request })

const asRow = (row: SendRow): FeedbackApiSendRow => {
  if (row.provider !== 'feedbackapi') throw new Error(`a ${row.provider} row reached the FeedbackAPI adapter`)
  return row
}

export function describeFeedbackApi(row: SendRow, _key: string, baseUrl: string | null): DescribedRequest[] {
  const base = (baseUrl ?? PROVIDERS.feedbackapi.defaultBaseUrl).replace(/\/+$/, '')
  const r = asRow(row)
  return [
    { method: 'POST', url: `${base}/customers`, body: customerBody(r) },
    { method: 'POST', url: `${base}/feedback-request`, body: requestBody(r, '<id of the customer above>') }
  ]
}

/**
 * FeedbackAPI: "Create Customer" (an upsert by e-mail or mobile number, so repeating it is harmless),
 * the customer id committed to the ledger, then "Create a Feedback Request". A row left unknown is
 * looked up with "List all Feedback Requests" filtered by that customer, template and location.
 */
export function feedbackApiAdapter(deps: AdapterDeps): SendAdapter {
  const client = createFeedbackApiClient(deps.config, { httpOptions: deps.httpOptions })
  return {
    provider: 'feedbackapi',
    batchSize: 1,
    batchKey: () => '',
    describe: (row, key) => describeFeedbackApi(row, key, deps.config.baseUrl),
    async send(rows, io) {
      const [one] = rows
      if (!one) return []
      const r = asRow(one.row)
      let subscriber = typeof one.stage?.subscriber === 'string' ? one.stage.subscriber : null
      if (!subscriber) {
        await deps.pace()
        const { customer } = await client.createCustomer(customerBody(r))
        subscriber = customer.id
        io.setStage(one.rowNumber, { subscriber })
      }
      await deps.pace()
      const created = await client.createFeedbackRequest(requestBody(r, subscriber) as never)
      return [{ rowNumber: one.rowNumber, providerRef: created.id, answer: clip({ id: created.id, subscriber, type: created.type }) }]
    },
    async reconcile(rec, signal) {
      const r = asRow(rec.row)
      const subscriber = typeof rec.stage?.subscriber === 'string' ? rec.stage.subscriber : null
      // The feedback request is only ever created after the customer id is committed: without it, it was never asked for.
      if (!subscriber) return { found: false }
      const since = new Date((rec.inFlightAt ?? Date.now()) - RECONCILE_MARGIN_MS).toISOString()
      await deps.pace()
      const page = await client.listFeedbackRequests({ subscriber, template: r.request.template, location: r.request.location, created_after: since, limit: 10 }, { signal })
      const hit = page.items[0]
      return hit ? { found: true, providerRef: hit.id, answer: clip({ id: hit.id, subscriber, found: 'by lookup' }) } : { found: false }
    },
    close: () => client.close()
  }
}
