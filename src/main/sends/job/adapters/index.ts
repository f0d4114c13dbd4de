import type { SendProviderId } from '../types'
import type { AdapterDeps, SendAdapter } from './adapter'
import type { DescribedRequest, SendRow } from '../types'
import { customerSureAdapter, describeCustomerSure } from './customersure'
import { describeEnco, encoAdapter } from './enco'
import { describeFeedbackApi, feedbackApiAdapter } from './feedbackapi'
import { describeNicereply, nicereplyAdapter } from './nicereply'

export type { AdapterDeps, AdapterRow, Reconciled, SendAdapter, SentRow } from './adapter'

export const ADAPTERS: Record<SendProviderId, (deps: AdapterDeps) => SendAdapter> = {
  customersure: customerSureAdapter,
  enco: encoAdapter,
  feedbackapi: feedbackApiAdapter,
  nicereply: nicereplyAdapter
}

/** The exact request(s) for a row without building a client (the dry run). */
export const DESCRIBE: Record<SendProviderId, (row: SendRow, key: string, baseUrl: string | null) => DescribedRequest[]> = {
  customersure: describeCustomerSure,
  enco: describeEnco,
  feedbackapi: describeFeedbackApi,
  nicereply: describeNicereply
}

export const isSendProvider = (p: string): p is SendProviderId => Object.prototype.hasOwnProperty.call(ADAPTERS, p)
