import type { HandlerTable } from './dispatch'
import { appHandlers } from './handlers/app'
import { connectionTestHandlers } from './handlers/connection-test'
import { connectionHandlers } from './handlers/connections'
import { demoHandlers } from './handlers/demo'
import { inboxHandlers } from './handlers/inbox'
import { syncHandlers } from './handlers/sync'
import { reportsHandlers } from './handlers/reports'
import { followupsHandlers } from './handlers/followups'
import { manageHandlers } from './handlers/manage'
import { sendsHandlers } from './handlers/sends'

/** The one handler table. Each area declares its handlers in ipc/handlers/<area>.ts. */
export const handlers: HandlerTable = {
  ...appHandlers,
  ...connectionHandlers,
  ...connectionTestHandlers,
  ...inboxHandlers,
  ...syncHandlers,
  ...demoHandlers,
  ...followupsHandlers,
  ...reportsHandlers,
  ...manageHandlers,
  ...sendsHandlers
}
