/**
 * Migration 11: tags and drivers are found through an FTS5 index of label tokens (label-index.ts)
 * instead of the response_tags b-tree. Shipped SQL: never edit it.
 *
 * Why: response_tags was keyed (tag, response_id), so a page's rows went in at the end of every
 * tag's range: ~31 leaves rewritten per page on a 1,000-row CustomerGauge page, 1,790 bytes of WAL a
 * row (36% of all a first sync wrote) and ~5.7 µs of the writer's ~28 a row (bench/store-ingest,
 * 100k breakdown). FTS5 gathers a page's tokens in memory and writes them as one segment, the way
 * the search index does; measured 2.5 µs a row and 1,600 bytes of WAL a row less, the file 210
 * bytes a row smaller.
 *
 * - `labels` gives each (connection, tag) an id; the token of that label is `l<id>`, so a token
 *   matches exactly one string (no hash, no collision), and a tag is ordered and listed by text.
 * - `response_labels` holds a response's tokens under its id (the time-ordered responses.id), so a
 *   tag filter streams newest first like the search does. contentless_delete: a row's tokens can be
 *   taken out by id alone, without the text they were made from.
 * - The delete trigger takes the response's labels out with it, as it took its response_tags rows.
 *
 * Existing tags move over in this migration (at 1M responses with 3 tags each, ~10 s once).
 */
export const LABEL_INDEX_SCHEMA_SQL = `
  CREATE TABLE labels (
    id            INTEGER PRIMARY KEY,
    connection_id TEXT NOT NULL,
    tag           TEXT NOT NULL,
    UNIQUE (connection_id, tag)
  ) STRICT;
  CREATE VIRTUAL TABLE response_labels USING fts5(
    tokens,
    content = '', contentless_delete = 1,
    detail = none,
    tokenize = 'ascii'
  );
  INSERT INTO labels (connection_id, tag) SELECT DISTINCT connection_id, tag FROM response_tags ORDER BY connection_id, tag;
  INSERT INTO response_labels (rowid, tokens)
    SELECT t.response_id, group_concat('l' || l.id, ' ')
    FROM response_tags t JOIN labels l ON l.connection_id = t.connection_id AND l.tag = t.tag
    GROUP BY t.response_id ORDER BY t.response_id;
  DROP TRIGGER responses_after_delete;
  CREATE TRIGGER responses_after_delete AFTER DELETE ON responses BEGIN
    INSERT INTO responses_fts(responses_fts, rowid, comment, answers_text, customer_name) VALUES ('delete', old.id, old.comment, old.answers_text, old.customer_name);
    DELETE FROM response_labels WHERE rowid = old.id;
    DELETE FROM response_bodies WHERE id = old.body_id;
  END;
  DROP TABLE response_tags;
`
