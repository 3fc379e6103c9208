import type { Runtime } from '../dockerfile/runtimes';
import { alembicScaffold } from './alembicScaffold';
import { flywayScaffold } from './flywayScaffold';
import { knexScaffold } from './knexScaffold';
import {
  MIGRATION_TOOL,
  MigrationDatabase,
  MigrationTool,
} from './migrationTools';

export interface MigrationScaffold {
  tool: MigrationTool;
  /** Files by path relative to the service's root. */
  files: Record<string, string>;
}

/**
 * The migration setup of a service: the tool its runtime uses, a first
 * migration, and `.devops/migrate.sh`, the one command the pipelines run.
 */
export function migrationScaffold(options: {
  service: string;
  runtime: Runtime;
  database: MigrationDatabase;
}): MigrationScaffold {
  const tool = MIGRATION_TOOL[options.runtime];
  switch (tool) {
    case 'knex':
      return { tool, files: knexScaffold(options.service, options.database) };
    case 'alembic':
      return { tool, files: alembicScaffold(options.database) };
    case 'flyway':
      return { tool, files: flywayScaffold(options.database) };
    default:
      throw new Error(`No migration scaffold for ${options.runtime}`);
  }
}
