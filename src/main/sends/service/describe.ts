import type { DescribedRequest } from '../../../shared/domain/sends'
import { AppError } from '../../../shared/errors'
import { PROVIDERS } from '../../../shared/providers'
import { customerSureBody } from '../job/adapters/customersure'
import type { SendEngine, SendRow } from '../job/types'

/** Placeholder the engine shows for the idempotency key in a dry run. */
const DRY_RUN_KEY = 'dry-run-key'

/**
 * The exact requests a row would make. The engine describes them with a connection config that
 * has no settings, which CustomerSure's client refuses (it needs the company name for the
 * User-Agent); until the engine passes the connection's settings, CustomerSure's single request is
 * described here from the engine's own body builder, so both stay the same request.
 */
export function describeRow(engine: SendEngine, row: SendRow, baseUrl: string | undefined): DescribedRequest[] {
  try {
    return engine.describeRequest(row, baseUrl)
  } catch (err) {
    if (!(row.provider === 'customersure' && err instanceof AppError && err.details.some((d) => d.field === 'settings.companyName'))) throw err
    const base = (baseUrl ?? PROVIDERS.customersure.defaultBaseUrl).replace(/\/+$/, '')
    return [{ method: 'POST', url: `${base}/feedback_requests`, body: customerSureBody(row, DRY_RUN_KEY) }]
  }
}
