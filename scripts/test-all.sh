#!/usr/bin/env bash
# The whole test suite, as the README's second command runs it: type check,
# lint, formatting, every package's tests (store tests on SQLite and, when it
# answers, PostgreSQL) and the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh

# TestDatabases: use the machine's PostgreSQL instead of Docker.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432
fi
# CI insists on PostgreSQL, so store tests can never quietly run on SQLite only.
if [ -n "${DEVOPS_REQUIRE_POSTGRES:-}" ] && [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  echo "PostgreSQL is required (DEVOPS_REQUIRE_POSTGRES) but none answers on 127.0.0.1:5432" >&2
  exit 1
fi
rm -rf test-results
mkdir -p test-results
trap 'node scripts/report-tests.js' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "Type check"
npm run tsc

# The DevOps API's types are generated from its OpenAPI spec and committed:
# a spec change needs `npm run openapi:generate` and the regenerated file.
step "API contract (generated types match the OpenAPI spec)"
npm run openapi:generate -- --check

# Each published package's report.api.md (API Extractor) must match what it
# exports, every export documented and release-tagged, and templates-test's
# cli-report.md its --help: a changed public API needs its reports
# regenerated with `npm run api-reports` and committed. The script compiles
# once more without --incremental, so every declaration file is there, and
# turns off ae-wrong-input-file-type: inside the workspace our packages'
# types point at their sources, as in Backstage's own repositories.
step "API reports"
npm run api-reports -- --ci

step "Lint"
npx backstage-cli repo lint

step "Formatting"
npx prettier --check .

step "Unit and integration tests"
CI=true npx backstage-cli repo test --json --outputFile=test-results/jest.json

step "Templates test (every template rendered through the scaffolder's dry-run, every matrix combination, output validated)"
npm run templates:test

# The adopter's path: every published package packed, installed from its
# tarball into a fresh app outside the repository (registry packages for the
# rest), one copy of catalog-react and scaffolder-node, the READMEs' imports
# type-checked, the app's backend started once.
step "Pack and install (published packages in a throwaway app)"
npm run pack-and-install

step "End-to-end tests (headless Chromium)"
CI=true npx playwright test
