import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  Deployment,
  DevopsAlert,
  DoraMetrics,
  EntityMigrations,
  HealthCheckResult,
  ReadinessCheckResult,
} from '@backstage-devops/plugin-devops-common';

/**
 * Limits the built-in checks judge against, from `devops.readiness.thresholds`.
 *
 * @public
 */
export interface ReadinessThresholds {
  /** Highest acceptable change failure rate, 0–1. */
  changeFailureRate: number;
  /** Longest acceptable median time to restore, in hours. */
  timeToRestoreHours: number;
  /** Days of history the checks look at. */
  windowDays: number;
}

/**
 * The newest deployment of one environment, and the newest successful one.
 *
 * @public
 */
export interface ReadinessLatestDeployments {
  /** The newest deployment, whatever its status. */
  latest: Deployment;
  /** The newest `succeeded` deployment; undefined if none ever succeeded. */
  latestSucceeded?: Deployment;
}

/**
 * The current health of one environment with a declared health URL.
 *
 * @public
 */
export interface ReadinessHealth {
  /** The URL the entity declares, if it declares one. */
  url?: string;
  /** The newest check; undefined while the URL has not been polled yet. */
  current?: HealthCheckResult;
}

/**
 * The entity's DevOps data as readiness checks read it. Every accessor loads
 * its data on first use and at most once per evaluation, and where the
 * overview evaluates many entities at once, for all of them in one go; so a
 * check asks for what it needs without worrying about the cost of asking.
 *
 * @public
 */
export interface ReadinessData {
  /** Newest and newest successful deployment per environment. */
  latestDeployments(): Promise<Map<string, ReadinessLatestDeployments>>;
  /** One environment's deployments in the window, oldest first. */
  deploymentsInWindow(environment: string): Promise<Deployment[]>;
  /**
   * The first successful deployment of a version to an environment, at any
   * time.
   */
  firstSuccessfulDeployment(
    environment: string,
    version: string,
  ): Promise<Deployment | undefined>;
  /** Health per environment that declares a URL or has been checked. */
  health(): Promise<Map<string, ReadinessHealth>>;
  /**
   * Migrations per environment, split by status, with the drift between them.
   */
  migrations(): Promise<EntityMigrations>;
  /**
   * Alerts routed to the entity: firing ones and those resolved in the window.
   */
  alerts(): Promise<DevopsAlert[]>;
  /**
   * Whether Alertmanager has ever reached the plugin: a webhook or sync
   * happened, or any alert is stored.
   */
  alertSource(): Promise<{ everReceived: boolean }>;
  /** The DORA metrics of an environment over the window. */
  dora(environment: string): Promise<DoraMetrics>;
}

/**
 * What a readiness check is given to decide on one entity.
 *
 * @public
 */
export interface ReadinessCheckContext {
  /** The catalog entity being judged, as the catalog returned it. */
  entity: Entity;
  /** Lower-cased entity ref, as the DevOps data is stored under. */
  entityRef: string;
  /** The entity's environments in promotion order. */
  environments: string[];
  /** The environment treated as production for this entity. */
  productionEnvironment: string;
  /**
   * The environment treated as staging, if the entity has one before
   * production.
   */
  stagingEnvironment?: string;
  /** The entity's `devops/alert-selector` annotation, as declared. */
  alertSelector?: { declared: string; valid: boolean };
  /** The configured limits, for checks that judge figures against them. */
  thresholds: ReadinessThresholds;
  /** The instant the evaluation runs at; the window ends here. */
  now: Date;
  /** The entity's DevOps data, loaded on demand. */
  data: ReadinessData;
}

/**
 * A production-readiness check contributed by a backend module.
 *
 * @public
 */
export interface ReadinessCheck {
  /** Stable identifier, used in config to enable or disable the check. */
  id: string;
  /** Short name of the check, shown in the readiness list. */
  title: string;
  /** What the check requires and why, shown to the service owner. */
  description: string;
  /**
   * Decides the check. Answer `unknown` when the data to decide is not
   * there yet; a thrown error is reported as `unknown` with its message.
   */
  evaluate(context: ReadinessCheckContext): Promise<ReadinessCheckResult>;
}

/**
 * Lets backend modules add their own readiness checks to the DevOps plugin.
 *
 * @public
 */
export interface DevopsReadinessChecksExtensionPoint {
  /**
   * Adds checks to the ones every entity is judged by. Ids must be unique
   * across built-in and added checks, or the plugin fails to start.
   */
  addReadinessChecks(...checks: ReadinessCheck[]): void;
}

/**
 * The extension point a backend module depends on to add readiness checks;
 * see {@link DevopsReadinessChecksExtensionPoint}.
 *
 * @public
 */
export const devopsReadinessChecksExtensionPoint =
  createExtensionPoint<DevopsReadinessChecksExtensionPoint>({
    id: 'devops.readiness-checks',
  });
