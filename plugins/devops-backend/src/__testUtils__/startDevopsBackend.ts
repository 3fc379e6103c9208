import type {
  BackendFeature,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import { devopsPlugin } from '../plugin';

export const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

export const ledgerWorker: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger-worker',
    annotations: { 'devops/environments': 'qa,staging,production' },
  },
  spec: { type: 'worker', owner: 'payments', lifecycle: 'production' },
};

export const serviceAuth = () => mockCredentials.service.header();
export const userAuth = () => mockCredentials.user.header();

/**
 * The devops plugin in a test backend with an in-memory catalog of the two
 * entities above, an in-memory SQLite database and a permission policy that
 * answers `permission` to everything.
 */
export async function startDevopsBackend(
  options: {
    config?: object;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    entities?: Entity[];
    /** A database from TestDatabases; in-memory SQLite otherwise. */
    knex?: Knex;
    /** A permissions service in place of the one answering `permission`. */
    permissions?: ServiceFactory;
    /** More features, such as modules of the devops plugin. */
    features?: BackendFeature[];
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      devopsPlugin,
      // Runs every scheduled task once, before the backend reports started.
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      catalogServiceMock.factory({
        entities: options.entities ?? [paymentsApi, ledgerWorker],
      }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      options.permissions ??
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
      ...(options.features ?? []),
    ],
  });
  return server;
}
