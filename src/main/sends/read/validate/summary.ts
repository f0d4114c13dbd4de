import type { DateColumnVerdict, RowReason, ValidatedRow, ValidationSummary } from '../types'

/** Running totals of validated rows. */
export class SummaryCounter {
  rows = 0
  valid = 0
  invalid = 0
  duplicate = 0

  add(row: ValidatedRow): void {
    this.rows++
    this[row.status]++
  }

  summary(dateColumns: DateColumnVerdict[], mappingErrors: RowReason[]): ValidationSummary {
    return { rows: this.rows, valid: this.valid, invalid: this.invalid, duplicate: this.duplicate, dateColumns, mappingErrors }
  }
}
