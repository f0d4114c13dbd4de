import type { ParsedManageWrite } from '../../shared/domain/manage'

/** One line naming a change for the outbox list: "Create site hq (Head office)". */
export function describeWrite(w: ParsedManageWrite): string {
  const f = w.fields as Record<string, unknown>
  const named = (...keys: string[]): string => {
    const v = keys.map((k) => f[k]).find((x) => typeof x === 'string' && x !== '')
    return typeof v === 'string' ? ` ${v}` : ''
  }
  const id = 'externalId' in w ? ` ${w.externalId}` : ''
  switch (w.op) {
    case 'site.create':
      return `Create site${named('siteCode')}${f.name ? ` (${String(f.name)})` : ''}`
    case 'site.update':
      return `Update site${id}`
    case 'location.create':
      return `Create location${named('name')}`
    case 'location.update':
      return `Update location${id}`
    case 'location.delete':
      return `Deactivate location${id}`
    case 'agent.create':
      return `Create agent${named('fullname')}`
    case 'thing.create':
      return `Create thing or action${named('fullname')}`
    case 'user.invite':
      return `Invite${named('email')}${f.sendInvite ? ' by e-mail' : ' (no e-mail)'}`
    case 'user.remove':
      return `Remove user${id}`
    case 'survey.create':
      return `Create survey${named('name')}`
    case 'survey.addQuestion':
      return `Add a ${String(f.language)} question to survey${id}`
    case 'survey.delete':
      return `Delete survey${named('confirmName')}`
    case 'customer.create':
      return `Create customer${named('email', 'mobileNumber')}`
    case 'customer.update':
      return `Update customer${id}`
    case 'customer.delete':
      return `Deactivate customer${id}`
    case 'account.create':
      return `Create client account${named('name')}`
    case 'account.update':
      return `Update client account${id}`
    case 'account.delete':
      return `Delete client account${id}`
  }
}
