import type { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ReadinessTarget } from '../readiness/ReadinessDataLoader';
import { entityFactsOf } from '../service/EntityEnvironments';

type Memo = {
  freshUntil: number;
  keepUntil: number;
  targets: Promise<ReadinessTarget[]>;
  refreshing?: boolean;
};

/**
 * The catalog's entities of a kind, read with the plugin's own credentials
 * and kept in memory: fresh for 30 seconds, then served stale for up to five
 * minutes while one background read refreshes them. Every overview request
 * filters and pages this list, so none waits on reading the whole catalog;
 * who may see which entity is decided per request afterwards.
 */
export class CatalogEntityCache {
  private readonly memo = new Map<string, Memo>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      configuredEnvironments: string[];
      freshMs?: number;
      keepMs?: number;
    },
  ) {}

  /** Entities of the kind ordered by entity ref, with their DevOps facts. */
  list(kind: string): Promise<ReadinessTarget[]> {
    const key = kind.toLocaleLowerCase('en-US');
    const now = Date.now();
    const cached = this.memo.get(key);
    if (cached && now < cached.freshUntil) {
      return cached.targets;
    }
    if (cached && now < cached.keepUntil) {
      if (!cached.refreshing) {
        cached.refreshing = true;
        const next = this.read(kind);
        next.then(
          () => this.remember(key, next),
          () => {
            cached.refreshing = false;
          },
        );
      }
      return cached.targets;
    }
    const targets = this.read(kind);
    this.remember(key, targets);
    targets.catch(() => this.memo.delete(key));
    return targets;
  }

  private remember(key: string, targets: Promise<ReadinessTarget[]>) {
    const now = Date.now();
    this.memo.set(key, {
      freshUntil: now + (this.options.freshMs ?? 30_000),
      keepUntil: now + (this.options.keepMs ?? 300_000),
      targets,
    });
  }

  private async read(kind: string): Promise<ReadinessTarget[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind } },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items
      .map((entity: Entity) => ({
        entity,
        entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        facts: entityFactsOf(entity, this.options.configuredEnvironments),
      }))
      .sort((a, b) =>
        a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef),
      );
  }
}
