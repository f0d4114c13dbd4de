import type { ConnectionTestResult } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { PROVIDERS } from '../../../shared/providers'
import { PROVIDER_MODULES } from '../../providers/registry'
import type { AppContext } from '../app-context'

export const connectionTestHandlers = {
  /** One cheap authenticated call to the provider, answered in a support lead's words. */
  'connections.test': async (input: { id: string }, ctx: AppContext): Promise<ConnectionTestResult> => {
    const row = ctx.connections.get(input.id)
    if (!row) throw new AppError('not_found', `No connection with id ${input.id}`, { details: [{ field: 'id', message: 'No such connection' }] })
    const testedAt = new Date().toISOString()
    const secret = await ctx.resolveSecret(row.id)
    if (!secret) {
      return {
        id: row.id,
        outcome: 'credentials_rejected',
        message: `No ${PROVIDERS[row.provider].secretLabel.toLowerCase()} is saved in the keychain for this connection. Edit it and enter one.`,
        testedAt
      }
    }
    const modules = ctx.providers ?? PROVIDER_MODULES
    const result = await modules[row.provider].probe({
      id: row.id,
      baseUrl: row.baseUrl,
      region: row.region,
      settings: row.settings,
      secret
    })
    return { id: row.id, outcome: result.outcome, message: result.message, testedAt }
  }
}
