import type { CsvRecord, KnownIds, ValidatedRow, ValidateOptions, ValidationSummary } from '../types'
import { compilePlan } from './plan'
import { RowValidator } from './row-validator'
import { FileScan } from './scan'
import { SummaryCounter } from './summary'

/** Validates records in memory (see index.ts): a scan of every row, then each row judged. */
export function validateRecords(records: readonly CsvRecord[], options: ValidateOptions, known: KnownIds = {}): { rows: ValidatedRow[]; summary: ValidationSummary } {
  const plan = compilePlan(options)
  const scan = new FileScan(plan)
  for (const r of records) scan.observe(r.cells, r.line)
  const verdicts = scan.dateVerdicts()
  const validator = new RowValidator(plan, known, verdicts, scan.duplicates)
  const counter = new SummaryCounter()
  const rows = records.map((r) => {
    const row = validator.validate(r.cells, r.line)
    counter.add(row)
    return row
  })
  return { rows, summary: counter.summary(verdicts, plan.mappingErrors) }
}
