import { events, type EventName, type EventPayload } from '../../shared/contract'

type Listener = (event: EventName, payload: unknown) => void

/** Main -> renderer events. Payloads are checked against the contract before any transport sees them. */
export class EventBus {
  private readonly listeners = new Set<Listener>()

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].parse(payload)
    for (const l of this.listeners) l(event, parsed)
  }

  /** Every transport subscribes once and forwards to its own clients; returns an unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
