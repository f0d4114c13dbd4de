import { channels, events, type Api, type Channel, type ChannelInput, type ChannelOutput, type EventName, type EventPayload } from '../../../shared/contract'
import type { Bridge } from '../../../shared/bridge'
import { AppError, AppErrorShape, zodIssuesToFieldErrors } from '../../../shared/errors'

/** Told after every call whether the transport (preload or web host) answered at all. */
export type ReachabilityListener = (reachable: boolean) => void

export function networkError(message = 'Survey Desk is not answering. Check that the app (or `npm run web`) is still running.'): AppError {
  return new AppError('network', message, { retryable: true })
}

/**
 * Wraps a raw Bridge into the typed Api: results are unwrapped, failures become AppError, and what comes
 * back is parsed against the contract like any other input from outside.
 */
export function createApi(bridge: Bridge, onReachability?: ReachabilityListener): Api {
  return {
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      let result: Awaited<ReturnType<Bridge['invoke']>>
      try {
        result = await bridge.invoke(channel, input)
      } catch (err) {
        // A bridge throws only when the transport itself failed (the web host is gone).
        onReachability?.(false)
        throw err instanceof AppError ? err : networkError()
      }
      if (!result || typeof result !== 'object' || !('ok' in result)) {
        onReachability?.(false)
        throw new AppError('internal', `Survey Desk sent an answer to "${channel}" that could not be read.`)
      }
      if (!result.ok) {
        const shape = AppErrorShape.safeParse(result.error)
        const err = shape.success
          ? AppError.fromShape(shape.data)
          : new AppError('internal', `Survey Desk reported a failure for "${channel}" that could not be read.`)
        // The host answered (even a provider's network error came back through it).
        onReachability?.(true)
        throw err
      }
      onReachability?.(true)
      const parsed = channels[channel].output.safeParse(result.value)
      if (!parsed.success) {
        throw new AppError('internal', `Survey Desk sent an answer to "${channel}" that does not match the contract.`, {
          details: zodIssuesToFieldErrors(parsed.error)
        })
      }
      return parsed.data as ChannelOutput<C>
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return bridge.on(event, (payload) => {
        const parsed = events[event].safeParse(payload)
        if (parsed.success) listener(parsed.data as EventPayload<E>)
        else console.warn(`Ignored a "${event}" event that does not match the contract`)
      })
    }
  }
}
