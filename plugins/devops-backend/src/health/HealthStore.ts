import type { HealthCheckResult } from '@backstage-devops/plugin-devops-common';

export interface RecordedHealthCheck extends HealthCheckResult {
  entityRef: string;
  environment: string;
  url: string;
}

export interface HealthStore {
  /** Appends checks to the history and makes each its environment's current state. */
  recordChecks(checks: RecordedHealthCheck[]): Promise<void>;
  /** When each entity environment was last checked, keyed `entityRef|environment`. */
  lastCheckTimes(): Promise<Map<string, number>>;
  current(entityRef: string): Promise<RecordedHealthCheck[]>;
  /** Checks since `since`, oldest first. */
  history(entityRef: string, since: Date): Promise<RecordedHealthCheck[]>;
  /** Deletes history older than `before`; returns how many rows went. */
  prune(before: Date): Promise<number>;
}
