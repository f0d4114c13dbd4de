import type { Response } from '../../src/shared/domain/model'

/** A complete Response for store tests; override what the test is about. */
export function makeResponse(externalId: string, overrides: Partial<Response> = {}): Response {
  return {
    provider: 'customersure',
    kind: 'customersure_response',
    externalId,
    surveyExternalId: null,
    surveyName: null,
    metric: 'nps',
    score: 9,
    scale: { min: 0, max: 10 },
    sentiment: null,
    comment: `Comment ${externalId}`,
    customer: { externalId: null, name: null, email: null, phone: null, company: null, reference: null },
    siteExternalId: null,
    siteName: null,
    staffExternalId: null,
    staffName: null,
    teamExternalId: null,
    teamName: null,
    tags: [],
    drivers: [],
    answers: [],
    properties: {},
    channel: null,
    language: null,
    links: { reference: null, machineId: null, ticketUrl: null, sourceUrl: null },
    respondedAt: '2025-03-01T10:00:00.000Z',
    updatedAt: null,
    raw: { id: externalId },
    ...overrides
  }
}
