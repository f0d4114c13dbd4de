import { classifySql } from '../../reports/classify-sql'

/**
 * Migration 4: report rollups, kept current by triggers on responses (until migration 8 moved that
 * into the writer, rollup-deltas.ts), and the provider-figure cache.
 * Shipped SQL: never edit it, add a migration (a change to the formulas in src/shared/metrics.ts
 * needs one that rebuilds the rollups; rollup-deltas.ts counts new rows by the same functions).
 *
 * Why rollups: a GROUP BY for NPS by site by month over a million responses takes 0.8-3 s; the
 * report page runs a dozen such queries. report_rollup holds, per local day (in the report time
 * zone), connection, metric and ONE dimension (all / survey / site / staff / team), the counts every
 * formula needs, so a year of "NPS by site" reads tens of thousands of narrow rows instead of the
 * responses. One dimension per row (not their cross product) keeps the table small; a report that
 * filters on one dimension and breaks down by another, or filters on search, tags, comments or
 * scores, is answered from the responses instead (src/main/reports/report-queries.ts rollupPlan).
 * Entity dimensions also keep a row per local month, so a long range reads its whole months from
 * those (12 rows per entity a year) and only its partial months at the ends from day rows.
 *
 * The local day needs the zone's offset at the response's instant: report_tz_offsets holds the
 * zone's offset changes (written by rebuildRollups, src/main/reports/rollup-rebuild.ts, when the report time zone changes), and
 * the newest change at or before an instant gives its offset, one indexed lookup per write.
 * report_histogram keeps score counts per day for the distribution chart.
 */

export const ROLLUP_DIMENSIONS = ['all', 'survey', 'site', 'staff', 'team'] as const
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number]

const DAY_MS = 86_400_000

/** The local day number (days since 1970-01-01 local) of row x in the rollups' zone. */
export function localDaySql(x: string): string {
  return `((${x}.responded_ms + coalesce((SELECT o.offset_ms FROM report_tz_offsets o WHERE o.from_ms <= ${x}.responded_ms ORDER BY o.from_ms DESC LIMIT 1), 0)) / ${DAY_MS})`
}

export const COUNT_COLUMNS = ['n', 'sum_score', 'promoters', 'passives', 'detractors', 'positive', 's_vn', 's_n', 's_neu', 's_p', 's_vp'] as const

function countValues(x: string, sign: 1 | -1): string[] {
  const c = classifySql(x)
  const s = (e: string): string => (sign === 1 ? e : `-(${e})`)
  return [c.scored, `coalesce(${x}.score, 0)`, c.promoters, c.passives, c.detractors, c.positive, c.veryNegative, c.negative, c.neutral, c.sentimentPositive, c.veryPositive].map(s)
}

/** Entity dimensions also get a row per local month (dim '<name>_m', day = the month's first day), so a year is 12 rows per entity, not 365. */
const ENTITY_COLUMNS = [
  ['survey', 'survey_external_id'],
  ['site', 'site_external_id'],
  ['staff', 'staff_external_id'],
  ['team', 'team_external_id']
] as const

/** (dim, value, 1 when keyed by month) for each rollup row a response adds to. */
const DIM_ROWS = (x: string): Array<[string, string, number]> => [
  ['all', `''`, 0],
  ...ENTITY_COLUMNS.map(([d, c]): [string, string, number] => [d, `${x}.${c}`, 0]),
  ...ENTITY_COLUMNS.map(([d, c]): [string, string, number] => [`${d}_m`, `${x}.${c}`, 1])
]
const DIM_VALUES = (x: string): string => `VALUES ${DIM_ROWS(x).map(([d, v, m]) => `('${d}', ${v}, ${m})`).join(', ')}`
const DIM_JSON = (x: string): string => `json_array(${DIM_ROWS(x).map(([d, v, m]) => `json_array('${d}', ${v}, ${m})`).join(', ')})`

/** The first day (local day number) of the month holding local day number `day`. */
const monthOfDaySql = (day: string): string => `CAST(unixepoch(date(${day} * ${DAY_MS / 1000}, 'unixepoch', 'start of month')) / ${DAY_MS / 1000} AS INTEGER)`

/** Adds (sign 1) or takes away (sign -1) row x's counts. */
function applyRow(x: string, sign: 1 | -1): string {
  const day = localDaySql(x)
  // The day once per row (a subquery in FROM), not once per dimension.
  const rollup = `INSERT INTO report_rollup (dim, day, connection_id, dim_value, metric, ${COUNT_COLUMNS.join(', ')})
    SELECT v.column1, CASE v.column3 WHEN 1 THEN d.month ELSE d.day END, ${x}.connection_id, v.column2, coalesce(${x}.metric, ''), ${countValues(x, sign).join(', ')}
    FROM (SELECT day, ${monthOfDaySql('day')} AS month FROM (SELECT ${day} AS day)) d CROSS JOIN (${DIM_VALUES(x)}) v WHERE v.column2 IS NOT NULL
    ON CONFLICT DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`
  const histogram = `INSERT INTO report_histogram (day, connection_id, metric, score, n)
    SELECT ${day}, ${x}.connection_id, coalesce(${x}.metric, ''), ${x}.score, ${sign} WHERE ${x}.score IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + excluded.n;`
  return `${rollup}\n    ${histogram}`
}

const COUNTED = (x: string): string => `${x}.removed_at IS NULL AND (${x}.score IS NOT NULL OR ${x}.sentiment IS NOT NULL)`
const WATCHED = ['responded_ms', 'connection_id', 'metric', 'score', 'scale_min', 'scale_max', 'sentiment', 'survey_external_id', 'site_external_id', 'staff_external_id', 'team_external_id', 'removed_at']

