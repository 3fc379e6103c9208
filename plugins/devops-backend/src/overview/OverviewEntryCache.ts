import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';

const MAX_ENTRIES = 20_000;

/**
 * Keeps computed overview rows for a few seconds. A row costs a readiness
 * evaluation and several reads, and a dashboard's first page is asked for
 * over and over; rows hold nothing caller-specific (who may see which row is
 * decided per request before this cache is asked), so every caller shares
 * them. Concurrent requests for a row that is being computed wait for the
 * same computation. With `ttlMs` 0 nothing is kept.
 */
export class OverviewEntryCache {
  private readonly rows = new Map<
    string,
    { until: number; row: Promise<OverviewEntry> }
  >();

  constructor(private readonly ttlMs: number) {}

  /** The row held fresh (or being computed) for the key, if any. */
  peek(key: string): Promise<OverviewEntry> | undefined {
    const held = this.rows.get(key);
    return held && held.until > Date.now() ? held.row : undefined;
  }

  /** Keeps a row being computed, so concurrent requests share it. */
  put(key: string, row: Promise<OverviewEntry>): Promise<OverviewEntry> {
    if (this.ttlMs <= 0) {
      return row;
    }
    this.rows.delete(key);
    if (this.rows.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.rows.keys().next().value;
      if (oldest !== undefined) {
        this.rows.delete(oldest);
      }
    }
    this.rows.set(key, { until: Date.now() + this.ttlMs, row });
    row.catch(() => this.rows.delete(key));
    return row;
  }

  /** Forgets an entity's rows, after this process recorded data for it. */
  forget(entityRef: string) {
    for (const key of this.rows.keys()) {
      if (key.startsWith(`${entityRef}\n`)) {
        this.rows.delete(key);
      }
    }
  }
}
