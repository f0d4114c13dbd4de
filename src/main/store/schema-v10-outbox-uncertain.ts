/**
 * Migration 10: manage_outbox.uncertain. Shipped SQL: never edit it.
 *
 * 1 when an attempt of the entry may have reached the provider without its answer reaching Survey
 * Desk (a dropped connection, a timeout waiting for the answer, a 500, an unreadable answer, a
 * crash mid-send). A create in that state is looked up at the provider before it is sent again,
 * so a lost answer does not make a second site, survey or user (outbox.ts). It stays 1 until the
 * entry is delivered, or until the user, told the provider cannot be asked, retries it.
 */
export const OUTBOX_UNCERTAIN_SCHEMA_SQL = `
  ALTER TABLE manage_outbox ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1));
`
