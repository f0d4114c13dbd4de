import { channels, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../shared/contract'
import { AppError, zodIssuesToFieldErrors, type Result } from '../../shared/errors'
import type { AppContext } from './app-context'

/** The handler table's type, derived from the contract: a missing or mistyped handler fails to compile. */
export type HandlerTable = {
  [C in Channel]: (input: ParsedInput<C>, ctx: AppContext) => Promise<ChannelOutput<C>>
}

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Result<unknown>>

/**
 * The one entry every transport (Electron IPC, web host, CLI) goes through: the channel name and the
 * input are checked against the contract here, so a bad input never reaches a handler.
 */
export function createDispatch(handlers: HandlerTable, ctx: AppContext, onUnexpected?: (err: unknown) => void): Dispatch {
  return async (channel, rawInput) => {
    try {
      if (!isChannel(channel)) throw new AppError('not_found', `Unknown channel "${channel}"`)
      const spec = channels[channel]
      const parsed = spec.input.safeParse(rawInput ?? {})
      if (!parsed.success) throw AppError.validation(zodIssuesToFieldErrors(parsed.error))
      const handler = handlers[channel] as (input: unknown, ctx: AppContext) => Promise<unknown>
      const output = await handler(parsed.data, ctx)
      // Outputs are checked too: a handler that drifts from the contract is a bug we want loudly.
      const checked = spec.output.safeParse(output)
      if (!checked.success) {
        throw new AppError('internal', `Handler for "${channel}" returned data that does not match the contract`, {
          details: zodIssuesToFieldErrors(checked.error)
        })
      }
      return { ok: true, value: checked.data }
    } catch (err) {
      return { ok: false, error: toAppError(err, onUnexpected).toShape() }
    }
  }
}

export function toAppError(err: unknown, onUnexpected?: (err: unknown) => void): AppError {
  if (err instanceof AppError) return err
  onUnexpected?.(err)
  // The original message may come from a library and is not shown: it could echo a request.
  return new AppError('internal', 'Something went wrong inside Survey Desk. The details were written to the log.')
}
