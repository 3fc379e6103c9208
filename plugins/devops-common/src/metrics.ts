import type { AlertSeverity } from './alerts';
import type { DeploymentStatus, DeploymentStrategy } from './deployments';
import type { HealthStatus } from './health';

/**
 * A duration distribution in seconds, with how many samples it came from.
 *
 * @public
 */
export interface DurationStats {
  /** Samples measured; 0 leaves the median and p90 undefined. */
  count: number;
  /** Median of the samples, in seconds. */
  medianSeconds?: number;
  /** 90th percentile (nearest rank) of the samples, in seconds. */
  p90Seconds?: number;
}

/**
 * The four DORA metrics for one entity and environment over a window.
 *
 * @public
 */
export interface DoraMetrics {
  /** The entity, as `kind:namespace/name`. */
  entityRef: string;
  /** The environment whose deployments were counted. */
  environment: string;
  /** Length of the window in days, 1–365 (30 unless asked otherwise). */
  days: number;
  /** Start of the window, ISO 8601 in UTC. */
  from: string;
  /** End of the window (the time of the request), ISO 8601 in UTC. */
  to: string;
  /**
   * How often the environment got a successful deployment. A deployment
   * belongs to the window by its `finishedAt`, else `startedAt`, else the
   * time it was first reported.
   */
  deploymentFrequency: {
    /** Successful deployments in the window. */
    deployments: number;
    /** `deployments` divided by `days`. */
    perDay: number;
    /** `perDay` times 7. */
    perWeek: number;
  };
  /** From a change's commit to its successful deployment. */
  leadTime: DurationStats;
  /** Share of finished deployments that failed or were rolled back. */
  changeFailureRate: {
    /** Failed or rolled back. */
    failed: number;
    /** Finished deployments: succeeded, failed or rolled back. */
    total: number;
    /**
     * `failed / total` as a fraction from 0 to 1; undefined when `total` is 0.
     */
    rate?: number;
  };
  /**
   * From the first failed or rolled-back deployment after a success to the
   * next success; consecutive failures are one incident.
   */
  timeToRestore: DurationStats & {
    /** 1 while the newest incident has no success after it yet. */
    unrestored: number;
  };
}

/**
 * What an entity overview needs for one environment.
 *
 * @public
 */
export interface EnvironmentSummary {
  /** The environment's name. */
  environment: string;
  /** Version of the newest successful deployment. */
  runningVersion?: string;
  /**
   * The newest deployment whatever its status (it may still be running or
   * have failed); undefined when the environment never had one.
   */
  latestDeployment?: {
    /** The deployment's {@link Deployment.id}. */
    id: string;
    /** The version it deploys. */
    version: string;
    /** Its status now. */
    status: DeploymentStatus;
    /**
     * When it finished, else started, else was first reported; ISO 8601 in UTC.
     */
    at: string;
    /** Who or what triggered it. */
    actor?: string;
    /** How it rolled out, when reported. */
    strategy?: DeploymentStrategy;
  };
  /** The time of `latestDeployment`, ISO 8601 in UTC. */
  lastDeployedAt?: string;
  /** Migrations whose newest reported state is `pending` or `failed`. */
  migrations: {
    /** Reported but not applied yet. */
    pending: number;
    /** Whose last run failed. */
    failed: number;
  };
  /** The newest health check, when the entity declares a health URL. */
  health?: {
    status: HealthStatus;
    checkedAt: string;
  };
}

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/summary`.
 *
 * @public
 */
export interface EntitySummary {
  /** The entity, as `kind:namespace/name`. */
  entityRef: string;
  /**
   * The entity's environments in promotion order, each listed even without
   * data; environments that only have data follow by name.
   */
  environments: EnvironmentSummary[];
  /** Firing alerts routed to the entity, by severity. */
  firingAlerts: Record<AlertSeverity, number>;
}
