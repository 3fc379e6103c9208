import type { Runtime } from '../dockerfile/runtimes';

/** Databases the migration scaffolds connect to. */
export const MIGRATION_DATABASES = ['postgres', 'mysql'] as const;
export type MigrationDatabase = (typeof MIGRATION_DATABASES)[number];

/** The migration tool each runtime's scaffold uses, as reported to the API. */
export const MIGRATION_TOOL = {
  node: 'knex',
  python: 'alembic',
  go: 'flyway',
  java: 'flyway',
} as const satisfies Record<Runtime, string>;
export type MigrationTool = (typeof MIGRATION_TOOL)[Runtime];

/**
 * The one entry point every pipeline calls, whatever the tool:
 * `.devops/migrate.sh [up|status|rollback] [--dry-run] [--report <file>]`.
 */
export const MIGRATE_COMMAND = '.devops/migrate.sh';

/** Where the runner's dependencies and helpers live in the service repo. */
export const RUNNER_DIR = '.devops/migrate';

/**
 * Shared top of every generated `migrate.sh`: argument parsing that is the
 * same for every tool, so the pipelines never need to know which one runs.
 */
export const MIGRATE_USAGE = `# Usage: migrate.sh [up|status|rollback] [--dry-run] [--report <file>]
#   up        apply pending migrations, each in its own transaction (default)
#   status    list applied and pending migrations, change nothing
#   rollback  undo the most recent migration
#   --dry-run show what would run, change nothing
#   --report  write the JSON list report-migrations.sh sends to Backstage:
#             [{"id": "...", "status": "applied|pending|failed|rolled_back", ...}]
# Reads the database from DATABASE_URL (scheme://user:password@host:port/db).`;
