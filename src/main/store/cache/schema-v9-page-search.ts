/**
 * Migration 9: the search index (responses_fts) is kept by the writer, one statement per run of a
 * page (page-search.ts), instead of by the insert and text-update triggers of migration 3. Shipped
 * SQL: never edit it. The delete trigger stays: deletes are rare, and come from more than one place.
 *
 * Why: a statement that writes FTS5 through a trigger opens a statement savepoint, and FTS5 flushes
 * its pending terms to disk at every savepoint (fts5SavepointMethod). With a trigger per row, each
 * response became its own tiny segment, merged again and again: ~17 µs of the writer's ~44 a row of
 * a first sync (bench/store-ingest; a profile showed the flushes and merges). One statement per run
 * lets FTS5 gather the page's terms and write them once, at commit.
 *
 * The index's content is unchanged (same rows, same text), so nothing is rebuilt.
 */
export const PAGE_SEARCH_SCHEMA_SQL = `
  DROP TRIGGER IF EXISTS responses_after_insert;
  DROP TRIGGER IF EXISTS responses_after_text_update;
`
