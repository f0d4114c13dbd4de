/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so one bench's memory and
 * event-loop figures are not another's), one after the other, and prints what each measured.
 * Benchmarks print figures; they do not pass or fail. BENCH_ROWS scales the workloads
 * (default 1,000,000 as in the targets).
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = __dirname
const only = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

if (files.length === 0) {
  console.error(only.length ? `No bench matches ${only.join(', ')}` : 'No benchmarks found in bench/')
  process.exit(2)
}

console.log(`Survey Desk benchmarks on ${process.platform}/${process.arch}, Node ${process.versions.node}, BENCH_ROWS=${process.env.BENCH_ROWS ?? 'default'}`)
let failed = 0
for (const file of files) {
  console.log(`\n=== ${file}`)
  const started = Date.now()
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], { stdio: 'inherit', env: process.env })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    failed++
    console.log(`--- ${file} did not finish (exit ${r.status ?? r.signal}) after ${secs} s`)
  } else console.log(`--- ${file} took ${secs} s`)
}
process.exit(failed ? 1 : 0)
