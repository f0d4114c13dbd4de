import type { ProviderId } from '../../shared/providers'
import type { HttpClientOptions } from '../http/types'
import { createCustomerGaugeClient } from './customergauge/client'
import { startCustomerGaugeSimulator } from './customergauge/simulator'
import { createCustomerSureClient } from './customersure/client'
import { startCustomerSureSimulator } from './customersure/simulator'
import { createEncoClient } from './enco/client'
import { startEncoSimulator } from './enco/simulator'
import { createFeedbackApiClient } from './feedbackapi/client'
import { startFeedbackApiSimulator } from './feedbackapi/simulator'
import { createNicereplyClient } from './nicereply/client'
import { startNicereplySimulator } from './nicereply/simulator'
import type { ProbeResult, ProviderConnectionConfig, ProviderSimulatorHandle, ProviderSimulatorOptions } from './types'

/** What the rest of main needs from every provider without knowing which one it is. */
export interface ProviderModule {
  probe(config: ProviderConnectionConfig): Promise<ProbeResult>
  startSimulator(opts: ProviderSimulatorOptions): Promise<ProviderSimulatorHandle>
}

interface Probeable {
  probe(): Promise<ProbeResult>
  close(): Promise<void>
}

// A person is waiting on "Test connection": one quick retry, short timeouts, then an answer.
const PROBE_HTTP: { httpOptions: Partial<HttpClientOptions> } = {
  httpOptions: { retry: { maxRetries: 1, baseDelayMs: 250, maxDelayMs: 1000, maxRetryAfterMs: 5000 }, timeouts: { connectMs: 5000, headersMs: 15000, bodyMs: 15000 } }
}

/** Builds a client, makes its one cheap call, and always closes the keep-alive pool. */
function probeWith(create: (config: ProviderConnectionConfig, deps: typeof PROBE_HTTP) => Probeable): ProviderModule['probe'] {
  return async (config) => {
    const client = create(config, PROBE_HTTP)
    try {
      return await client.probe()
    } finally {
      await client.close()
    }
  }
}

export const PROVIDER_MODULES: Record<ProviderId, ProviderModule> = {
  customersure: { probe: probeWith(createCustomerSureClient), startSimulator: startCustomerSureSimulator },
  enco: { probe: probeWith(createEncoClient), startSimulator: startEncoSimulator },
  customergauge: { probe: probeWith(createCustomerGaugeClient), startSimulator: startCustomerGaugeSimulator },
  feedbackapi: { probe: probeWith(createFeedbackApiClient), startSimulator: startFeedbackApiSimulator },
  nicereply: { probe: probeWith(createNicereplyClient), startSimulator: startNicereplySimulator }
}
