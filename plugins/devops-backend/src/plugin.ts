import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_DEVOPS_ENVIRONMENTS,
  devopsPermissions,
  parseEnvironmentList,
} from '@backstage-devops/plugin-devops-common';
import {
  ReadinessCheck,
  devopsReadinessChecksExtensionPoint,
} from '@backstage-devops/plugin-devops-node';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { DatabaseMigrationStore } from './database/DatabaseMigrationStore';
import { DatabaseSummaryReader } from './database/DatabaseSummaryReader';
import { migrateDatabase } from './database/migrateDatabase';
import { DemoDataSeeder } from './demo/DemoDataSeeder';
import { EntityEnvironments } from './service/EntityEnvironments';
import { createRouter } from './service/router';

/**
 * The DevOps backend plugin: keeps deployments, migrations, health and alerts
 * per catalog entity and serves them under `/api/devops`.
 *
 * @public
 */
export const devopsPlugin = createBackendPlugin({
  pluginId: 'devops',
  register(env) {
    const readinessChecks: ReadinessCheck[] = [];
    env.registerExtensionPoint(devopsReadinessChecksExtensionPoint, {
      addReadinessChecks(...checks) {
        readinessChecks.push(...checks);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, database } = deps;
        const configured = config.getOptionalStringArray('devops.environments');
        const environments = configured
          ? parseEnvironmentList(configured.join(','))
          : [...DEFAULT_DEVOPS_ENVIRONMENTS];

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        const deployments = new DatabaseDeploymentStore(knex);
        const migrations = new DatabaseMigrationStore(knex);
        const entities = new EntityEnvironments({
          catalog: deps.catalog,
          auth: deps.auth,
          configured: environments,
        });

        deps.permissionsRegistry.addPermissions(devopsPermissions);

        deps.httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            deployments,
            migrations,
            summaries: new DatabaseSummaryReader(knex, deployments, migrations),
            entities,
            requireCatalogEntity:
              config.getOptionalBoolean(
                'devops.ingestion.requireCatalogEntity',
              ) ?? true,
          }),
        );

        if (config.getOptionalBoolean('devops.demoData.enabled')) {
          await new DemoDataSeeder({
            logger,
            catalog: deps.catalog,
            auth: deps.auth,
            deployments,
            migrations,
            entities,
          }).schedule(deps.scheduler);
        }
      },
    });
  },
});
