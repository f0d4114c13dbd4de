import type { ProviderId } from '../../../shared/providers'
import type { ProviderStreams } from '../stream-types'
import { customerGaugeStreams } from './customergauge'
import { customerSureStreams } from './customersure'
import { encoStreams } from './enco'
import { feedbackApiStreams } from './feedbackapi'
import { nicereplyStreams } from './nicereply'

/** Each provider's streams (src/main/sync/streams/<provider>.ts). */
export const PROVIDER_STREAMS: Record<ProviderId, ProviderStreams> = {
  customersure: customerSureStreams,
  enco: encoStreams,
  customergauge: customerGaugeStreams,
  feedbackapi: feedbackApiStreams,
  nicereply: nicereplyStreams
}
