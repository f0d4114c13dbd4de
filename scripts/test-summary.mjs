// Adds up vitest's and Playwright's JSON reports into one closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs'

const [vitestFile, playwrightFile] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
let missing = false

if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + v.numTodoTests
  console.log(`vitest:     ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped (${v.numFailedTestSuites} failing files)`)
  if (v.numFailedTestSuites > 0 && v.numFailedTests === 0) failed += v.numFailedTestSuites
} else {
  console.log('vitest:     no report (did it run?)')
  missing = true
}

if (playwrightFile && existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, 'utf8'))
  const s = p.stats
  passed += s.expected + s.flaky
  failed += s.unexpected
  skipped += s.skipped
  console.log(`playwright: ${s.expected} passed, ${s.unexpected} failed, ${s.flaky} flaky, ${s.skipped} skipped`)
  if (p.errors?.length) {
    failed += p.errors.length
    console.log(`playwright: ${p.errors.length} errors outside tests`)
  }
} else {
  console.log('playwright: no report (did it run?)')
  missing = true
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing || passed === 0 ? 1 : 0)
