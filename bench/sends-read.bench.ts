import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { suggestMapping, validateFileInWorker, type MappingSource, type SendProvider } from '../src/main/sends/read'
import { GENERATED_HEADERS, writeGeneratedSendFile } from '../test/fixtures/csv/generate-send-file'
import { benchRows, fmt, peakRssMb, stallMonitor } from './bench-support'

/**
 * Read + validate of a send file (issue 6, item 11): a generated 100,000-row, ~15 MB semicolon CSV
 * (BOM, quoted multi-line comments, phones in every format, day-first dates) read and validated on
 * the sends-read worker thread exactly as the wizard does it, rows streamed back to main in batches.
 * Two mappings: a CustomerSure email send (the everyday case) and a FeedbackAPI send where every
 * row's email and mobile number are validated. Prints rows/s, the worker's peak heap, the process's
 * peak RSS and main's longest event-loop stall. Targets: >= 50,000 rows/s, < 300 MB, no stall > 50 ms.
 * BENCH_ROWS below 100,000 shrinks the file (for a quick try).
 */

const CASES: Array<{ label: string; provider: SendProvider; constants: Record<string, string> }> = [
  { label: 'CustomerSure email send', provider: 'customersure', constants: { survey_id: '1484', email_template_id: '10' } },
  { label: 'FeedbackAPI email + mobile', provider: 'feedbackapi', constants: { location: 'L1', template: 'T1' } }
]

interface Figures {
  secs: number
  /** Thread start (loading the code; under tsx also compiling it) until the first chunk is read. */
  startSecs: number
  /** Process CPU (all threads) for the whole run, and from the first chunk on. */
  cpuSecs: number
  cpuAfterStartSecs: number
  mainBusy: number
  stallMs: number
  peakHeapMb: number
}

async function runCase(path: string, rows: number, c: (typeof CASES)[number]): Promise<Figures> {
  const fields: Record<string, MappingSource> = { ...suggestMapping(c.provider, GENERATED_HEADERS).fields }
  for (const [f, constant] of Object.entries(c.constants)) fields[f] = { constant }
  const stall = stallMonitor()
  let received = 0
  let firstProgress = 0
  let cpuAtFirstProgress: NodeJS.CpuUsage | undefined
  const cpu0 = process.cpuUsage()
  const elu0 = performance.eventLoopUtilization()
  const started = performance.now()
  const onProgress = (): void => {
    if (firstProgress) return
    firstProgress = performance.now()
    cpuAtFirstProgress = process.cpuUsage()
  }
  const result = await validateFileInWorker(
    { path, options: { mapping: { provider: c.provider, fields }, defaultCountry: 'BE', timeZone: 'Europe/Brussels' } },
    { onRows: (batch) => (received += batch.length), onProgress }
  )
  const secs = (performance.now() - started) / 1000
  stall.histogram.disable()
  const cpuSecs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6
  const s = result.summary
  if (received !== rows || s.valid !== rows) throw new Error(`expected ${rows} valid rows, got ${received} rows (${s.valid} valid, ${s.invalid} invalid, ${s.duplicate} duplicate)`)
  return {
    secs,
    startSecs: (firstProgress - started) / 1000,
    cpuSecs: cpuSecs(process.cpuUsage(cpu0)),
    cpuAfterStartSecs: cpuSecs(process.cpuUsage(cpuAtFirstProgress)),
    mainBusy: performance.eventLoopUtilization(elu0).utilization,
    stallMs: stall.maxMs(),
    peakHeapMb: result.peakHeapMb
  }
}

async function main(): Promise<void> {
  const rows = Math.min(benchRows(), 100_000)
  const dir = mkdtempSync(join(tmpdir(), 'survey-desk-bench-sends-'))
  try {
    const path = join(dir, 'sends.csv')
    const bytes = await writeGeneratedSendFile(path, rows)
    console.log(`sends-read: ${fmt(rows)} rows, ${(bytes / 1_048_576).toFixed(1)} MB, read twice (date columns and duplicates, then rows)`)
    for (const c of CASES) {
      const f = await runCase(path, rows, c)
      console.log(`${c.label}:`)
      console.log(`  ${fmt(rows / f.secs)} rows/s (${f.secs.toFixed(2)} s), ${fmt(rows / (f.secs - f.startSecs))} rows/s after the ${f.startSecs.toFixed(2)} s thread start`)
      console.log(`  ${fmt(rows / f.cpuSecs)} rows per CPU-second of all threads (${f.cpuSecs.toFixed(2)} s), ${fmt(rows / f.cpuAfterStartSecs)} after the thread start (not distorted by a busy machine)`)
      console.log(`  worker peak heap ${Math.round(f.peakHeapMb)} MB, process peak RSS ${peakRssMb()} MB`)
      console.log(`  main thread: longest event-loop stall ${f.stallMs.toFixed(1)} ms, busy ${(f.mainBusy * 100).toFixed(1)} % of the time`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
