import type { Dispatcher } from 'undici'
import type { RateLimiter } from './rate-limiter'

type Handler = Dispatcher.DispatchHandler
type Controller = Dispatcher.DispatchController

/** Stands in for a connection controller when an attempt is cancelled before it was ever sent. */
function cancelledController(reason: Error): Controller {
  return {
    aborted: true,
    paused: false,
    reason,
    abort() {},
    pause() {},
    resume() {}
  }
}

/** Passes every event on, noting the status and timing of this one attempt for the log. */
class AttemptHandler implements Handler {
  private readonly started = Date.now()

  constructor(
    private readonly inner: Handler,
    private readonly describe: string,
    private readonly log?: (line: string) => void
  ) {}

  onRequestStart(controller: Controller, context: unknown): void {
    this.inner.onRequestStart?.(controller, context)
  }

  onRequestUpgrade(controller: Controller, statusCode: number, headers: Parameters<NonNullable<Handler['onRequestUpgrade']>>[2], socket: Parameters<NonNullable<Handler['onRequestUpgrade']>>[3]): void {
    this.inner.onRequestUpgrade?.(controller, statusCode, headers, socket)
  }

  onResponseStart(controller: Controller, statusCode: number, headers: Parameters<NonNullable<Handler['onResponseStart']>>[2], statusMessage?: string): void {
    this.log?.(`${this.describe} -> ${statusCode} (${Date.now() - this.started} ms)`)
    this.inner.onResponseStart?.(controller, statusCode, headers, statusMessage)
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.inner.onResponseData?.(controller, chunk)
  }

  onResponseEnd(controller: Controller, trailers: Parameters<NonNullable<Handler['onResponseEnd']>>[1]): void {
    this.inner.onResponseEnd?.(controller, trailers)
  }

  onResponseError(controller: Controller, error: Error): void {
    const code = (error as { code?: string }).code
    this.log?.(`${this.describe} failed: ${code ?? error.name} (${Date.now() - this.started} ms)`)
    this.inner.onResponseError?.(controller, error)
  }
}

/**
 * The innermost interceptor: every attempt that reaches the wire passes here, including the retry
 * interceptor's retries and each redirect hop, so each one waits for the rate limiter and gets one log line.
 */
export function attemptInterceptor(limiter: RateLimiter, log?: (line: string) => void): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => {
    const signal = (opts as { signal?: AbortSignal }).signal
    const describe = `${opts.method} ${opts.path}`
    limiter.acquire(signal).then(
      () => {
        try {
          dispatch(opts, new AttemptHandler(handler, describe, log))
        } catch (err) {
          handler.onResponseError?.(cancelledController(err as Error), err as Error)
        }
      },
      (reason: Error) => {
        log?.(`${describe} cancelled while waiting for the rate limit`)
        handler.onResponseError?.(cancelledController(reason), reason)
      }
    )
    return true
  }
}
