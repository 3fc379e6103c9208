import type { Deployment } from '@backstage-devops/plugin-devops-common';
import type { RecordedHealthCheck } from '../health/HealthStore';
import type { MigrationStatesByEnvironment } from '../migrations/MigrationStore';

/** One environment of one entity. */
export interface EnvironmentKey {
  entityRef: string;
  environment: string;
}

/**
 * Reads for many entities at once, so that readiness and the overview cost a
 * handful of statements per page rather than a handful per entity. Every
 * result is keyed by entity ref; entities without data are absent.
 */
export interface ReadinessStore {
  /** Newest and newest successful deployment of each given environment. */
  latestPerEnvironment(
    keys: EnvironmentKey[],
  ): Promise<
    Map<
      string,
      Map<string, { latest: Deployment; latestSucceeded?: Deployment }>
    >
  >;
  /** Deployments of one environment in a window, oldest first. */
  deploymentsInWindow(
    environment: string,
    entityRefs: string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, Deployment[]>>;
  /** Successful deployments of the given versions to one environment, oldest first. */
  succeededVersions(
    environment: string,
    wanted: Array<{ entityRef: string; version: string }>,
  ): Promise<Map<string, Deployment[]>>;
  migrationStates(
    entityRefs: string[],
  ): Promise<Map<string, MigrationStatesByEnvironment>>;
  healthCurrent(
    entityRefs: string[],
  ): Promise<Map<string, RecordedHealthCheck[]>>;
}
