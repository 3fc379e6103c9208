import type { Entity } from '@backstage/catalog-model';
import type {
  Deployment,
  DoraMetrics,
} from '@backstage-devops/plugin-devops-common';
import type {
  ReadinessData,
  ReadinessHealth,
  ReadinessLatestDeployments,
} from '@backstage-devops/plugin-devops-node';
import DataLoader from 'dataloader';
import { DateTime } from 'luxon';
import { toDevopsAlert } from '../alerts/alertmanagerPayload';
import { alertsRoutedTo } from '../alerts/AlertService';
import type { AlertStore, StoredAlert } from '../alerts/AlertStore';
import { computeDoraMetrics } from '../deployments/doraMetrics';
import type { EntityFacts } from '../entities/EntityEnvironments';
import type { RecordedHealthCheck } from '../health/HealthStore';
import { buildEntityMigrations } from '../migrations/migrationDrift';
import type { MigrationStatesByEnvironment } from '../migrations/MigrationStore';
import type { ReadinessStore } from './ReadinessStore';

/** An entity to evaluate, with what the plugin read from its annotations. */
export interface ReadinessTarget {
  entity: Entity;
  entityRef: string;
  facts: EntityFacts;
}

const once = <T>(load: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    return value;
  };
};

/**
 * The data behind readiness checks and overview rows for a set of entities.
 * Each accessor loads on first use; requests made in the same tick by the
 * checks of different entities are answered by one statement through
 * DataLoader, and every answer is kept for the life of the loader (one
 * request), so checks never load the same data twice.
 */
export class ReadinessDataLoader {
  private readonly targets: Map<string, ReadinessTarget>;
  readonly from: Date;

  private readonly latest: DataLoader<
    string,
    Map<string, ReadinessLatestDeployments>
  >;
  private readonly windows = new Map<
    string,
    DataLoader<string, Deployment[]>
  >();
  private readonly versions = new Map<
    string,
    DataLoader<string, Deployment[]>
  >();
  private readonly migrationStates: DataLoader<
    string,
    MigrationStatesByEnvironment | undefined
  >;
  private readonly healthCurrent: DataLoader<string, RecordedHealthCheck[]>;
  private readonly alertList: () => Promise<StoredAlert[]>;
  private readonly doraMemo = new Map<string, Promise<DoraMetrics>>();
  readonly alertSource: () => Promise<{ everReceived: boolean }>;

  constructor(
    private readonly options: {
      store: ReadinessStore;
      alerts: AlertStore;
      targets: ReadinessTarget[];
      windowDays: number;
      now: Date;
    },
  ) {
    const { store } = options;
    this.targets = new Map(options.targets.map(t => [t.entityRef, t]));
    this.from = DateTime.fromJSDate(options.now)
      .minus({ days: options.windowDays })
      .toJSDate();

    this.latest = new DataLoader(async refs => {
      const found = await store.latestPerEnvironment(
        refs.flatMap(entityRef =>
          this.target(entityRef).facts.environments.map(environment => ({
            entityRef,
            environment,
          })),
        ),
      );
      return refs.map(ref => found.get(ref) ?? new Map());
    });
    this.migrationStates = new DataLoader(async refs => {
      const found = await store.migrationStates([...refs]);
      return refs.map(ref => found.get(ref));
    });
    this.healthCurrent = new DataLoader(async refs => {
      const found = await store.healthCurrent([...refs]);
      return refs.map(ref => found.get(ref) ?? []);
    });
    this.alertList = once(() =>
      options.alerts.list({ resolvedSince: this.from }),
    );
    // Stored alerts count too: they may predate source tracking, or come
    // from the demo data.
    this.alertSource = once(async () => {
      const [state, stored] = await Promise.all([
        options.alerts.sourceState(),
        this.alertList(),
      ]);
      return {
        everReceived: Boolean(
          state.lastWebhookAt || state.lastSyncAt || stored.length > 0,
        ),
      };
    });
  }

  /** The instant the evaluation runs at; windows end here. */
  get now(): Date {
    return this.options.now;
  }

  private target(entityRef: string): ReadinessTarget {
    const target = this.targets.get(entityRef);
    if (!target) {
      throw new Error(`${entityRef} is not being evaluated`);
    }
    return target;
  }

  private windowLoader(environment: string) {
    let loader = this.windows.get(environment);
    if (!loader) {
      loader = new DataLoader(async refs => {
        const found = await this.options.store.deploymentsInWindow(
          environment,
          [...refs],
          this.from,
          this.options.now,
        );
        return refs.map(ref => found.get(ref) ?? []);
      });
      this.windows.set(environment, loader);
    }
    return loader;
  }

  // Keys are `entityRef\nversion`; versions hold no newline.
  private versionLoader(environment: string) {
    let loader = this.versions.get(environment);
    if (!loader) {
      loader = new DataLoader(async keys => {
        const wanted = keys.map(key => {
          const [entityRef, version] = key.split('\n');
          return { entityRef, version };
        });
        const found = await this.options.store.succeededVersions(
          environment,
          wanted,
        );
        return wanted.map(w =>
          (found.get(w.entityRef) ?? []).filter(d => d.version === w.version),
        );
      });
      this.versions.set(environment, loader);
    }
    return loader;
  }

  /** Firing alerts routed to the entity. */
  async firingAlerts(entityRef: string): Promise<StoredAlert[]> {
    return (await this.routedAlerts(entityRef)).filter(
      a => a.status === 'firing',
    );
  }

  private async routedAlerts(entityRef: string): Promise<StoredAlert[]> {
    const { facts } = this.target(entityRef);
    return alertsRoutedTo(await this.alertList(), {
      entityRef,
      selector: facts.alertSelector,
    });
  }

  /** Current health checks of the entity. */
  health(entityRef: string): Promise<RecordedHealthCheck[]> {
    return this.healthCurrent.load(entityRef);
  }

  /** The accessors one entity's checks are given. */
  dataFor(entityRef: string): ReadinessData {
    const { facts } = this.target(entityRef);
    return {
      latestDeployments: () => this.latest.load(entityRef),
      deploymentsInWindow: environment =>
        this.windowLoader(environment).load(entityRef),
      firstSuccessfulDeployment: async (environment, version) => {
        const found = await this.versionLoader(environment).load(
          `${entityRef}\n${version}`,
        );
        return found[0];
      },
      health: async () => {
        const current = await this.healthCurrent.load(entityRef);
        const result = new Map<string, ReadinessHealth>();
        for (const [environment, url] of Object.entries(facts.healthUrls)) {
          result.set(environment, { url });
        }
        for (const check of current) {
          const { entityRef: _ref, environment, url: _url, ...rest } = check;
          result.set(environment, {
            url: facts.healthUrls[environment],
            current: rest,
          });
        }
        return result;
      },
      migrations: async () =>
        buildEntityMigrations(
          (await this.migrationStates.load(entityRef)) ?? new Map(),
          facts.environments,
        ),
      alerts: async () =>
        (await this.routedAlerts(entityRef)).map(toDevopsAlert),
      alertSource: this.alertSource,
      dora: environment => {
        const key = `${entityRef}\n${environment}`;
        let metrics = this.doraMemo.get(key);
        if (!metrics) {
          metrics = this.windowLoader(environment)
            .load(entityRef)
            .then(deployments =>
              computeDoraMetrics({
                entityRef,
                environment,
                days: this.options.windowDays,
                from: DateTime.fromJSDate(this.from).toUTC(),
                to: DateTime.fromJSDate(this.options.now).toUTC(),
                deployments,
              }),
            );
          this.doraMemo.set(key, metrics);
        }
        return metrics;
      },
    };
  }
}
