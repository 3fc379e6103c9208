import type { EntitySummary } from '@backstage-devops/plugin-devops-common';
import type { AlertService } from '../alerts/AlertService';
import type { EntityEnvironments } from '../entities/EntityEnvironments';
import type { SummaryStore } from './SummaryStore';

/** One entity at a glance: each environment's version, migrations, health, and its firing alerts. */
export class SummaryService {
  constructor(
    private readonly options: {
      store: SummaryStore;
      entities: EntityEnvironments;
      alerts: AlertService;
    },
  ) {}

  async entitySummary(entityRef: string): Promise<EntitySummary> {
    const { store, entities, alerts } = this.options;
    // Ingestion only accepts a catalog entity's own environments, so for
    // one in the catalog those are all there is to look up; for one that is
    // not, every environment with data is shown.
    const known = await entities.lookup(entityRef);
    const {
      deployments: latest,
      openMigrations: open,
      health,
    } = await store.read(entityRef, known);
    const order = known ?? entities.configured;
    const extra = [
      ...new Set([...latest.keys(), ...open.keys(), ...health.keys()]),
    ]
      .filter(env => !order.includes(env))
      .sort();
    return {
      entityRef,
      environments: [...order, ...extra].map(environment => {
        const entry = latest.get(environment);
        return {
          environment,
          runningVersion: entry?.runningVersion,
          latestDeployment: entry?.latest,
          lastDeployedAt: entry?.latest.at,
          migrations: open.get(environment) ?? { pending: 0, failed: 0 },
          health: health.get(environment),
        };
      }),
      firingAlerts: await alerts.firingCounts(entityRef),
    };
  }
}
