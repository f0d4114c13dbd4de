import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { CsvFormatError, suggestMapping, validateFileInWorker, type ReadProgress, type ValidatedRow } from '../../src/main/sends/read'
import { GENERATED_HEADERS, writeGeneratedSendFile } from '../fixtures/csv/generate-send-file'
import { makeTempDir } from '../support/temp-dir'

const mapping = {
  provider: 'customersure' as const,
  fields: { ...suggestMapping('customersure', GENERATED_HEADERS).fields, survey_id: { constant: '1484' }, email_template_id: { constant: '10' } }
}
const options = { mapping, defaultCountry: 'BE', timeZone: 'Europe/Brussels', now: '2026-11-22T12:00:00Z' }

describe('send-file worker thread', () => {
  let temp: ReturnType<typeof makeTempDir>
  beforeEach(() => (temp = makeTempDir('sends-read-worker-')))
  afterEach(() => temp.cleanup())

  it('streams progress for both passes and every row in file order, then the summary', async () => {
    const path = join(temp.dir, 'sends.csv')
    const bytes = await writeGeneratedSendFile(path, 5000)
    const progress: ReadProgress[] = []
    const rows: ValidatedRow[] = []
    const result = await validateFileInWorker({ path, options, known: { surveys: new Set(['1484']) } }, { onProgress: (p) => progress.push(p), onRows: (b) => rows.push(...b) })

    expect(result.summary).toMatchObject({ rows: 5000, valid: 5000, invalid: 0, duplicate: 0 })
    expect(result.sniff).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ';', fileBytes: bytes })
    expect(rows).toHaveLength(5000)
    // Rows start on line 2; a generated comment with a line break inside quotes makes later rows start one line further down.
    expect(rows[0]!.rowNumber).toBe(2)
    expect(rows.every((r, i) => i === 0 || r.rowNumber > rows[i - 1]!.rowNumber)).toBe(true)
    expect(rows[0]!.send).toMatchObject({ provider: 'customersure', email: 'klant0@voorbeeld.be', survey_id: '1484', data: [{ key: 'staff_code', value: 'agent0' }, { key: 'site_code', value: 'Gent' }] })
    expect(progress.some((p) => p.phase === 'scan')).toBe(true)
    const last = progress.at(-1)!
    expect(last).toMatchObject({ phase: 'validate', bytes, totalBytes: bytes, rows: 5000 })
    expect(last.peakHeapMb).toBeGreaterThan(0)
  })

  it('waits for a slow consumer: rows in order, one batch at a time, the result only after the last', async () => {
    const path = join(temp.dir, 'slow.csv')
    await writeGeneratedSendFile(path, 3000)
    const seen: number[] = []
    let busy = false
    let overlapped = false
    let lastDone = false
    const result = await validateFileInWorker(
      { path, options },
      {
        onRows: async (batch) => {
          overlapped ||= busy
          busy = true
          await new Promise<void>((resolve) => setImmediate(resolve))
          seen.push(...batch.map((r) => r.rowNumber))
          busy = false
          lastDone = seen.length === 3000
        }
      }
    )
    expect(lastDone).toBe(true)
    expect(overlapped).toBe(false)
    expect(result.summary.rows).toBe(3000)
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1]!)).toBe(true)
  })

  it('brings a CSV error across the thread with its line and byte', async () => {
    const path = join(__dirname, '..', 'fixtures', 'csv', 'unterminated-quote.csv')
    const err = await validateFileInWorker({ path, options: { ...options, mapping: { provider: 'feedbackapi', fields: { email: { column: 0, header: 'email' }, location: { constant: 'L' }, template: { constant: 'T' } } } } }).then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(CsvFormatError)
    expect(err).toMatchObject({ line: 3, code: 'validation' })
  })

  it('brings bad options across as a validation error naming the option', async () => {
    const path = join(temp.dir, 'small.csv')
    await writeGeneratedSendFile(path, 10)
    const err = await validateFileInWorker({ path, options: { ...options, timeZone: 'Nowhere/Land' } }).then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).details[0]).toMatchObject({ field: 'timeZone' })
  })

  it('stops when cancelled', async () => {
    const path = join(temp.dir, 'big.csv')
    await writeGeneratedSendFile(path, 50_000)
    const controller = new AbortController()
    let rowsSeen = 0
    const run = validateFileInWorker(
      { path, options },
      {
        signal: controller.signal,
        onProgress: () => controller.abort(),
        onRows: (b) => (rowsSeen += b.length)
      }
    )
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(rowsSeen).toBeLessThan(50_000)
  })
})
