import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { devopsPermissions } from '@backstage-devops/plugin-devops-common';
import {
  DevopsStartupTask,
  ReadinessCheck,
  devopsReadinessChecksExtensionPoint,
  devopsStartupTasksExtensionPoint,
} from '@backstage-devops/plugin-devops-node';
import { AlertmanagerSync } from './alerts/AlertmanagerSync';
import { AlertService } from './alerts/AlertService';
import { CachedAlertStore } from './alerts/CachedAlertStore';
import { DatabaseAlertStore } from './alerts/DatabaseAlertStore';
import { ResolvedAlertPruner } from './alerts/ResolvedAlertPruner';
import { readDevopsConfig } from './config/readDevopsConfig';
import { migrateDatabase } from './database/migrateDatabase';
import { DatabaseDeploymentStore } from './deployments/DatabaseDeploymentStore';
import { DeploymentService } from './deployments/DeploymentService';
import { EntityEnvironments } from './entities/EntityEnvironments';
import { IngestionTargets } from './entities/IngestionTargets';
import { DatabaseHealthStore } from './health/DatabaseHealthStore';
import { HealthService } from './health/HealthService';
import { scheduleHealthChecks } from './health/scheduleHealthChecks';
import { DatabaseMigrationStore } from './migrations/DatabaseMigrationStore';
import { MigrationService } from './migrations/MigrationService';
import { OverviewService } from './overview/OverviewService';
import { builtInReadinessChecks } from './readiness/checks';
import { DatabaseReadinessStore } from './readiness/DatabaseReadinessStore';
import { ReadinessService } from './readiness/ReadinessService';
import { createRouter } from './service/router';
import { DatabaseSummaryStore } from './summary/DatabaseSummaryStore';
import { SummaryService } from './summary/SummaryService';
import { createStartupTaskContext } from './startupTasks/startupTaskContext';

const DAY_MS = 86_400_000;

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
    const startupTasks: DevopsStartupTask[] = [];
    env.registerExtensionPoint(devopsStartupTasksExtensionPoint, {
      addStartupTasks(...tasks) {
        startupTasks.push(...tasks);
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
        const { logger, database } = deps;
        const settings = readDevopsConfig(deps.config, logger);

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        const entities = new EntityEnvironments({
          catalog: deps.catalog,
          auth: deps.auth,
          configured: settings.environments,
        });

        const health = new DatabaseHealthStore(knex);
        await scheduleHealthChecks({
          settings: settings.health,
          store: health,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          scheduler: deps.scheduler,
        });

        const alerts = new CachedAlertStore(new DatabaseAlertStore(knex));
        const { alertmanager } = settings.alerts;
        if (alertmanager) {
          await new AlertmanagerSync({
            baseUrl: alertmanager.baseUrl,
            store: alerts,
            logger,
            severityMap: settings.alerts.severityMap,
            intervalSeconds: alertmanager.syncIntervalMs / 1000,
            maxClockSkewMs: settings.ingestion.maxClockSkewMs,
          }).schedule(deps.scheduler);
        }
        await new ResolvedAlertPruner({
          store: alerts,
          logger,
          // Readiness looks back over its own window for routed alerts.
          resolvedWindowDays: Math.max(
            settings.alerts.resolvedWindowMs / DAY_MS,
            settings.readiness.thresholds.windowDays,
          ),
          maxResolved: settings.alerts.maxResolvedAlerts,
          maxResolvedPerEntity: settings.alerts.maxResolvedAlertsPerEntity,
        }).schedule(deps.scheduler);

        deps.permissionsRegistry.addPermissions(devopsPermissions);

        // Modules have registered their checks by the time init runs.
        const readiness = new ReadinessService({
          builtIn: builtInReadinessChecks,
          added: readinessChecks,
          settings: settings.readiness,
          store: new DatabaseReadinessStore(knex),
          alerts,
          logger,
          catalog: deps.catalog,
          auth: deps.auth,
          configuredEnvironments: settings.environments,
        });
        const overview = new OverviewService({
          catalog: deps.catalog,
          auth: deps.auth,
          permissions: deps.permissions,
          readiness,
          configuredEnvironments: settings.environments,
          rowCacheSeconds: settings.overview.rowCacheMs / 1000,
        });

        const deployments = new DatabaseDeploymentStore(knex);
        const migrations = new DatabaseMigrationStore(knex);
        const targets = new IngestionTargets({
          entities,
          requireCatalogEntity: settings.ingestion.requireCatalogEntity,
        });
        // Rows of an entity this process recorded data for are recomputed.
        const onRecorded = (entityRef: string) => overview.changed(entityRef);
        const alertService = new AlertService({
          store: alerts,
          selectorOf: async entityRef =>
            (await entities.facts(entityRef))?.alertSelector,
          severityMap: settings.alerts.severityMap,
          resolvedWindowMs: settings.alerts.resolvedWindowMs,
          syncIntervalMs: alertmanager?.syncIntervalMs,
        });
        deps.httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            deployments: new DeploymentService({
              store: deployments,
              targets,
              onRecorded,
            }),
            migrations: new MigrationService({
              store: migrations,
              entities,
              targets,
              onRecorded,
            }),
            summaries: new SummaryService({
              store: new DatabaseSummaryStore(
                knex,
                deployments,
                migrations,
                health,
              ),
              entities,
              alerts: alertService,
            }),
            health: new HealthService({ store: health, entities }),
            alerts: alertService,
            readiness,
            overview,
            environments: settings.environments,
            ingestionLimits: settings.ingestion,
          }),
        );

        const startupContext = createStartupTaskContext({
          deployments,
          migrations,
          health,
          alerts,
          entities,
        });
        for (const task of startupTasks) {
          try {
            await task.run(startupContext);
          } catch (error) {
            throw new ForwardedError(
              `DevOps startup task '${task.id}' failed`,
              error,
            );
          }
        }
      },
    });
  },
});
