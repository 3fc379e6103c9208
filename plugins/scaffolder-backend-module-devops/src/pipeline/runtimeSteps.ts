import type { Runtime } from '../dockerfile/runtimes';
import { FLYWAY_IMAGE } from '../migrations/flywayScaffold';
import type { MigrationTool } from '../migrations/migrationTools';

/** Shell commands for each pipeline stage, per runtime. */
export interface RuntimeCommands {
  install: string;
  lint: string;
  /** Runs the tests and fails under the coverage gate (percent of lines). */
  test: (coverage: number) => string;
  audit: string;
}

export const RUNTIME_COMMANDS: Record<Runtime, RuntimeCommands> = {
  node: {
    install: 'npm ci',
    lint: 'npm run lint',
    test: coverage =>
      `npm test -- --experimental-test-coverage --test-coverage-lines=${coverage}`,
    audit: 'npm audit --audit-level=high',
  },
  python: {
    install: 'pip install -r requirements.txt -r requirements-dev.txt',
    lint: 'ruff check .',
    test: coverage => `pytest --cov=app --cov-fail-under=${coverage}`,
    audit: 'pip-audit -r requirements.txt',
  },
  go: {
    install: 'go mod download',
    lint: 'go vet ./...',
    test: coverage =>
      `go test -race -coverprofile=coverage.out ./... && go tool cover -func=coverage.out | awk -v min=${coverage} '/^total:/ { sub("%", "", $3); if ($3 + 0 < min) { print "coverage " $3 "% is under " min "%"; exit 1 } }'`,
    audit: 'go run golang.org/x/vuln/cmd/govulncheck@v1.1.3 ./...',
  },
  java: {
    install: './mvnw -B -q dependency:go-offline',
    lint: './mvnw -B -q spotless:check',
    test: coverage =>
      `./mvnw -B verify -Djacoco.minimum.coverage=${(coverage / 100).toFixed(
        2,
      )}`,
    // Pinned, and with an NVD API key: without one the NVD download is
    // throttled until the job times out.
    audit:
      './mvnw -B -q org.owasp:dependency-check-maven:11.1.1:check -DfailBuildOnCVSS=7 -DnvdApiKey="$NVD_API_KEY"',
  },
};

/** GitHub Actions setup step per runtime, pinned to major versions. */
export const GITHUB_SETUP: Record<
  Runtime,
  { uses: string; with: Record<string, string> }
> = {
  node: {
    uses: 'actions/setup-node@v4',
    with: { 'node-version': '22', cache: 'npm' },
  },
  python: {
    uses: 'actions/setup-python@v5',
    with: { 'python-version': '3.12', cache: 'pip' },
  },
  go: { uses: 'actions/setup-go@v5', with: { 'go-version': '1.23' } },
  java: {
    uses: 'actions/setup-java@v4',
    with: { distribution: 'temurin', 'java-version': '21', cache: 'maven' },
  },
};

/** Container image for GitLab jobs per runtime. */
export const GITLAB_IMAGE: Record<Runtime, string> = {
  node: 'node:22.12.0-bookworm-slim',
  python: 'python:3.12.8-slim-bookworm',
  go: 'golang:1.23.4-bookworm',
  java: 'eclipse-temurin:21.0.5_11-jdk',
};

/**
 * Tools whose runner needs the language on the CI machine; Flyway runs from
 * its own image (GitHub's runners have Docker).
 */
export const MIGRATION_NEEDS_RUNTIME: Record<MigrationTool, boolean> = {
  knex: true,
  alembic: true,
  flyway: false,
};

/** GitLab job image that runs each tool's migrations. */
export const GITLAB_MIGRATION_IMAGE: Record<
  MigrationTool,
  string | { name: string; entrypoint: string[] }
> = {
  knex: GITLAB_IMAGE.node,
  alembic: GITLAB_IMAGE.python,
  flyway: { name: FLYWAY_IMAGE, entrypoint: [''] },
};

/** What the migration jobs' Debian-based images lack for the report script. */
export const GITLAB_MIGRATION_PREPARE =
  'apt-get update -qq && apt-get install -y -qq --no-install-recommends curl jq';