/**
 * Sums the counts of the responses r matching `where` into the rollups and the histogram, added
 * (sign 1) or taken away (sign -1). Two statements; `where` may hold one `?` (bound to each).
 * Without `upsert` the sums are inserted as new rows (the fill of empty tables); with it they are
 * added to the existing counts (the writer taking a page's old rows away, rollup-deltas.ts).
 */
export function rollupSumSql(where: string, sign: 1 | -1, upsert: boolean): [string, string] {
  const onConflict = (set: string): string => (upsert ? `\n    ON CONFLICT DO UPDATE SET ${set}` : '')
  return [
    `
  INSERT INTO report_rollup (dim, day, connection_id, dim_value, metric, ${COUNT_COLUMNS.join(', ')})
    SELECT v.value ->> 0 AS dim, CASE v.value ->> 2 WHEN 1 THEN ${monthOfDaySql('x.day')} ELSE x.day END AS d, x.connection_id, v.value ->> 1 AS dim_value, x.metric,
      ${COUNT_COLUMNS.map((c) => `sum(x.${c})`).join(', ')}
    FROM (SELECT ${localDaySql('r')} AS day, r.connection_id, coalesce(r.metric, '') AS metric, r.survey_external_id, r.site_external_id, r.staff_external_id, r.team_external_id,
            ${countValues('r', sign).map((e, i) => `${e} AS ${COUNT_COLUMNS[i]}`).join(', ')}
          FROM responses r WHERE (${where}) AND ${COUNTED('r')}) x
    CROSS JOIN json_each(${DIM_JSON('x')}) v
    WHERE v.value ->> 1 IS NOT NULL
    GROUP BY dim, d, x.connection_id, dim_value, x.metric${onConflict(COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', '))}`,
    `
  INSERT INTO report_histogram (day, connection_id, metric, score, n)
    SELECT ${localDaySql('r')} AS day, r.connection_id, coalesce(r.metric, ''), r.score, ${sign} * count(*)
    FROM responses r WHERE (${where}) AND ${COUNTED('r')} AND r.score IS NOT NULL
    GROUP BY 1, 2, 3, 4${onConflict('n = n + excluded.n')}`
  ]
}

/** Every row's counts, grouped, for the first fill and for a rebuild in another zone. */
export const ROLLUP_FILL_SQL = rollupSumSql('true', 1, false).join(';\n') + ';\n'

export const REPORTS_SCHEMA_SQL = `
  CREATE TABLE report_tz_offsets (
    from_ms   INTEGER PRIMARY KEY,
    offset_ms INTEGER NOT NULL
  ) STRICT;
  INSERT INTO report_tz_offsets (from_ms, offset_ms) VALUES (-9007199254740991, 0);
  CREATE TABLE report_rollup_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    time_zone  TEXT,
    rebuilt_at TEXT
  ) STRICT;
  -- An empty cache starts with complete (empty) UTC rollups that the triggers keep current. A
  -- filled one is not summed here: migrations run on the main thread, and a million rows would hold
  -- it for seconds. time_zone NULL says "not built": reports read the responses until the writer
  -- thread builds them (src/main/ipc/handlers/reports.ts keepRollupsInZone).
  INSERT INTO report_rollup_state (id, time_zone) SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM responses) THEN NULL ELSE 'UTC' END;

  CREATE TABLE report_rollup (
    dim           TEXT NOT NULL,
    day           INTEGER NOT NULL,
    connection_id TEXT NOT NULL,
    dim_value     TEXT NOT NULL,
    metric        TEXT NOT NULL,
    n             INTEGER NOT NULL,
    sum_score     REAL NOT NULL,
    promoters     INTEGER NOT NULL,
    passives      INTEGER NOT NULL,
    detractors    INTEGER NOT NULL,
    positive      INTEGER NOT NULL,
    s_vn          INTEGER NOT NULL,
    s_n           INTEGER NOT NULL,
    s_neu         INTEGER NOT NULL,
    s_p           INTEGER NOT NULL,
    s_vp          INTEGER NOT NULL,
    PRIMARY KEY (dim, day, connection_id, dim_value, metric)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE report_histogram (
    day           INTEGER NOT NULL,
    connection_id TEXT NOT NULL,
    metric        TEXT NOT NULL,
    score         REAL NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (day, connection_id, metric, score)
  ) STRICT, WITHOUT ROWID;

  CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses WHEN ${COUNTED('new')} BEGIN
    ${applyRow('new', 1)}
  END;
  CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses WHEN ${COUNTED('old')} BEGIN
    ${applyRow('old', -1)}
  END;
  CREATE TRIGGER responses_rollup_update_old AFTER UPDATE OF ${WATCHED.join(', ')} ON responses
  WHEN (${WATCHED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')}) AND ${COUNTED('old')}
  BEGIN
    ${applyRow('old', -1)}
  END;
  CREATE TRIGGER responses_rollup_update_new AFTER UPDATE OF ${WATCHED.join(', ')} ON responses
  WHEN (${WATCHED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')}) AND ${COUNTED('new')}
  BEGIN
    ${applyRow('new', 1)}
  END;

  CREATE TABLE report_provider_figures (
    connection_id TEXT NOT NULL,
    kind          TEXT NOT NULL,
    scope_key     TEXT NOT NULL,
    period_from   TEXT NOT NULL DEFAULT '',
    period_to     TEXT NOT NULL DEFAULT '',
    figure        TEXT NOT NULL CHECK (json_valid(figure)),
    fetched_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, kind, scope_key, period_from, period_to)
  ) STRICT, WITHOUT ROWID;
`
