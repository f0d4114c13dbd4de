import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { suggestMapping, validateFileInWorker, type ReadProgress } from '../../src/main/sends/read'
import { GENERATED_HEADERS, writeGeneratedSendFile } from '../fixtures/csv/generate-send-file'
import { makeTempDir } from '../support/temp-dir'

/*
 * A 100 MB send file through the worker thread, as the wizard reads it: every row arrives, and the
 * reading thread's heap stays bounded (the worker's own figures, not timing), which shows the file
 * is streamed rather than loaded whole.
 */

const TARGET_BYTES = 100 * 1024 * 1024
const BYTES_PER_ROW = 152 // measured for generatedRow(); the file is written to at least TARGET_BYTES
const ROWS = Math.ceil(TARGET_BYTES / BYTES_PER_ROW) + 10_000

describe('a 100 MB send file', () => {
  let temp: ReturnType<typeof makeTempDir>
  let path: string
  beforeAll(async () => {
    temp = makeTempDir('sends-read-100mb-')
    path = join(temp.dir, 'large.csv')
    await writeGeneratedSendFile(path, ROWS)
  }, 300_000)
  afterAll(() => temp?.cleanup())

  it('is read and validated row by row with bounded memory', { timeout: 600_000 }, async () => {
    const size = statSync(path).size
    expect(size).toBeGreaterThanOrEqual(TARGET_BYTES)
    const fields = { ...suggestMapping('customersure', GENERATED_HEADERS).fields, survey_id: { constant: '1484' }, email_template_id: { constant: '10' } }
    let rows = 0
    let valid = 0
    let lastProgress: ReadProgress | undefined
    const result = await validateFileInWorker(
      { path, options: { mapping: { provider: 'customersure', fields }, defaultCountry: 'BE', timeZone: 'Europe/Brussels', now: '2026-11-22T12:00:00Z' } },
      {
        onRows: (batch) => {
          rows += batch.length
          for (const r of batch) if (r.status === 'valid') valid++
        },
        onProgress: (p) => (lastProgress = p)
      }
    )
    expect(rows).toBe(ROWS)
    expect(valid).toBe(ROWS)
    expect(result.summary).toMatchObject({ rows: ROWS, valid: ROWS, invalid: 0, duplicate: 0 })
    expect(lastProgress).toMatchObject({ phase: 'validate', bytes: size, totalBytes: size, rows: ROWS })
    // The worker runs under a 256 MB heap ceiling: holding the file's text (200 MB as strings) or its
    // rows would end it with "too many rows"; only the duplicate index (a key per recipient) grows.
    expect(result.peakHeapMb).toBeLessThan(256)
    console.log(`100 MB file: ${ROWS} rows, worker peak heap ${Math.round(result.peakHeapMb)} MB`)
  })
})
