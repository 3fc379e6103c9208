import type { AlertSeverity } from './alerts';
import type { DeploymentStatus, DeploymentStrategy } from './deployments';
import type { HealthStatus } from './health';

/**
 * A duration distribution in seconds, with how many samples it came from.
 *
 * @public
 */
export interface DurationStats {
  count: number;
  medianSeconds?: number;
  p90Seconds?: number;
}

/**
 * The four DORA metrics for one entity and environment over a window.
 *
 * @public
 */
export interface DoraMetrics {
  entityRef: string;
  environment: string;
  days: number;
  from: string;
  to: string;
  deploymentFrequency: {
    /** Successful deployments in the window. */
    deployments: number;
    perDay: number;
    perWeek: number;
  };
  /** From a change's commit to its successful deployment. */
  leadTime: DurationStats;
  changeFailureRate: {
    /** Failed or rolled back. */
    failed: number;
    /** Finished deployments: succeeded, failed or rolled back. */
    total: number;
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
  environment: string;
  /** Version of the newest successful deployment. */
  runningVersion?: string;
  latestDeployment?: {
    id: string;
    version: string;
    status: DeploymentStatus;
    at: string;
    actor?: string;
    strategy?: DeploymentStrategy;
  };
  lastDeployedAt?: string;
  migrations: {
    pending: number;
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
  entityRef: string;
  environments: EnvironmentSummary[];
  /** Firing alerts routed to the entity, by severity. */
  firingAlerts: Record<AlertSeverity, number>;
}
