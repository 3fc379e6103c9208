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
  /** The environment's name. */
  environment: string;
  /** Version of the newest successful deployment. */
  runningVersion?: string;
  /**
   * Status of the newest deployment, whatever it is; undefined when the
   * environment never had one.
   */
  latestStatus?: DeploymentStatus;
  /** When the newest deployment happened, ISO 8601 in UTC. */
  lastDeployedAt?: string;
  /** The newest health check's status; undefined without a health URL. */
  health?: HealthStatus;
}

/**
 * One entity's row in `GET /v1/overview`.
 *
 * @public
 */
export interface OverviewEntry {
  /** The entity, as `kind:namespace/name`. */
  entityRef: string;
  /** For display; from the catalog. */
  title?: string;
  /** The entity's kind, as the catalog spells it. */
  kind: string;
  /** The entity's namespace. */
  namespace: string;
  /** The entity's name. */
  name: string;
  /** `spec.owner` of the entity, as written there. */
  owner?: string;
  /** `spec.system` of the entity, as written there. */
  system?: string;
  /** `spec.lifecycle` of the entity, for example `production`. */
  lifecycle?: string;
  /** `spec.type` of the entity, for example `service`. */
  type?: string;
  /** The entity's environments in promotion order. */
  environments: OverviewEnvironment[];
  /**
   * Firing alerts routed to the entity per priority; every priority is present.
   */
  firingAlerts: Record<AlertSeverity, number>;
  /** The entity's readiness counts, as in {@link EntityReadiness}. */
  readiness: {
    /**
     * Share of decided checks that pass, 0–100; undefined while none is
     * decided.
     */
    score?: number;
    /** Checks that pass. */
    passed: number;
    /** Checks that fail. */
    failed: number;
    /** Checks without the data to decide yet. */
    unknown: number;
  };
  /**
   * DORA figures for the overview's `doraEnvironment`, or the entity's
   * production environment when none was asked for. An entity that never
   * deployed there has zero deployments and no other figures.
   */
  dora: {
    /** The environment the figures are for. */
    environment: string;
    /**
     * Days the figures cover, ending now (the readiness window, 30 by default).
     */
    days: number;
    /** Successful deployments per day. */
    deploymentsPerDay: number;
    /** Median lead time from commit to successful deployment, in seconds. */
    leadTimeMedianSeconds?: number;
    /** Failed or rolled-back share of finished deployments, 0 to 1. */
    changeFailureRate?: number;
    /** Median time to restore after a failed deployment, in seconds. */
    timeToRestoreMedianSeconds?: number;
    /**
     * The {@link doraBands} of these figures; undefined where there is no data.
     */
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
  /** This page's entries, ordered by entity ref. */
  items: OverviewEntry[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  /** Entities matching the filters that the caller may read, over all pages. */
  totalItems: number;
}
