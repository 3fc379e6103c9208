import type { EntityHealth } from '@backstage-devops/plugin-devops-common';
import type { EntityEnvironments } from '../entities/EntityEnvironments';
import { buildEntityHealth } from './entityHealth';
import type { HealthStore } from './HealthStore';

const DAY_MS = 86_400_000;

/** Answers how an entity's declared health URLs have been doing. */
export class HealthService {
  constructor(
    private readonly options: {
      store: HealthStore;
      entities: EntityEnvironments;
    },
  ) {}

  /**
   * Current state and history since `since` (the last day by default) per
   * environment; with `environment`, only that one.
   */
  async entityHealth(
    entityRef: string,
    query: { since?: string; environment?: string },
  ): Promise<EntityHealth> {
    const { store, entities } = this.options;
    const until = new Date();
    const since = query.since
      ? new Date(query.since)
      : new Date(until.getTime() - DAY_MS);
    const [facts, current, history] = await Promise.all([
      entities.facts(entityRef),
      store.current(entityRef),
      store.history(entityRef, since),
    ]);
    const result = buildEntityHealth({
      entityRef,
      order: facts?.environments ?? entities.configured,
      declared: new Map(Object.entries(facts?.healthUrls ?? {})),
      current,
      history,
      since,
      until,
    });
    if (query.environment) {
      result.environments = result.environments.filter(
        e => e.environment === query.environment,
      );
    }
    return result;
  }
}
