import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

export const migrationsDir = resolvePackagePath(
  '@backstage-devops/plugin-devops-backend',
  'migrations',
);

/** Brings the plugin's tables up to date. */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}
