import { startCustomerSureSimulator, type CustomerSureSimulatorHandle } from '../../src/main/providers/customersure/simulator'
import { startEncoSimulator, type EncoSimulatorHandle } from '../../src/main/providers/enco/simulator'
import { encodeId } from '../../src/main/providers/feedbackapi/simulator-data'
import { startFeedbackApiSimulator, type FeedbackApiSimulatorHandle } from '../../src/main/providers/feedbackapi/simulator'
import { startNicereplySimulator, type NicereplySimulatorHandle } from '../../src/main/providers/nicereply/simulator'
import type { ProviderSimulatorHandle, ProviderSimulatorOptions } from '../../src/main/providers/types'

/** A rate no test waits on. */
export const FAST_RATE = { perSecond: 1000, burst: 1000 }
/** The usual protection of a test send: the over-survey rule on, no quiet hours. */
export const TEST_PROTECTION = { overSurveyDays: 30, sendWindow: null }
import type {
  CustomerSureSendRow,
  EncoSendRow,
  FeedbackApiSendRow,
  JobSummary,
  NicereplyRatingRow,
  SendEngineHost,
  SendProviderId,
  SuppressionList
} from '../../src/main/sends/job'

/**
 * The send engine's surroundings in a test: connections pointing at simulators, their secrets in
 * memory, a suppression list the test sets, and every progress summary the engine reported.
 */
export interface SendTestHost extends SendEngineHost {
  progress: JobSummary[]
  suppressionList: { emails: Map<string, { reason: 'opted_out' | 'unsubscribed' | 'invalid_contact'; detail: string }>; phones: Map<string, { reason: 'opted_out' | 'unsubscribed' | 'invalid_contact'; detail: string }> }
  addConnection(id: string, sim: ProviderSimulatorHandle): void
}

export function sendTestHost(dataDir: string): SendTestHost {
  const connections = new Map<string, { id: string; provider: string; label: string; baseUrl: string | null; region: string | null; settings: Record<string, unknown>; secret: string }>()
  const suppressionList: SendTestHost['suppressionList'] = { emails: new Map(), phones: new Map() }
  const progress: JobSummary[] = []
  return {
    dataDir,
    progress,
    suppressionList,
    addConnection(id, sim) {
      const settings: Record<string, unknown> = sim.credentials.companyName ? { companyName: sim.credentials.companyName } : {}
      connections.set(id, { id, provider: sim.provider, label: `${sim.provider} test`, baseUrl: sim.baseUrl, region: null, settings, secret: sim.credentials.secret })
    },
    connection: (id) => connections.get(id),
    resolveSecret: async (id) => connections.get(id)?.secret ?? null,
    suppressions: async (): Promise<SuppressionList> => suppressionList,
    onProgress: (s) => progress.push(s)
  }
}

export type SendSimulator = CustomerSureSimulatorHandle | EncoSimulatorHandle | FeedbackApiSimulatorHandle | NicereplySimulatorHandle

export async function startSendSimulator<P extends SendProviderId>(
  provider: P,
  opts: ProviderSimulatorOptions = {}
): Promise<P extends 'customersure' ? CustomerSureSimulatorHandle : P extends 'enco' ? EncoSimulatorHandle : P extends 'feedbackapi' ? FeedbackApiSimulatorHandle : NicereplySimulatorHandle> {
  const o = { volume: 50, ...opts }
  const sim = provider === 'customersure' ? await startCustomerSureSimulator(o) : provider === 'enco' ? await startEncoSimulator(o) : provider === 'feedbackapi' ? await startFeedbackApiSimulator(o) : await startNicereplySimulator(o)
  return sim as never
}

const inADay = (): string => new Date(Date.now() + 86_400_000).toISOString()

export function customerSureRows(n: number, from = 1): CustomerSureSendRow[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i
    const email = `customer${k}@example.com`
    return { provider: 'customersure', rowNumber: k, email, phone: null, cells: { Email: email }, request: { email, send_at: inADay(), survey_id: 1484, email_template_id: 123456, first_name: `Name${k}` } }
  })
}

export function encoRows(n: number, surveyId = 1, from = 1): EncoSendRow[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i
    const phone = `+3247${String(2000000 + k).padStart(7, '0')}`
    return { provider: 'enco', rowNumber: k, email: null, phone, surveyId, cells: { Phone: phone }, request: { channel: 'SMS', destination: phone } }
  })
}

export function feedbackApiRows(n: number, from = 1): FeedbackApiSendRow[] {
  const location = encodeId('location', 0)
  const template = encodeId('template', 0)
  return Array.from({ length: n }, (_, i) => {
    const k = from + i
    const email = `fb${k}@example.com`
    return { provider: 'feedbackapi', rowNumber: k, email, phone: null, cells: { Email: email }, customer: { email, fname: `Name${k}` }, request: { template, location } }
  })
}

export function nicereplyRows(sim: NicereplySimulatorHandle, n: number, from = 1): NicereplyRatingRow[] {
  const survey = sim.data.surveys.find((s) => s.metric === 'NPS') ?? sim.data.surveys[0]!
  return Array.from({ length: n }, (_, i) => {
    const k = from + i
    return { provider: 'nicereply', rowNumber: k, email: null, phone: null, cells: { Ticket: `T-${k}` }, request: { survey_id: survey.id, score: k % 11, from: `Customer ${k}`, ticket: `T-${k}`, user: { username: 'import-bot' } } }
  })
}

/** Keys the simulator accepted, per key, counted from its own record of sends. */
export function acceptedKeys(sim: SendSimulator): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (key: unknown): void => {
    const k = String(key)
    counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  if (sim.provider === 'customersure') for (const fr of (sim as CustomerSureSimulatorHandle).state.feedbackRequests.values()) add(fr.machine_id)
  else if (sim.provider === 'enco') for (const list of (sim as EncoSimulatorHandle).sends.values()) for (const s of list) add(s.referenceId)
  else if (sim.provider === 'feedbackapi') for (const fr of (sim as FeedbackApiSimulatorHandle).createdFeedbackRequests()) add(fr.subscriber)
  else for (const r of (sim as NicereplySimulatorHandle).createdRatings()) add((r.ticket as { value: string } | null)?.value)
  return counts
}
