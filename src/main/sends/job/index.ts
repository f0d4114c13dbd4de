/**
 * The durable send engine: a job and all its rows in the ledger (sends.sqlite) before the first
 * call, per-provider adapters, protection, reconciliation after a crash. See types.ts for the API.
 *
 *   const engine = createSendEngine(host)
 *   await engine.resumeAll()                 // at start-up
 *   const job = await engine.createJob({ connectionId, purpose: 'send', fileName, rows, protection })
 */
export { createSendEngine, idempotencyKey } from './engine'
export { DEFAULT_PROTECTION } from '../protect/protection'
export { readSuppressions, connectionsMissingSuppressions } from '../protect/suppressions'
export { normaliseEmail, normalisePhone } from '../protect/contact'
export { LEDGER_FILE_NAME } from '../ledger/ledger'
export { appSendHost } from './app-host'
export type * from './types'
