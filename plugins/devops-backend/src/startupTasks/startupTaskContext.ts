import type { DevopsStartupTaskContext } from '@backstage-devops/plugin-devops-node';
import type { AlertStore } from '../alerts/AlertStore';
import type { DeploymentStore } from '../deployments/DeploymentStore';
import type { MigrationStore } from '../migrations/MigrationStore';
import type { HealthStore } from '../health/HealthStore';
import { healthTargetsOf } from '../health/healthTargets';
import type { EntityEnvironments } from '../entities/EntityEnvironments';

// Only the environment and URL of a target reach startup tasks, so the
// polling interval bounds are irrelevant here.
const ANY_INTERVAL = { defaultMs: 60_000, minMs: 0, maxMs: Infinity };

/**
 * What startup tasks get: writes go through the plugin's stores, the same
 * ones the HTTP API uses, so recorded data behaves exactly like reported
 * data (idempotency keys, alert caching).
 */
export function createStartupTaskContext(stores: {
  deployments: DeploymentStore;
  migrations: MigrationStore;
  health: HealthStore;
  alerts: AlertStore;
  entities: EntityEnvironments;
}): DevopsStartupTaskContext {
  const { deployments, migrations, health, alerts, entities } = stores;
  return {
    writer: {
      hasDeployments: entityRef => deployments.hasDeployments(entityRef),
      async recordDeployment(deployment) {
        await deployments.recordDeployment(deployment);
      },
      async recordMigrationReport(report) {
        await migrations.recordReport(report);
      },
      recordHealthChecks: checks => health.recordChecks(checks),
      upsertAlerts: records =>
        alerts.upsert(records.map(alert => ({ ...alert, source: 'webhook' }))),
    },
    entities: {
      environmentsOf: entityRef => entities.orderFor(entityRef),
      healthUrlsOf: entity =>
        healthTargetsOf(entity, ANY_INTERVAL).map(({ environment, url }) => ({
          environment,
          url,
        })),
    },
  };
}
