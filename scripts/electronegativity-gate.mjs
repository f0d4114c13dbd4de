#!/usr/bin/env node
// Security gate: runs @doyensec/electronegativity over src/ and fails on any MEDIUM or HIGH finding
// (the tool's levels are INFORMATIONAL < LOW < MEDIUM < HIGH; CRITICAL is gated too should it ever
// appear) that is not justified in place by a comment on the finding's line or the line above:
//
//   // electronegativity-justified <CHECK_ID>: <the real reason this is not a problem>
//
// The tool itself always exits 0, and with `-o` it drops files it could not parse without a word, so
// the gate runs the tool's own runner (what its CLI calls) in a child process, which writes every
// finding and every parse error to a JSON results file; the gate parses that file. A crash, a missing
// results file or an unparsed source file fails the gate: an unscanned file is not a clean file.
//
// Usage: node scripts/electronegativity-gate.mjs [dir ...]   (default: src)

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

const GATED = new Set(['MEDIUM', 'HIGH', 'CRITICAL'])
const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']
const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|html?)$/i

function fail(message) {
  console.error(`\nelectronegativity gate: FAILED\n${message}`)
  process.exit(1)
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

function listSourceFiles(dir) {
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listSourceFiles(full))
    else if (SOURCE_EXTENSIONS.test(entry.name)) out.push(full)
  }
  return out
}

// The child: the tool's runner, results written as plain JSON (severity objects hold functions).
const CHILD = `
const fs = require('node:fs')
const run = require(process.env.EN_RUNNER)
const opts = JSON.parse(process.env.EN_OPTIONS)
run({ customScan: [], excludeFromScan: [], isRelative: false, isVerbose: false, parserPlugins: [], ...opts }, false)
  .then((r) => {
    const issues = r.issues.map((i) => ({
      id: i.id,
      severity: i.severity && i.severity.name,
      confidence: i.confidence && i.confidence.name,
      file: i.file,
      line: i.location ? i.location.line : null,
      column: i.location ? i.location.column : null,
      sample: i.sample,
      description: i.description,
      manualReview: Boolean(i.manualReview)
    }))
    fs.writeFileSync(process.env.EN_RESULTS, JSON.stringify({ checks: r.globalChecks + r.atomicChecks, errors: r.errors, issues }, null, 2))
  })
  .catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(2) })
`

function runTool(input, resultsFile) {
  let runner
  try {
    runner = require.resolve('@doyensec/electronegativity')
  } catch {
    fail('@doyensec/electronegativity is not installed (run npm install).')
  }
  const version = electronVersion()
  const options = { input, ...(version ? { electronVersionOverride: version } : {}) }
  const child = spawnSync(process.execPath, ['-e', CHILD], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, EN_RUNNER: runner, EN_OPTIONS: JSON.stringify(options), EN_RESULTS: resultsFile },
    timeout: 10 * 60 * 1000
  })
  // The tool prints a line when it cannot fetch translations; that is noise, not a finding.
  const noise = /^Could not retrieve updated translations/
  const out = `${child.stdout ?? ''}${child.stderr ?? ''}`.split('\n').filter((l) => l.trim() && !noise.test(l)).join('\n')
  if (child.error || child.status !== 0) {
    fail(`electronegativity crashed on ${input} (${child.error ? child.error.message : `exit ${child.status ?? child.signal}`}):\n${out}`)
  }
  if (!existsSync(resultsFile)) fail(`electronegativity wrote no results for ${input}.\n${out}`)
  let results
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'))
  } catch (e) {
    fail(`electronegativity's results file could not be read: ${e.message}`)
  }
  if (!results || !Array.isArray(results.issues) || !Array.isArray(results.errors) || !(results.checks > 0)) {
    fail(`electronegativity produced unexpected results (no checks ran?): ${JSON.stringify(results).slice(0, 500)}`)
  }
  return { ...results, log: out }
}

