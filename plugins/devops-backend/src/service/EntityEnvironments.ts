import type { AuthService, CacheService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { getEntityEnvironments } from '@backstage-devops/plugin-devops-common';

type CachedEntity = { environments: string[] };

/**
 * Looks entities up in the catalog for their existence and environment
 * order. Every push and page view needs this, so answers are cached briefly
 * (Backstage's cache service); only entities that exist are cached, so a
 * newly registered entity is accepted at once.
 */
export class EntityEnvironments {
  private readonly cache: CacheService;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      cache: CacheService;
      configured: string[];
    },
  ) {
    this.cache = options.cache.withOptions({ defaultTtl: 60_000 });
  }

  get configured(): string[] {
    return this.options.configured;
  }

  /** The entity's environments, or undefined if it is not in the catalog. */
  async lookup(entityRef: string): Promise<string[] | undefined> {
    const key = `entity-environments:${entityRef}`;
    const cached = (await this.cache.get(key)) as CachedEntity | undefined;
    if (cached) {
      return cached.environments;
    }
    const entity: Entity | undefined =
      await this.options.catalog.getEntityByRef(entityRef, {
        credentials: await this.options.auth.getOwnServiceCredentials(),
      });
    if (!entity) {
      return undefined;
    }
    const environments = getEntityEnvironments(entity, this.options.configured);
    await this.cache.set(key, { environments } satisfies CachedEntity);
    return environments;
  }

  /** Environment order for display: the entity's, else the configured one. */
  async orderFor(entityRef: string): Promise<string[]> {
    return (await this.lookup(entityRef)) ?? this.options.configured;
  }
}
