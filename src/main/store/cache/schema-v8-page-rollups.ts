/**
 * Migration 8: the report rollups are kept by the writer, one aggregated statement per page
 * (rollup-deltas.ts), instead of by row triggers. Shipped SQL: never edit it.
 *
 * Why: the triggers of migration 4 ran ten upserts per written response (nine dimension rows and
 * the histogram), ~15 µs a row, the largest single cost of a sync after the FTS index. A page of
 * 1,000 responses falls on a few days, so summed per page the same counts are a few dozen upserts.
 * The writer is the only code that writes responses (writer-core.ts), so nothing else relied on them.
 */
export const PAGE_ROLLUPS_SCHEMA_SQL = `
  DROP TRIGGER IF EXISTS responses_rollup_insert;
  DROP TRIGGER IF EXISTS responses_rollup_delete;
  DROP TRIGGER IF EXISTS responses_rollup_update_old;
  DROP TRIGGER IF EXISTS responses_rollup_update_new;
`
