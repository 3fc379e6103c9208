import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DevopsStartupTaskContext } from '@backstage-devops/plugin-devops-node';
import { DateTime } from 'luxon';
import { buildDemoAlerts } from './demoAlerts';
import { buildDemoHealth } from './demoHealth';
import { buildDemoHistory } from './demoHistory';

/**
 * Fills the ledger with demo history for every component in the catalog that
 * has none yet, so a newcomer sees populated pages on first start. Runs on
 * the scheduler because the catalog is still ingesting when plugins start;
 * entities that arrive later are seeded on a later run. Reports go through
 * the plugin's writer, as real pushes do, with fixed idempotency keys, so
 * re-runs add nothing.
 */
export class DemoDataSeeder {
  constructor(
    private readonly options: {
      logger: LoggerService;
      catalog: CatalogService;
      auth: AuthService;
      devops: DevopsStartupTaskContext;
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
    const { catalog, auth, logger } = this.options;
    const { writer, entities } = this.options.devops;
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    let seeded = 0;
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      if (await writer.hasDeployments(entityRef)) {
        continue;
      }
      const environments = await entities.environmentsOf(entityRef);
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
        await writer.recordMigrationReport(report);
      }
      for (const deployment of history.deployments) {
        await writer.recordDeployment(deployment);
      }
      // Only where the entity declares a health URL, as the poller does.
      await writer.recordHealthChecks(
        buildDemoHealth(
          entityRef,
          entities.healthUrlsOf(entity),
          DateTime.utc(),
        ),
      );
      if (entity.spec?.lifecycle !== 'experimental') {
        await writer.upsertAlerts(buildDemoAlerts(entityRef, DateTime.utc()));
      }
      seeded += 1;
    }
    if (seeded > 0) {
      logger.info(`Seeded demo DevOps history for ${seeded} components`);
    }
    return seeded;
  }
}
