import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { DateTime } from 'luxon';
import type { DeploymentStore } from '../database/DeploymentStore';
import type { MigrationStore } from '../database/MigrationStore';
import type { AlertStore } from '../alerts/AlertStore';
import type { HealthStore } from '../health/HealthStore';
import type { EntityEnvironments } from '../service/EntityEnvironments';
import { buildDemoAlerts } from './demoAlerts';
import { healthTargetsOf } from '../health/healthTargets';
import { buildDemoHealth } from './demoHealth';

// The demo history's own spacing; the interval bounds do not matter here.
const DEMO_INTERVAL_BOUNDS = {
  defaultMs: 600_000,
  minMs: 0,
  maxMs: Number.MAX_SAFE_INTEGER,
};
import { buildDemoHistory } from './demoHistory';

/**
 * Fills the store with demo history for every component in the catalog that
 * has none yet, so a newcomer sees populated pages on first start. Runs on
 * the scheduler because the catalog is still ingesting when plugins start;
 * entities that arrive later are seeded on a later run. Reports go through
 * the same stores as real pushes and use fixed idempotency keys, so re-runs
 * add nothing.
 */
export class DemoDataSeeder {
  constructor(
    private readonly options: {
      logger: LoggerService;
      catalog: CatalogService;
      auth: AuthService;
      deployments: DeploymentStore;
      migrations: MigrationStore;
      health: HealthStore;
      alerts: AlertStore;
      entities: EntityEnvironments;
    },
  ) {}

  async schedule(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'devops-demo-data',
      scope: 'local',
      frequency: { seconds: 30 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 3 },
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(): Promise<number> {
    const { catalog, auth, deployments, migrations, entities, logger } =
      this.options;
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    let seeded = 0;
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      if (await deployments.hasDeployments(entityRef)) {
        continue;
      }
      const environments = await entities.orderFor(entityRef);
      const history = buildDemoHistory(
        {
          entityRef,
          environments,
          experimental: entity.spec?.lifecycle === 'experimental',
          hasDatabase: entity.spec?.type !== 'website',
        },
        DateTime.utc(),
      );
      for (const report of history.migrations) {
        await migrations.recordReport(report);
      }
      for (const deployment of history.deployments) {
        await deployments.recordDeployment(deployment);
      }
      // Only where the entity declares a health URL, as the poller does.
      const targets = healthTargetsOf(entity, DEMO_INTERVAL_BOUNDS);
      await this.options.health.recordChecks(
        buildDemoHealth(entityRef, targets, DateTime.utc()),
      );
      if (entity.spec?.lifecycle !== 'experimental') {
        await this.options.alerts.upsert(
          buildDemoAlerts(entityRef, DateTime.utc()),
        );
      }
      seeded += 1;
    }
    if (seeded > 0) {
      logger.info(`Seeded demo DevOps history for ${seeded} components`);
    }
    return seeded;
  }
}
