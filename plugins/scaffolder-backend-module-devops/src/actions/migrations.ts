import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RUNTIMES } from '../dockerfile/runtimes';
import { migrationScaffold } from '../migrations/migrationScaffold';
import {
  MIGRATE_COMMAND,
  MIGRATION_DATABASES,
} from '../migrations/migrationTools';
import { examples } from './migrations.examples';
import { writeFiles } from './writeFiles';
import { SERVICE_NAME } from './inputPatterns';

/**
 * Writes a database migration setup with the runtime's usual tool (knex,
 * Alembic or Flyway), a first migration, and `.devops/migrate.sh`: the
 * runner the generated pipelines call before each deploy. It applies each
 * migration in its own transaction, has status, dry-run and rollback modes,
 * and writes the report `.devops/report-migrations.sh` sends to Backstage.
 *
 * @public
 */
export function createMigrationsAction() {
  return createTemplateAction({
    id: 'devops:migrations:generate',
    description:
      'Writes database migrations (knex, Alembic or Flyway by runtime), a first migration and the .devops/migrate.sh runner the pipeline calls',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        service: z =>
          z
            .string()
            .regex(SERVICE_NAME.pattern, SERVICE_NAME.message)
            .max(50)
            .describe('Name of the service'),
        runtime: z =>
          z
            .enum(RUNTIMES)
            .describe(
              'The service runtime: node uses knex, python Alembic, go and java Flyway',
            ),
        database: z =>
          z
            .enum(MIGRATION_DATABASES)
            .default('postgres')
            .describe('The database the migrations run against'),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Directory in the workspace to write to'),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace'),
        tool: z =>
          z
            .enum(['knex', 'alembic', 'flyway'])
            .describe('The migration tool, as reported to Backstage'),
        command: z =>
          z
            .string()
            .describe('The command that runs the migrations, from the root'),
      },
    },
    async handler(ctx) {
      const { tool, files } = migrationScaffold({
        service: ctx.input.service,
        runtime: ctx.input.runtime,
        database: ctx.input.database ?? 'postgres',
      });
      ctx.output(
        'files',
        await writeFiles(ctx.workspacePath, ctx.input.targetPath ?? '.', files),
      );
      ctx.output('tool', tool);
      ctx.output('command', MIGRATE_COMMAND);
    },
  });
}
