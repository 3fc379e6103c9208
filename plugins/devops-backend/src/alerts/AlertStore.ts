import type { AlertSeverity } from '@backstage-devops/plugin-devops-common';

export interface StoredAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  alertname?: string;
  severity: AlertSeverity;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorUrl?: string;
  externalUrl?: string;
  source: 'webhook' | 'sync';
  updatedAt: string;
}

export interface AlertSourceState {
  lastWebhookAt?: string;
  lastSyncAt?: string;
}

export interface AlertStore {
  /**
   * Applies notifications. A notification older than what is stored for
   * the fingerprint (an earlier start, or a firing one after the same
   * occurrence resolved) changes nothing.
   */
  upsert(alerts: StoredAlert[]): Promise<void>;
  /** Firing alerts, and resolved ones updated since `resolvedSince` if given. */
  list(options: { resolvedSince?: Date }): Promise<StoredAlert[]>;
  /** Marks firing alerts not in `activeFingerprints` resolved (a sync saw them end). */
  resolveMissing(activeFingerprints: Set<string>, at: Date): Promise<number>;
  /**
   * Deletes resolved alerts last updated before `before`, then all but the
   * `keep` most recently updated resolved ones, and all but the
   * `keepPerEntity` newest of each entity its labels name (`backstage_entity`,
   * else `service`); returns how many went.
   */
  pruneResolved(options: {
    before: Date;
    keep: number;
    keepPerEntity: number;
  }): Promise<number>;
  touchSource(kind: 'webhook' | 'sync', at: Date): Promise<void>;
  sourceState(): Promise<AlertSourceState>;
}