const fileCache = new Map()
function sourceLines(file) {
  if (!fileCache.has(file)) {
    try {
      fileCache.set(file, readFileSync(file, 'utf8').split(/\r?\n/))
    } catch {
      fileCache.set(file, null)
    }
  }
  return fileCache.get(file)
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The reason given on the finding's line or the line above, or null. */
function justification(issue) {
  if (!issue.file || issue.file === 'N/A' || !Number.isInteger(issue.line) || issue.line < 1) return null
  const lines = sourceLines(issue.file)
  if (!lines) return null
  const re = new RegExp(`electronegativity-justified\\s+${escapeRegExp(issue.id)}\\s*:\\s*(.*?)\\s*(?:\\*/|-->|\\}\\s*)?$`)
  for (const index of [issue.line - 1, issue.line - 2]) {
    const m = index >= 0 ? re.exec(lines[index] ?? '') : null
    const reason = m?.[1]?.trim()
    if (reason && reason.length >= 10) return reason
  }
  return null
}

function where(issue) {
  const file = issue.file && issue.file !== 'N/A' ? relative(root, issue.file) : '(project-wide)'
  return Number.isInteger(issue.line) ? `${file}:${issue.line}:${issue.column ?? 0}` : file
}

function main() {
  const args = process.argv.slice(2)
  const inputs = (args.length > 0 ? args : ['src']).map((a) => resolve(root, a))
  for (const input of inputs) if (!existsSync(input) || !statSync(input).isDirectory()) fail(`No such folder: ${input}`)

  // The tool's own inline switch (`eng-disable`) hides a finding before anyone sees it; here every
  // exception must be a visible, reasoned justification instead.
  const hidden = []
  for (const input of inputs) {
    for (const file of listSourceFiles(input)) {
      readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .forEach((line, i) => {
          if (/\beng-disable\b/.test(line)) hidden.push(`${relative(root, file)}:${i + 1}`)
        })
    }
  }

  const temp = mkdtempSync(join(tmpdir(), 'survey-desk-electronegativity-'))
  const all = []
  const parseErrors = []
  const tolerable = []
  let checks = 0
  try {
    inputs.forEach((input, n) => {
      const r = runTool(input, join(temp, `results-${n}.json`))
      checks = Math.max(checks, r.checks)
      all.push(...r.issues)
      for (const e of r.errors) (e.tolerable ? tolerable : parseErrors).push(`${relative(root, e.file)}: ${e.message}`)
    })
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }

  const counts = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0]))
  const failing = []
  const justified = []
  const below = []
  for (const issue of all) {
    counts[issue.severity] = (counts[issue.severity] ?? 0) + 1
    if (!GATED.has(issue.severity)) {
      below.push(issue)
      continue
    }
    const reason = justification(issue)
    if (reason) justified.push({ issue, reason })
    else failing.push(issue)
  }

  console.log(`electronegativity gate: ${checks} checks over ${inputs.map((i) => relative(root, i) || '.').join(', ')}`)
  console.log(`findings by severity: ${SEVERITY_ORDER.map((s) => `${s} ${counts[s] ?? 0}`).join(', ')}`)
  if (below.length > 0) {
    console.log(`\nbelow the gate (LOW / INFORMATIONAL; review, not blocking):`)
    for (const i of below) console.log(`  ${i.severity.padEnd(13)} ${i.id}  ${where(i)}${i.manualReview ? '  (manual review)' : ''}`)
  }
  if (justified.length > 0) {
    console.log(`\njustified in place:`)
    for (const { issue, reason } of justified) console.log(`  ${issue.severity.padEnd(13)} ${issue.id}  ${where(issue)}\n      reason: ${reason}`)
  }
  for (const t of tolerable) console.log(`parse warning (file still scanned): ${t}`)

  const problems = []
  if (parseErrors.length > 0) problems.push(`files electronegativity could not parse (so they were not checked):\n${parseErrors.map((e) => `  ${e}`).join('\n')}`)
  if (hidden.length > 0) problems.push(`"eng-disable" comments hide findings from the gate; use "// electronegativity-justified <CHECK_ID>: <reason>" instead:\n${hidden.map((h) => `  ${h}`).join('\n')}`)
  if (failing.length > 0) {
    problems.push(
      `unjustified findings of severity ${[...GATED].join('/')}:\n` +
        failing.map((i) => `  ${i.severity.padEnd(8)} ${i.id}  ${where(i)}\n      ${(i.sample ?? '').slice(0, 160)}\n      ${i.description ?? ''}`).join('\n') +
        `\nFix them, or if one is a false positive add on its line or the line above:\n  // electronegativity-justified <CHECK_ID>: <why it is not a problem>`
    )
  }
  if (problems.length > 0) fail(problems.join('\n\n'))
  console.log('\nelectronegativity gate: passed')
}

main()
