import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import type { ProviderId } from '../../src/shared/providers'
import { createAppContext, type AppContext } from '../../src/main/ipc/app-context'
import { manageOutbox, stopManageOutbox } from '../../src/main/manage'
import { PROVIDER_MODULES } from '../../src/main/providers/registry'
import type { ProviderSimulatorHandle } from '../../src/main/providers/types'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { dispatchCaller, type Call } from './app-harness'
import { connectionInput } from './sync-harness'
import { makeTempDir } from './temp-dir'

export type ManagedProvider = Extract<ProviderId, 'customersure' | 'enco' | 'feedbackapi' | 'nicereply'>

/**
 * Real app contexts over one data folder (a real SQLite file), the four managed providers'
 * simulators on loopback, and a connection for each. `reopen()` shuts the context down and opens a
 * new one on the same file, as a restart of the app would.
 */
export interface ManageHarness {
  ctx: AppContext
  sims: Record<ManagedProvider, ProviderSimulatorHandle>
  conn: Record<ManagedProvider, string>
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** The AppError a call failed with (fails the test if it succeeded). */
  failure<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<AppError>
  /** Resolves with the first event (from now on) that passes the test. */
  next<E extends EventName>(event: E, test?: (p: EventPayload<E>) => boolean): Promise<EventPayload<E>>
  /** Fills the cache from the simulators. */
  sync(): Promise<void>
  reopen(): Promise<void>
  close(): Promise<void>
}

/** Fast outbox timings for tests: no HTTP-level retries (the outbox's own retry is under test), short backoff. */
export const TEST_OUTBOX = {
  retryDelayMs: 25,
  maxRetryDelayMs: 200,
  httpOptions: { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1000 }, rateLimit: { perSecond: 10_000, burst: 10_000 } }
}

export async function startManageHarness(opts: { cacheMode?: 'worker' | 'inline'; volume?: number; outbox?: Partial<typeof TEST_OUTBOX> } = {}): Promise<ManageHarness> {
  const tmp = makeTempDir('survey-desk-manage-')
  const providers: ManagedProvider[] = ['customersure', 'enco', 'feedbackapi', 'nicereply']
  const sims = Object.fromEntries(
    await Promise.all(providers.map(async (p) => [p, await PROVIDER_MODULES[p].startSimulator({ seed: 11, volume: opts.volume ?? 60 })]))
  ) as Record<ManagedProvider, ProviderSimulatorHandle>
  const secrets = new MemorySecretStore()
  let ctx!: AppContext
  let callCurrent!: Call
  const open = (): void => {
    ctx = createAppContext({ dataDir: tmp.dir, secrets, cacheMode: opts.cacheMode ?? 'inline' })
    callCurrent = dispatchCaller(ctx)
    manageOutbox(ctx, { ...TEST_OUTBOX, ...opts.outbox })
  }
  open()
  // Through whichever context is open now: reopen() replaces it.
  const call: Call = (channel, input) => callCurrent(channel, input)
  const conn = {} as Record<ManagedProvider, string>
  for (const p of providers) conn[p] = (await call('connections.add', connectionInput(p, sims[p]))).id

  const h: ManageHarness = {
    get ctx() {
      return ctx
    },
    sims,
    conn,
    call,
    async failure(channel, input) {
      try {
        await call(channel, input)
      } catch (err) {
        if (err instanceof AppError) return err
        throw err
      }
      throw new Error(`${channel} succeeded where it should have failed`)
    },
    next(event, test) {
      return new Promise((resolve) => {
        const off = ctx.events.subscribe((e, payload) => {
          if (e === event && (!test || test(payload as never))) {
            off()
            resolve(payload as never)
          }
        })
      })
    },
    async sync() {
      const summary = await ctx.sync().run({ connectionIds: Object.values(conn) })
      const failed = summary.connections.flatMap((c) => c.streams.filter((s) => s.status !== 'done'))
      if (failed.length > 0) throw new Error(`sync failed: ${JSON.stringify(failed)}`)
    },
    async reopen() {
      await stopManageOutbox(ctx)
      await ctx.shutdown()
      open()
    },
    async close() {
      await stopManageOutbox(ctx)
      await ctx.shutdown()
      await Promise.all(Object.values(sims).map((s) => s.close()))
      tmp.cleanup()
    }
  }
  return h
}
