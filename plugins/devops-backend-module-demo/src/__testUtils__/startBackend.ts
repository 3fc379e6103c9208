import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// Tests only: the module is tested with the plugin it extends; its own code
// reaches the plugin through the extension point in plugin-devops-node.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import devopsPlugin from '@backstage-devops/plugin-devops-backend';
import { readFileSync } from 'fs';
import type { Knex } from 'knex';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import demoModule from '../index';

export const userAuth = () => mockCredentials.user.header();

/** The example catalog that `npm start` loads, from examples/entities.yaml. */
export function exampleEntities(): Entity[] {
  return parseAllDocuments(
    readFileSync(join(__dirname, '../../../../examples/entities.yaml'), 'utf8'),
  )
    .map(d => d.toJSON())
    .filter(Boolean);
}

/**
 * The devops plugin, with the demo module unless `demo` is false, in a test
 * backend with an in-memory catalog of `entities`. Scheduled tasks, the demo
 * seeder among them, run once before this resolves.
 */
export async function startBackend(options: {
  entities: Entity[];
  demo?: boolean;
  config?: object;
  /** A database from TestDatabases; in-memory SQLite otherwise. */
  knex?: Knex;
}) {
  const features: BackendFeature[] = [
    devopsPlugin,
    mockServices.scheduler.factory({
      includeInitialDelayedTasksOnStartup: true,
    }),
    catalogServiceMock.factory({ entities: options.entities }),
    mockServices.rootConfig.factory({
      data: options.config ?? { devops: { health: { enabled: false } } },
    }),
    ...(options.knex
      ? [mockServices.database.factory({ knex: options.knex })]
      : []),
  ];
  if (options.demo !== false) {
    features.push(demoModule);
  }
  const { server } = await startTestBackend({ features });
  return server;
}
