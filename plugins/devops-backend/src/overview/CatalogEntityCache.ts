import type { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ReadinessTarget } from '../readiness/ReadinessDataLoader';
import { entityFactsOf } from '../entities/EntityEnvironments';

/** A catalog entity with what the overview filters it by, normalised once. */
export interface OverviewCandidate extends ReadinessTarget {
  /** Lower-cased entity refs and lifecycle, as the overview matches them. */
  owner?: string;
  system?: string;
  lifecycle?: string;
}

/** A name or ref in `spec`, as a lower-cased full entity ref. */
export function normalizedRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

type Memo = {
  freshUntil: number;
  keepUntil: number;
  targets: Promise<OverviewCandidate[]>;
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
  list(kind: string): Promise<OverviewCandidate[]> {
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

  private remember(key: string, targets: Promise<OverviewCandidate[]>) {
    const now = Date.now();
    this.memo.set(key, {
      freshUntil: now + (this.options.freshMs ?? 30_000),
      keepUntil: now + (this.options.keepMs ?? 300_000),
      targets,
    });
  }

  private async read(kind: string): Promise<OverviewCandidate[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind } },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items
      .map((entity: Entity): OverviewCandidate => {
        const namespace = entity.metadata.namespace ?? 'default';
        const lifecycle = entity.spec?.lifecycle;
        return {
          entity,
          entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          facts: entityFactsOf(entity, this.options.configuredEnvironments),
          owner: normalizedRef(entity.spec?.owner, 'group', namespace),
          system: normalizedRef(entity.spec?.system, 'system', namespace),
          lifecycle:
            typeof lifecycle === 'string'
              ? lifecycle.toLocaleLowerCase('en-US')
              : undefined,
        };
      })
      .sort((a, b) =>
        a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef),
      );
  }
}
