#!/usr/bin/env bash
# `npm test`: everything CI checks, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts

step() { printf '\n=== %s\n' "$1"; }

step "typecheck (main + preload, renderer, tests)"
npm run -s typecheck
step "lint"
npm run -s lint
step "electronegativity"
npm run -s electronegativity
step "build"
npm run -s build

step "vitest + playwright inside a private keychain session"
status=0
bash scripts/with-keychain.sh bash -c '
  export SURVEY_DESK_TEST_KEYCHAIN=1
  s=0
  npx vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json || s=$?
  PLAYWRIGHT_JSON_OUTPUT_NAME=artifacts/playwright.json npx playwright test --reporter=list,json || s=$?
  exit $s
' || status=$?

step "summary"
node scripts/test-summary.mjs artifacts/vitest.json artifacts/playwright.json || status=1
exit $status
