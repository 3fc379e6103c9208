import type { AlertSourceState, AlertStore, StoredAlert } from './AlertStore';

/**
 * Keeps the list of firing alerts in memory for a few seconds. Every entity
 * summary and page asks for it, and it changes only when Alertmanager
 * speaks; writes through this process clear it at once, writes through
 * another replica show within `ttlMs`.
 */
export class CachedAlertStore implements AlertStore {
  private firing?: { until: number; alerts: Promise<StoredAlert[]> };

  constructor(
    private readonly store: AlertStore,
    private readonly ttlMs = 5_000,
  ) {}

  async upsert(alerts: StoredAlert[]): Promise<void> {
    this.firing = undefined;
    await this.store.upsert(alerts);
    this.firing = undefined;
  }

  list(options: { resolvedSince?: Date }): Promise<StoredAlert[]> {
    if (options.resolvedSince) {
      return this.store.list(options);
    }
    const now = Date.now();
    if (!this.firing || this.firing.until < now) {
      const alerts = this.store.list({});
      this.firing = { until: now + this.ttlMs, alerts };
      alerts.catch(() => {
        this.firing = undefined;
      });
    }
    return this.firing.alerts;
  }

  async resolveMissing(active: Set<string>, at: Date): Promise<number> {
    this.firing = undefined;
    const resolved = await this.store.resolveMissing(active, at);
    this.firing = undefined;
    return resolved;
  }

  pruneResolved(options: {
    before: Date;
    keep: number;
    keepPerEntity: number;
  }): Promise<number> {
    // Only resolved alerts go, and the cache holds firing ones.
    return this.store.pruneResolved(options);
  }

  touchSource(kind: 'webhook' | 'sync', at: Date): Promise<void> {
    return this.store.touchSource(kind, at);
  }

  sourceState(): Promise<AlertSourceState> {
    return this.store.sourceState();
  }
}
