import type { Statement } from 'better-sqlite3'
import type { Db } from '../database'
import { COUNT_COLUMNS, COUNTED, countValues, DIM_JSON, localDaySql, monthOfDaySql } from './schema-v4-rollups'

/**
 * Adds (sign 1) or takes away (sign -1) the report counts of a set of stored responses, given by
 * id as a JSON array: the rollup fill of migration 4 (same formulas, same local days) restricted to
 * those rows and summed into the existing counts. The writer takes a page's old rows away before it
 * changes or deletes them and adds its new rows after, so the rollups stay exactly what a rebuild
 * would give (test/unit/reports-rollup.test.ts checks rollup = raw).
 */
function deltaSql(sign: 1 | -1): string {
  const rows = `SELECT ${localDaySql('r')} AS day, r.connection_id, coalesce(r.metric, '') AS metric, r.survey_external_id, r.site_external_id, r.staff_external_id, r.team_external_id,
      ${countValues('r', sign).map((e, i) => `${e} AS ${COUNT_COLUMNS[i]}`).join(', ')}
    FROM responses r WHERE r.id IN (SELECT value FROM json_each(?)) AND ${COUNTED('r')}`
  return `
  INSERT INTO report_rollup (dim, day, connection_id, dim_value, metric, ${COUNT_COLUMNS.join(', ')})
    SELECT v.value ->> 0 AS dim, CASE v.value ->> 2 WHEN 1 THEN ${monthOfDaySql('x.day')} ELSE x.day END AS d, x.connection_id, v.value ->> 1 AS dim_value, x.metric,
      ${COUNT_COLUMNS.map((c) => `sum(x.${c})`).join(', ')}
    FROM (${rows}) x CROSS JOIN json_each(${DIM_JSON('x')}) v
    WHERE v.value ->> 1 IS NOT NULL
    GROUP BY dim, d, x.connection_id, dim_value, x.metric
    ON CONFLICT DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
}

function histogramSql(sign: 1 | -1): string {
  return `
  INSERT INTO report_histogram (day, connection_id, metric, score, n)
    SELECT ${localDaySql('r')} AS day, r.connection_id, coalesce(r.metric, '') AS metric, r.score, ${sign} * count(*)
    FROM responses r WHERE r.id IN (SELECT value FROM json_each(?)) AND ${COUNTED('r')} AND r.score IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n`
}

export class RollupDeltas {
  private readonly add: [Statement, Statement]
  private readonly remove: [Statement, Statement]

  constructor(db: Db) {
    this.add = [db.prepare(deltaSql(1)), db.prepare(histogramSql(1))]
    this.remove = [db.prepare(deltaSql(-1)), db.prepare(histogramSql(-1))]
  }

  /** Counts the stored rows `ids` in. Call inside the transaction that wrote them. */
  added(ids: readonly number[]): void {
    this.apply(this.add, ids)
  }

  /** Takes the stored rows `ids` out. Call before they change or go, inside the same transaction. */
  removing(ids: readonly number[]): void {
    this.apply(this.remove, ids)
  }

  private apply(statements: [Statement, Statement], ids: readonly number[]): void {
    if (ids.length === 0) return
    const list = JSON.stringify(ids)
    for (const s of statements) s.run(list)
  }
}
