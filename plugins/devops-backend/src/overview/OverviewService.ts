import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  devopsEntityReadPermission,
  doraBands,
  OverviewEntry,
  OverviewPage,
} from '@backstage-devops/plugin-devops-common';
import { countFiring } from '../alerts/AlertService';
import type {
  ReadinessDataLoader,
  ReadinessTarget,
} from '../readiness/ReadinessDataLoader';
import { outcomeOf } from '../readiness/checks/deploymentTimes';
import type { ReadinessService } from '../readiness/ReadinessService';
import {
  CatalogEntityCache,
  normalizedRef,
  OverviewCandidate,
} from './CatalogEntityCache';
import { OverviewEntryCache } from './OverviewEntryCache';

export interface OverviewQuery {
  kind: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  /** Only entities whose environments include this one. */
  environment?: string;
  /** The environment of the DORA figures; each entity's production if unset. */
  doraEnvironment?: string;
  limit: number;
  cursor?: string;
}

// Applies the catalog's own permission rules (isEntityOwner, hasAnnotation,
// ...) to a conditional decision, so one decision covers every entity.
const isAllowed = createConditionAuthorizer(Object.values(permissionRules));

function encodeCursor(entityRef: string): string {
  return Buffer.from(JSON.stringify({ after: entityRef })).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): string {
  try {
    const { after } = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof after === 'string') {
      return after;
    }
  } catch {
    // fall through to the input error
  }
  throw new InputError('Invalid query: cursor: not a cursor this API returned');
}

/**
 * The platform view: catalog entities the caller may read, filtered and
 * paged, joined with their versions, health, alerts, readiness and DORA.
 */
export class OverviewService {
  private readonly cache: CatalogEntityCache;
  private readonly rows: OverviewEntryCache;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      readiness: ReadinessService;
      configuredEnvironments: string[];
      /** Seconds a computed row is served again; 0 computes every time. */
      rowCacheSeconds: number;
      cache?: CatalogEntityCache;
    },
  ) {
    this.rows = new OverviewEntryCache(options.rowCacheSeconds * 1000);
    this.cache =
      options.cache ??
      new CatalogEntityCache({
        catalog: options.catalog,
        auth: options.auth,
        configuredEnvironments: options.configuredEnvironments,
      });
  }

  /** Forgets the overview rows of an entity this process recorded data for. */
  changed(entityRef: string) {
    this.rows.forget(entityRef);
  }

  async page(
    query: OverviewQuery,
    credentials: BackstageCredentials,
  ): Promise<OverviewPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: devopsEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      return { items: [], totalItems: 0 };
    }
    const all = await this.cache.list(query.kind);
    const wanted = {
      owner: normalizedRef(query.owner, 'group', 'default'),
      system: normalizedRef(query.system, 'system', 'default'),
    };
    const matching = all.filter(
      t =>
        this.matches(t, query, wanted) &&
        (decision.result === AuthorizeResult.ALLOW ||
          isAllowed(decision, t.entity)),
    );
    const start = after ? matching.findIndex(t => t.entityRef > after) : 0;
    const page = start < 0 ? [] : matching.slice(start, start + query.limit);
    const last = page[page.length - 1];
    const hasMore = start >= 0 && start + query.limit < matching.length;

    const { readiness } = this.options;
    // Rows differ only by their DORA environment: the entity filter decides
    // which rows are asked for, not what they hold.
    const variant = query.doraEnvironment ?? '';
    // Each row is either held or computed, decided once, and the data of
    // the computed ones is loaded in one batch.
    const held = page.map(t => this.rows.peek(t.entityRef, variant));
    const loader = readiness.loader(
      page.filter((_, i) => !held[i]),
      new Date(),
    );
    const items = await Promise.all(
      page.map(
        (target, i) =>
          held[i] ??
          this.rows.put(
            target.entityRef,
            variant,
            this.entry(target, loader, query.doraEnvironment),
          ),
      ),
    );
    return {
      items,
      totalItems: matching.length,
      nextCursor: hasMore && last ? encodeCursor(last.entityRef) : undefined,
    };
  }

  private matches(
    candidate: OverviewCandidate,
    query: OverviewQuery,
    wanted: { owner?: string; system?: string },
  ): boolean {
    return (
      (!query.owner || candidate.owner === wanted.owner) &&
      (!query.system || candidate.system === wanted.system) &&
      (!query.lifecycle ||
        candidate.lifecycle === query.lifecycle.toLocaleLowerCase('en-US')) &&
      (!query.environment ||
        candidate.facts.environments.includes(query.environment))
    );
  }

  private async entry(
    target: ReadinessTarget,
    loader: ReadinessDataLoader,
    requestedDoraEnvironment: string | undefined,
  ): Promise<OverviewEntry> {
    const { entity, entityRef, facts } = target;
    const { readiness } = this.options;
    const doraEnvironment =
      requestedDoraEnvironment ?? readiness.environmentsOf(target).production;
    const data = loader.dataFor(entityRef);
    const [evaluated, latest, health, firing, dora] = await Promise.all([
      readiness.evaluate(target, loader),
      data.latestDeployments(),
      loader.health(entityRef),
      loader.firingAlerts(entityRef),
      data.dora(doraEnvironment),
    ]);
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const text = (value: unknown) =>
      typeof value === 'string' && value ? value : undefined;
    return {
      entityRef,
      title: entity.metadata.title,
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
      owner: text(spec.owner),
      system: text(spec.system),
      lifecycle: text(spec.lifecycle),
      type: text(spec.type),
      environments: facts.environments.map(env => {
        const deployed = latest.get(env);
        const checked = health.find(h => h.environment === env);
        let healthStatus: OverviewEntry['environments'][number]['health'];
        if (checked) {
          healthStatus = checked.status;
        } else if (facts.healthUrls[env]) {
          healthStatus = 'unknown';
        }
        return {
          environment: env,
          runningVersion: deployed?.latestSucceeded?.version,
          latestStatus: deployed?.latest.status,
          lastDeployedAt: deployed && outcomeOf(deployed.latest),
          health: healthStatus,
        };
      }),
      firingAlerts: countFiring(firing),
      readiness: {
        score: evaluated.score,
        passed: evaluated.passed,
        failed: evaluated.failed,
        unknown: evaluated.unknown,
      },
      dora: {
        environment: doraEnvironment,
        days: dora.days,
        deploymentsPerDay: dora.deploymentFrequency.perDay,
        leadTimeMedianSeconds: dora.leadTime.medianSeconds,
        changeFailureRate: dora.changeFailureRate.rate,
        timeToRestoreMedianSeconds: dora.timeToRestore.medianSeconds,
        bands: doraBands(dora),
      },
    };
  }
}
