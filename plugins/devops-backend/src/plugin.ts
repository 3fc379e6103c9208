import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AlertSeverity,
  DEFAULT_DEVOPS_ENVIRONMENTS,
  devopsPermissions,
  parseEnvironmentList,
} from '@backstage-devops/plugin-devops-common';
import {
  DevopsStartupTask,
  ReadinessCheck,
  devopsReadinessChecksExtensionPoint,
  devopsStartupTasksExtensionPoint,
} from '@backstage-devops/plugin-devops-node';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { DatabaseMigrationStore } from './database/DatabaseMigrationStore';
import { DatabaseReadinessReader } from './database/DatabaseReadinessReader';
import { DatabaseSummaryReader } from './database/DatabaseSummaryReader';
import { migrateDatabase } from './database/migrateDatabase';
import { AlertmanagerSync } from './alerts/AlertmanagerSync';
import { DEFAULT_SEVERITY_MAP } from './alerts/alertmanagerPayload';
import { CachedAlertStore } from './alerts/CachedAlertStore';
import { DatabaseAlertStore } from './alerts/DatabaseAlertStore';
import { ResolvedAlertPruner } from './alerts/ResolvedAlertPruner';
import { DatabaseHealthStore } from './health/DatabaseHealthStore';
import { HealthChecker } from './health/HealthChecker';
import { HealthHistoryPruner } from './health/HealthHistoryPruner';
import { HealthPoller } from './health/HealthPoller';
import { HealthTargetAddresses } from './health/healthTargetAddresses';
import { HostAllowList } from './health/hostAllowList';
import { OverviewService } from './overview/OverviewService';
import { builtInReadinessChecks } from './readiness/checks';
import { readReadinessSettings } from './config/readinessConfig';
import { ReadinessService } from './readiness/ReadinessService';
import { EntityEnvironments } from './service/EntityEnvironments';
import { readIngestionLimits } from './config/ingestionConfig';
import { createRouter } from './service/router';
import { createStartupTaskContext } from './startupTasks/startupTaskContext';

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
        const { config, logger, database } = deps;
        const configured = config.getOptionalStringArray('devops.environments');
        const environments = configured
          ? parseEnvironmentList(configured.join(','))
          : [...DEFAULT_DEVOPS_ENVIRONMENTS];

        const ingestionLimits = readIngestionLimits(config);

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

        const health = new DatabaseHealthStore(knex);
        const healthConfig = config.getOptionalConfig('devops.health');
        const num = (key: string, fallback: number) =>
          healthConfig?.getOptionalNumber(key) ?? fallback;
        const allowedHosts =
          healthConfig?.getOptionalStringArray('allowedHosts');
        const healthEnabled =
          healthConfig?.getOptionalBoolean('enabled') ?? true;
        if (healthEnabled && !allowedHosts) {
          // Polling any host an entity names would let entity authors make
          // the backend fetch internal addresses; better no polling at all.
          logger.error(
            'Health checks are NOT running: devops.health.allowedHosts is not set. List the host names (and any private CIDR ranges) your health URLs use, or set devops.health.enabled: false',
          );
        }
        if (healthEnabled && allowedHosts) {
          const allowList = new HostAllowList(allowedHosts);
          allowList.advice.forEach(advice => logger.warn(advice));
          const poller = new HealthPoller({
            catalog: deps.catalog,
            auth: deps.auth,
            store: health,
            logger,
            checker: new HealthChecker({
              timeoutMs: num('timeoutMs', 5000),
              maxBodyBytes: num('maxBodyBytes', 65536),
              maxRedirects: num('maxRedirects', 3),
              degradedLatencyMs: num('degradedLatencyMs', 2000),
              addresses: new HealthTargetAddresses({ allowList }),
              bodyChecks:
                healthConfig?.getOptionalBoolean('allowBodyChecks') ?? false,
            }),
            concurrency: num('concurrency', 20),
            tickMs: num('tickSeconds', 10) * 1000,
            intervals: {
              defaultMs: num('intervalSeconds', 60) * 1000,
              minMs: num('minIntervalSeconds', 10) * 1000,
              maxMs: num('maxIntervalSeconds', 3600) * 1000,
            },
          });
          await poller.schedule(deps.scheduler);
          await new HealthHistoryPruner({
            store: health,
            logger,
            retentionDays: num('retentionDays', 14),
          }).schedule(deps.scheduler);
        }

        const alerts = new CachedAlertStore(new DatabaseAlertStore(knex));
        const alertsConfig = config.getOptionalConfig('devops.alerts');
        const severityMap = { ...DEFAULT_SEVERITY_MAP };
        const configuredMap = alertsConfig?.getOptionalConfig('severityMap');
        for (const key of configuredMap?.keys() ?? []) {
          const priority = configuredMap!.getString(key);
          if (!/^P[0-3]$/.test(priority)) {
            throw new Error(
              `devops.alerts.severityMap.${key} must be one of P0, P1, P2, P3`,
            );
          }
          severityMap[key.toLocaleLowerCase('en-US')] =
            priority as AlertSeverity;
        }
        const alertmanagerUrl = alertsConfig?.getOptionalString(
          'alertmanager.baseUrl',
        );
        const syncIntervalSeconds = alertmanagerUrl
          ? alertsConfig?.getOptionalNumber(
              'alertmanager.syncIntervalSeconds',
            ) ?? 60
          : undefined;
        if (alertmanagerUrl) {
          await new AlertmanagerSync({
            baseUrl: alertmanagerUrl,
            store: alerts,
            logger,
            severityMap,
            intervalSeconds: syncIntervalSeconds!,
            maxClockSkewMs: ingestionLimits.maxClockSkewMs,
          }).schedule(deps.scheduler);
        }

        const resolvedWindowDays =
          alertsConfig?.getOptionalNumber('resolvedWindowDays') ?? 7;
        const readinessSettings = readReadinessSettings(config);
        const alertCap = (key: string, fallback: number) => {
          const value = alertsConfig?.getOptionalNumber(key) ?? fallback;
          if (!(Number.isInteger(value) && value >= 0)) {
            throw new Error(
              `devops.alerts.${key} must be a whole number of alerts, 0 or more`,
            );
          }
          return value;
        };
        await new ResolvedAlertPruner({
          store: alerts,
          logger,
          // Readiness looks back over its own window for routed alerts.
          resolvedWindowDays: Math.max(
            resolvedWindowDays,
            readinessSettings.thresholds.windowDays,
          ),
          maxResolved: alertCap('maxResolvedAlerts', 5000),
          maxResolvedPerEntity: alertCap('maxResolvedAlertsPerEntity', 200),
        }).schedule(deps.scheduler);

        deps.permissionsRegistry.addPermissions(devopsPermissions);

        // Modules have registered their checks by the time init runs.
        const readiness = new ReadinessService({
          builtIn: builtInReadinessChecks,
          added: readinessChecks,
          settings: readinessSettings,
          reader: new DatabaseReadinessReader(knex),
          alerts,
          logger,
        });
        const overview = new OverviewService({
          catalog: deps.catalog,
          auth: deps.auth,
          permissions: deps.permissions,
          readiness,
          configuredEnvironments: environments,
          rowCacheSeconds:
            config.getOptionalNumber('devops.overview.cacheSeconds') ?? 10,
        });

        deps.httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            deployments,
            migrations,
            summaries: new DatabaseSummaryReader(
              knex,
              deployments,
              migrations,
              health,
            ),
            health,
            alerts,
            alertSettings: {
              severityMap,
              syncIntervalSeconds,
              resolvedWindowDays,
            },
            entities,
            overview,
            requireCatalogEntity:
              config.getOptionalBoolean(
                'devops.ingestion.requireCatalogEntity',
              ) ?? true,
            ingestionLimits,
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
