import type { Connection } from '../../shared/domain/connection'

/**
 * The demo workspace (src/main/demo): the five simulators in-process on loopback, seeded, with a
 * demo connection for each. Demo credentials are the simulators' own made-up ones, held in memory
 * here and never written to the keychain or the database.
 */
export interface DemoWorkspace {
  /**
   * Starts the simulators (if needed) and adds the demo connections (if missing). Then syncs the
   * demo connections in the background, unless `backgroundSync: false` (the CLI runs the sync itself).
   */
  start(opts?: { backgroundSync?: boolean }): Promise<Connection[]>
  /** Removes every demo connection and its cached data, and stops the simulators. */
  remove(): Promise<number>
  /**
   * Removes one demo connection (connections.remove on a demo row): cancels its sync, drops its
   * cached data, its row and its credential; stops the simulators when it was the last one.
   */
  removeConnection(connectionId: string): Promise<void>
  /** At start-up: if demo connections exist, restart their simulators and point the connections at them. */
  resume(): Promise<void>
  /** The simulator credential for a demo connection; undefined for a real one. */
  secretFor(connectionId: string): string | undefined
  shutdown(): Promise<void>
}
