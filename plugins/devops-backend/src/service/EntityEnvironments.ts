import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
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

/**
 * Looks entities up in the catalog for their existence and environment
 * order. Every push and page view needs this, and annotations change
 * rarely, so answers are memoised in the process: fresh for a minute, then
 * served stale for up to ten while one background lookup refreshes them, so
 * no request waits on the catalog for an entity seen recently. A burst of
 * requests for an unknown entity shares one lookup; a lookup that finds
 * nothing or fails is forgotten at once, so a newly registered entity is
 * accepted immediately.
 */
export class EntityEnvironments {
  private readonly memo = new Map<string, Memo>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      configured: string[];
    },
  ) {}

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
        this.fetch(entityRef).then(
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
    const facts = this.fetch(entityRef);
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

  private async fetch(entityRef: string): Promise<EntityFacts | undefined> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return entity ? entityFactsOf(entity, this.options.configured) : undefined;
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
