import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_DEVOPS_ALERT_SELECTOR,
  EntityReadiness,
  EntityReadinessCheck,
} from '@backstage-devops/plugin-devops-common';
import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import type { AlertStore } from '../alerts/AlertStore';
import { entityFactsOf } from '../entities/EntityEnvironments';
import type { ReadinessStore } from './ReadinessStore';
import { ReadinessDataLoader, ReadinessTarget } from './ReadinessDataLoader';
import { productionAndStaging, ReadinessSettings } from './readinessSettings';

/** Counts and score of evaluated checks, as the overview shows them. */
export function scoreOf(checks: Array<{ status: string }>) {
  const passed = checks.filter(c => c.status === 'pass').length;
  const failed = checks.filter(c => c.status === 'fail').length;
  const decided = passed + failed;
  return {
    score: decided > 0 ? Math.round((passed / decided) * 100) : undefined,
    passed,
    failed,
    unknown: checks.length - decided,
  };
}

/**
 * Evaluates the enabled readiness checks, the plugin's own and those
 * modules added, against entities.
 */
export class ReadinessService {
  readonly checks: ReadinessCheck[];

  constructor(
    private readonly options: {
      builtIn: ReadinessCheck[];
      added: ReadinessCheck[];
      settings: ReadinessSettings;
      store: ReadinessStore;
      alerts: AlertStore;
      logger: LoggerService;
      catalog: CatalogService;
      auth: AuthService;
      configuredEnvironments: string[];
    },
  ) {
    const all = [...options.builtIn, ...options.added];
    const seen = new Set<string>();
    for (const check of all) {
      if (seen.has(check.id)) {
        throw new Error(
          `Two readiness checks have the id '${check.id}'; ids must be unique`,
        );
      }
      seen.add(check.id);
    }
    for (const id of options.settings.configured) {
      if (!seen.has(id)) {
        options.logger.warn(
          `devops.readiness.checks.${id} names no readiness check; known: ${[
            ...seen,
          ].join(', ')}`,
        );
      }
    }
    this.checks = all.filter(c => !options.settings.disabled.has(c.id));
  }

  get windowDays(): number {
    return this.options.settings.thresholds.windowDays;
  }

  /** A loader for the data of these entities, shared by all their checks. */
  loader(targets: ReadinessTarget[], now: Date): ReadinessDataLoader {
    return new ReadinessDataLoader({
      store: this.options.store,
      alerts: this.options.alerts,
      targets,
      windowDays: this.windowDays,
      now,
    });
  }

  /** The environments readiness treats as production and staging. */
  environmentsOf(target: ReadinessTarget) {
    return productionAndStaging(
      target.facts.environments,
      this.options.settings,
    );
  }

  /** One entity's readiness; the caller has been authorized for it. */
  async entityReadiness(entityRef: string): Promise<EntityReadiness> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new NotFoundError(`${entityRef} is not in the catalog`);
    }
    const target: ReadinessTarget = {
      entity,
      entityRef,
      facts: entityFactsOf(entity, this.options.configuredEnvironments),
    };
    return this.evaluate(target, this.loader([target], new Date()));
  }

  async evaluate(
    target: ReadinessTarget,
    loader: ReadinessDataLoader,
  ): Promise<EntityReadiness> {
    const now = loader.now;
    const { production, staging } = this.environmentsOf(target);
    const selector =
      target.entity.metadata.annotations?.[ANNOTATION_DEVOPS_ALERT_SELECTOR];
    const context = {
      entity: target.entity,
      entityRef: target.entityRef,
      environments: target.facts.environments,
      productionEnvironment: production,
      stagingEnvironment: staging,
      alertSelector: selector
        ? { declared: selector, valid: Boolean(target.facts.alertSelector) }
        : undefined,
      thresholds: this.options.settings.thresholds,
      now,
      data: loader.dataFor(target.entityRef),
    };
    const checks = await Promise.all(
      this.checks.map(async (check): Promise<EntityReadinessCheck> => {
        const about = {
          id: check.id,
          title: check.title,
          description: check.description,
        };
        try {
          const { status, fact } = await check.evaluate(context);
          return { ...about, status, fact };
        } catch (error) {
          this.options.logger.warn(
            `Readiness check ${check.id} failed for ${target.entityRef}: ${error}`,
          );
          return {
            ...about,
            status: 'unknown',
            fact: `The check could not be evaluated: ${
              (error as Error)?.message ?? error
            }`,
          };
        }
      }),
    );
    return {
      entityRef: target.entityRef,
      ...scoreOf(checks),
      checks,
      evaluatedAt: now.toISOString(),
    };
  }
}
