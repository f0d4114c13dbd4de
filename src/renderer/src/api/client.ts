import type { Api } from '../../../shared/contract'

let current: Api | null = null

/** Set once at start-up by main.tsx, whichever transport was picked. */
export function setApi(api: Api): void {
  current = api
}

/** The typed Api the stores talk through; the only way the renderer reaches main. */
export function api(): Api {
  if (!current) throw new Error('The API is used before the transport was set up')
  return current
}
