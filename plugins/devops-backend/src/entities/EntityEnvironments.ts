import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import DataLoader from 'dataloader';
import {
  ANNOTATION_DEVOPS_ALERT_SELECTOR,
  ANNOTATION_DEVOPS_HEALTH_URL_PREFIX,
  getEntityEnvironments,
} from '@backstage-devops/plugin-devops-common';
import { LabelMatcher, parseAlertSelector } from '../alerts/alertSelector';

/** What the plugin needs to know about a catalog entity. */
export interface EntityFacts {
  environments: string[];
  /** Declared health URL per environment. */
  healthUrls: Record<string, string>;
  /** Parsed `devops/alert-selector`, when the entity declares a valid one. */
  alertSelector?: LabelMatcher[];
}

/** What the plugin reads from an entity's annotations. */
export function entityFactsOf(
  entity: Entity,
  configured: string[],
): EntityFacts {
  const healthUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(
    entity.metadata.annotations ?? {},
  )) {
    if (key.startsWith(ANNOTATION_DEVOPS_HEALTH_URL_PREFIX) && value) {
      healthUrls[
        key
          .slice(ANNOTATION_DEVOPS_HEALTH_URL_PREFIX.length)
          .toLocaleLowerCase('en-US')
      ] = value;
    }
  }
  const selector =
    entity.metadata.annotations?.[ANNOTATION_DEVOPS_ALERT_SELECTOR];
  return {
    environments: getEntityEnvironments(entity, configured),
    healthUrls,
    alertSelector: selector ? parseAlertSelector(selector) : undefined,
  };
}

type Memo = {
  /** Until then the answer is served as is. */
  freshUntil: number;
  /** Until then a stale answer is served while a refresh runs. */
  keepUntil: number;
  facts: Promise<EntityFacts | undefined>;
  refreshing?: boolean;
};

const FRESH_MS = 60_000;
const KEEP_MS = 10 * 60_000;
const MAX_ENTRIES = 50_000;
/** Refs per catalog call; the catalog answers a batch in one query. */
const MAX_BATCH = 100;
/** How long background refreshes gather before one catalog call. */
const REFRESH_GATHER_MS = 100;
/** All the plugin reads of an entity; the catalog sends nothing else. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

/**
 * Looks entities up in the catalog for their existence and environment
 * order. Every push and page view needs this, and annotations change
 * rarely, so answers are memoised in the process: fresh for a minute, then
 * served stale for up to ten while a background lookup refreshes them, so
 * no request waits on the catalog for an entity seen recently. A burst of
 * requests for an unknown entity shares one lookup; a lookup that finds
 * nothing or fails is forgotten at once, so a newly registered entity is
 * accepted immediately.
 *
 * Catalog calls are batched (one `getEntitiesByRefs` with only the fields
 * used): lookups that miss in the same tick share a call, and background
 * refreshes gather for a tenth of a second. Entities first seen together go
 * stale together, and one catalog request per entity would then arrive as a
 * burst in the middle of the traffic that touched them.
 */
export class EntityEnvironments {
  private readonly memo = new Map<string, Memo>();
  private readonly misses: DataLoader<string, EntityFacts | undefined>;
  private readonly refreshes: DataLoader<string, EntityFacts | undefined>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      configured: string[];
    },
  ) {
    const load = (refs: readonly string[]) => this.fetchMany(refs);
    this.misses = new DataLoader(load, {
      cache: false,
      maxBatchSize: MAX_BATCH,
    });
    this.refreshes = new DataLoader(load, {
      cache: false,
      maxBatchSize: MAX_BATCH,
      // Unref'd: a pending refresh must not hold up shutdown.
      batchScheduleFn: callback =>
        setTimeout(callback, REFRESH_GATHER_MS).unref(),
    });
  }

  get configured(): string[] {
    return this.options.configured;
  }

  /** The entity's environments, or undefined if it is not in the catalog. */
  async lookup(entityRef: string): Promise<string[] | undefined> {
    return (await this.facts(entityRef))?.environments;
  }

  /** The entity's facts, or undefined if it is not in the catalog. */
  async facts(entityRef: string): Promise<EntityFacts | undefined> {
    const now = Date.now();
    const cached = this.memo.get(entityRef);
    if (cached && now < cached.freshUntil) {
      return cached.facts;
    }
    if (cached && now < cached.keepUntil) {
      if (!cached.refreshing) {
        cached.refreshing = true;
        this.refreshes.load(entityRef).then(
          found => {
            if (found) {
              this.remember(entityRef, Promise.resolve(found));
            } else {
              this.memo.delete(entityRef);
            }
          },
          () => {
            // Keep serving the stale answer; the next request retries.
            cached.refreshing = false;
          },
        );
      }
      return cached.facts;
    }
    const facts = this.misses.load(entityRef);
    this.remember(entityRef, facts);
    facts.then(
      found => {
        if (!found) {
          this.memo.delete(entityRef);
        }
      },
      () => this.memo.delete(entityRef),
    );
    return facts;
  }

  /** Environment order for display: the entity's, else the configured one. */
  async orderFor(entityRef: string): Promise<string[]> {
    return (await this.lookup(entityRef)) ?? this.options.configured;
  }

  private async fetchMany(
    entityRefs: readonly string[],
  ): Promise<Array<EntityFacts | undefined>> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: [...entityRefs], fields: FIELDS },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.map(entity =>
      entity ? entityFactsOf(entity, this.options.configured) : undefined,
    );
  }

  private remember(entityRef: string, facts: Promise<EntityFacts | undefined>) {
    // Maps iterate in insertion order: drop the oldest when full.
    this.memo.delete(entityRef);
    if (this.memo.size >= MAX_ENTRIES) {
      const oldest = this.memo.keys().next().value;
      if (oldest !== undefined) {
        this.memo.delete(oldest);
      }
    }
    const now = Date.now();
    this.memo.set(entityRef, {
      freshUntil: now + FRESH_MS,
      keepUntil: now + KEEP_MS,
      facts,
    });
  }
}
