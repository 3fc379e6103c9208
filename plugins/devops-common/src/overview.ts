import type { AlertSeverity } from './alerts';
import type { DeploymentStatus } from './deployments';
import type { DoraBand } from './doraBands';
import type { HealthStatus } from './health';

/**
 * One environment of one entity in the catalog-wide overview.
 *
 * @public
 */
export interface OverviewEnvironment {
  environment: string;
  /** Version of the newest successful deployment. */
  runningVersion?: string;
  latestStatus?: DeploymentStatus;
  lastDeployedAt?: string;
  health?: HealthStatus;
}

/**
 * One entity's row in `GET /v1/overview`.
 *
 * @public
 */
export interface OverviewEntry {
  entityRef: string;
  /** For display; from the catalog. */
  title?: string;
  kind: string;
  namespace: string;
  name: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  environments: OverviewEnvironment[];
  firingAlerts: Record<AlertSeverity, number>;
  readiness: {
    score?: number;
    passed: number;
    failed: number;
    unknown: number;
  };
  /**
   * DORA figures for the overview's `doraEnvironment`, or the entity's
   * production environment when none was asked for. An entity that never
   * deployed there has zero deployments and no other figures.
   */
  dora: {
    environment: string;
    days: number;
    deploymentsPerDay: number;
    leadTimeMedianSeconds?: number;
    changeFailureRate?: number;
    timeToRestoreMedianSeconds?: number;
    bands: {
      deploymentFrequency?: DoraBand;
      leadTime?: DoraBand;
      changeFailureRate?: DoraBand;
      timeToRestore?: DoraBand;
    };
  };
}

/**
 * Response of
 * `GET /v1/overview?kind=&owner=&system=&lifecycle=&environment=&doraEnvironment=&limit=&cursor=`.
 *
 * `environment` only narrows the entities (to those having that
 * environment); `doraEnvironment` picks the environment of every entry's
 * DORA figures. Entries are ordered by entity ref; `nextCursor` is opaque and present
 * while more entries follow. `totalItems` counts the entities that matched
 * the filters and that the caller may read.
 *
 * @public
 */
export interface OverviewPage {
  items: OverviewEntry[];
  nextCursor?: string;
  totalItems: number;
}
