import type { Bridge } from '../../../shared/bridge'
import type { Result } from '../../../shared/errors'
import { TOKEN_HEADER } from '../../../shared/web-protocol'
import { SseParser } from './sse'
import { networkError } from './typed-api'

export interface WebBridgeOptions {
  token: string
  /** The host refused the token (403): it restarted, or the page was never paired. */
  onUnauthorized: () => void
  /** The event stream opened (true) or dropped (false). */
  onStreamState?: (connected: boolean) => void
}

const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 30_000

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}

/** The Bridge over the loopback web host (src/shared/web-protocol.ts). */
export function createWebBridge(opts: WebBridgeOptions): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let stream: AbortController | null = null
  let unauthorized = false

  function rejectToken(): void {
    if (unauthorized) return
    unauthorized = true
    stream?.abort()
    opts.onUnauthorized()
  }

  function dispatch(event: string, data: string): void {
    const set = listeners.get(event)
    if (!set || set.size === 0) return
    let payload: unknown
    try {
      payload = JSON.parse(data)
    } catch {
      console.warn(`Ignored a "${event}" event whose data is not JSON`)
      return
    }
    for (const l of [...set]) l(payload)
  }

  async function runStream(signal: AbortSignal): Promise<void> {
    let delay = FIRST_RETRY_MS
    while (!signal.aborted && !unauthorized) {
      try {
        const res = await fetch('/api/events', {
          headers: { [TOKEN_HEADER]: opts.token, accept: 'text/event-stream' },
          cache: 'no-store',
          signal
        })
        if (res.status === 403) {
          rejectToken()
          return
        }
        if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`)
        opts.onStreamState?.(true)
        delay = FIRST_RETRY_MS
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        const parser = new SseParser()
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          for (const frame of parser.push(value)) dispatch(frame.event, frame.data)
        }
      } catch {
        // dropped or refused: retried below unless we were stopped on purpose
      }
      if (signal.aborted || unauthorized) return
      opts.onStreamState?.(false)
      // Jitter so several windows do not hammer a restarting host in step.
      await sleep(delay + Math.random() * 250, signal)
      delay = Math.min(delay * 2, MAX_RETRY_MS)
    }
  }

  function ensureStream(): void {
    if (stream || unauthorized) return
    stream = new AbortController()
    void runStream(stream.signal)
  }

  function stopStreamIfIdle(): void {
    for (const set of listeners.values()) if (set.size > 0) return
    stream?.abort()
    stream = null
  }

  return {
    async invoke(channel: string, input: unknown): Promise<Result<unknown>> {
      let res: Response
      try {
        res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: opts.token },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store'
        })
      } catch {
        throw networkError()
      }
      if (res.status === 403) {
        rejectToken()
        return {
          ok: false,
          error: {
            code: 'forbidden',
            message: 'This page is no longer paired with Survey Desk. Open the link printed by `npm run web` again.',
            details: [],
            retryable: false
          }
        }
      }
      try {
        return (await res.json()) as Result<unknown>
      } catch {
        throw networkError(`Survey Desk answered with HTTP ${res.status} and no readable result.`)
      }
    },

    on(event: string, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      ensureStream()
      return () => {
        set.delete(listener)
        stopStreamIfIdle()
      }
    }
  }
}
