import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import { createAppContext, type AppContext, type ContextOptions } from '../../src/main/ipc/app-context'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { handlers } from '../../src/main/ipc/handlers'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { makeTempDir } from './temp-dir'

export type Call = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>

/** Calls through the real dispatch (input and output parsed as over IPC); a failure is thrown as the AppError the renderer would get. */
export function dispatchCaller(ctx: AppContext): Call {
  const dispatch = createDispatch(handlers, ctx)
  return async (channel, input) => {
    const r = await dispatch(channel, input)
    if (!r.ok) throw AppError.fromShape(r.error)
    return r.value as never
  }
}

export interface TestApp {
  ctx: AppContext
  call: Call
  dataDir: string
  /** Removes the data folder; shut the context down first. */
  cleanup(): void
}

/** A real app context on a fresh data folder (a real SQLite file) with secrets in memory. */
export function openTestApp(tmpPrefix: string, opts: Partial<Pick<ContextOptions, 'cacheMode' | 'secrets'>> = {}): TestApp {
  const tmp = makeTempDir(tmpPrefix)
  const ctx = createAppContext({ dataDir: tmp.dir, secrets: new MemorySecretStore(), ...opts })
  return { ctx, call: dispatchCaller(ctx), dataDir: tmp.dir, cleanup: tmp.cleanup }
}
